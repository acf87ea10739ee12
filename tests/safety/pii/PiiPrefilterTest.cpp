// The PII prefilter (core/safety/PiiPrefilter.h) must never change what the engine finds: every
// test here compares an engine with the prefilter against one that scans every pattern over the
// whole text, on the labelled corpus and on generated adversarial text, and the vector window
// scan against the portable one.
#include "core/safety/PiiPrefilter.h"

#include "core/safety/PiiEngine.h"

#include <QFile>
#include <QSet>
#include <QTest>
#include <algorithm>
#include <optional>
#include <random>
#include <tuple>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

PiiPattern
custom(const QString& id, const QString& regex, const QString& flags = {}, const QString& severity = u"high"_s)
{
    PiiPattern p;
    p.patternId = id;
    p.name = id;
    p.category = u"identity"_s;
    p.regex = regex;
    p.flags = flags;
    p.severity = severity;
    return p;
}

// The defaults plus custom patterns of every kind: ones the analysis bounds and ones it leaves to
// the full scan (any character, negated classes, anchors, case folding of k), overlapping the
// defaults so overlap resolution mixes prefiltered and full-scan matches.
QList<PiiPattern> allPatterns()
{
    QList<PiiPattern> patterns = PiiEngine::defaultPatterns();
    patterns << custom(u"emp"_s, u"\\bEMP-\\d{6}\\b"_s, {}, u"low"_s)
             << custom(u"passport"_s, u"\\b[A-Z]{2}\\d{7}\\b"_s, {}, u"medium"_s)
             << custom(u"order"_s, u"(?:ord|ORD)[_-]?[0-9a-f]{8,12}"_s)
             << custom(u"digits8"_s, u"\\d{8}"_s, {}, u"low"_s)
             << custom(u"iban-ish"_s, u"[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}"_s, {}, u"critical"_s)
             << custom(u"case-folded"_s, u"acct[0-9]{5}"_s, u"i"_s)
             << custom(u"ticket"_s, u"T-(?P<n>\\d{4,})"_s, {}, u"medium"_s)
             << custom(u"long-digits"_s, u"\\d{300}"_s, {}, u"low"_s) // beyond the scanner's 255 cap
             << custom(u"any-char"_s, u"id:.{6}"_s, {}, u"low"_s) << custom(u"negated"_s, u"#[^ ]{5,}"_s, {}, u"low"_s)
             << custom(u"anchored"_s, u"^\\d{4}"_s, {}, u"low"_s)
             << custom(u"kelvin"_s, u"key[0-9]{3}"_s, u"i"_s, u"medium"_s)
             << custom(u"vietnamese"_s, u"số\\s?\\d{3}"_s, {}, u"low"_s);
    return patterns;
}

QString describe(const QList<PiiMatch>& matches)
{
    QStringList out;
    for (const PiiMatch& m : matches)
        out << u"%1[%2,%3)=%4"_s.arg(m.patternId).arg(m.start).arg(m.end).arg(m.text);
    return out.join(u"; "_s);
}

// An engine with the prefilter and one that scans every pattern over the whole text.
struct EnginePair
{
    PiiEngine fast { {} };
    PiiEngine plain { [] {
        PiiEngine::Options options;
        options.prefilter = false;
        return options;
    }() };
    bool setPatterns(const QList<PiiPattern>& patterns)
    {
        return fast.setPatterns(patterns).has_value() && plain.setPatterns(patterns).has_value();
    }
    // What both find in text; nullopt, with the difference in *why, when they differ.
    std::optional<QList<PiiMatch>> sameMatches(const QString& text, QString* why) const
    {
        const auto x = fast.detect(text);
        const auto y = plain.detect(text);
        if (!x || !y) {
            *why = u"\"%1\": detect failed"_s.arg(text);
            return std::nullopt;
        }
        if (describe(*x) != describe(*y)) {
            *why = u"\"%1\"\nprefilter: %2\nfull scan: %3"_s.arg(text, describe(*x), describe(*y));
            return std::nullopt;
        }
        return *x;
    }
};

// Text that is dense in what the patterns and validators look at: digit runs with every joiner,
// '@', key prefixes and key words, hex, Vietnamese, emoji, lone surrogates, long runs that cross
// the vector scan's 64-unit blocks and the 255 cap of its counters.
class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_rng(seed)
    {
    }

    QString text(int pieces)
    {
        QString s;
        for (int i = 0; i < pieces; ++i)
            s += piece();
        return s;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    QString digits(int n)
    {
        QString s;
        for (int i = 0; i < n; ++i)
            s += QChar(u'0' + pick(10));
        return s;
    }
    QString from(const QString& alphabet, int n)
    {
        QString s;
        for (int i = 0; i < n; ++i)
            s += alphabet[pick(int(alphabet.size()))];
        return s;
    }

    QString piece()
    {
        static const QStringList words {
            u"key"_s,    u"token"_s, u"secret"_s, u"passw"_s, u"bearer"_s,      u"Auth"_s,    u"the"_s,   u"số"_s,
            u"điện"_s,   u"CCCD"_s,  u"sk-"_s,    u"pk-"_s,   u"ghp_"_s,        u"AKIA"_s,    u"xoxb-"_s, u"eyJ"_s,
            u"EMP-"_s,   u"ORD_"_s,  u"T-"_s,     u"id:"_s,   u"#"_s,           u"ACCT"_s,    u"Key"_s,   u"+84"_s,
            u"(415) "_s, u"+1 "_s,   u"@"_s,      u".com"_s,  u"icon@2x.png"_s, u"v1.2.3."_s, u"😀"_s,
        };
        static const QString joiners = u" -.:/()+_@"_s;
        static const QString alnum = u"abcdefABCDEFxyzXYZ0123456789"_s;
        switch (pick(12)) {
        case 0: return words[pick(int(words.size()))];
        case 1: return digits(1 + pick(19));
        case 2: return QString(joiners[pick(int(joiners.size()))]);
        case 3: return from(alnum + u"_-"_s, 1 + pick(70)); // key-like runs
        case 4: return from(u"0123456789abcdef"_s, pick(2) ? 32 : 40);
        case 5: return digits(3) + u'-' + digits(2) + u'-' + digits(4);
        case 6: return from(u"0123456789 -"_s, 10 + pick(30)); // cards, phones
        case 7: return from(u"0123456789"_s, 200 + pick(150)); // beyond the 255 cap
        case 8: return from(u"abcXYZ019_-"_s, 60 + pick(300)); // runs across 64-unit blocks
        case 9: {
            QString s;
            s += QChar(pick(2) ? char16_t(0xD800) : char16_t(0xDC00)); // lone surrogate
            return s;
        }
        case 10: return u" Anh ơi, gửi "_s;
        default: return QString(QChar(u' '));
        }
    }

    std::mt19937 m_rng;
};

} // namespace

class PiiPrefilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDefaultPatternIsBounded();
    void boundsOfKnownPatterns();
    void narrowsWindows();
    void refusesWhatItCannotBound_data();
    void refusesWhatItCannotBound();
    void sameMatchesOnCorpus_data();
    void sameMatchesOnCorpus();
    void sameMatchesOnGeneratedText();
    void sameMatchesAroundNarrowedWindows();
    void sameResultsForTestPattern();
    void wholeRunRule_data();
    void wholeRunRule();
    void decidesWholeWindows();
    void sameMatchesAroundWholeWindows();
    void vectorScanEqualsPortableScan();
};

void PiiPrefilterTest::everyDefaultPatternIsBounded()
{
    // A default pattern the analysis cannot bound still works, but scans the whole text: a
    // regex change that does that should be a decision, not an accident.
    for (const PiiPattern& p : PiiEngine::defaultPatterns())
        QVERIFY2(prefilter::analyze(p.regex, p.flags.contains(u'i')).has_value(), qPrintable(p.patternId));
}

void PiiPrefilterTest::boundsOfKnownPatterns()
{
    const auto ssn = prefilter::analyze(u"\\b\\d{3}-\\d{2}-\\d{4}\\b", false);
    QVERIFY(ssn);
    QCOMPARE(ssn->minLength, 11);
    QCOMPARE(ssn->minDigits, 9);
    QVERIFY(ssn->chars.test('-') && ssn->chars.test('7') && !ssn->chars.test(' '));
    QCOMPARE(ssn->chars.count(), size_t(11));

    const auto email = prefilter::analyze(u"\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b", false);
    QVERIFY(email);
    QCOMPARE(email->minLength, 6);
    QVERIFY(email->feature.test('@'));
    QCOMPARE(email->feature.count(), size_t(1));
    QCOMPARE(email->minCount, 1);

    // Alternation keeps the smaller bound; optional parts count for nothing.
    const auto alt = prefilter::analyze(u"ab(?:c|def)?g{2,}|xyz", false);
    QVERIFY(alt);
    QCOMPARE(alt->minLength, 3);

    // Case folding adds the other case.
    const auto folded = prefilter::analyze(u"abc", true);
    QVERIFY(folded);
    QVERIFY(folded->chars.test('A') && folded->chars.test('c') && folded->chars.test('C'));

    // First and last bytes: optional, repeated-from-zero and zero-width parts let what follows
    // (or precedes) them come first (last).
    const auto phone = prefilter::analyze(u"(?:\\+1[-. ]?)?\\(?[2-9]\\d{2}\\)?\\b"_s, false);
    QVERIFY(phone);
    QCOMPARE(phone->first.count(), size_t(10)); // + ( 2-9
    QVERIFY(phone->first.test('+') && phone->first.test('(') && phone->first.test('2') && !phone->first.test('1'));
    QCOMPARE(phone->last.count(), size_t(11)); // ) 0-9
    QVERIFY(phone->last.test(')') && phone->last.test('0') && !phone->last.test('-'));
    const auto star = prefilter::analyze(u"\\b(?:ab)*c(?:de)*"_s, false);
    QVERIFY(star);
    QCOMPARE(star->first.count(), size_t(2));
    QVERIFY(star->first.test('a') && star->first.test('c'));
    QCOMPARE(star->last.count(), size_t(2));
    QVERIFY(star->last.test('c') && star->last.test('e'));
    // Boundaries: every alternative starts (ends) with \b or a byte that is never a word byte.
    QVERIFY(ssn->boundedStart && ssn->boundedEnd);
    QVERIFY(email->boundedStart && email->boundedEnd);
    QVERIFY(!phone->boundedStart && phone->boundedEnd); // "[2-9]" may start it after a word byte
    const auto usPhone = prefilter::analyze(PiiEngine::defaultPatterns().at(1).regex, false);
    QVERIFY(usPhone && usPhone->boundedStart && usPhone->boundedEnd); // "+1" and "(" start without \b
    const auto apiKey = prefilter::analyze(PiiEngine::defaultPatterns().at(6).regex, false);
    QVERIFY(apiKey && apiKey->boundedStart && !apiKey->boundedEnd); // sk-... ends without \b
    const auto acct = prefilter::analyze(u"acct[0-9]{5}"_s, false);
    QVERIFY(acct && !acct->boundedStart && !acct->boundedEnd);
    const auto optionalBoundary = prefilter::analyze(u"(?:\\b)?[0-9]{5}\\B"_s, false);
    QVERIFY(optionalBoundary && !optionalBoundary->boundedStart && !optionalBoundary->boundedEnd);
    const auto either = prefilter::analyze(u"x{2}|y?z"_s, false);
    QVERIFY(either);
    QCOMPARE(either->first.count(), size_t(3)); // x y z
    QCOMPARE(either->last.count(), size_t(2)); // x z
}

void PiiPrefilterTest::narrowsWindows()
{
    const auto ssn = prefilter::analyze(u"\\b[1-8]\\d{2}-\\d{2}-\\d{4}\\b"_s, false);
    QVERIFY(ssn);
    const auto narrowed = [&](QStringView text) -> std::optional<std::pair<qsizetype, qsizetype>> {
        qsizetype begin = 0;
        qsizetype end = text.size();
        if (!ssn->narrow(text, begin, end))
            return std::nullopt;
        return std::pair { begin, end };
    };
    // Leading bytes that cannot start a match and trailing ones that cannot end it go.
    QCOMPARE(narrowed(u"--.123-45-6789-"), (std::optional<std::pair<qsizetype, qsizetype>>({ 3, 14 })));
    // A match cannot start between two word bytes (the regex starts with \b): "0123" holds none.
    QVERIFY(!narrowed(u"--0123-45-6789-"));
    QCOMPARE(narrowed(u"0123-45-6789-123-45-6789"), (std::optional<std::pair<qsizetype, qsizetype>>({ 5, 24 })));
    QCOMPARE(narrowed(u"123-45-6789"), (std::optional<std::pair<qsizetype, qsizetype>>({ 0, 11 })));
    // What is left is too short, or lost the '-' bytes every match holds.
    QVERIFY(!narrowed(u"0900-45-6789"));
    QVERIFY(!narrowed(u"---1234567890---"));
    QVERIFY(!narrowed(u"0-0-1234567890123"));
}

void PiiPrefilterTest::refusesWhatItCannotBound_data()
{
    QTest::addColumn<QString>("regex");
    QTest::addColumn<bool>("caseInsensitive");
    QTest::newRow("any character") << u"a.b"_s << false;
    QTest::newRow("negated class") << u"[^a]{3}"_s << false;
    QTest::newRow("non-digit") << u"\\D{3}"_s << false;
    QTest::newRow("non-word") << u"\\W+x"_s << false;
    QTest::newRow("non-space") << u"\\S+x"_s << false;
    QTest::newRow("unicode class") << u"\\pL+"_s << false;
    QTest::newRow("hex escape") << u"\\x41+"_s << false;
    QTest::newRow("start anchor") << u"^abc"_s << false;
    QTest::newRow("end anchor") << u"abc$"_s << false;
    QTest::newRow("text anchor") << u"\\Aabc"_s << false;
    QTest::newRow("inline flags") << u"(?i)abc"_s << false;
    QTest::newRow("posix class") << u"[[:digit:]]+"_s << false;
    QTest::newRow("non-ASCII literal") << u"sốx"_s << false;
    QTest::newRow("folded k") << u"key"_s << true;
    QTest::newRow("folded s") << u"[a-z]+"_s << true;
    QTest::newRow("empty match") << u"a*"_s << false;
    QTest::newRow("only boundaries") << u"\\b"_s << false;
    QTest::newRow("any byte") << u"\\C+"_s << false;
}

void PiiPrefilterTest::refusesWhatItCannotBound()
{
    QFETCH(QString, regex);
    QFETCH(bool, caseInsensitive);
    QVERIFY(!prefilter::analyze(regex, caseInsensitive).has_value());
}

void PiiPrefilterTest::sameMatchesOnCorpus_data()
{
    using Path = prefilter::WindowScanner::Path;
    QTest::addColumn<int>("path");
    QTest::newRow("auto") << int(Path::Auto);
    // A path this CPU lacks runs as portable: the engine option must not crash or change results.
    QTest::newRow("avx512") << int(Path::Avx512);
    QTest::newRow("avx2") << int(Path::Avx2);
    QTest::newRow("portable") << int(Path::Portable);
}

void PiiPrefilterTest::sameMatchesOnCorpus()
{
    QFETCH(int, path);
    PiiEngine::Options fastOptions;
    fastOptions.prefilterPath = prefilter::WindowScanner::Path(path);
    PiiEngine fast(fastOptions);
    PiiEngine::Options plainOptions;
    plainOptions.prefilter = false;
    PiiEngine plain(plainOptions);
    QVERIFY(fast.setPatterns(allPatterns()));
    QVERIFY(plain.setPatterns(allPatterns()));

    QFile file(QStringLiteral(AIOPS_TEST_DATA_DIR "/pii-corpus.tsv"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int lines = 0;
    int withMatches = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString text = line.section(u'\t', 1, 1);
        const auto a = fast.process(text);
        const auto b = plain.process(text);
        QVERIFY(a && b);
        QCOMPARE(describe(a->matches), describe(b->matches));
        QCOMPARE(a->redactedText, b->redactedText);
        ++lines;
        withMatches += a->matches.isEmpty() ? 0 : 1;
    }
    QVERIFY(lines >= 300);
    QVERIFY(withMatches >= 150); // the comparison covered real matches, not only empty results
}

void PiiPrefilterTest::sameMatchesOnGeneratedText()
{
    EnginePair engines;
    QVERIFY(engines.setPatterns(allPatterns()));

    Generator generator(7);
    qsizetype matches = 0;
    QSet<QString> patternsSeen;
    for (int i = 0; i < 1500; ++i) {
        QString why;
        const auto found = engines.sameMatches(generator.text(1 + i % 60), &why);
        QVERIFY2(found, qPrintable(u"text %1: "_s.arg(i) + why));
        matches += found->size();
        for (const PiiMatch& m : *found)
            patternsSeen.insert(m.patternId);
    }
    QVERIFY(matches > 500);
    // Every default pattern matched somewhere, so each one's window logic was exercised.
    for (const PiiPattern& p : PiiEngine::defaultPatterns())
        QVERIFY2(patternsSeen.contains(p.patternId), qPrintable(p.patternId));
}

void PiiPrefilterTest::sameMatchesAroundNarrowedWindows()
{
    // Windows the narrowing trims or drops (decimals, timestamps, UUID pieces) next to real
    // matches, each joined to its neighbours in every way.
    EnginePair engines;
    QVERIFY(engines.setPatterns(allPatterns()));
    const QStringList pieces { u"0.0123456789"_s,
                               u"1718000000."_s,
                               u"123e4567-e89b-12d3-a456-426614174000"_s,
                               u"a4111111111111111"_s,
                               u"4111111111111111b"_s,
                               u"x123-45-6789"_s,
                               u"_079203001234"_s,
                               u"sk-abcdefghij0123456789xyz_"_s,
                               u"(415) 555-0142"_s,
                               u"0912 345 678"_s,
                               u"079203001234"_s,
                               u"4111 1111 1111 1111"_s,
                               u"123-45-6789"_s,
                               u"+84 912345678"_s,
                               u"0.5551234567"_s,
                               u"2125550142.5"_s,
                               u"-0079203001234-"_s };
    const QStringList joiners { u" "_s, u"."_s, u"-"_s, u""_s, u"("_s, u"+"_s, u" a "_s };
    int matches = 0;
    for (const QString& a : pieces) {
        for (const QString& b : pieces) {
            for (const QString& j : joiners) {
                QString why;
                const auto found = engines.sameMatches(a + j + b, &why);
                QVERIFY2(found, qPrintable(why));
                matches += int(found->size());
            }
        }
    }
    QVERIFY(matches > 200);
}

void PiiPrefilterTest::sameResultsForTestPattern()
{
    PiiEngine fast({});
    PiiEngine::Options plainOptions;
    plainOptions.prefilter = false;
    PiiEngine plain(plainOptions);
    Generator generator(11);
    for (const PiiPattern& p : allPatterns()) {
        for (int i = 0; i < 100; ++i) {
            const QString text = generator.text(1 + i % 40);
            const auto a = fast.testPattern(p, text);
            const auto b = plain.testPattern(p, text);
            QVERIFY(a && b);
            QCOMPARE(describe(*a), describe(*b));
        }
    }
}

void PiiPrefilterTest::wholeRunRule_data()
{
    QTest::addColumn<QString>("regex");
    QTest::addColumn<bool>("caseInsensitive");
    QTest::addColumn<int>("minLength"); // of the rule; 0: no rule
    QTest::addColumn<int>("others"); // alternatives before the last one
    QTest::newRow("api key (built-in)") << PiiEngine::defaultPatterns().at(6).regex << false << 32 << 5;
    QTest::newRow("alone") << u"\\b[a-f0-9]{8,}\\b"_s << false << 8 << 0;
    QTest::newRow("plus") << u"\\b[A-Z]+\\b"_s << false << 1 << 0;
    QTest::newRow("after a literal") << u"foo[0-9]+|\\b[a-f0-9]{8,}\\b"_s << false << 8 << 1;
    QTest::newRow("folded") << u"\\b[a-f]{6,}\\b"_s << true << 6 << 0;
    QTest::newRow("lazy") << u"\\b[a-f0-9]{8,}?\\b"_s << false << 0 << 0;
    QTest::newRow("bounded") << u"\\b[a-f0-9]{8,12}\\b"_s << false << 0 << 0;
    QTest::newRow("no end boundary") << u"\\b[a-f0-9]{8,}"_s << false << 0 << 0;
    QTest::newRow("not last") << u"\\b[a-f0-9]{8,}\\b|foo[0-9]+"_s << false << 0 << 0;
    QTest::newRow("in a group") << u"(?:foo[0-9]+|\\b[a-f0-9]{8,}\\b)"_s << false << 0 << 0;
    QTest::newRow("other needs no byte") << u"[0-9]{4}|\\b[a-f0-9]{8,}\\b"_s << false << 0 << 0;
    QTest::newRow("two classes") << u"\\b[a-f][0-9]{8,}\\b"_s << false << 0 << 0;
}

void PiiPrefilterTest::wholeRunRule()
{
    QFETCH(QString, regex);
    QFETCH(bool, caseInsensitive);
    QFETCH(int, minLength);
    QFETCH(int, others);
    const auto trigger = prefilter::analyze(regex, caseInsensitive);
    QVERIFY(trigger);
    QCOMPARE(trigger->wholeRun.has_value(), minLength > 0);
    if (trigger->wholeRun) {
        QCOMPARE(trigger->wholeRun->minLength, minLength);
        QCOMPARE(int(trigger->wholeRun->needs.size()), others);
    }
}

void PiiPrefilterTest::decidesWholeWindows()
{
    const PiiPattern apiKey = PiiEngine::defaultPatterns().at(6);
    QCOMPARE(apiKey.patternId, u"pii-api-key"_s);
    const auto trigger = prefilter::analyze(apiKey.regex, false);
    QVERIFY(trigger && trigger->wholeRun);
    using Verdict = prefilter::Trigger::Verdict;
    // The window is the text between the first and last '|' (which are not part of it).
    const auto verdict = [&](const QString& marked) {
        const qsizetype begin = marked.indexOf(u'|');
        const qsizetype end = marked.lastIndexOf(u'|') - 1;
        QString text = marked;
        text.remove(u'|');
        return trigger->decide(text, begin, end);
    };
    const QString sha1 = u"1497c879436a171788b71ce82ae2aaede0440c2c"_s;
    QCOMPARE(verdict(u"commit |"_s + sha1 + u"| fixed"_s), Verdict::Whole);
    QCOMPARE(verdict(u"|123e4567-e89b-12d3-a456-426614174000|"_s), Verdict::Whole);
    QCOMPARE(verdict(u"é|"_s + sha1 + u"|😀"_s), Verdict::Whole); // non-ASCII neighbours are not word bytes
    QCOMPARE(verdict(u" |"_s + sha1.left(31) + u"| "_s), Verdict::None); // shorter than 32
    QCOMPARE(verdict(u" |snake_case_identifier_v2| "_s), Verdict::None);
    // Unknown: the regex decides.
    QCOMPARE(verdict(u"x|"_s + sha1 + u"| "_s), Verdict::Unknown); // a word byte before
    QCOMPARE(verdict(u" |"_s + sha1 + u"|_"_s), Verdict::Unknown); // and after
    QCOMPARE(verdict(u" |-"_s + sha1 + u"| "_s), Verdict::Unknown); // starts with a non-word byte
    QCOMPARE(verdict(u" |sk-"_s + sha1 + u"| "_s), Verdict::Unknown); // the sk- alternative may match
    QCOMPARE(verdict(u" |ghp_"_s + sha1 + u"| "_s), Verdict::Unknown); // holds g, h and _
    QCOMPARE(verdict(u" |v1.2."_s + sha1 + u"| "_s), Verdict::Unknown); // '.' is not in the class
    // Without the rule nothing is decided.
    const auto ssn = prefilter::analyze(u"\\b\\d{3}-\\d{2}-\\d{4}\\b"_s, false);
    QVERIFY(ssn && !ssn->wholeRun);
    QCOMPARE(ssn->decide(u"123-45-6789"_s, 0, 11), Verdict::Unknown);
}

void PiiPrefilterTest::sameMatchesAroundWholeWindows()
{
    // Hashes, UUIDs, keys and identifiers around the rule's length limit, with every kind of
    // neighbour (word bytes, non-word bytes, '@', key words, non-ASCII), for the built-in API-key
    // pattern and custom patterns the rule applies to.
    QList<PiiPattern> patterns = PiiEngine::defaultPatterns();
    patterns << custom(u"hexrun"_s, u"\\bfoo[0-9]+|\\b[a-f0-9]{8,}\\b"_s, {}, u"low"_s)
             << custom(u"folded-hex"_s, u"\\b[a-f]{6,}\\b"_s, u"i"_s, u"low"_s)
             << custom(u"caps"_s, u"\\b[A-Z0-9]+\\b"_s, {}, u"low"_s);
    EnginePair engines;
    QVERIFY(engines.setPatterns(patterns));
    const QString hex = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
    const QStringList pieces {
        hex.left(31),
        hex.left(32),
        hex.left(33),
        hex.left(40),
        hex,
        hex + hex,
        hex.left(32).toUpper(),
        u"123e4567-e89b-12d3-a456-426614174000"_s,
        u"123E4567-E89B-12D3-A456-426614174000"_s,
        u"-"_s + hex.left(32),
        hex.left(32) + u"-"_s,
        u"sk-"_s + hex.left(24),
        u"ghp_"_s + hex.left(36),
        u"AKIAABCDEFGHIJKLMNOP"_s,
        u"xoxb-"_s + hex.left(12),
        u"eyJhbGciOi.eyJzdWIiOi.SflKxwRJSM"_s,
        u"snake_case_identifier_v2_final"_s,
        u"aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3"_s,
        u"foo123"_s,
        u"DEADBEEF"_s,
        u"cafe"_s,
        u"abcdef"_s,
        u"ABCDEFABCDEF"_s,
    };
    const QStringList neighbours { u" "_s, u""_s,  u"x"_s, u"_"_s,    u"-"_s,       u"."_s,
                                   u"@"_s, u"é"_s, u"😀"_s, u"key="_s, u"token: "_s, u"/"_s };
    int matches = 0;
    QSet<QString> patternsSeen;
    for (const QString& piece : pieces) {
        for (const QString& before : neighbours) {
            for (const QString& after : neighbours) {
                QString why;
                const auto found = engines.sameMatches(before + piece + after, &why);
                QVERIFY2(found, qPrintable(why));
                matches += int(found->size());
                for (const PiiMatch& m : *found)
                    patternsSeen.insert(m.patternId);
            }
        }
    }
    QVERIFY(matches > 500);
    for (const char* id : { "pii-api-key", "hexrun", "folded-hex", "caps" })
        QVERIFY2(patternsSeen.contains(QString::fromLatin1(id)), id);
}

void PiiPrefilterTest::vectorScanEqualsPortableScan()
{
    prefilter::WindowScanner scanner;
    for (const PiiPattern& p : allPatterns()) {
        if (const auto t = prefilter::analyze(p.regex, p.flags.contains(u'i')))
            QVERIFY(scanner.add(*t) >= 0);
    }
    QVERIFY(scanner.size() >= 10); // more than 8 slots: both signature groups of the vector scan
    Generator generator(3);
    qsizetype windows = 0;
    const auto sorted = [](std::vector<prefilter::Window> w) {
        std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) {
            return std::tie(a.slot, a.begin, a.end) < std::tie(b.slot, b.begin, b.end);
        });
        QStringList out;
        for (const auto& x : w)
            out << u"%1:%2-%3"_s.arg(x.slot).arg(x.begin).arg(x.end);
        return out.join(u' ');
    };
    using Path = prefilter::WindowScanner::Path;
    for (int i = 0; i < 2000; ++i) {
        const QString text = generator.text(1 + i % 80);
        std::vector<prefilter::Window> portable;
        scanner.scan(text, portable, Path::Portable);
        for (const Path path : { Path::Auto, Path::Avx2, Path::Avx512 }) {
            std::vector<prefilter::Window> other;
            scanner.scan(text, other, path); // a path the CPU lacks runs as Portable
            QCOMPARE(sorted(other), sorted(portable));
        }
        windows += qsizetype(portable.size());
    }
    QVERIFY(windows > 1000);
    if (!prefilter::WindowScanner::available(Path::Avx2))
        qInfo("this CPU has no AVX2: only the portable scan ran");
    else if (!prefilter::WindowScanner::available(Path::Avx512))
        qInfo("this CPU has no AVX-512 VBMI: the AVX2 and portable scans ran");
}

QTEST_GUILESS_MAIN(PiiPrefilterTest)
#include "PiiPrefilterTest.moc"
