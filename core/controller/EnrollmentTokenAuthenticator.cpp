#include "core/controller/EnrollmentTokenAuthenticator.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace aiops::controller {

QByteArray bearerToken(QByteArrayView header)
{
    const QByteArrayView prefix("Bearer ");
    if (header.size() <= prefix.size() || header.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return {};
    return header.sliced(prefix.size()).trimmed().toByteArray();
}

namespace {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

EnrollmentTokenAuthenticator::EnrollmentTokenAuthenticator(QByteArray token)
    : m_token(std::move(token))
{
}

Result<EnrollmentTokenAuthenticator> EnrollmentTokenAuthenticator::loadOrCreate(const QString& dataDir)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::StoreError, QStringLiteral("Cannot create data directory %1").arg(dataDir));
    const QString path = QDir(dataDir).filePath(QStringLiteral("enrollment-token"));
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QByteArray token = existing.readAll().trimmed();
        if (token.size() >= 32)
            return EnrollmentTokenAuthenticator(token);
    }
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    const QByteArray token = raw.toHex();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::StoreError, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token + '\n');
    if (!file.commit())
        return makeError(ErrorCode::StoreError, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return EnrollmentTokenAuthenticator(token);
}

Result<Principal> EnrollmentTokenAuthenticator::authenticate(QByteArrayView credential, Audience audience) const
{
    if (credential.isEmpty())
        return makeError(ErrorCode::Unauthorized, QStringLiteral("A bearer token is required"));
    if (!constantTimeEquals(credential, m_token))
        return makeError(ErrorCode::Unauthorized, QStringLiteral("The token is not valid"));
    return Principal { QStringLiteral("enrollment"),
                       audience == Audience::Node ? QStringList { QStringLiteral("node") }
                                                  : QStringList { QStringLiteral("universe.owner") } };
}

} // namespace aiops::controller
