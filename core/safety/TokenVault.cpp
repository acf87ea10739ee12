#include "core/safety/TokenVault.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSaveFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aiops::safety {

using namespace Qt::StringLiterals;

namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = { 'a', 'i', 'o', 'p', 's', 'P', 'I', 'I' };
enum SubKey : uint64_t { DataKey = 1, IndexKey = 2, HashSalt = 3 };

const QStringList& detokenizeRoles()
{
    static const QStringList roles {
        u"universe.owner"_s, u"universe.editor"_s, u"organization.owner"_s, u"organization.editor"_s
    };
    return roles;
}

QByteArray deriveKey(const QByteArray& master, SubKey id)
{
    QByteArray key(crypto_secretbox_KEYBYTES, Qt::Uninitialized);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(key.data()),
                               size_t(key.size()),
                               id,
                               kKdfContext,
                               reinterpret_cast<const unsigned char*>(master.constData()));
    return key;
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
}

std::unexpected<Error> ioError(const QString& what)
{
    return makeError(ErrorCode::StoreError, what + u": "_s + QString::fromLocal8Bit(std::strerror(errno)));
}

// Creates the key with O_EXCL and mode 0600 in one step, so it never exists with looser rights and
// two processes starting at once agree on one key.
Result<QByteArray> readOrCreateKey(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    QByteArray key(crypto_kdf_KEYBYTES, Qt::Uninitialized);
    int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        crypto_kdf_keygen(reinterpret_cast<unsigned char*>(key.data()));
        const bool ok = ::write(fd, key.constData(), size_t(key.size())) == key.size() && ::fsync(fd) == 0;
        ::close(fd);
        if (!ok) {
            ::unlink(native.constData());
            return ioError(u"cannot write %1"_s.arg(path));
        }
        return key;
    }
    if (errno != EEXIST)
        return ioError(u"cannot create %1"_s.arg(path));

    fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ioError(u"cannot read %1"_s.arg(path));
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
        ::fchmod(fd, 0600); // a copied or restored key file regains owner-only rights
    const ssize_t n = ::read(fd, key.data(), size_t(key.size()));
    char extra = 0;
    const bool longer = ::read(fd, &extra, 1) > 0;
    ::close(fd);
    if (n != key.size() || longer) {
        wipe(key);
        return makeError(ErrorCode::StoreError, u"%1 is not a %2-byte vault key"_s.arg(path).arg(crypto_kdf_KEYBYTES));
    }
    return key;
}

QString randomTokenId()
{
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex());
}

QString sanitizeTag(const QString& category)
{
    QString tag = category.toUpper();
    for (QChar& c : tag) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            c = u'_';
    }
    return tag.isEmpty() ? u"PII"_s : tag.left(32);
}

} // namespace

Result<std::unique_ptr<TokenVault>> TokenVault::open(const QString& dataDir)
{
    if (sodium_init() < 0)
        return makeError(ErrorCode::Internal, u"libsodium failed to initialise"_s);
    if (dataDir.isEmpty())
        return makeError(ErrorCode::MissingField, u"the vault needs a data directory"_s, u"dataDir"_s);
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorCode::StoreError, u"cannot create directory %1"_s.arg(dataDir));

    auto master = readOrCreateKey(QDir(dataDir).filePath(u"pii-vault.key"_s));
    if (!master)
        return std::unexpected(master.error());

    std::unique_ptr<TokenVault> vault(new TokenVault);
    vault->m_key = deriveKey(*master, DataKey);
    vault->m_indexKey = deriveKey(*master, IndexKey);
    vault->m_salt = deriveKey(*master, HashSalt);
    wipe(*master);
    vault->m_path = QDir(dataDir).filePath(u"pii-vault.dat"_s);
    if (auto loaded = vault->load(); !loaded)
        return std::unexpected(loaded.error());
    return vault;
}

TokenVault::~TokenVault()
{
    wipe(m_key);
    wipe(m_indexKey);
    wipe(m_salt);
}

Result<void> TokenVault::load()
{
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StoreError, u"cannot read %1: %2"_s.arg(m_path, file.errorString()));
    auto plain = open(file.readAll());
    if (!plain) {
        // Refuse rather than start empty: overwriting would lose every token for good.
        return makeError(
            ErrorCode::StoreError,
            u"%1 cannot be decrypted with pii-vault.key (tampered, or the key was replaced)"_s.arg(m_path));
    }
    const QJsonObject root = QJsonDocument::fromJson(*plain).object();
    wipe(*plain);
    const QJsonArray tokens = root.value(u"tokens"_s).toArray();
    for (const QJsonValue& v : tokens) {
        const QJsonObject entry = v.toObject();
        const QString token = entry.value(u"t"_s).toString();
        const QByteArray sealed = QByteArray::fromBase64(entry.value(u"v"_s).toString().toLatin1());
        const QByteArray index = QByteArray::fromBase64(entry.value(u"h"_s).toString().toLatin1());
        if (token.isEmpty() || sealed.isEmpty())
            continue;
        m_tokens.insert(token, sealed);
        if (!index.isEmpty())
            m_index.insert(index, token);
    }
    return {};
}

Result<void> TokenVault::persistLocked() const
{
    QJsonArray tokens;
    for (auto it = m_index.cbegin(); it != m_index.cend(); ++it) {
        tokens.append(QJsonObject { { u"t"_s, it.value() },
                                    { u"v"_s, QString::fromLatin1(m_tokens.value(it.value()).toBase64()) },
                                    { u"h"_s, QString::fromLatin1(it.key().toBase64()) } });
    }
    const QByteArray json
        = QJsonDocument(QJsonObject { { u"version"_s, 1 }, { u"tokens"_s, tokens } }).toJson(QJsonDocument::Compact);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::StoreError, u"cannot write %1: %2"_s.arg(m_path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(seal(json));
    if (!file.commit())
        return makeError(ErrorCode::StoreError, u"cannot write %1: %2"_s.arg(m_path, file.errorString()));
    return {};
}

QByteArray TokenVault::indexOf(const QString& category, const QString& value) const
{
    const QByteArray input = category.toUtf8() + '\0' + value.toUtf8();
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()),
                       size_t(out.size()),
                       reinterpret_cast<const unsigned char*>(input.constData()),
                       size_t(input.size()),
                       reinterpret_cast<const unsigned char*>(m_indexKey.constData()),
                       size_t(m_indexKey.size()));
    return out;
}

QString TokenVault::tokenize(const QString& category, const QString& value)
{
    const QString tag = sanitizeTag(category);
    const QByteArray index = indexOf(tag, value);
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_index.constFind(index); it != m_index.cend())
        return it.value();
    QString token;
    do {
        token = u"[[PII:%1:tk_%2]]"_s.arg(tag, randomTokenId());
    } while (m_tokens.contains(token));
    m_tokens.insert(token, seal(value.toUtf8()));
    m_index.insert(index, token);
    // Kept in memory even when the disk write fails: the message must still be redacted.
    const Result<void> saved = persistLocked();
    lock.unlock();
    // Warned outside the lock: the redacting log handler may scan this line with a token pattern.
    if (!saved)
        qWarning("pii vault: %s", qPrintable(saved.error().message));
    return token;
}

Result<QString> TokenVault::detokenize(const QString& token, const QString& actor, const QStringList& roles)
{
    const bool allowed
        = std::any_of(roles.cbegin(), roles.cend(), [](const QString& r) { return detokenizeRoles().contains(r); });
    QByteArray sealed;
    AuditHook audit;
    {
        QMutexLocker lock(&m_mutex);
        audit = m_audit;
        if (allowed)
            sealed = m_tokens.value(token);
    }
    // Outside the lock: the hook may log, write to a database or call back into the vault.
    if (audit)
        audit(actor, token, allowed);
    if (!allowed) {
        return makeError(ErrorCode::Forbidden,
                         u"detokenizing needs an owner or editor role of the universe or organization"_s);
    }
    if (sealed.isEmpty())
        return makeError(ErrorCode::NotFound, u"unknown token"_s, u"token"_s);
    auto plain = open(sealed);
    if (!plain)
        return std::unexpected(plain.error());
    return QString::fromUtf8(*plain);
}

void TokenVault::setAuditHook(AuditHook hook)
{
    QMutexLocker lock(&m_mutex);
    m_audit = std::move(hook);
}

QByteArray TokenVault::seal(const QByteArray& plaintext) const
{
    QByteArray out(qsizetype(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + plaintext.size(),
                   Qt::Uninitialized);
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.constData()),
                          size_t(plaintext.size()),
                          nonce,
                          reinterpret_cast<const unsigned char*>(m_key.constData()));
    return out;
}

Result<QByteArray> TokenVault::open(const QByteArray& sealed) const
{
    constexpr qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (sealed.size() < overhead)
        return makeError(ErrorCode::InvalidValue, u"sealed data is too short"_s);
    QByteArray plain(sealed.size() - overhead, Qt::Uninitialized);
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES,
                                   size_t(sealed.size()) - crypto_secretbox_NONCEBYTES,
                                   nonce,
                                   reinterpret_cast<const unsigned char*>(m_key.constData()))
        != 0) {
        return makeError(ErrorCode::InvalidValue, u"sealed data failed authentication (tampered or wrong key)"_s);
    }
    return plain;
}

QByteArray TokenVault::hashSalt() const
{
    return m_salt;
}

qsizetype TokenVault::tokenCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_tokens.size();
}

} // namespace aiops::safety
