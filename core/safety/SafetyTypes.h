#pragma once

#include "core/store/NodeRecord.h" // store::Owner

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Data of seed 000 "PII Protection & Guardrails": piiPatterns, piiDetections, guardrails,
// guardrailViolations. Offsets are UTF-16 code-unit offsets into the QString that was scanned.
namespace aiops::safety {

struct PiiPattern
{
    QString patternId;
    QString name;
    QString type { QStringLiteral("regex") }; // regex | ai-based (ai-based is stored but not run yet)
    QString category { QStringLiteral("contact") }; // contact | financial | medical | identity
    QString regex; // RE2 syntax
    QString flags; // "i" = case-insensitive
    QStringList nerLabels;
    QString redactionMethod { QStringLiteral("mask") }; // mask | hash | remove | token
    QString maskChar { QStringLiteral("*") };
    bool preserveLength = true;
    bool isActive = true;
    QString severity { QStringLiteral("medium") }; // low | medium | high | critical
    QString action { QStringLiteral("redact") }; // redact | block | log | alert
    QString validator; // "" | luhn | ... (false-positive checks)
    bool builtIn = false;
    store::Owner owner;
    QDateTime createdAt;
    QDateTime changedAt;
    bool isDeleted = false;
};

struct PiiMatch
{
    QString patternId;
    QString patternName;
    QString category;
    QString severity;
    QString action;
    qsizetype start = 0; // UTF-16 offsets, [start, end)
    qsizetype end = 0;
    QString text;
};

// Result of running the PII stage on one text.
struct PiiOutcome
{
    QList<PiiMatch> matches;
    QString redactedText;
    bool blocked = false; // a pattern with action "block" matched
    bool alert = false; // a pattern with action "alert" or severity "critical" matched
};

struct PiiDetection
{
    QString detectionId;
    QString sourceType { QStringLiteral("message") }; // message | dataset | file
    QString sourceId;
    QString conversationId;
    QString patternId;
    QString detectedText; // plaintext in memory; encrypted at rest
    QString redactedText;
    qsizetype start = 0;
    qsizetype end = 0;
    QString action; // redacted | blocked | logged | alerted
    bool alertSent = false;
    QDateTime detectedAt;
    QString severity;
    store::Owner owner;
};

struct Guardrail
{
    QString guardrailId;
    QString name;
    QString description;
    QString type; // content-filter | topic-restriction | sentiment | toxicity | medical-legal
    QJsonObject config; // blockedKeywords, allowedTopics, maxToxicity, validationPrompt, validationModel, ...
    QString action { QStringLiteral("block") }; // block | warn | rephrase | escalate
    QString blockMessage;
    QStringList appliesTo { QStringLiteral("both") }; // user-input | agent-output | both
    QStringList agentIds; // empty = all agents
    bool isActive = true;
    QString severity { QStringLiteral("medium") }; // low | medium | high
    store::Owner owner;
    QDateTime createdAt;
    QDateTime changedAt;
    bool isDeleted = false;
};

enum class Direction { UserInput, AgentOutput };

struct GuardrailViolation
{
    QString violationId;
    QString guardrailId;
    QString conversationId;
    QString messageId;
    QString violationType;
    QString originalText;
    QString detectedIssue;
    double confidence = 0;
    QString actionTaken; // blocked | warned | rephrased | escalated
    QString modifiedText;
    bool userOverride = false;
    QDateTime detectedAt;
    store::Owner owner;
};

// Result of running the guardrail stage on one text.
struct GuardrailOutcome
{
    bool blocked = false;
    QString blockMessage;
    QStringList warnings;
    bool escalated = false;
    QString text; // possibly rephrased
    QList<GuardrailViolation> violations;
};

} // namespace aiops::safety
