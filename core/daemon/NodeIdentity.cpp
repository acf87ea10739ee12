#include "core/daemon/NodeIdentity.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

namespace aiops::daemon {

namespace {
constexpr qint64 MaxIdFileBytes = 256;
}

NodeIdentity::NodeIdentity(QString workDir)
    : m_workDir(std::move(workDir))
{
}

QString NodeIdentity::filePath() const
{
    return QDir(m_workDir).filePath(QStringLiteral("node-id"));
}

bool NodeIdentity::isValidId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(id).hasMatch();
}

QString NodeIdentity::generateId()
{
    const quint64 bits = QRandomGenerator::system()->generate64() & 0xFFFF'FFFF'FFFFull; // 48 bits
    return QStringLiteral("node-%1").arg(bits, 12, 16, QLatin1Char('0'));
}

Result<QString> NodeIdentity::loadOrCreate() const
{
    const QString path = filePath();
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("cannot read %1: %2").arg(path, existing.errorString()));
        const QString id = QString::fromUtf8(existing.read(MaxIdFileBytes)).trimmed();
        if (!isValidId(id))
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("%1 does not hold a valid node id; remove it to get a new one").arg(path));
        return id;
    }

    if (!QDir().mkpath(m_workDir))
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot create %1").arg(m_workDir));

    const QString id = generateId();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Applied to the temporary file, so the id is never readable by others, not even briefly.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(id.toUtf8() + '\n');
    if (!file.commit())
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return id;
}

} // namespace aiops::daemon
