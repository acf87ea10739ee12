// model-download-bench: download throughput of ModelDownloader (libcurl multi-socket on the Qt loop,
// sha256 while streaming, atomic commit into the HF cache layout) against the curl command line tool,
// both fetching the same file from FakeHfHub (the Hub double, on its own thread) over loopback.
//
// Usage: model-download-bench [--size-mb N] [--runs N] [--work-dir DIR]
// Prints each run, then the medians and the ratio ours / curl (the goal is >= 0.95).
#include "core/net/CurlClient.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/LocalObjectStore.h"
#include "core/registry/ModelDownloader.h"
#include "tests/registry/FakeHfHub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <unistd.h>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Writes sizeBytes of pseudo-random data and returns its sha256 (hex).
QByteArray makeSourceFile(const QString& path, qint64 sizeBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk(4 * 1024 * 1024, Qt::Uninitialized);
    quint64 state = 0x9e3779b97f4a7c15ull;
    for (qint64 written = 0; written < sizeBytes;) {
        auto* words = reinterpret_cast<quint64*>(chunk.data());
        for (qsizetype i = 0; i < chunk.size() / 8; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            words[i] = state;
        }
        const qint64 n = std::min<qint64>(chunk.size(), sizeBytes - written);
        file.write(chunk.constData(), n);
        hash.addData(QByteArrayView(chunk.constData(), n));
        written += n;
    }
    // On disk before the first run, so that its writeback does not compete with whichever client runs then.
    if (!file.flush() || ::fsync(file.handle()) != 0)
        return {};
    return hash.result().toHex();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"size-mb"_s, u"Size of the file in MiB (default 1024)."_s, u"N"_s, u"1024"_s });
    parser.addOption({ u"runs"_s, u"Runs of each client, alternating (default 3)."_s, u"N"_s, u"3"_s });
    parser.addOption({ u"work-dir"_s, u"Where the source file and downloads go (default: a temp dir)."_s, u"DIR"_s });
    parser.process(app);
    const qint64 sizeBytes = parser.value(u"size-mb"_s).toLongLong() * 1024 * 1024;
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());

    QTemporaryDir tempDir(parser.isSet(u"work-dir"_s) ? parser.value(u"work-dir"_s) + u"/bench-XXXXXX"_s
                                                      : QDir::tempPath() + u"/model-download-bench-XXXXXX"_s);
    if (!tempDir.isValid()) {
        out() << "cannot create the work directory\n";
        return 1;
    }
    const QString source = tempDir.filePath(u"source.bin"_s);
    out() << "preparing " << sizeBytes / (1024 * 1024) << " MiB source file..." << Qt::endl;
    const QByteArray sha256 = makeSourceFile(source, sizeBytes);
    if (sha256.isEmpty()) {
        out() << "cannot write " << source << '\n';
        return 1;
    }

    // The double serves from its own thread so that it does not share an event loop with our client.
    const QString repo = u"bench/one-gib"_s;
    QThread serverThread;
    serverThread.start();
    QObject anchor;
    anchor.moveToThread(&serverThread);
    testing::FakeHfHub* hub = nullptr;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            hub = new testing::FakeHfHub;
            hub->addRepo(repo, {});
            hub->addDiskFile(repo, u"model.safetensors"_s, source, sha256);
        },
        Qt::BlockingQueuedConnection);
    const QUrl endpoint = hub->endpoint();
    const QString fileUrl = endpoint.toString() + u"/"_s + repo + u"/resolve/main/model.safetensors"_s;

    net::CurlClient curl;
    HfHubClient client(&curl, nullptr);
    client.setEndpoint(endpoint);

    QList<double> ours;
    QList<double> theirs;
    QList<double> verified;
    bool ok = true;
    for (int run = 1; run <= runs && ok; ++run) {
        // Ours: model info, stream + sha256, verify, atomic rename, snapshot link.
        const QString storeDir = tempDir.filePath(u"store"_s);
        QDir(storeDir).removeRecursively();
        LocalObjectStore store(storeDir);
        DownloadJob job;
        job.repo = repo;
        job.revision = u"main"_s;
        ModelDownloader downloader(&client, &store, job);
        DownloadOptions options;
        options.reserveBytes = 0;
        downloader.setOptions(options);
        QEventLoop loop;
        QObject::connect(&downloader, &ModelDownloader::finished, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        downloader.start();
        loop.exec();
        const double oursSeconds = double(timer.nsecsElapsed()) / 1e9;
        if (downloader.job().state != u"completed"_s) {
            out() << "our download failed: " << downloader.job().errorMessage << '\n';
            ok = false;
            break;
        }
        ours.append(double(sizeBytes) / (1024.0 * 1024.0) / oursSeconds);
        QDir(storeDir).removeRecursively();

        // curl: the same bytes into a file; its sha256 is checked afterwards, outside the timing.
        const QString curlOut = tempDir.filePath(u"curl.bin"_s);
        QFile::remove(curlOut);
        QProcess process;
        timer.restart();
        process.start(u"curl"_s, { u"-sS"_s, u"-f"_s, u"-o"_s, curlOut, fileUrl });
        process.waitForStarted();
        QEventLoop curlLoop;
        QObject::connect(&process, &QProcess::finished, &curlLoop, &QEventLoop::quit);
        if (process.state() != QProcess::NotRunning)
            curlLoop.exec();
        const double curlSeconds = double(timer.nsecsElapsed()) / 1e9;
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            out() << "curl failed: " << process.readAllStandardError() << '\n';
            ok = false;
            break;
        }
        // What a script that verifies its download does next: sha256sum, timed as "curl + sha256sum".
        QProcess sum;
        QElapsedTimer sumTimer;
        sumTimer.start();
        sum.start(u"sha256sum"_s, { curlOut });
        sum.waitForStarted();
        QEventLoop sumLoop;
        QObject::connect(&sum, &QProcess::finished, &sumLoop, &QEventLoop::quit);
        if (sum.state() != QProcess::NotRunning)
            sumLoop.exec();
        const double sumSeconds = double(sumTimer.nsecsElapsed()) / 1e9;
        if (sum.readAllStandardOutput().left(64) != sha256) {
            out() << "curl's file does not match the source sha256\n";
            ok = false;
            break;
        }
        QFile curlFile(curlOut);
        verified.append(double(sizeBytes) / (1024.0 * 1024.0) / (curlSeconds + sumSeconds));
        curlFile.remove();
        theirs.append(double(sizeBytes) / (1024.0 * 1024.0) / curlSeconds);
        out() << "run " << run << ": ours " << Qt::fixed << qSetRealNumberPrecision(1) << ours.last()
              << " MiB/s (sha256 verified in-stream), curl " << theirs.last() << " MiB/s, curl + sha256sum "
              << verified.last() << " MiB/s" << Qt::endl;
    }

    QMetaObject::invokeMethod(
        &anchor, [&] { delete hub; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    if (!ok)
        return 1;
    const double oursMedian = median(ours);
    const double curlMedian = median(theirs);
    out() << "median over " << runs << " runs of " << sizeBytes / (1024 * 1024) << " MiB: ours " << oursMedian
          << " MiB/s, curl " << curlMedian << " MiB/s, ratio " << qSetRealNumberPrecision(3) << oursMedian / curlMedian
          << " (goal >= 0.95); curl + sha256sum " << qSetRealNumberPrecision(1) << median(verified) << " MiB/s, ratio "
          << qSetRealNumberPrecision(3) << oursMedian / median(verified) << Qt::endl;
    return 0;
}
