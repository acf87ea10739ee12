#include "core/safety/GuardrailEngine.h"
#include "core/safety/MessageFilter.h"
#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyFilters.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

const QString kCard = u"4111 1111 1111 1111"_s; // Luhn-valid test number

Guardrail keywordGuardrail(const QString& id,
                           const QStringList& words,
                           const QString& action,
                           const QStringList& appliesTo = { u"both"_s })
{
    Guardrail g;
    g.guardrailId = id;
    g.name = id;
    g.description = u"chain test"_s;
    g.type = u"content-filter"_s;
    g.config = { { u"blockedKeywords"_s, QJsonArray::fromStringList(words) } };
    g.action = action;
    g.appliesTo = appliesTo;
    g.severity = u"medium"_s;
    return g;
}

FilterContext message(Direction direction, const QString& text)
{
    FilterContext context;
    context.direction = direction;
    context.text = text;
    context.conversationId = u"conv-1"_s;
    context.messageId = u"msg-1"_s;
    context.agentId = u"agent-1"_s;
    context.userId = u"user-1"_s;
    return context;
}

// Records that it ran and the text it saw.
class ProbeFilter final : public MessageFilter
{
public:
    QString name() const override { return u"probe"_s; }
    bool appliesTo(Direction) const override { return true; }
    void apply(FilterContext& context) override
    {
        ++runs;
        seen = context.text;
    }

    int runs = 0;
    QString seen;
};

} // namespace

class MessageFilterChainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultChainOrder();
    void piiRunsBeforeGuardrailsOnUserInput();
    void agentOutputSkipsPii();
    void agentOutputGuardrailsOnlyOnAgentOutput();
    void piiBlockStopsChain();
    void guardrailBlockStopsChain();
    void oversizeTextIsBlockedUnscanned();
    void warningsAccumulate();
    void rephraseAndEscalatePassThrough();

private:
    std::unique_ptr<PiiEngine> m_pii;
    std::unique_ptr<GuardrailEngine> m_guardrails;
};

void MessageFilterChainTest::init()
{
    PiiEngine::Options options;
    options.hashSalt = "chain-test-salt";
    options.maxTextLength = 4096;
    m_pii = std::make_unique<PiiEngine>(options);
    QVERIFY(m_pii->setPatterns(PiiEngine::defaultPatterns()).has_value());
    m_guardrails = std::make_unique<GuardrailEngine>();
}

void MessageFilterChainTest::defaultChainOrder()
{
    const MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    QCOMPARE(chain.names(), (QStringList { u"pii"_s, u"guardrails:user-input"_s, u"guardrails:agent-output"_s }));
}

void MessageFilterChainTest::piiRunsBeforeGuardrailsOnUserInput()
{
    // A guardrail that would block on the raw card number never fires: it only sees masked text.
    QVERIFY(m_guardrails->setGuardrails({ keywordGuardrail(u"card"_s, { kCard, u"4111"_s }, u"block"_s) }));
    MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    auto probe = std::make_shared<ProbeFilter>();
    chain.add(probe);

    FilterContext context = message(Direction::UserInput, u"Please charge my card "_s + kCard + u" today"_s);
    chain.run(context);
    QVERIFY2(!context.blocked, qPrintable(context.blockMessage));
    QVERIFY(context.violations.isEmpty());
    QVERIFY(!context.text.contains(u"4111"_s));
    QVERIFY(context.text.startsWith(u"Please charge my card "_s));
    QCOMPARE(context.piiMatches.size(), 1);
    QCOMPARE(context.piiMatches.first().patternId, u"pii-credit-card"_s);
    QCOMPARE(probe->runs, 1);
    QVERIFY(!probe->seen.contains(u"4111"_s));

    // The same filters in the opposite order do see the number, so the order above is what protects it.
    MessageFilterChain reversed;
    reversed.add(std::make_shared<GuardrailFilter>(*m_guardrails, QList<Direction> { Direction::UserInput }));
    reversed.add(std::make_shared<PiiFilter>(*m_pii));
    FilterContext raw = message(Direction::UserInput, u"Please charge my card "_s + kCard + u" today"_s);
    reversed.run(raw);
    QVERIFY(raw.blocked);
}

void MessageFilterChainTest::agentOutputSkipsPii()
{
    const MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    const QString text = u"Contact ops@example.com, card "_s + kCard;
    FilterContext context = message(Direction::AgentOutput, text);
    chain.run(context);
    QVERIFY(!context.blocked);
    QCOMPARE(context.text, text);
    QVERIFY(context.piiMatches.isEmpty());
}

void MessageFilterChainTest::agentOutputGuardrailsOnlyOnAgentOutput()
{
    QVERIFY(m_guardrails->setGuardrails(
        { keywordGuardrail(u"out"_s, { u"falcon"_s }, u"block"_s, { u"agent-output"_s }) }));
    const MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);

    FilterContext input = message(Direction::UserInput, u"tell me about falcon"_s);
    chain.run(input);
    QVERIFY(!input.blocked);

    FilterContext output = message(Direction::AgentOutput, u"falcon is classified"_s);
    chain.run(output);
    QVERIFY(output.blocked);
    QCOMPARE(output.blockErrorCode, u"GUARDRAIL_BLOCKED"_s);
    QCOMPARE(output.violations.size(), 1);
    const GuardrailViolation& v = output.violations.first();
    QCOMPARE(v.conversationId, u"conv-1"_s);
    QCOMPARE(v.messageId, u"msg-1"_s);
    QCOMPARE(v.owner.userId, u"user-1"_s);
}

void MessageFilterChainTest::piiBlockStopsChain()
{
    QList<PiiPattern> patterns = PiiEngine::defaultPatterns();
    for (PiiPattern& pattern : patterns) {
        if (pattern.patternId == u"pii-ssn"_s)
            pattern.action = u"block"_s;
    }
    QVERIFY(m_pii->setPatterns(patterns).has_value());
    // Would warn if it ran.
    QVERIFY(m_guardrails->setGuardrails({ keywordGuardrail(u"warn"_s, { u"ssn"_s }, u"warn"_s) }));
    MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    auto probe = std::make_shared<ProbeFilter>();
    chain.add(probe);

    FilterContext context = message(Direction::UserInput, u"my ssn is 078-05-1120"_s);
    chain.run(context);
    QVERIFY(context.blocked);
    QCOMPARE(context.blockErrorCode, u"PII_BLOCKED"_s);
    QVERIFY(context.blockMessage.contains(u"SSN"_s));
    QVERIFY(!context.text.contains(u"078-05-1120"_s));
    QVERIFY(context.warnings.isEmpty());
    QVERIFY(context.violations.isEmpty());
    QCOMPARE(probe->runs, 0);
}

void MessageFilterChainTest::guardrailBlockStopsChain()
{
    Guardrail block = keywordGuardrail(u"block"_s, { u"falcon"_s }, u"block"_s);
    block.blockMessage = u"Project names are not discussed here."_s;
    QVERIFY(m_guardrails->setGuardrails({ block }));
    MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    auto probe = std::make_shared<ProbeFilter>();
    chain.add(probe);

    FilterContext context = message(Direction::UserInput, u"What is Project FALCON?"_s);
    chain.run(context);
    QVERIFY(context.blocked);
    QCOMPARE(context.blockErrorCode, u"GUARDRAIL_BLOCKED"_s);
    QCOMPARE(context.blockMessage, u"Project names are not discussed here."_s);
    QCOMPARE(context.violations.size(), 1);
    QCOMPARE(context.violations.first().actionTaken, u"blocked"_s);
    QCOMPARE(probe->runs, 0);
}

void MessageFilterChainTest::oversizeTextIsBlockedUnscanned()
{
    MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    FilterContext context = message(Direction::UserInput, QString(5000, u'a'));
    chain.run(context);
    QVERIFY(context.blocked);
    QCOMPARE(context.blockErrorCode, u"OUT_OF_RANGE"_s);
}

void MessageFilterChainTest::warningsAccumulate()
{
    QVERIFY(m_guardrails->setGuardrails({
        keywordGuardrail(u"first"_s, { u"falcon"_s }, u"warn"_s),
        keywordGuardrail(u"second"_s, { u"eagle"_s }, u"warn"_s),
    }));
    const MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    FilterContext context = message(Direction::UserInput, u"falcon and eagle"_s);
    context.warnings.append(u"from an earlier stage"_s);
    chain.run(context);
    QVERIFY(!context.blocked);
    QCOMPARE(context.warnings.size(), 3);
    QCOMPARE(context.warnings.first(), u"from an earlier stage"_s);
    QVERIFY(context.warnings.at(1).startsWith(u"first: "_s));
    QVERIFY(context.warnings.at(2).startsWith(u"second: "_s));
    QCOMPARE(context.violations.size(), 2);
    QCOMPARE(context.text, u"falcon and eagle"_s);
}

void MessageFilterChainTest::rephraseAndEscalatePassThrough()
{
    QVERIFY(m_guardrails->setGuardrails({
        keywordGuardrail(u"rephrase"_s, { u"falcon"_s }, u"rephrase"_s),
        keywordGuardrail(u"escalate"_s, { u"eagle"_s }, u"escalate"_s),
    }));
    const MessageFilterChain chain = makeDefaultChain(*m_pii, *m_guardrails);
    FilterContext context = message(Direction::UserInput, u"falcon and eagle, mail me at ops@example.com"_s);
    chain.run(context);
    QVERIFY(!context.blocked);
    QVERIFY(context.escalated);
    QVERIFY(context.text.startsWith(u"[removed] and eagle, mail me at "_s));
    QVERIFY(!context.text.contains(u"ops@example.com"_s));
    QCOMPARE(context.violations.size(), 2);
}

QTEST_GUILESS_MAIN(MessageFilterChainTest)
#include "MessageFilterChainTest.moc"
