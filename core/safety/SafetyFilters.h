#pragma once

#include "core/safety/MessageFilter.h"

#include <QList>
#include <QStringView>

namespace aiops::safety {

class GuardrailEngine;
class PiiEngine;

// blockErrorCode values of the filters below.
inline constexpr QStringView kPiiBlockedCode = u"PII_BLOCKED";
inline constexpr QStringView kGuardrailBlockedCode = u"GUARDRAIL_BLOCKED";

// Seed 000 "Combined Flow" step 2: detects and redacts PII in what a user sends, before anything
// stores or forwards it. Agent output is not scanned: it is built from already redacted input.
class PiiFilter final : public MessageFilter
{
public:
    explicit PiiFilter(const PiiEngine& engine);

    QString name() const override;
    bool appliesTo(Direction direction) const override;
    // Rewrites context.text to the redacted text and records the matches. A pattern with action
    // "block" blocks with PII_BLOCKED; text the engine refuses (too long) blocks with the engine's
    // error code, because an unscanned message must not be stored.
    void apply(FilterContext& context) override;

private:
    const PiiEngine& m_engine;
};

// Seed 000 "Combined Flow" steps 3 and 7: the guardrails in scope for the message's direction and
// agent. Fills warnings, violations and escalated; a block stops the chain with GUARDRAIL_BLOCKED
// and the guardrail's blockMessage; otherwise a rephrased text replaces context.text.
class GuardrailFilter final : public MessageFilter
{
public:
    GuardrailFilter(const GuardrailEngine& engine, QList<Direction> directions);

    QString name() const override;
    bool appliesTo(Direction direction) const override;
    void apply(FilterContext& context) override;

private:
    const GuardrailEngine& m_engine;
    QList<Direction> m_directions;
};

// The chain in the order of seed 000's "Combined Flow": PII (user input), then guardrails (user
// input); storing and forwarding happen outside the chain; then guardrails (agent output). The
// engines must outlive the chain.
MessageFilterChain makeDefaultChain(PiiEngine& pii, GuardrailEngine& guardrails);

} // namespace aiops::safety
