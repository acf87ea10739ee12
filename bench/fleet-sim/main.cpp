// fleet-sim: drives a real aiops-controller with N simulated node daemons (M GPUs each) speaking the
// node protocol over real WebSockets, and prints ingestion rate, heartbeat latency, and the
// controller's CPU and memory.
//
//   fleet-sim --nodes 1000 --gpus 8 --rate 1 --duration 30
#include "FleetSimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace aiops::bench;

namespace {

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct ProcSample
{
    double cpuSeconds = 0;
    qint64 rssKb = 0;
    qint64 peakRssKb = 0;
};

ProcSample sampleProcess(qint64 pid)
{
    ProcSample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the ")" of the command name; utime and stime are fields 14 and 15.
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (f.size() > 13)
            s.cpuSeconds = double(f[11].toLongLong() + f[12].toLongLong()) / double(::sysconf(_SC_CLK_TCK));
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                s.rssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
            else if (line.startsWith("VmHWM:"))
                s.peakRssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return s;
}

QJsonObject getJson(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& token)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return o;
}

double percentile(std::vector<quint64>& v, double p)
{
    if (v.empty())
        return 0;
    const std::size_t k = std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5));
    std::nth_element(v.begin(), v.begin() + qsizetype(k), v.end());
    return double(v[k]) / 1000.0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fleet simulator for the AIOps controller"));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("nodes"), QStringLiteral("Simulated nodes."), QStringLiteral("n"), QStringLiteral("1000") });
    parser.addOption(
        { QStringLiteral("gpus"), QStringLiteral("GPUs per node."), QStringLiteral("m"), QStringLiteral("8") });
    parser.addOption({ QStringLiteral("rate"),
                       QStringLiteral("Heartbeats per node per second."),
                       QStringLiteral("hz"),
                       QStringLiteral("1") });
    parser.addOption(
        { QStringLiteral("duration"), QStringLiteral("Measured seconds."), QStringLiteral("s"), QStringLiteral("20") });
    parser.addOption({ QStringLiteral("warmup"),
                       QStringLiteral("Seconds after all nodes registered before measuring."),
                       QStringLiteral("s"),
                       QStringLiteral("5") });
    parser.addOption(
        { QStringLiteral("threads"), QStringLiteral("Simulator threads."), QStringLiteral("k"), QStringLiteral("1") });
    parser.addOption({ QStringLiteral("controller"),
                       QStringLiteral("aiops-controller binary to start."),
                       QStringLiteral("path"),
                       QStringLiteral(AIOPS_CONTROLLER_BIN) });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Also print one JSON line with the figures.") });
    parser.process(app);

    const int nodes = parser.value(QStringLiteral("nodes")).toInt();
    const int gpus = parser.value(QStringLiteral("gpus")).toInt();
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const int duration = parser.value(QStringLiteral("duration")).toInt();
    const int warmup = parser.value(QStringLiteral("warmup")).toInt();
    const int threads = std::max(1, parser.value(QStringLiteral("threads")).toInt());
    if (nodes <= 0 || gpus < 0 || gpus > 64 || rate <= 0 || duration <= 0) {
        std::fprintf(stderr, "fleet-sim: invalid arguments\n");
        return 2;
    }

    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }

    QTemporaryDir dataDir;
    QProcess controller;
    controller.setProgram(parser.value(QStringLiteral("controller")));
    controller.setArguments({ QStringLiteral("--port"),
                              QStringLiteral("0"),
                              QStringLiteral("--data-dir"),
                              dataDir.path(),
                              QStringLiteral("--heartbeat-interval"),
                              QString::number(1.0 / rate),
                              QStringLiteral("--print-tokens"),
                              QString::number(nodes),
                              QStringLiteral("--print-owner-token") });
    controller.setProcessChannelMode(QProcess::SeparateChannels);
    controller.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    controller.start();
    if (!controller.waitForStarted(5000)) {
        std::fprintf(stderr, "fleet-sim: cannot start %s\n", qPrintable(controller.program()));
        return 1;
    }
    QByteArray out;
    QElapsedTimer startup;
    startup.start();
    while (!out.contains("owner-token=") && startup.elapsed() < 60000) {
        controller.waitForReadyRead(200);
        out += controller.readAllStandardOutput();
    }
    const auto field = [&out](const QByteArray& key) {
        const qsizetype i = out.indexOf(key);
        if (i < 0)
            return QByteArray();
        const qsizetype end = out.indexOf(QByteArrayView("\n "), i);
        QByteArray v = out.mid(i + key.size());
        const qsizetype stop = std::min(v.indexOf(' ') < 0 ? v.size() : v.indexOf(' '),
                                        v.indexOf('\n') < 0 ? v.size() : v.indexOf('\n'));
        Q_UNUSED(end);
        return v.left(stop);
    };
    const int port = field("port=").toInt();
    const QByteArray token = field("owner-token=");
    const QList<QByteArray> nodeTokens = field("tokens=").split(',');
    if (port <= 0 || token.isEmpty() || nodeTokens.size() < nodes) {
        std::fprintf(stderr, "fleet-sim: the controller did not report its port/token: %s\n", out.constData());
        return 1;
    }
    const qint64 pid = controller.processId();
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));

    SimStats stats;
    SimConfig config { QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(port)), nodeTokens, gpus, rate };
    std::vector<std::unique_ptr<QThread>> workers;
    std::vector<SimGroup*> groups;
    for (int t = 0; t < threads; ++t) {
        const int first = nodes * t / threads;
        const int count = nodes * (t + 1) / threads - first;
        auto thread = std::make_unique<QThread>();
        auto* group = new SimGroup(config, first, count, &stats);
        group->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, group, &QObject::deleteLater);
        thread->start();
        QMetaObject::invokeMethod(group, &SimGroup::start);
        groups.push_back(group);
        workers.push_back(std::move(thread));
    }

    std::printf("fleet-sim: %d nodes x %d GPUs at %.2f Hz against aiops-controller pid %lld on port %d\n",
                nodes,
                gpus,
                rate,
                pid,
                port);
    QElapsedTimer ramp;
    ramp.start();
    while (stats.registered.load() < quint64(nodes) && ramp.elapsed() < 120000)
        wait(100);
    std::printf("registered %llu/%d nodes in %.1f s\n",
                static_cast<unsigned long long>(stats.registered.load()),
                nodes,
                double(ramp.elapsed()) / 1000.0);
    wait(warmup * 1000);

    QNetworkAccessManager nam;
    const QJsonObject before = getJson(nam, base.resolved(QUrl(QStringLiteral("/system/stats"))), token);
    const ProcSample procBefore = sampleProcess(pid);
    {
        QMutexLocker locker(&stats.latencyMutex);
        stats.latenciesUs.clear();
    }
    const quint64 sentBefore = stats.heartbeatsSent.load();
    QElapsedTimer window;
    window.start();
    wait(duration * 1000);
    const double seconds = double(window.elapsed()) / 1000.0;
    const quint64 sentAfter = stats.heartbeatsSent.load();
    const ProcSample procAfter = sampleProcess(pid);
    const QJsonObject after = getJson(nam, base.resolved(QUrl(QStringLiteral("/system/stats"))), token);

    std::vector<quint64> latencies;
    {
        QMutexLocker locker(&stats.latencyMutex);
        latencies.swap(stats.latenciesUs);
    }
    const auto ingested = [](const QJsonObject& o) {
        return o.value(QStringLiteral("heartbeats")).toObject().value(QStringLiteral("ingested")).toDouble();
    };
    const double ingestRate = (ingested(after) - ingested(before)) / seconds;
    const double sendRate = double(sentAfter - sentBefore) / seconds;
    const double cpuPercent = 100.0 * (procAfter.cpuSeconds - procBefore.cpuSeconds) / seconds;
    const double p50 = percentile(latencies, 0.50);
    const double p99 = percentile(latencies, 0.99);
    const double p999 = percentile(latencies, 0.999);
    const QJsonObject hb = after.value(QStringLiteral("heartbeats")).toObject();

    std::printf("\n== fleet-sim results (%.1f s window) ==\n", seconds);
    std::printf("nodes online             %d / %d (%d GPUs)\n",
                after.value(QStringLiteral("nodes")).toObject().value(QStringLiteral("online")).toInt(),
                nodes,
                after.value(QStringLiteral("gpus")).toInt());
    std::printf("heartbeats sent/s        %.1f\n", sendRate);
    std::printf("heartbeats ingested/s    %.1f  (GPU samples/s %.0f)\n", ingestRate, ingestRate * gpus);
    std::printf("hb->registry p50 / p99   %.2f ms / %.2f ms  (p99.9 %.2f ms; %zu samples; ping-after-heartbeat RTT)\n",
                p50,
                p99,
                p999,
                latencies.size());
    std::printf("registry-side p50 / p99  %.0f ms / %.0f ms  (timestamp->ingest, ms resolution, since start)\n",
                hb.value(QStringLiteral("latencyP50Ms")).toDouble(),
                hb.value(QStringLiteral("latencyP99Ms")).toDouble());
    std::printf("controller CPU           %.1f %% of one core\n", cpuPercent);
    std::printf("controller RSS           %.1f MiB (peak %.1f MiB)\n",
                double(procAfter.rssKb) / 1024.0,
                double(procAfter.peakRssKb) / 1024.0);
    std::printf("errors / disconnects     %llu / %llu\n",
                static_cast<unsigned long long>(stats.errors.load()),
                static_cast<unsigned long long>(stats.disconnects.load()));
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject figures { { QStringLiteral("nodes"), nodes },
                                    { QStringLiteral("gpusPerNode"), gpus },
                                    { QStringLiteral("rateHz"), rate },
                                    { QStringLiteral("heartbeatsPerSecond"), ingestRate },
                                    { QStringLiteral("p50Ms"), p50 },
                                    { QStringLiteral("p99Ms"), p99 },
                                    { QStringLiteral("controllerCpuPercent"), cpuPercent },
                                    { QStringLiteral("controllerRssMiB"), double(procAfter.rssKb) / 1024.0 },
                                    { QStringLiteral("errors"), double(stats.errors.load()) } };
        std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
    }
    std::fflush(stdout);

    for (auto* group : groups)
        QMetaObject::invokeMethod(group, &SimGroup::stopAll, Qt::BlockingQueuedConnection);
    for (auto& thread : workers) {
        thread->quit();
        thread->wait();
    }
    controller.terminate();
    controller.waitForFinished(5000);
    return stats.errors.load() == 0 ? 0 : 1;
}
