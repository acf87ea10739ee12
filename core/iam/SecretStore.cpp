#include "core/iam/SecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>
#include <QtGlobal>

namespace aiops::iam {

namespace {

class MemorySecretStore final : public SecretStore
{
public:
    Result<QByteArray> read(const QString& key) const override
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_values.constFind(key);
        if (it == m_values.cend())
            return makeError(ErrorCode::NotFound, QStringLiteral("no secret named '%1'").arg(key));
        return *it;
    }

    Result<void> write(const QString& key, const QByteArray& value) override
    {
        if (key.isEmpty())
            return makeError(ErrorCode::InvalidValue, QStringLiteral("a secret needs a name"));
        QMutexLocker lock(&m_mutex);
        m_values.insert(key, value);
        return {};
    }

    Result<void> remove(const QString& key) override
    {
        QMutexLocker lock(&m_mutex);
        m_values.remove(key);
        return {};
    }

    QString backendName() const override { return QStringLiteral("memory"); }

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_values;
};

// AIOPS_SECRET_<KEY>: key upper-cased, every non-alphanumeric as '_'.
QByteArray envNameFor(const QString& key)
{
    QByteArray name("AIOPS_SECRET_");
    for (const QChar c : key) {
        const char a = c.toLatin1();
        const bool alnum = (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9');
        name.append(alnum ? static_cast<char>(QChar::toUpper(static_cast<char32_t>(a))) : '_');
    }
    return name;
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

// The file's JSON object of key -> base64 value. A missing file is an empty store.
Result<QJsonObject> loadSecretFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject {};
    if (file.permissions() & kGroupOrOthers)
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("refusing to use the secret file %1: it is accessible by group or others; "
                                        "run 'chmod 600 %1'")
                             .arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StoreError,
                         QStringLiteral("cannot read the secret file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.trimmed().isEmpty())
        return QJsonObject {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return makeError(ErrorCode::StoreError, QStringLiteral("the secret file %1 is not a JSON object").arg(path));
    return doc.object();
}

Result<QByteArray> decodeSecret(const QJsonValue& stored, const QString& key, const QString& path)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(stored.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError(ErrorCode::StoreError, QStringLiteral("secret '%1' in %2 is not valid base64").arg(key, path));
    return *decoded;
}

class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore(QString filePath)
        : m_path(std::move(filePath))
    {
    }

    Result<QByteArray> read(const QString& key) const override
    {
        const QByteArray envName = envNameFor(key);
        if (qEnvironmentVariableIsSet(envName.constData()))
            return qgetenv(envName.constData());
        QMutexLocker lock(&m_mutex);
        auto values = load();
        if (!values)
            return std::unexpected(values.error());
        const auto it = values->constFind(key);
        if (it == values->constEnd())
            return makeError(ErrorCode::NotFound, QStringLiteral("no secret named '%1'").arg(key));
        return decodeSecret(*it, key, m_path);
    }

    Result<void> write(const QString& key, const QByteArray& value) override
    {
        if (key.isEmpty())
            return makeError(ErrorCode::InvalidValue, QStringLiteral("a secret needs a name"));
        QMutexLocker lock(&m_mutex);
        auto values = load();
        if (!values)
            return std::unexpected(values.error());
        values->insert(key, QString::fromLatin1(value.toBase64()));
        return save(*values);
    }

    Result<void> remove(const QString& key) override
    {
        QMutexLocker lock(&m_mutex);
        auto values = load();
        if (!values)
            return std::unexpected(values.error());
        if (!values->contains(key))
            return {};
        values->remove(key);
        return save(*values);
    }

    QString backendName() const override { return QStringLiteral("file"); }

private:
    Result<QJsonObject> load() const { return loadSecretFile(m_path); }

    Result<void> save(const QJsonObject& values)
    {
        QSaveFile file(m_path);
        if (!file.open(QIODevice::WriteOnly))
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("cannot write the secret file %1: %2").arg(m_path, file.errorString()));
        // Restrict the temporary file before a byte of secret is written to it; the rename keeps the mode.
        if (!file.setPermissions(kOwnerOnly)) {
            file.cancelWriting();
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("cannot restrict the permissions of %1").arg(m_path));
        }
        file.write(QJsonDocument(values).toJson(QJsonDocument::Indented));
        if (!file.commit())
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("cannot write the secret file %1: %2").arg(m_path, file.errorString()));
        return {};
    }

    QString m_path;
    mutable QMutex m_mutex;
};

} // namespace

Result<QHash<QString, QByteArray>> readSecretFile(const QString& filePath)
{
    const auto values = loadSecretFile(filePath);
    if (!values)
        return std::unexpected(values.error());
    QHash<QString, QByteArray> out;
    for (auto it = values->begin(); it != values->end(); ++it) {
        auto value = decodeSecret(it.value(), it.key(), filePath);
        if (!value)
            return std::unexpected(value.error());
        out.insert(it.key(), *value);
    }
    return out;
}

std::unique_ptr<SecretStore> makeFileSecretStore(const QString& filePath)
{
    return std::make_unique<FileSecretStore>(filePath);
}

std::unique_ptr<SecretStore> makeMemorySecretStore()
{
    return std::make_unique<MemorySecretStore>();
}

} // namespace aiops::iam
