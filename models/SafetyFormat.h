#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace aiops::models {

// Translated names of the safety enums (seed 000 piiPatterns, guardrails, ...) so the tables, the
// filters and the dialogs say the same thing. Unknown values are shown as they are.
class SafetyFormat
{
    Q_DECLARE_TR_FUNCTIONS(aiops::models::SafetyFormat)
public:
    static QStringList patternSeverities(); // low medium high critical
    static QStringList guardrailSeverities(); // low medium high
    static QStringList categories(); // contact financial medical identity
    static QStringList redactionMethods(); // mask hash remove token
    static QStringList patternActions(); // redact block log alert
    static QStringList detectionActions(); // redacted blocked logged alerted
    static QStringList guardrailTypes(); // content-filter topic-restriction toxicity medical-legal sentiment
    static QStringList guardrailActions(); // block warn rephrase escalate
    static QStringList violationActions(); // blocked warned rephrased escalated
    static QStringList directions(); // both user-input agent-output

    static QString severityText(const QString& severity);
    static int severityLevel(const QString& severity); // 0 low .. 3 critical, -1 unknown
    static QString categoryText(const QString& category);
    static QString methodText(const QString& method);
    static QString patternActionText(const QString& action);
    static QString detectionActionText(const QString& action);
    static QString guardrailTypeText(const QString& type);
    static QString guardrailActionText(const QString& action);
    static QString violationActionText(const QString& action);
    static QString directionText(const QString& direction);
    static QString appliesToText(const QStringList& appliesTo);
    static QString agentsText(const QStringList& agentIds); // "All agents" or the ids
    static QString timestamp(const QDateTime& time); // short local date and time
    static QString confidence(double value); // "87%"
    // One line of at most `maxChars` characters: line breaks become spaces, the rest is elided.
    static QString oneLine(const QString& text, int maxChars = 160);
};

} // namespace aiops::models
