#include "core/deploy/ImageAllowlist.h"
#include "core/deploy/ImageReference.h"

#include <QTest>

using namespace aiops;
using namespace aiops::deploy;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 GiB = 1024; // MiB

// Not a raw string: moc reads the "/**" of a pattern inside one as the start of a comment.
const QByteArray kCustomList
    = "["
      "  {\"imagePattern\": \"nvcr.io/nvidia/tritonserver\", \"tagPattern\": \"24.*\", \"requiresGpu\": true, "
      "\"minVramMb\": 16384},"
      "  {\"imagePattern\": \"vllm/vllm-openai\", \"tagPattern\": \"v0.?.*\", \"requiresGpu\": true},"
      "  {\"imagePattern\": \"registry.example.com:5000/team/**\"},"
      "  {\"imagePattern\": \"localhost/aiops-test-*\", \"tagPattern\": \"*\"},"
      "  {\"imagePattern\": \"busybox\", \"tagPattern\": \"1.36\"}"
      "]";

} // namespace

class TestImageAllowlist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseReference_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");

        const QString digest = u"sha256:"_s + QString(64, u'a');
        QTest::newRow("bare name") << u"ubuntu"_s << u"docker.io"_s << u"library/ubuntu"_s << u"latest"_s << QString();
        QTest::newRow("bare name with tag")
            << u"busybox:1.36"_s << u"docker.io"_s << u"library/busybox"_s << u"1.36"_s << QString();
        QTest::newRow("hub user repo") << u"vllm/vllm-openai:v0.6.3"_s << u"docker.io"_s << u"vllm/vllm-openai"_s
                                       << u"v0.6.3"_s << QString();
        QTest::newRow("explicit docker.io")
            << u"docker.io/vllm/vllm-openai"_s << u"docker.io"_s << u"vllm/vllm-openai"_s << u"latest"_s << QString();
        QTest::newRow("index.docker.io alias")
            << u"index.docker.io/ubuntu:22.04"_s << u"docker.io"_s << u"library/ubuntu"_s << u"22.04"_s << QString();
        QTest::newRow("nvcr") << u"nvcr.io/nvidia/tritonserver:24.05-py3"_s << u"nvcr.io"_s << u"nvidia/tritonserver"_s
                              << u"24.05-py3"_s << QString();
        QTest::newRow("registry port, no tag")
            << u"registry.example.com:5000/team/model"_s << u"registry.example.com:5000"_s << u"team/model"_s
            << u"latest"_s << QString();
        QTest::newRow("registry port and tag") << u"localhost:5000/aiops-test-echo:dev"_s << u"localhost:5000"_s
                                               << u"aiops-test-echo"_s << u"dev"_s << QString();
        QTest::newRow("localhost") << u"localhost/aiops-test-triton"_s << u"localhost"_s << u"aiops-test-triton"_s
                                   << u"latest"_s << QString();
        QTest::newRow("digest only") << u"ubuntu@"_s + digest << u"docker.io"_s << u"library/ubuntu"_s << QString()
                                     << digest;
        QTest::newRow("tag and digest") << u"nvcr.io/nvidia/tritonserver:24.05-py3@"_s + digest << u"nvcr.io"_s
                                        << u"nvidia/tritonserver"_s << u"24.05-py3"_s << digest;
        QTest::newRow("registry host lower-cased") << u"NVCR.io/nvidia/tritonserver:24.05"_s << u"nvcr.io"_s
                                                   << u"nvidia/tritonserver"_s << u"24.05"_s << QString();
    }

    void parseReference()
    {
        QFETCH(QString, reference);
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        QFETCH(QString, digest);

        const auto ref = ImageReference::parse(reference);
        QVERIFY2(ref, ref ? "" : qPrintable(ref.error().message));
        QCOMPARE(ref->registry, registry);
        QCOMPARE(ref->repository, repository);
        QCOMPARE(ref->tag, tag);
        QCOMPARE(ref->digest, digest);
        // The normalized form parses to the same reference.
        const auto again = ImageReference::parse(ref->toString());
        QVERIFY(again);
        QCOMPARE(again->toString(), ref->toString());
    }

    void parseReferenceRefused_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("why");

        QTest::newRow("empty") << QString() << u"it is empty"_s;
        QTest::newRow("upper-case repository") << u"Ubuntu:22.04"_s << u"repository component 'Ubuntu'"_s;
        QTest::newRow("bad tag") << u"ubuntu:-x"_s << u"tag '-x' is malformed"_s;
        QTest::newRow("short sha256") << u"ubuntu@sha256:abcd"_s << u"digest 'sha256:abcd' is malformed"_s;
        QTest::newRow("no repository") << u":latest"_s << u"the repository name is missing"_s;
        QTest::newRow("empty component") << u"nvcr.io//tritonserver"_s << u"repository component ''"_s;
        QTest::newRow("shell metacharacters") << u"ubuntu;rm"_s << u"repository component 'ubuntu;rm'"_s;
    }

    void parseReferenceRefused()
    {
        QFETCH(QString, reference);
        QFETCH(QString, why);

        const auto ref = ImageReference::parse(reference);
        QVERIFY(!ref);
        QCOMPARE(ref.error().code, ErrorCode::InvalidValue);
        QCOMPARE(ref.error().field, u"image"_s);
        QVERIFY2(ref.error().message.contains(why), qPrintable(ref.error().message));
    }

    void glob_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");

        QTest::newRow("literal") << u"24.05"_s << u"24.05"_s << true;
        QTest::newRow("literal differs") << u"24.05"_s << u"24.06"_s << false;
        QTest::newRow("prefix star") << u"24.*"_s << u"24.05-py3"_s << true;
        QTest::newRow("prefix star other major") << u"24.*"_s << u"23.12-py3"_s << false;
        QTest::newRow("star matches empty") << u"24.*"_s << u"24."_s << true;
        QTest::newRow("question mark") << u"v0.?.*"_s << u"v0.6.3"_s << true;
        QTest::newRow("question mark one char") << u"v0.?.*"_s << u"v0.10.1"_s << false;
        QTest::newRow("star stops at slash") << u"localhost/aiops-test-*"_s << u"localhost/aiops-test-x/y"_s << false;
        QTest::newRow("star within component") << u"localhost/aiops-test-*"_s << u"localhost/aiops-test-echo"_s << true;
        QTest::newRow("double star crosses slash") << u"example.com/team/**"_s << u"example.com/team/a/b"_s << true;
        QTest::newRow("anchored at the end")
            << u"nvcr.io/nvidia/tritonserver"_s << u"nvcr.io/nvidia/tritonserver-evil"_s << false;
        QTest::newRow("anchored at the start") << u"nvidia/tritonserver"_s << u"evil/nvidia/tritonserver"_s << false;
        QTest::newRow("many stars backtrack") << u"*a*b*c"_s << u"xxaxxbxxbxxc"_s << true;
    }

    void glob()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(ImageAllowlist::globMatch(pattern, text), matches);
    }

    void parseJson()
    {
        const auto list = ImageAllowlist::fromJson(kCustomList);
        QVERIFY2(list, list ? "" : qPrintable(list.error().message));
        QCOMPARE(list->entries().size(), 5);
        const ImageAllowlistEntry& triton = list->entries().at(0);
        QCOMPARE(triton.imagePattern, u"nvcr.io/nvidia/tritonserver"_s);
        QCOMPARE(triton.tagPattern, u"24.*"_s);
        QVERIFY(triton.requiresGpu);
        QCOMPARE(triton.minVramMb, 16 * GiB);
        // Defaults and Docker Hub normalization of patterns.
        QCOMPARE(list->entries().at(1).imagePattern, u"docker.io/vllm/vllm-openai"_s);
        QCOMPARE(list->entries().at(1).minVramMb, 0);
        QCOMPARE(list->entries().at(2).tagPattern, u"*"_s);
        QVERIFY(!list->entries().at(2).requiresGpu);
        QCOMPARE(list->entries().at(4).imagePattern, u"docker.io/library/busybox"_s);

        const auto roundTrip = ImageAllowlist::fromJson(list->toJson());
        QVERIFY(roundTrip);
        QCOMPARE(roundTrip->entries(), list->entries());
    }

    void parseJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("field");

        QTest::newRow("not json") << QByteArray("[{") << int(ErrorCode::InvalidJson) << QString();
        QTest::newRow("object, not array")
            << QByteArray(R"({"imagePattern": "x"})") << int(ErrorCode::InvalidFieldType) << QString();
        QTest::newRow("entry not an object")
            << QByteArray(R"([{"imagePattern": "a"}, "b"])") << int(ErrorCode::InvalidFieldType) << u"[1]"_s;
        QTest::newRow("missing imagePattern") << QByteArray(R"([{"imagePattern": "a"}, {"tagPattern": "1"}])")
                                              << int(ErrorCode::MissingField) << u"[1].imagePattern"_s;
        QTest::newRow("imagePattern not a string")
            << QByteArray(R"([{"imagePattern": 3}])") << int(ErrorCode::InvalidFieldType) << u"[0].imagePattern"_s;
        QTest::newRow("empty imagePattern")
            << QByteArray(R"([{"imagePattern": ""}])") << int(ErrorCode::InvalidValue) << u"[0].imagePattern"_s;
        QTest::newRow("upper-case imagePattern") << QByteArray(R"([{"imagePattern": "Nvidia/Triton"}])")
                                                 << int(ErrorCode::InvalidValue) << u"[0].imagePattern"_s;
        QTest::newRow("tagPattern with slash") << QByteArray(R"([{"imagePattern": "a", "tagPattern": "1/2"}])")
                                               << int(ErrorCode::InvalidValue) << u"[0].tagPattern"_s;
        QTest::newRow("tagPattern not a string") << QByteArray(R"([{"imagePattern": "a", "tagPattern": 24}])")
                                                 << int(ErrorCode::InvalidFieldType) << u"[0].tagPattern"_s;
        QTest::newRow("requiresGpu not a bool") << QByteArray(R"([{"imagePattern": "a", "requiresGpu": "yes"}])")
                                                << int(ErrorCode::InvalidFieldType) << u"[0].requiresGpu"_s;
        QTest::newRow("minVramMb negative") << QByteArray(R"([{"imagePattern": "a", "minVramMb": -1}])")
                                            << int(ErrorCode::OutOfRange) << u"[0].minVramMb"_s;
        QTest::newRow("minVramMb fractional") << QByteArray(R"([{"imagePattern": "a", "minVramMb": 1.5}])")
                                              << int(ErrorCode::InvalidFieldType) << u"[0].minVramMb"_s;
        QTest::newRow("minVramMb string") << QByteArray(R"([{"imagePattern": "a", "minVramMb": "16G"}])")
                                          << int(ErrorCode::InvalidFieldType) << u"[0].minVramMb"_s;
        QTest::newRow("unknown key (seed spelling)") << QByteArray(R"([{"imagePattern": "a", "min_vram_mb": 1}])")
                                                     << int(ErrorCode::InvalidValue) << u"[0].min_vram_mb"_s;
        QTest::newRow("duplicate after normalization")
            << QByteArray(R"([{"imagePattern": "vllm/vllm-openai"}, {"imagePattern": "docker.io/vllm/vllm-openai"}])")
            << int(ErrorCode::InvalidValue) << u"[1]"_s;
    }

    void parseJsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, code);
        QFETCH(QString, field);

        const auto list = ImageAllowlist::fromJson(json);
        QVERIFY(!list);
        QCOMPARE(int(list.error().code), code);
        QCOMPARE(list.error().field, field);
        if (!field.isEmpty())
            QVERIFY2(list.error().message.contains(field), qPrintable(list.error().message));
    }

    void check_data()
    {
        QTest::addColumn<bool>("builtIn"); // defaults() or kCustomList
        QTest::addColumn<QString>("image");
        QTest::addColumn<bool>("hasGpu");
        QTest::addColumn<qint64>("vramMb");
        QTest::addColumn<int>("entry"); // index of the matching entry, -1 = refused
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");

        const QString digest = u"sha256:"_s + QString(64, u'b');
        // Built-in list.
        QTest::newRow("default triton") << true << u"nvcr.io/nvidia/tritonserver:24.05-py3"_s << true << 24 * GiB << 0
                                        << 0 << QString();
        QTest::newRow("default vllm bare hub name")
            << true << u"vllm/vllm-openai:v0.6.3"_s << true << 24 * GiB << 1 << 0 << QString();
        QTest::newRow("default vllm docker.io name")
            << true << u"docker.io/vllm/vllm-openai"_s << true << 24 * GiB << 1 << 0 << QString();
        QTest::newRow("default vllm rocm") << true << u"rocm/vllm:latest"_s << true << 24 * GiB << 2 << 0 << QString();
        QTest::newRow("default test image without GPU")
            << true << u"localhost/aiops-test-triton:1"_s << false << 0LL << 3 << 0 << QString();
        QTest::newRow("default triton needs a GPU")
            << true << u"nvcr.io/nvidia/tritonserver:24.05-py3"_s << false << 0LL << -1 << int(ErrorCode::Forbidden)
            << u"image nvcr.io/nvidia/tritonserver:24.05-py3 needs a GPU (allowlist entry "
               "nvcr.io/nvidia/tritonserver:*)"_s;
        QTest::newRow("default refuses other images")
            << true << u"ubuntu"_s << false << 0LL << -1 << int(ErrorCode::Forbidden)
            << u"image docker.io/library/ubuntu:latest is not on the allowlist"_s;
        QTest::newRow("look-alike repository")
            << true << u"nvcr.io/nvidia/tritonserver-evil:1"_s << true << 80 * GiB << -1 << int(ErrorCode::Forbidden)
            << u"image nvcr.io/nvidia/tritonserver-evil:1 is not on the allowlist"_s;
        QTest::newRow("same repository on another registry")
            << true << u"ghcr.io/vllm/vllm-openai:latest"_s << true << 80 * GiB << -1 << int(ErrorCode::Forbidden)
            << u"image ghcr.io/vllm/vllm-openai:latest is not on the allowlist"_s;
        QTest::newRow("test prefix does not cross a slash")
            << true << u"localhost/aiops-test-x/evil"_s << false << 0LL << -1 << int(ErrorCode::Forbidden)
            << u"image localhost/aiops-test-x/evil:latest is not on the allowlist"_s;
        QTest::newRow("malformed reference")
            << true << u"Ubuntu"_s << false << 0LL << -1 << int(ErrorCode::InvalidValue)
            << u"image 'Ubuntu' is not a valid reference"_s;

        // Custom list: tags, digests, VRAM.
        QTest::newRow("triton 24.x with enough VRAM")
            << false << u"nvcr.io/nvidia/tritonserver:24.05-py3"_s << true << 16 * GiB << 0 << 0 << QString();
        QTest::newRow("triton 23.x refused by tag")
            << false << u"nvcr.io/nvidia/tritonserver:23.12-py3"_s << true << 80 * GiB << -1
            << int(ErrorCode::Forbidden) << u"image nvcr.io/nvidia/tritonserver:23.12-py3 is not on the allowlist"_s;
        QTest::newRow("triton latest refused by tag")
            << false << u"nvcr.io/nvidia/tritonserver"_s << true << 80 * GiB << -1 << int(ErrorCode::Forbidden)
            << u"image nvcr.io/nvidia/tritonserver:latest is not on the allowlist"_s;
        QTest::newRow("triton needs 16 GiB VRAM")
            << false << u"nvcr.io/nvidia/tritonserver:24.05-py3"_s << true << 8 * GiB << -1 << int(ErrorCode::Forbidden)
            << u"image nvcr.io/nvidia/tritonserver:24.05-py3 needs 16 GiB VRAM; the placement gives it 8 GiB "
               "(allowlist entry nvcr.io/nvidia/tritonserver:24.*)"_s;
        QTest::newRow("triton tag with digest")
            << false << u"nvcr.io/nvidia/tritonserver:24.05-py3@"_s + digest << true << 16 * GiB << 0 << 0 << QString();
        QTest::newRow("digest without tag does not match a tag pattern")
            << false << u"nvcr.io/nvidia/tritonserver@"_s + digest << true << 16 * GiB << -1
            << int(ErrorCode::Forbidden)
            << u"image nvcr.io/nvidia/tritonserver@"_s + digest + u" is not on the allowlist"_s;
        QTest::newRow("digest without tag matches tag *")
            << false << u"localhost/aiops-test-echo@"_s + digest << false << 0LL << 3 << 0 << QString();
        QTest::newRow("vllm tag glob") << false << u"docker.io/vllm/vllm-openai:v0.6.3"_s << true << 0LL << 1 << 0
                                       << QString();
        QTest::newRow("vllm tag glob refuses v1")
            << false << u"vllm/vllm-openai:v1.0.0"_s << true << 0LL << -1 << int(ErrorCode::Forbidden)
            << u"image docker.io/vllm/vllm-openai:v1.0.0 is not on the allowlist"_s;
        QTest::newRow("registry with port, deep path")
            << false << u"registry.example.com:5000/team/a/b:7"_s << false << 0LL << 2 << 0 << QString();
        QTest::newRow("official image exact tag") << false << u"busybox:1.36"_s << false << 0LL << 4 << 0 << QString();
        QTest::newRow("official image via library/")
            << false << u"docker.io/library/busybox:1.36"_s << false << 0LL << 4 << 0 << QString();
        QTest::newRow("official image other tag")
            << false << u"busybox"_s << false << 0LL << -1 << int(ErrorCode::Forbidden)
            << u"image docker.io/library/busybox:latest is not on the allowlist"_s;
    }

    void check()
    {
        QFETCH(bool, builtIn);
        QFETCH(QString, image);
        QFETCH(bool, hasGpu);
        QFETCH(qint64, vramMb);
        QFETCH(int, entry);
        QFETCH(int, code);
        QFETCH(QString, message);

        const auto custom = ImageAllowlist::fromJson(kCustomList);
        QVERIFY(custom);
        const ImageAllowlist list = builtIn ? ImageAllowlist::defaults() : *custom;
        const auto checked = list.check(image, hasGpu, vramMb);
        if (entry >= 0) {
            QVERIFY2(checked, checked ? "" : qPrintable(checked.error().message));
            QCOMPARE(*checked, &list.entries().at(entry));
            return;
        }
        QVERIFY(!checked);
        QCOMPARE(int(checked.error().code), code);
        QCOMPARE(checked.error().field, u"image"_s);
        QVERIFY2(checked.error().message.startsWith(message), qPrintable(checked.error().message));
    }

    // With two entries for one image, the first whose needs are met wins.
    void firstSatisfiedEntryWins()
    {
        const auto list = ImageAllowlist::fromJson(QByteArray(R"([
            {"imagePattern": "nvcr.io/nvidia/tritonserver", "tagPattern": "*-cpu", "requiresGpu": false},
            {"imagePattern": "nvcr.io/nvidia/tritonserver", "tagPattern": "*", "requiresGpu": true, "minVramMb": 8192}
        ])"));
        QVERIFY(list);
        QCOMPARE(*list->check(u"nvcr.io/nvidia/tritonserver:24.05-cpu"_s, false, 0), &list->entries().at(0));
        QCOMPARE(*list->check(u"nvcr.io/nvidia/tritonserver:24.05-py3"_s, true, 8192), &list->entries().at(1));
        const auto refused = list->check(u"nvcr.io/nvidia/tritonserver:24.05-py3"_s, false, 0);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"needs a GPU"_s), qPrintable(refused.error().message));
    }

    void emptyListRefusesEverything()
    {
        const auto empty = ImageAllowlist::fromJson(QByteArray("[]"));
        QVERIFY(empty);
        const auto refused = empty->check(u"nvcr.io/nvidia/tritonserver:24.05-py3"_s, true, 80 * GiB);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
    }
};

QTEST_GUILESS_MAIN(TestImageAllowlist)
#include "TestImageAllowlist.moc"
