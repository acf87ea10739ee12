#include "core/safety/PiiEngine.h"

#include "core/safety/TokenVault.h"

#include <QCryptographicHash>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <ctime>
#include <thread>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

PiiPattern custom(const QString& id, const QString& regex, const QString& severity = u"medium"_s)
{
    PiiPattern p;
    p.patternId = id;
    p.name = id;
    p.regex = regex;
    p.severity = severity;
    return p;
}

PiiPattern builtIn(const QString& id)
{
    for (const PiiPattern& p : PiiEngine::defaultPatterns()) {
        if (p.patternId == id)
            return p;
    }
    return {};
}

// CPU time of this thread: the work the scan does, without the time other processes on a shared
// CI machine take from it (wall-clock ratios there swing by whole scheduler slices).
qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Minimum over interleaved runs of each size.
std::pair<qint64, qint64> bestTimesNs(const PiiEngine& engine,
                                      const QString& small,
                                      const QString& large,
                                      qsizetype* smallMatches,
                                      qsizetype* largeMatches)
{
    qint64 bestSmall = std::numeric_limits<qint64>::max();
    qint64 bestLarge = bestSmall;
    for (int i = 0; i < 5; ++i) {
        qint64 start = threadCpuNs();
        auto matches = engine.detect(small);
        bestSmall = std::min(bestSmall, threadCpuNs() - start);
        *smallMatches = matches ? matches->size() : -1;
        start = threadCpuNs();
        matches = engine.detect(large);
        bestLarge = std::min(bestLarge, threadCpuNs() - start);
        *largeMatches = matches ? matches->size() : -1;
    }
    return { bestSmall, bestLarge };
}

} // namespace

class PiiEngineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maskPreservesLength();
    void maskFixedWhenLengthNotPreserved();
    void hashIsSaltedSha256();
    void removeDeletesValue();
    void tokenRoundTripsThroughVault();
    void tokenWithoutVaultFallsBackToMask();
    void actions();
    void overlapPrefersSeverityThenLength();
    void luhn();
    void falsePositiveGuards();
    void keyWordsIntroduceHashes_data();
    void keyWordsIntroduceHashes();
    void caseInsensitiveFlag();
    void invalidRegexIsTypedErrorAndChangesNothing();
    void badEnumsAreTypedErrors_data();
    void badEnumsAreTypedErrors();
    void oversizedPatternIsRefused();
    void patternSwapVisibleToNextScan();
    void concurrentScansDuringSwaps();
    void liveTester();
    void surrogatePairsBeforeMatch();
    void pathologicalPatternsRunInLinearTime_data();
    void pathologicalPatternsRunInLinearTime();
    void oversizeInputIsOutOfRange();
};

void PiiEngineTest::maskPreservesLength()
{
    PiiEngine engine({});
    PiiPattern card = builtIn(u"pii-credit-card"_s);
    card.maskChar = u"#"_s;
    QVERIFY(engine.setPatterns({ card }));
    const QString text = u"pay with 4111-1111-1111-1111 now"_s;
    const auto outcome = engine.process(text);
    QVERIFY(outcome);
    QCOMPARE(outcome->redactedText, u"pay with "_s + QString(19, u'#') + u" now"_s);
    QCOMPARE(outcome->redactedText.size(), text.size());
    QCOMPARE(outcome->matches.size(), 1);
    QCOMPARE(outcome->matches[0].text, u"4111-1111-1111-1111"_s);
}

void PiiEngineTest::maskFixedWhenLengthNotPreserved()
{
    PiiEngine engine({});
    PiiPattern email = builtIn(u"pii-email"_s);
    email.preserveLength = false;
    QVERIFY(engine.setPatterns({ email }));
    const auto outcome = engine.process(u"mail a.very.long.name@example.com!"_s);
    QVERIFY(outcome);
    QCOMPARE(outcome->redactedText, u"mail ***!"_s);
}

void PiiEngineTest::hashIsSaltedSha256()
{
    PiiEngine::Options options;
    options.hashSalt = "installation-salt";
    PiiEngine engine(options);
    PiiPattern email = builtIn(u"pii-email"_s);
    email.redactionMethod = u"hash"_s;
    QVERIFY(engine.setPatterns({ email }));
    const auto outcome = engine.process(u"to bob@example.org."_s);
    QVERIFY(outcome);
    const QByteArray digest
        = QCryptographicHash::hash(QByteArray("installation-saltbob@example.org"), QCryptographicHash::Sha256);
    QCOMPARE(outcome->redactedText, u"to [SHA256:"_s + QString::fromLatin1(digest.toHex().left(16)) + u"]."_s);

    // Another installation's salt gives another digest, so hashes cannot be joined across sites.
    PiiEngine::Options other;
    other.hashSalt = "other-salt";
    PiiEngine second(other);
    QVERIFY(second.setPatterns({ email }));
    QVERIFY(second.process(u"to bob@example.org."_s)->redactedText != outcome->redactedText);
}

void PiiEngineTest::removeDeletesValue()
{
    PiiEngine engine({});
    PiiPattern ssn = builtIn(u"pii-ssn"_s);
    ssn.redactionMethod = u"remove"_s;
    QVERIFY(engine.setPatterns({ ssn }));
    QCOMPARE(engine.process(u"SSN [078-05-1120] on file"_s)->redactedText, u"SSN [] on file"_s);
}

void PiiEngineTest::tokenRoundTripsThroughVault()
{
    QTemporaryDir dir;
    auto vault = TokenVault::open(dir.path());
    QVERIFY(vault);
    PiiEngine::Options options;
    options.vault = vault->get();
    PiiEngine engine(options);
    PiiPattern email = builtIn(u"pii-email"_s);
    email.redactionMethod = u"token"_s;
    QVERIFY(engine.setPatterns({ email }));

    const auto outcome = engine.process(u"write to carol@example.com today"_s);
    QVERIFY(outcome);
    const QString redacted = outcome->redactedText;
    QVERIFY2(!redacted.contains(u"carol"), qPrintable(redacted));
    const qsizetype open = redacted.indexOf(u"[[PII:EMAIL:tk_"_s);
    QVERIFY2(open == 9, qPrintable(redacted));
    const QString token = redacted.mid(open, redacted.indexOf(u"]]"_s) + 2 - open);
    QVERIFY(redacted.endsWith(u" today"_s));

    const auto back = (*vault)->detokenize(token, u"alice"_s, { u"organization.editor"_s });
    QVERIFY(back);
    QCOMPARE(*back, u"carol@example.com"_s);
    // The same value gets the same token, so a conversation stays consistent.
    QCOMPARE(engine.process(u"again carol@example.com"_s)->redactedText, u"again "_s + token);
}

void PiiEngineTest::tokenWithoutVaultFallsBackToMask()
{
    PiiEngine engine({});
    PiiPattern email = builtIn(u"pii-email"_s);
    email.redactionMethod = u"token"_s;
    QVERIFY(engine.setPatterns({ email }));
    QCOMPARE(engine.process(u"x a@b.io y"_s)->redactedText, u"x ****** y"_s);
}

void PiiEngineTest::actions()
{
    PiiEngine engine({});
    PiiPattern logged = builtIn(u"pii-email"_s);
    logged.action = u"log"_s;
    PiiPattern blocked = builtIn(u"pii-ssn"_s);
    blocked.action = u"block"_s;
    blocked.severity = u"high"_s;
    PiiPattern alerted = builtIn(u"pii-phone-vn"_s);
    alerted.action = u"alert"_s;
    QVERIFY(engine.setPatterns({ logged, blocked, alerted, builtIn(u"pii-credit-card"_s) }));

    auto outcome = engine.process(u"mail dan@example.com"_s);
    QVERIFY(outcome);
    QCOMPARE(outcome->redactedText, u"mail dan@example.com"_s); // log: detected, text kept
    QCOMPARE(outcome->matches.size(), 1);
    QCOMPARE(outcome->matches[0].action, u"log"_s);
    QVERIFY(!outcome->blocked);
    QVERIFY(!outcome->alert);

    outcome = engine.process(u"ssn 078-05-1120"_s);
    QVERIFY(outcome->blocked);
    QVERIFY(!outcome->alert);
    QCOMPARE(outcome->redactedText, u"ssn ***********"_s); // a blocked text is still redacted

    outcome = engine.process(u"gọi 0912 345 678"_s);
    QVERIFY(!outcome->blocked);
    QVERIFY(outcome->alert);
    QCOMPARE(outcome->redactedText, u"gọi ************"_s);

    outcome = engine.process(u"card 4111111111111111"_s); // severity critical alerts even with redact
    QVERIFY(outcome->alert);
    QVERIFY(!outcome->blocked);
}

void PiiEngineTest::overlapPrefersSeverityThenLength()
{
    PiiEngine engine({});
    // Severity beats length: the short high match wins over the long low one.
    QVERIFY(engine.setPatterns({ custom(u"long-low"_s, uR"(order \d+-\d+)"_s, u"low"_s),
                                 custom(u"short-high"_s, uR"(\d{3}-\d{4})"_s, u"high"_s) }));
    auto matches = engine.detect(u"order 555-1234 shipped"_s);
    QVERIFY(matches);
    QCOMPARE(matches->size(), 1);
    QCOMPARE(matches->at(0).patternId, u"short-high"_s);
    QCOMPARE(matches->at(0).text, u"555-1234"_s);

    // Same severity: the longer match wins; non-overlapping matches all stay, in text order.
    QVERIFY(engine.setPatterns({ custom(u"short"_s, uR"(\d{3}-\d{4})"_s), custom(u"long"_s, uR"(order \d+-\d+)"_s) }));
    matches = engine.detect(u"order 555-1234, ref 777-8888"_s);
    QVERIFY(matches);
    QCOMPARE(matches->size(), 2);
    QCOMPARE(matches->at(0).patternId, u"long"_s);
    QCOMPARE(matches->at(0).text, u"order 555-1234"_s);
    QCOMPARE(matches->at(1).patternId, u"short"_s);
    QCOMPARE(matches->at(1).start, 20);
    const auto outcome = engine.process(u"order 555-1234, ref 777-8888"_s);
    QCOMPARE(outcome->redactedText, u"**************, ref ********"_s);
}

void PiiEngineTest::luhn()
{
    QVERIFY(PiiEngine::luhnValid(u"4111 1111 1111 1111"));
    QVERIFY(PiiEngine::luhnValid(u"378282246310005"));
    QVERIFY(PiiEngine::luhnValid(u"79927398713"));
    QVERIFY(!PiiEngine::luhnValid(u"4111 1111 1111 1112"));
    QVERIFY(!PiiEngine::luhnValid(u"79927398710"));
    QVERIFY(!PiiEngine::luhnValid(u"4111x1111"));

    PiiEngine engine({});
    QVERIFY(engine.setPatterns({ builtIn(u"pii-credit-card"_s) }));
    QCOMPARE(engine.detect(u"4111 1111 1111 1111"_s)->size(), 1);
    QCOMPARE(engine.detect(u"4111 1111 1111 1112"_s)->size(), 0);
    QCOMPARE(engine.detect(u"0000 0000 0000 0000"_s)->size(), 0); // Luhn-valid placeholder
}

void PiiEngineTest::falsePositiveGuards()
{
    PiiEngine engine({});
    QVERIFY(engine.setPatterns(PiiEngine::defaultPatterns()));
    const QStringList clean { u"driver 1.202.555.0143 installed"_s,
                              u"at 2024-06-01T12:34:56.789Z epoch 1718000000"_s,
                              u"commit 3f786850e387550fdab836ed7e6dc881de23001b"_s,
                              u"sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s,
                              u"node 123e4567-e89b-12d3-a456-426614174000"_s,
                              u"icon@2x.png"_s,
                              u"ratio 0.912345678"_s };
    for (const QString& text : clean) {
        const auto matches = engine.detect(text);
        QVERIFY(matches);
        QVERIFY2(matches->isEmpty(), qPrintable(text + u" -> "_s + matches->value(0).patternId));
    }
    // A hash-shaped value introduced as a key is treated as one.
    const auto key = engine.detect(u"api_key=3f786850e387550fdab836ed7e6dc881"_s);
    QCOMPARE(key->size(), 1);
    QCOMPARE(key->at(0).patternId, u"pii-api-key"_s);
}

void PiiEngineTest::keyWordsIntroduceHashes_data()
{
    // A hash or UUID is an API key only when a key word, in any case, ends within the 32 bytes
    // before it.
    QTest::addColumn<QString>("before");
    QTest::addColumn<bool>("secret");
    for (const char* word : { "key", "token", "secret", "passw", "bearer", "auth", "credential" }) {
        const QString w = QString::fromLatin1(word);
        QTest::addRow("%s", word) << w + u": "_s << true;
        QTest::addRow("%s upper", word) << w.toUpper() + u"="_s << true;
        QTest::addRow("%s title", word) << w.left(1).toUpper() + w.mid(1) + u" "_s << true;
        QTest::addRow("%s far", word) << w + u" "_s + QString(32, u'.') << false; // ends 33 bytes before
        QTest::addRow("%s just in", word) << w + QString(32 - w.size(), u'.') << true; // starts 32 bytes before
        QTest::addRow("%s cut", word) << w.left(w.size() - 1) + u" "_s << false; // "pas" is no word
    }
    QTest::newRow("no word") << u"the value is "_s << false;
    QTest::newRow("near misses") << u"kez tokem secrex bearex autx cred "_s << false;
    QTest::newRow("word after non-ASCII") << u"mã khóa key: "_s << true;
    QTest::newRow("joined") << u"Key"_s << false; // "Key3f78..." is one run, not a key word and a hash
}

void PiiEngineTest::keyWordsIntroduceHashes()
{
    QFETCH(QString, before);
    QFETCH(bool, secret);
    PiiEngine engine({});
    QVERIFY(engine.setPatterns(PiiEngine::defaultPatterns()));
    for (const QString& value : { u"3f786850e387550fdab836ed7e6dc881de23001b"_s,
                                  u"123e4567-e89b-12d3-a456-426614174000"_s,
                                  u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s }) {
        const auto matches = engine.detect(QString(before + value));
        QVERIFY(matches);
        const bool found = std::any_of(matches->begin(), matches->end(), [&](const PiiMatch& m) {
            return m.patternId == u"pii-api-key"_s && m.text == value;
        });
        QVERIFY2(found == secret, qPrintable(before + value));
    }
}

void PiiEngineTest::caseInsensitiveFlag()
{
    PiiEngine engine({});
    PiiPattern p = custom(u"project"_s, u"project-[a-z]+"_s);
    QVERIFY(engine.setPatterns({ p }));
    QCOMPARE(engine.detect(u"PROJECT-ORION"_s)->size(), 0);
    p.flags = u"gi"_s; // seed 000 writes flags the JavaScript way; "g" is implied
    QVERIFY(engine.setPatterns({ p }));
    QCOMPARE(engine.detect(u"PROJECT-ORION"_s)->size(), 1);
}

void PiiEngineTest::invalidRegexIsTypedErrorAndChangesNothing()
{
    PiiEngine engine({});
    QVERIFY(engine.setPatterns({ builtIn(u"pii-email"_s) }));
    const auto set = engine.setPatterns({ builtIn(u"pii-email"_s), custom(u"broken"_s, u"(unclosed"_s) });
    QVERIFY(!set);
    QCOMPARE(set.error().code, ErrorCode::InvalidValue);
    QCOMPARE(set.error().field, u"patterns[1].regex"_s);
    QVERIFY(set.error().message.contains(u"broken"));
    // Perl constructs RE2 cannot run in linear time are refused the same way.
    const auto backref = PiiEngine::validatePattern(custom(u"x"_s, uR"((a)\1)"_s));
    QVERIFY(!backref);
    QCOMPARE(backref.error().code, ErrorCode::InvalidValue);
    QVERIFY(!PiiEngine::validatePattern(custom(u"x"_s, u"(?=lookahead)"_s)));
    const auto empty = PiiEngine::validatePattern(custom(u"x"_s, u"a*"_s));
    QVERIFY(!empty);
    QCOMPARE(empty.error().field, u"regex"_s);

    QCOMPARE(engine.patterns().size(), 1);
    QCOMPARE(engine.detect(u"x@example.com"_s)->size(), 1);
}

void PiiEngineTest::badEnumsAreTypedErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("code");
    const int invalid = int(ErrorCode::InvalidValue);
    QTest::newRow("type") << u"type"_s << u"neural"_s << invalid;
    QTest::newRow("category") << u"category"_s << u"secret"_s << invalid;
    QTest::newRow("redactionMethod") << u"redactionMethod"_s << u"encrypt"_s << invalid;
    QTest::newRow("severity") << u"severity"_s << u"urgent"_s << invalid;
    QTest::newRow("action") << u"action"_s << u"delete"_s << invalid;
    QTest::newRow("validator") << u"validator"_s << u"iban"_s << invalid;
    QTest::newRow("maskChar") << u"maskChar"_s << u"ab"_s << invalid;
    QTest::newRow("flags") << u"flags"_s << u"x"_s << invalid;
    QTest::newRow("name") << u"name"_s << QString() << int(ErrorCode::MissingField);
    QTest::newRow("regex") << u"regex"_s << QString() << int(ErrorCode::MissingField);
}

void PiiEngineTest::badEnumsAreTypedErrors()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, code);
    PiiPattern p = custom(u"p"_s, u"abc"_s);
    const QHash<QString, QString*> fields {
        { u"type"_s, &p.type },         { u"category"_s, &p.category }, { u"redactionMethod"_s, &p.redactionMethod },
        { u"severity"_s, &p.severity }, { u"action"_s, &p.action },     { u"validator"_s, &p.validator },
        { u"maskChar"_s, &p.maskChar }, { u"flags"_s, &p.flags },       { u"name"_s, &p.name },
        { u"regex"_s, &p.regex }
    };
    QString* target = fields.value(field);
    QVERIFY(target);
    *target = value;
    const auto result = PiiEngine::validatePattern(p);
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QCOMPARE(result.error().field, field);
}

void PiiEngineTest::oversizedPatternIsRefused()
{
    // Every \pL is a large UTF-8 automaton; a thousand of them exceed the program-size cap.
    const auto huge = PiiEngine::validatePattern(custom(u"x"_s, uR"(\pL{1000})"_s));
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, ErrorCode::InvalidValue);
    QCOMPARE(huge.error().field, u"regex"_s);
    QVERIFY(!PiiEngine::validatePattern(custom(u"x"_s, QString(5000, u'a'))));
}

void PiiEngineTest::patternSwapVisibleToNextScan()
{
    PiiEngine engine({});
    const QString text = u"ticket ZX-1234 from eve@example.com"_s;
    QVERIFY(engine.setPatterns({ builtIn(u"pii-email"_s) }));
    QCOMPARE(engine.detect(text)->size(), 1);

    QVERIFY(engine.setPatterns({ custom(u"ticket"_s, uR"(ZX-\d{4})"_s) }));
    auto matches = engine.detect(text);
    QCOMPARE(matches->size(), 1);
    QCOMPARE(matches->at(0).patternId, u"ticket"_s);

    PiiPattern inactive = custom(u"ticket"_s, uR"(ZX-\d{4})"_s);
    inactive.isActive = false;
    QVERIFY(engine.setPatterns({ inactive }));
    QCOMPARE(engine.detect(text)->size(), 0);
    QCOMPARE(engine.patterns().size(), 1); // inactive patterns are kept, not run
    QVERIFY(engine.pattern(u"ticket"_s).has_value());
}

void PiiEngineTest::concurrentScansDuringSwaps()
{
    PiiEngine engine({});
    QVERIFY(engine.setPatterns({ builtIn(u"pii-email"_s) }));
    const QString text = u"a@example.com and ZX-1234"_s;
    std::atomic<bool> stop { false };
    std::atomic<int> inconsistent { 0 };
    std::atomic<int> scans { 0 };
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            while (!stop) {
                const auto matches = engine.detect(text);
                // Each scan sees one whole pattern set: the email set or the ticket set.
                if (!matches || matches->size() != 1)
                    ++inconsistent;
                ++scans;
            }
        });
    }
    for (int i = 0; i < 200; ++i) {
        QVERIFY(engine.setPatterns({ i % 2 ? builtIn(u"pii-email"_s) : custom(u"ticket"_s, uR"(ZX-\d{4})"_s) }));
        std::this_thread::yield();
    }
    stop = true;
    for (auto& r : readers)
        r.join();
    QVERIFY(scans > 0);
    QCOMPARE(inconsistent.load(), 0);
}

void PiiEngineTest::liveTester()
{
    PiiEngine engine({});
    QVERIFY(engine.setPatterns({}));
    PiiPattern draft = custom(QString(), uR"(EMP-\d{5})"_s);
    draft.name = u"draft"_s;
    const auto matches = engine.testPattern(draft, u"ids EMP-12345, EMP-99999"_s);
    QVERIFY(matches);
    QCOMPARE(matches->size(), 2);
    QCOMPARE(matches->at(1).start, 15);
    QVERIFY(engine.detect(u"EMP-12345"_s)->isEmpty()); // testing does not install the draft

    draft.regex = u"EMP-("_s;
    const auto bad = engine.testPattern(draft, u"x"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, u"regex"_s);
}

void PiiEngineTest::surrogatePairsBeforeMatch()
{
    PiiEngine engine({});
    PiiPattern email = builtIn(u"pii-email"_s);
    email.redactionMethod = u"remove"_s;
    QVERIFY(engine.setPatterns({ email }));
    const QString text = u"😀😀 ễ x@example.com 🎉"_s;
    const auto outcome = engine.process(text);
    QVERIFY(outcome);
    QCOMPARE(outcome->matches.size(), 1);
    QCOMPARE(outcome->matches[0].start, text.indexOf(u"x@"_s));
    QCOMPARE(outcome->matches[0].end, text.indexOf(u" 🎉"_s));
    QCOMPARE(outcome->redactedText, u"😀😀 ễ  🎉"_s);
}

void PiiEngineTest::pathologicalPatternsRunInLinearTime_data()
{
    QTest::addColumn<QString>("regex");
    QTest::addColumn<qsizetype>("matchesExpected");
    // Catastrophic for backtracking engines (exponential on a run of 'a's); RE2 has no backtracking.
    QTest::newRow("nested plus") << u"(a+)+$"_s << qsizetype(1);
    QTest::newRow("alternation star") << u"(a|aa)*b"_s << qsizetype(0);
    QTest::newRow("nested star") << u"(a*)*c"_s << qsizetype(0);
}

void PiiEngineTest::pathologicalPatternsRunInLinearTime()
{
    QFETCH(QString, regex);
    QFETCH(qsizetype, matchesExpected);
    PiiEngine::Options options;
    options.maxTextLength = 4 * 1024 * 1024;
    PiiEngine engine(options);
    QVERIFY(engine.setPatterns({ custom(u"redos"_s, regex) }));

    const QString oneMb(1024 * 1024, u'a');
    const QString twoMb(2 * 1024 * 1024, u'a');
    qsizetype matchedSmall = -1;
    qsizetype matchedLarge = -1;
    const auto [t1, t2] = bestTimesNs(engine, oneMb, twoMb, &matchedSmall, &matchedLarge);
    QCOMPARE(matchedSmall, matchesExpected);
    QCOMPARE(matchedLarge, matchesExpected);
    qInfo(
        "%s: 1 MiB %.1f ms, 2 MiB %.1f ms, ratio %.2f", qPrintable(regex), t1 / 1e6, t2 / 1e6, double(t2) / double(t1));
    // Linear doubles the time; a super-linear engine would at least quadruple it.
    QVERIFY2(t2 < 4 * t1, qPrintable(u"1 MiB %1 ns, 2 MiB %2 ns"_s.arg(t1).arg(t2)));
}

void PiiEngineTest::oversizeInputIsOutOfRange()
{
    PiiEngine::Options options;
    options.maxTextLength = 1000;
    PiiEngine engine(options);
    QVERIFY(engine.setPatterns(PiiEngine::defaultPatterns()));
    QVERIFY(engine.detect(QString(1000, u'x')));
    const auto detected = engine.detect(QString(1001, u'x'));
    QVERIFY(!detected);
    QCOMPARE(detected.error().code, ErrorCode::OutOfRange);
    QCOMPARE(detected.error().field, u"text"_s);
    const auto processed = engine.process(QString(1001, u'x'));
    QVERIFY(!processed);
    QCOMPARE(processed.error().code, ErrorCode::OutOfRange);
}

QTEST_GUILESS_MAIN(PiiEngineTest)
#include "PiiEngineTest.moc"
