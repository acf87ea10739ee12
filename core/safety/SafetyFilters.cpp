#include "core/safety/SafetyFilters.h"

#include "core/safety/GuardrailEngine.h"
#include "core/safety/PiiEngine.h"

namespace aiops::safety {

using namespace Qt::StringLiterals;

PiiFilter::PiiFilter(const PiiEngine& engine)
    : m_engine(engine)
{
}

QString PiiFilter::name() const
{
    return u"pii"_s;
}

bool PiiFilter::appliesTo(Direction direction) const
{
    return direction == Direction::UserInput;
}

void PiiFilter::apply(FilterContext& context)
{
    auto outcome = m_engine.process(context.text);
    if (!outcome) {
        context.blocked = true;
        context.blockErrorCode = outcome.error().codeName();
        context.blockMessage = outcome.error().message;
        return;
    }
    // Even a blocked message keeps only its redacted text: it may still be logged or shown.
    context.text = outcome->redactedText;
    context.piiMatches.append(outcome->matches);
    if (!outcome->blocked)
        return;
    QStringList blocking;
    for (const PiiMatch& match : std::as_const(outcome->matches)) {
        if (match.action == u"block"_s && !blocking.contains(match.patternName))
            blocking.append(match.patternName);
    }
    context.blocked = true;
    context.blockErrorCode = kPiiBlockedCode.toString();
    context.blockMessage
        = u"This message was blocked because it contains sensitive data (%1)."_s.arg(blocking.join(u", "_s));
}

GuardrailFilter::GuardrailFilter(const GuardrailEngine& engine, QList<Direction> directions)
    : m_engine(engine)
    , m_directions(std::move(directions))
{
}

QString GuardrailFilter::name() const
{
    QStringList scopes;
    for (const Direction direction : m_directions)
        scopes.append(direction == Direction::UserInput ? u"user-input"_s : u"agent-output"_s);
    return u"guardrails:"_s + scopes.join(u'+');
}

bool GuardrailFilter::appliesTo(Direction direction) const
{
    return m_directions.contains(direction);
}

void GuardrailFilter::apply(FilterContext& context)
{
    GuardrailOutcome outcome = m_engine.evaluate(context.text, context.direction, context.agentId);
    for (GuardrailViolation& violation : outcome.violations) {
        violation.conversationId = context.conversationId;
        violation.messageId = context.messageId;
        violation.owner.userId = context.userId;
        context.violations.append(violation);
    }
    context.warnings.append(outcome.warnings);
    context.escalated = context.escalated || outcome.escalated;
    if (outcome.blocked) {
        context.blocked = true;
        context.blockErrorCode = kGuardrailBlockedCode.toString();
        context.blockMessage = outcome.blockMessage;
        return;
    }
    context.text = outcome.text;
}

MessageFilterChain makeDefaultChain(PiiEngine& pii, GuardrailEngine& guardrails)
{
    MessageFilterChain chain;
    chain.add(std::make_shared<PiiFilter>(pii));
    chain.add(std::make_shared<GuardrailFilter>(guardrails, QList<Direction> { Direction::UserInput }));
    chain.add(std::make_shared<GuardrailFilter>(guardrails, QList<Direction> { Direction::AgentOutput }));
    return chain;
}

} // namespace aiops::safety
