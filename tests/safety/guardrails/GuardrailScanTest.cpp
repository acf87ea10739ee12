// A message that toxicity or sentiment guardrails apply to is scanned once, by a matcher that holds
// the shipped lexicons and the guardrails' own keywords together. These tests check that this one
// pass finds what separate passes find: keyword findings against an engine without lexicon rules,
// toxicity and sentiment scores against the static helpers (which scan the lexicons alone).
#include "core/safety/GuardrailEngine.h"
#include "core/safety/GuardrailLexicons.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <random>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

Guardrail guardrail(const QString& id, const QString& type, const QJsonObject& config)
{
    Guardrail g;
    g.guardrailId = id;
    g.name = id;
    g.description = u"scan test"_s;
    g.type = type;
    g.action = u"warn"_s;
    g.appliesTo = { u"both"_s };
    g.config = config;
    return g;
}

QStringList keywords()
{
    // Some share words with the lexicons, so hits of both sources overlap.
    return { u"bitcoin"_s, u"casino"_s, u"đánh bạc"_s, u"ma túy"_s,  u"idiot"_s,   u"stupid"_s,
             u"ngu"_s,     u"good"_s,   u"not"_s,      u"lừa đảo"_s, u"tiền ảo"_s, u"weapon"_s };
}

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_rng(seed)
    {
        for (const auto list : { lexicons::toxicityEnglish(), lexicons::toxicityVietnamese() }) {
            for (const auto& e : list)
                m_phrases << QString::fromUtf8(e.phrase);
        }
        for (const auto list : { lexicons::sentimentEnglish(), lexicons::sentimentVietnamese() }) {
            for (const auto& e : list)
                m_phrases << QString::fromUtf8(e.phrase);
        }
        for (const char* n : lexicons::negators())
            m_phrases << QString::fromUtf8(n);
        m_phrases << keywords();
        m_phrases << u"the GPU node"_s << u"máy chủ"_s << u"deploy"_s << u"😀"_s << u"x"_s << u"42"_s;
    }

    QString text(int words)
    {
        QString s;
        for (int i = 0; i < words; ++i) {
            QString w = m_phrases[pick(int(m_phrases.size()))];
            switch (pick(5)) {
            case 0: w = w.toUpper(); break;
            case 1: w += u"s"_s; break; // glued: no word boundary after
            default: break;
            }
            s += w;
            static const QStringList separators { u" "_s, u"  "_s, u", "_s, u"\n"_s, u"-"_s, u""_s };
            s += separators[pick(int(separators.size()))];
        }
        return s;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    std::mt19937 m_rng;
    QStringList m_phrases;
};

const GuardrailViolation* violationOf(const GuardrailOutcome& outcome, const QString& id)
{
    for (const GuardrailViolation& v : outcome.violations) {
        if (v.guardrailId == id)
            return &v;
    }
    return nullptr;
}

} // namespace

class GuardrailScanTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePassFindsWhatSeparatePassesFind();
};

void GuardrailScanTest::onePassFindsWhatSeparatePassesFind()
{
    QJsonArray words;
    for (const QString& k : keywords())
        words.append(k);
    const Guardrail filter = guardrail(u"filter"_s, u"content-filter"_s, { { u"blockedKeywords"_s, words } });
    const Guardrail toxic = guardrail(u"toxic"_s, u"toxicity"_s, { { u"maxToxicity"_s, 0.0 } });
    const Guardrail mood = guardrail(u"mood"_s, u"sentiment"_s, { { u"minSentiment"_s, 0.99 } });

    GuardrailEngine combined; // keywords and lexicons in one pass
    GuardrailEngine filterOnly; // keywords alone: no lexicon rule, so no lexicon pass
    QVERIFY(combined.setGuardrails({ filter, toxic, mood }));
    QVERIFY(filterOnly.setGuardrails({ filter }));

    Generator generator(5);
    int keywordFindings = 0;
    int toxicFindings = 0;
    for (int i = 0; i < 3000; ++i) {
        const QString text = generator.text(1 + i % 30);
        const GuardrailOutcome all = combined.evaluate(text, Direction::UserInput);
        const GuardrailOutcome alone = filterOnly.evaluate(text, Direction::UserInput);

        const GuardrailViolation* a = violationOf(all, u"filter"_s);
        const GuardrailViolation* b = violationOf(alone, u"filter"_s);
        QCOMPARE(a != nullptr, b != nullptr);
        if (a) {
            QCOMPARE(a->detectedIssue, b->detectedIssue); // names keywords in the order found
            ++keywordFindings;
        }

        const double toxicity = GuardrailEngine::toxicity(text);
        const GuardrailViolation* t = violationOf(all, u"toxic"_s);
        QCOMPARE(t != nullptr, toxicity > 0.0);
        if (t) {
            QCOMPARE(t->confidence, toxicity);
            ++toxicFindings;
        }

        const double sentiment = GuardrailEngine::sentiment(text);
        const GuardrailViolation* s = violationOf(all, u"mood"_s);
        QCOMPARE(s != nullptr, sentiment < 0.99);
        if (s)
            QVERIFY(s->detectedIssue.startsWith(u"sentiment %1 "_s.arg(QString::number(sentiment, 'f', 2))));
    }
    QVERIFY(keywordFindings > 500);
    QVERIFY(toxicFindings > 500);
}

QTEST_GUILESS_MAIN(GuardrailScanTest)
#include "GuardrailScanTest.moc"
