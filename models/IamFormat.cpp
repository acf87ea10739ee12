#include "models/IamFormat.h"

#include "models/Format.h"

#include <QLocale>

namespace aiops::models {

QString IamFormat::roleText(const QString& role)
{
    if (role == QLatin1String("universe.owner"))
        return tr("Universe owner");
    if (role == QLatin1String("universe.editor"))
        return tr("Universe editor");
    if (role == QLatin1String("universe.viewer"))
        return tr("Universe viewer");
    if (role == QLatin1String("organization.owner"))
        return tr("Organization owner");
    if (role == QLatin1String("organization.editor"))
        return tr("Organization editor");
    if (role == QLatin1String("organization.viewer"))
        return tr("Organization viewer");
    return role;
}

QString IamFormat::rolesText(const QStringList& roles)
{
    QStringList texts;
    for (const QString& role : roles)
        texts.append(roleText(role));
    return texts.join(QStringLiteral(", "));
}

QString IamFormat::roleDescription(const QString& role)
{
    if (role == QLatin1String("universe.owner"))
        return tr("Everything in every organization, including users and the audit log.");
    if (role == QLatin1String("universe.editor"))
        return tr("Deploy, register nodes and create agents in every organization.");
    if (role == QLatin1String("universe.viewer"))
        return tr("Read-only access to every organization.");
    if (role == QLatin1String("organization.owner"))
        return tr("Everything in their organization, including its users and audit log.");
    if (role == QLatin1String("organization.editor"))
        return tr("Deploy, register nodes and create agents in their organization.");
    if (role == QLatin1String("organization.viewer"))
        return tr("Read-only access to their organization.");
    return {};
}

QString IamFormat::lastUsed(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid())
        return tr("Never");
    const qint64 ageMs = when.msecsTo(now);
    if (ageMs >= 0 && ageMs < qint64(7) * 24 * 3600 * 1000)
        return Format::age(ageMs);
    return date(when);
}

QString IamFormat::date(const QDateTime& when)
{
    if (!when.isValid())
        return Format::dash();
    return QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
}

QString IamFormat::timestamp(const QDateTime& when)
{
    if (!when.isValid())
        return Format::dash();
    return when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString IamFormat::accessStatusText(const QString& status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("disabled"))
        return tr("Disabled");
    if (status == QLatin1String("revoked"))
        return tr("Revoked");
    if (status == QLatin1String("success"))
        return tr("Success");
    if (status == QLatin1String("failure"))
        return tr("Failure");
    if (status == QLatin1String("denied"))
        return tr("Denied");
    return status;
}

QString IamFormat::actionText(const QString& action)
{
    if (action == QLatin1String("read"))
        return tr("Read");
    if (action == QLatin1String("write"))
        return tr("Write");
    if (action == QLatin1String("execute"))
        return tr("Execute");
    if (action == QLatin1String("delete"))
        return tr("Delete");
    if (action == QLatin1String("login"))
        return tr("Sign in");
    if (action == QLatin1String("logout"))
        return tr("Sign out");
    if (action == QLatin1String("escalate"))
        return tr("Escalate");
    return action;
}

QString IamFormat::count(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace aiops::models
