#include "models/SafetyFormat.h"

#include "models/Format.h"

#include <QLocale>

namespace aiops::models {

QStringList SafetyFormat::patternSeverities()
{
    return { QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"), QStringLiteral("critical") };
}

QStringList SafetyFormat::guardrailSeverities()
{
    return { QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high") };
}

QStringList SafetyFormat::categories()
{
    return {
        QStringLiteral("contact"), QStringLiteral("financial"), QStringLiteral("medical"), QStringLiteral("identity")
    };
}

QStringList SafetyFormat::redactionMethods()
{
    return { QStringLiteral("mask"), QStringLiteral("hash"), QStringLiteral("remove"), QStringLiteral("token") };
}

QStringList SafetyFormat::patternActions()
{
    return { QStringLiteral("redact"), QStringLiteral("block"), QStringLiteral("log"), QStringLiteral("alert") };
}

QStringList SafetyFormat::detectionActions()
{
    return {
        QStringLiteral("redacted"), QStringLiteral("blocked"), QStringLiteral("logged"), QStringLiteral("alerted")
    };
}

QStringList SafetyFormat::guardrailTypes()
{
    return { QStringLiteral("content-filter"),
             QStringLiteral("topic-restriction"),
             QStringLiteral("toxicity"),
             QStringLiteral("medical-legal"),
             QStringLiteral("sentiment") };
}

QStringList SafetyFormat::guardrailActions()
{
    return { QStringLiteral("block"), QStringLiteral("warn"), QStringLiteral("rephrase"), QStringLiteral("escalate") };
}

QStringList SafetyFormat::violationActions()
{
    return {
        QStringLiteral("blocked"), QStringLiteral("warned"), QStringLiteral("rephrased"), QStringLiteral("escalated")
    };
}

QStringList SafetyFormat::directions()
{
    return { QStringLiteral("both"), QStringLiteral("user-input"), QStringLiteral("agent-output") };
}

QString SafetyFormat::severityText(const QString& severity)
{
    if (severity == QLatin1String("low"))
        return tr("Low");
    if (severity == QLatin1String("medium"))
        return tr("Medium");
    if (severity == QLatin1String("high"))
        return tr("High");
    if (severity == QLatin1String("critical"))
        return tr("Critical");
    return severity;
}

int SafetyFormat::severityLevel(const QString& severity)
{
    return int(patternSeverities().indexOf(severity));
}

QString SafetyFormat::categoryText(const QString& category)
{
    if (category == QLatin1String("contact"))
        return tr("Contact");
    if (category == QLatin1String("financial"))
        return tr("Financial");
    if (category == QLatin1String("medical"))
        return tr("Medical");
    if (category == QLatin1String("identity"))
        return tr("Identity");
    return category;
}

QString SafetyFormat::methodText(const QString& method)
{
    if (method == QLatin1String("mask"))
        return tr("Mask");
    if (method == QLatin1String("hash"))
        return tr("Hash (SHA-256)");
    if (method == QLatin1String("remove"))
        return tr("Remove");
    if (method == QLatin1String("token"))
        return tr("Token (reversible)");
    return method;
}

QString SafetyFormat::patternActionText(const QString& action)
{
    if (action == QLatin1String("redact"))
        return tr("Redact");
    if (action == QLatin1String("block"))
        return tr("Block message");
    if (action == QLatin1String("log"))
        return tr("Log only");
    if (action == QLatin1String("alert"))
        return tr("Redact and alert");
    return action;
}

QString SafetyFormat::detectionActionText(const QString& action)
{
    if (action == QLatin1String("redacted"))
        return tr("Redacted");
    if (action == QLatin1String("blocked"))
        return tr("Blocked");
    if (action == QLatin1String("logged"))
        return tr("Logged");
    if (action == QLatin1String("alerted"))
        return tr("Alerted");
    return action;
}

QString SafetyFormat::guardrailTypeText(const QString& type)
{
    if (type == QLatin1String("content-filter"))
        return tr("Content filter");
    if (type == QLatin1String("topic-restriction"))
        return tr("Topic restriction");
    if (type == QLatin1String("toxicity"))
        return tr("Toxicity");
    if (type == QLatin1String("medical-legal"))
        return tr("Medical/legal advice");
    if (type == QLatin1String("sentiment"))
        return tr("Sentiment");
    return type;
}

QString SafetyFormat::guardrailActionText(const QString& action)
{
    if (action == QLatin1String("block"))
        return tr("Block");
    if (action == QLatin1String("warn"))
        return tr("Warn");
    if (action == QLatin1String("rephrase"))
        return tr("Rephrase");
    if (action == QLatin1String("escalate"))
        return tr("Escalate for review");
    return action;
}

QString SafetyFormat::violationActionText(const QString& action)
{
    if (action == QLatin1String("blocked"))
        return tr("Blocked");
    if (action == QLatin1String("warned"))
        return tr("Warned");
    if (action == QLatin1String("rephrased"))
        return tr("Rephrased");
    if (action == QLatin1String("escalated"))
        return tr("Escalated");
    return action;
}

QString SafetyFormat::directionText(const QString& direction)
{
    if (direction == QLatin1String("both"))
        return tr("User input and agent output");
    if (direction == QLatin1String("user-input"))
        return tr("User input");
    if (direction == QLatin1String("agent-output"))
        return tr("Agent output");
    return direction;
}

QString SafetyFormat::appliesToText(const QStringList& appliesTo)
{
    const bool both = appliesTo.contains(QLatin1String("both"))
        || (appliesTo.contains(QLatin1String("user-input")) && appliesTo.contains(QLatin1String("agent-output")));
    if (both || appliesTo.isEmpty())
        return directionText(QStringLiteral("both"));
    return directionText(appliesTo.first());
}

QString SafetyFormat::agentsText(const QStringList& agentIds)
{
    if (agentIds.isEmpty())
        return tr("All agents");
    return agentIds.join(QStringLiteral(", "));
}

QString SafetyFormat::timestamp(const QDateTime& time)
{
    if (!time.isValid())
        return Format::dash();
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString SafetyFormat::confidence(double value)
{
    return Format::percent(value * 100.0);
}

QString SafetyFormat::oneLine(const QString& text, int maxChars)
{
    QString line = text.simplified();
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + QChar(0x2026);
    return line;
}

} // namespace aiops::models
