#pragma once

#include "core/protocol/Error.h"
#include "core/safety/SafetyTypes.h"

#include <QString>
#include <memory>
#include <vector>

namespace aiops::safety {

// One message travelling through the controller's message pipeline (seed 000 "Combined Flow").
struct FilterContext
{
    Direction direction = Direction::UserInput;
    QString text; // filters may rewrite it
    QString conversationId;
    QString messageId;
    QString agentId;
    QString userId;
    bool blocked = false; // a filter stopped the message
    QString blockMessage;
    QString blockErrorCode; // e.g. PII_BLOCKED, GUARDRAIL_BLOCKED
    QStringList warnings; // shown to the user, message still goes through
    bool escalated = false;
    QList<PiiMatch> piiMatches;
    QList<GuardrailViolation> violations;
};

// A stage of the pipeline. Features add filters without touching the gateway.
class MessageFilter
{
public:
    virtual ~MessageFilter() = default;
    virtual QString name() const = 0;
    // Which directions this filter runs on.
    virtual bool appliesTo(Direction direction) const = 0;
    virtual void apply(FilterContext& context) = 0;
};

// Runs filters in the order they were added; stops at the first that blocks.
class MessageFilterChain
{
public:
    void add(std::shared_ptr<MessageFilter> filter);
    void run(FilterContext& context) const;
    QStringList names() const;

private:
    std::vector<std::shared_ptr<MessageFilter>> m_filters;
};

} // namespace aiops::safety
