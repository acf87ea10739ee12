#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace aiops::models {

// Display text for IAM values, shared by the IAM models and the Users & access and Audit log pages.
class IamFormat
{
    Q_DECLARE_TR_FUNCTIONS(aiops::models::IamFormat)
public:
    static QString roleText(const QString& role); // "universe.owner" -> "Universe owner"
    static QString rolesText(const QStringList& roles); // "Universe owner, Organization viewer"
    static QString roleDescription(const QString& role); // one sentence: what the role may do
    // "Never" for an invalid time, an age ("3 min ago") within a week, else the local date.
    static QString lastUsed(const QDateTime& when, const QDateTime& now);
    static QString date(const QDateTime& when); // local date and time, minutes
    static QString timestamp(const QDateTime& when); // local "yyyy-MM-dd HH:mm:ss"
    static QString accessStatusText(const QString& status); // active, disabled, revoked, success, ...
    static QString actionText(const QString& action); // audit actions: read, write, login, ...
    static QString count(qint64 value); // "12,500" in the current locale
};

} // namespace aiops::models
