// safety-bench: throughput of the PII stage, and of PII + guardrails, on a generated mixed corpus of
// ~2 KB chat messages, single-threaded (MB/s per core, p99 per message); then the same default
// patterns in Node.js (bench/safety/pii-node.js) on the same corpus, and the ratio.
#include "core/safety/GuardrailEngine.h"
#include "core/safety/PiiEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

struct Figures
{
    double mbPerSec = 0; // per CPU-second of this thread: what one core does
    double wallMbPerSec = 0;
    double p99Us = 0;
    qint64 matches = 0;
};

// On a shared machine wall-clock time includes waiting for the CPU; thread CPU time does not.
double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Deterministic mixed traffic: English and Vietnamese chat, emoji, numbers that look like PII
// but are not (versions, timestamps, hashes, UUIDs), and PII in about 40% of the messages.
class CorpusGenerator
{
public:
    // noise: share of sentences that carry PII look-alikes (hashes, UUIDs, versions, timestamps).
    CorpusGenerator(quint32 seed, double noise)
        : m_rng(seed)
        , m_noise(noise)
    {
    }

    QStringList generate(int count, int targetBytes)
    {
        QStringList out;
        out.reserve(count);
        for (int i = 0; i < count; ++i)
            out.append(message(targetBytes));
        return out;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
    QString digits(int n)
    {
        QString s;
        for (int i = 0; i < n; ++i)
            s.append(QChar(u'0' + pick(10)));
        return s;
    }
    QString hex(int n)
    {
        static const QString alphabet = u"0123456789abcdef"_s;
        QString s;
        for (int i = 0; i < n; ++i)
            s.append(alphabet[pick(16)]);
        return s;
    }

    QString sentence()
    {
        static const QStringList english {
            u"The training job on node-3 finished after 14 hours and the loss curve looks stable."_s,
            u"Can you check why the GPU utilisation dropped to 12% at 03:40 last night?"_s,
            u"We need to move the llama-3-70b deployment to the H100 nodes before Friday."_s,
            u"Please review the pull request that updates the scheduler and the metrics exporter."_s,
            u"The customer asked whether the inference endpoint supports streaming responses."_s,
            u"Memory usage on the controller grew to 3.2 GB after the last release."_s,
            u"I restarted the worker, it reconnected within 5 seconds and the queue drained."_s,
            u"Let's schedule a call tomorrow to go through the capacity plan for Q3."_s,
        };
        static const QStringList vietnamese {
            u"Anh ơi, máy chủ số 3 bị quá nhiệt từ sáng nay, nhiệt độ lên tới 87 độ."_s,
            u"Em đã cập nhật driver NVIDIA lên bản mới nhất nhưng vẫn chưa thấy cải thiện."_s,
            u"Khách hàng muốn biết chi phí thuê GPU theo giờ cho dự án nhận dạng giọng nói."_s,
            u"Cuộc họp chuyển sang 14 giờ chiều thứ Năm tại phòng họp tầng 5 nhé mọi người."_s,
            u"Mô hình mới cho kết quả tốt hơn khoảng 3,5% trên tập kiểm thử tiếng Việt."_s,
            u"Nhờ chị kiểm tra lại hóa đơn tháng này, hình như bị tính trùng hai lần."_s,
        };
        static const QStringList noise {
            u"Deployed v2.14.3 (build 1.2.3.4567) at 2024-06-01T12:34:56.789Z."_s,
            u"Request 123e4567-e89b-12d3-a456-426614174000 took 2.25 s, epoch 1718000000."_s,
            u"Node 10.8.0.17 reports driver 550.54.15 and CUDA 12.4.131."_s,
            u"Giá 12.500.000 ₫ cho 3 máy, tổng cộng 37.500.000 ₫ đã bao gồm VAT."_s,
            u"Loss 0.0123456789 at step 120000, lr 3e-4, batch 32 😀"_s,
            u"Thanks a lot 🙏🚀 see you at 10:45 on 2024/06/15."_s,
        };
        if (chance(m_noise)) {
            if (chance(0.5))
                return noise[pick(noise.size())];
            return chance(0.5) ? u"commit "_s + hex(40) + u" fixed the race in the gateway."_s
                               : u"Image sha256:"_s + hex(64) + u" pulled."_s;
        }
        return chance(0.6) ? english[pick(english.size())] : vietnamese[pick(vietnamese.size())];
    }

    QString card()
    {
        QString d = u"4"_s + digits(14);
        int sum = 0;
        for (int i = 0; i < d.size(); ++i) {
            int x = d[d.size() - 1 - i].unicode() - u'0';
            if (i % 2 == 0) {
                x *= 2;
                if (x > 9)
                    x -= 9;
            }
            sum += x;
        }
        d.append(QChar(u'0' + (10 - sum % 10) % 10));
        return d.mid(0, 4) + u' ' + d.mid(4, 4) + u' ' + d.mid(8, 4) + u' ' + d.mid(12, 4);
    }

    QString pii()
    {
        switch (pick(7)) {
        case 0: return u"Email me at user"_s + digits(3) + u"@example.com please."_s;
        case 1: return u"Call (415) 555-"_s + digits(4) + u" after lunch."_s;
        case 2: return u"Số điện thoại của em là 0912 "_s + digits(3) + u' ' + digits(3) + u" ạ."_s;
        case 3: return u"My card is "_s + card() + u", expiry 09/27."_s;
        case 4: return u"SSN 2"_s + digits(2) + u"-4"_s + digits(1) + u"-1"_s + digits(3) + u" on the form."_s;
        case 5: return u"CCCD của tôi là 079203"_s + digits(6) + u"."_s;
        default: return u"export OPENAI_API_KEY=sk-proj-"_s + hex(20) + u"Xy9"_s + hex(24);
        }
    }

    QString message(int targetBytes)
    {
        QString text;
        qsizetype bytes = 0;
        int piiLeft = chance(0.3) ? 1 : (chance(0.15) ? 2 : 0);
        while (bytes < targetBytes) {
            const QString part = piiLeft > 0 && chance(0.2) ? (--piiLeft, pii()) : sentence();
            if (!text.isEmpty())
                text.append(u' ');
            text.append(part);
            bytes += part.toUtf8().size() + 1;
        }
        return text;
    }

    std::mt19937 m_rng;
    double m_noise;
};

double percentile99(QList<qint64> nanos)
{
    std::sort(nanos.begin(), nanos.end());
    return nanos.isEmpty() ? 0 : nanos[qsizetype(double(nanos.size()) * 0.99)] / 1000.0;
}

// Best of `passes` (the least disturbed by other processes), each timing every message on its own.
Figures measure(const QStringList& corpus, qint64 bytes, int passes, const std::function<qint64(const QString&)>& run)
{
    Figures best;
    for (const QString& m : corpus)
        best.matches += run(m); // warm-up: fills the RE2 DFA caches
    for (int pass = 0; pass < passes; ++pass) {
        QList<qint64> latencies;
        latencies.reserve(corpus.size());
        QElapsedTimer total;
        total.start();
        const double cpuStart = threadCpuSeconds();
        for (const QString& m : corpus) {
            QElapsedTimer one;
            one.start();
            run(m);
            latencies.append(one.nsecsElapsed());
        }
        const double mbPerSec = bytes / 1e6 / (threadCpuSeconds() - cpuStart);
        if (mbPerSec > best.mbPerSec) {
            best.mbPerSec = mbPerSec;
            best.wallMbPerSec = bytes / 1e6 / (total.nsecsElapsed() / 1e9);
            best.p99Us = percentile99(latencies);
        }
    }
    return best;
}

QList<Guardrail> benchGuardrails()
{
    Guardrail keywords;
    keywords.guardrailId = u"bench-keywords"_s;
    keywords.name = u"Blocked keywords"_s;
    keywords.description = u"Keyword filter for the benchmark"_s;
    keywords.type = u"content-filter"_s;
    keywords.action = u"warn"_s;
    keywords.appliesTo = { u"user-input"_s };
    QJsonArray words;
    for (const char* w : { "bitcoin",
                           "casino",
                           "gambling",
                           "weapon",
                           "explosive",
                           "malware",
                           "ransomware",
                           "phishing",
                           "đánh bạc",
                           "cờ bạc",
                           "ma túy",
                           "vũ khí",
                           "lừa đảo",
                           "tiền ảo" })
        words.append(QString::fromUtf8(w));
    keywords.config = QJsonObject { { u"blockedKeywords"_s, words } };

    Guardrail toxicity;
    toxicity.guardrailId = u"bench-toxicity"_s;
    toxicity.name = u"Toxicity"_s;
    toxicity.description = u"Toxicity threshold for the benchmark"_s;
    toxicity.type = u"toxicity"_s;
    toxicity.action = u"block"_s;
    toxicity.appliesTo = { u"both"_s };
    toxicity.config = QJsonObject { { u"maxToxicity"_s, 0.7 } };
    return { keywords, toxicity };
}

std::optional<QJsonObject> runNode(const QString& node, const QString& corpusPath, const QString& patternsPath)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(node, { QStringLiteral(AIOPS_SOURCE_DIR "/bench/safety/pii-node.js"), corpusPath, patternsPath });
    if (!process.waitForFinished(10 * 60 * 1000) || process.exitCode() != 0) {
        std::fprintf(stderr, "node did not run: %s\n", qPrintable(process.errorString()));
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed());
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

// The vector code Path::Auto runs on this CPU.
QString autoPathName()
{
    using Path = prefilter::WindowScanner::Path;
    if (prefilter::WindowScanner::available(Path::Avx512))
        return u"avx512 (auto)"_s;
    return prefilter::WindowScanner::available(Path::Avx2) ? u"avx2 (auto)"_s : u"portable (auto)"_s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"PII and guardrail throughput, C++ against Node.js"_s);
    parser.addHelpOption();
    const QCommandLineOption messagesOption(u"messages"_s, u"Number of messages (default 5000)."_s, u"n"_s, u"5000"_s);
    const QCommandLineOption bytesOption(u"size"_s, u"Bytes per message (default 2048)."_s, u"bytes"_s, u"2048"_s);
    const QCommandLineOption passesOption(u"passes"_s, u"Timed passes, best kept (default 3)."_s, u"n"_s, u"3"_s);
    const QCommandLineOption nodeOption(u"node"_s, u"Node.js binary (default node)."_s, u"path"_s, u"node"_s);
    const QCommandLineOption noNodeOption(u"no-node"_s, u"Skip the Node.js comparison."_s);
    const QCommandLineOption noiseOption(
        u"noise"_s,
        u"Share of sentences with PII look-alikes: hashes, UUIDs, versions (default 0.2)."_s,
        u"share"_s,
        u"0.2"_s);
    const QCommandLineOption piiOnlyOption(u"pii-only"_s, u"Skip the PII + guardrails run (for profiling)."_s);
    const QCommandLineOption pathOption(
        u"prefilter-path"_s,
        u"Vector code of the window pass: auto, avx512, avx2 or portable (default auto)."_s,
        u"path"_s,
        u"auto"_s);
    const QCommandLineOption corpusOption(
        u"write-corpus"_s, u"Also write the corpus here, one message a line."_s, u"path"_s);
    parser.addOptions({ messagesOption,
                        bytesOption,
                        passesOption,
                        nodeOption,
                        noNodeOption,
                        noiseOption,
                        piiOnlyOption,
                        pathOption,
                        corpusOption });
    parser.process(app);

    CorpusGenerator generator(20240601, parser.value(noiseOption).toDouble());
    const QStringList corpus
        = generator.generate(parser.value(messagesOption).toInt(), parser.value(bytesOption).toInt());
    qint64 bytes = 0;
    for (const QString& m : corpus)
        bytes += m.toUtf8().size();
    const int passes = std::max(1, parser.value(passesOption).toInt());
    if (parser.isSet(corpusOption)) {
        QFile out(parser.value(corpusOption));
        if (!out.open(QIODevice::WriteOnly) || out.write(corpus.join(u'\n').toUtf8()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(out.fileName()));
            return 1;
        }
    }

    using Path = prefilter::WindowScanner::Path;
    const QMap<QString, Path> paths { { u"auto"_s, Path::Auto },
                                      { u"avx512"_s, Path::Avx512 },
                                      { u"avx2"_s, Path::Avx2 },
                                      { u"portable"_s, Path::Portable } };
    const QString pathName = parser.value(pathOption);
    if (!paths.contains(pathName)) {
        std::fprintf(stderr, "--prefilter-path: \"%s\" is not auto, avx512, avx2 or portable\n", qPrintable(pathName));
        return 2;
    }
    if (!prefilter::WindowScanner::available(paths.value(pathName))) {
        std::fprintf(stderr, "--prefilter-path: this CPU has no %s\n", qPrintable(pathName));
        return 2;
    }
    PiiEngine::Options piiOptions;
    piiOptions.prefilterPath = paths.value(pathName);
    PiiEngine pii(piiOptions);
    if (auto set = pii.setPatterns(PiiEngine::defaultPatterns()); !set) {
        std::fprintf(stderr, "patterns: %s\n", qPrintable(set.error().message));
        return 1;
    }
    GuardrailEngine guardrails;
    if (auto set = guardrails.setGuardrails(benchGuardrails()); !set) {
        std::fprintf(stderr, "guardrails: %s\n", qPrintable(set.error().message));
        return 1;
    }

    const Figures piiOnly = measure(corpus, bytes, passes, [&](const QString& m) -> qint64 {
        const auto outcome = pii.process(m);
        return outcome ? outcome->matches.size() : 0;
    });
    const Figures combined
        = parser.isSet(piiOnlyOption) ? Figures {} : measure(corpus, bytes, passes, [&](const QString& m) -> qint64 {
              const auto outcome = pii.process(m);
              if (!outcome)
                  return 0;
              const GuardrailOutcome checked = guardrails.evaluate(outcome->redactedText, Direction::UserInput);
              return outcome->matches.size() + checked.violations.size();
          });

    std::printf("window pass: %s\n", qPrintable(pathName == u"auto"_s ? autoPathName() : pathName));
    std::printf("corpus: %lld messages, %.2f MB UTF-8 (%.0f bytes each), %lld PII matches\n",
                static_cast<long long>(corpus.size()),
                bytes / 1e6,
                double(bytes) / double(corpus.size()),
                static_cast<long long>(piiOnly.matches));
    std::printf("C++ PII (RE2):           %7.1f MB/s per core (CPU time), %7.1f MB/s wall, p99 %6.1f us/message\n",
                piiOnly.mbPerSec,
                piiOnly.wallMbPerSec,
                piiOnly.p99Us);
    if (!parser.isSet(piiOnlyOption)) {
        std::printf("C++ PII + guardrails:    %7.1f MB/s per core (CPU time), %7.1f MB/s wall, p99 %6.1f us/message\n",
                    combined.mbPerSec,
                    combined.wallMbPerSec,
                    combined.p99Us);
    }

    QJsonObject summary { { u"messages"_s, corpus.size() },
                          { u"bytes"_s, bytes },
                          { u"piiMatches"_s, piiOnly.matches },
                          { u"cppPiiMBps"_s, piiOnly.mbPerSec },
                          { u"cppPiiWallMBps"_s, piiOnly.wallMbPerSec },
                          { u"cppPiiP99Us"_s, piiOnly.p99Us },
                          { u"cppCombinedMBps"_s, combined.mbPerSec },
                          { u"cppCombinedWallMBps"_s, combined.wallMbPerSec },
                          { u"cppCombinedP99Us"_s, combined.p99Us } };

    if (!parser.isSet(noNodeOption)) {
        QTemporaryDir dir;
        const QString corpusPath = dir.filePath(u"corpus.txt"_s);
        const QString patternsPath = dir.filePath(u"patterns.json"_s);
        QFile corpusFile(corpusPath);
        QFile patternsFile(patternsPath);
        QJsonArray patterns;
        for (const PiiPattern& p : PiiEngine::defaultPatterns()) {
            patterns.append(QJsonObject { { u"patternId"_s, p.patternId },
                                          { u"regex"_s, p.regex },
                                          { u"flags"_s, p.flags },
                                          { u"severity"_s, p.severity },
                                          { u"validator"_s, p.validator },
                                          { u"maskChar"_s, p.maskChar } });
        }
        if (!dir.isValid() || !corpusFile.open(QIODevice::WriteOnly) || !patternsFile.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write the corpus for node\n");
            return 1;
        }
        corpusFile.write(corpus.join(u'\n').toUtf8());
        corpusFile.close();
        patternsFile.write(QJsonDocument(patterns).toJson(QJsonDocument::Compact));
        patternsFile.close();
        const auto node = runNode(parser.value(nodeOption), corpusPath, patternsPath);
        if (!node)
            return 1;
        const double nodeMbPerSec = node->value(u"cpuMbPerSec"_s).toDouble();
        const double nodeWallMbPerSec = node->value(u"mbPerSec"_s).toDouble();
        const qint64 nodeMatches = node->value(u"matches"_s).toInteger();
        std::printf("Node.js PII (RegExp):    %7.1f MB/s per core (CPU time), %7.1f MB/s wall, p99 %6.1f us/message\n",
                    nodeMbPerSec,
                    nodeWallMbPerSec,
                    node->value(u"p99Us"_s).toDouble());
        std::printf("ratio C++/Node.js (PII): %7.1fx per core (CPU time), %7.1fx wall\n",
                    piiOnly.mbPerSec / nodeMbPerSec,
                    piiOnly.wallMbPerSec / nodeWallMbPerSec);
        if (nodeMatches != piiOnly.matches) {
            std::printf("warning: Node.js found %lld matches, C++ %lld: the runs did not do the same work\n",
                        static_cast<long long>(nodeMatches),
                        static_cast<long long>(piiOnly.matches));
        }
        summary.insert(u"nodePiiMBps"_s, nodeMbPerSec);
        summary.insert(u"nodePiiWallMBps"_s, nodeWallMbPerSec);
        summary.insert(u"nodePiiP99Us"_s, node->value(u"p99Us"_s).toDouble());
        summary.insert(u"nodeMatches"_s, nodeMatches);
        summary.insert(u"ratio"_s, piiOnly.mbPerSec / nodeMbPerSec);
    }
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
