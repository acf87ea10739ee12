#include "core/iam/TlsIdentity.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSaveFile>
#include <QSysInfo>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace aiops::iam {

namespace {

template<typename T, void (*Free)(T*)> struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, [](BIO* b) {
                                   BIO_free_all(b);
                               }>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

constexpr QFileDevice::Permissions kGroupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

Result<QByteArray> readFile(const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read the TLS %1 %2: %3").arg(what, path, file.errorString()));
    return file.readAll();
}

Result<void> writeFileAtomically(const QString& path, const QByteArray& bytes, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions)) {
        file.cancelWriting();
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    file.write(bytes);
    if (!file.commit())
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

// A SAN entry for a name: "IP:..." for an address, "DNS:..." for a plausible host name, empty otherwise.
QString altNameFor(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (QHostAddress address; address.setAddress(trimmed))
        return QStringLiteral("IP:") + address.toString();
    for (const QChar c : trimmed) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'.' && c != u'*')
            return {};
    }
    return QStringLiteral("DNS:") + trimmed.toLower();
}

Result<void> addExtension(X509* cert, X509V3_CTX* ctx, int nid, const QString& value)
{
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.toLatin1().constData()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("cannot add the certificate extension %1=%2: %3")
                             .arg(QString::fromLatin1(OBJ_nid2sn(nid)), value, opensslError()));
    return {};
}

} // namespace

QString TlsIdentity::tlsDirectory(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls"));
}

QString TlsIdentity::fingerprintOf(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QByteArray TlsIdentity::certificatePem() const
{
    QByteArray pem;
    for (const QSslCertificate& c : m_chain)
        pem += c.toPem();
    return pem;
}

QStringList TlsIdentity::subjectAltNames() const
{
    QStringList names;
    const auto alternates = certificate().subjectAlternativeNames();
    for (auto it = alternates.cbegin(); it != alternates.cend(); ++it)
        names.append((it.key() == QSsl::IpAddressEntry ? QStringLiteral("IP:") : QStringLiteral("DNS:")) + it.value());
    return names;
}

QSslConfiguration TlsIdentity::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(m_chain);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

Result<TlsIdentity>
TlsIdentity::fromPem(const QByteArray& certificatePem, const QByteArray& keyPem, const QByteArray& passphrase)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(ErrorCode::InvalidValue, QStringLiteral("the TLS certificate is not a PEM certificate"));

    // OpenSSL parses the key (EC, RSA, PKCS#8, encrypted or not) and checks that it matches the leaf.
    BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    QByteArray pass = passphrase;
    PkeyPtr pkey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, pass.isEmpty() ? nullptr : pass.data()));
    if (!pkey)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the TLS private key cannot be read (not PEM, or a wrong passphrase): %1")
                             .arg(opensslError()));
    const QByteArray leafDer = chain.first().toDer();
    const auto* derData = reinterpret_cast<const unsigned char*>(leafDer.constData());
    X509Ptr leaf(d2i_X509(nullptr, &derData, long(leafDer.size())));
    if (!leaf || X509_check_private_key(leaf.get(), pkey.get()) != 1) {
        ERR_clear_error();
        return makeError(ErrorCode::InvalidValue, QStringLiteral("the TLS private key does not match the certificate"));
    }

    // Hand Qt an unencrypted PKCS#8 PEM of the key, whatever form it came in.
    BioPtr out(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(out.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("cannot encode the TLS key: %1").arg(opensslError()));
    const QByteArray plainKey = bioBytes(out.get());
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_EC: algorithm = QSsl::Ec; break;
    case EVP_PKEY_RSA: algorithm = QSsl::Rsa; break;
    default: return makeError(ErrorCode::InvalidValue, QStringLiteral("the TLS private key must be EC or RSA"));
    }
    QSslKey key(plainKey, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        return makeError(ErrorCode::InvalidValue, QStringLiteral("Qt cannot use the TLS private key"));

    TlsIdentity identity;
    identity.m_chain = chain;
    identity.m_key = key;
    identity.m_keyPem = plainKey;
    return identity;
}

Result<TlsIdentity>
TlsIdentity::fromFiles(const QString& certificatePath, const QString& keyPath, const QByteArray& passphrase)
{
    auto cert = readFile(certificatePath, QStringLiteral("certificate"));
    if (!cert)
        return std::unexpected(cert.error());
    auto key = readFile(keyPath, QStringLiteral("key"));
    if (!key)
        return std::unexpected(key.error());
    auto identity = fromPem(*cert, *key, passphrase);
    if (!identity)
        return makeError(identity.error().code,
                         QStringLiteral("%1 (%2, %3)").arg(identity.error().message, certificatePath, keyPath));
    return identity;
}

Result<TlsIdentity> TlsIdentity::generateSelfSigned(const QStringList& hostNames, int validDays)
{
    QStringList altNames { QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1"), QStringLiteral("IP:::1") };
    QString commonName = QStringLiteral("localhost");
    for (const QString& name : hostNames) {
        const QString alt = altNameFor(name);
        if (alt.isEmpty() || altNames.contains(alt))
            continue;
        altNames.append(alt);
        if (alt.startsWith(QStringLiteral("DNS:")) && commonName == QStringLiteral("localhost"))
            commonName = alt.mid(4);
    }

    PkeyPtr pkey(EVP_EC_gen("P-256"));
    if (!pkey)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("cannot generate an EC P-256 key: %1").arg(opensslError()));

    X509Ptr cert(X509_new());
    BnPtr serial(BN_new());
    if (!cert || !serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) || X509_set_version(cert.get(), 2) != 1
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), validDays, 0, nullptr)
        || X509_set_pubkey(cert.get(), pkey.get()) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("cannot build the certificate: %1").arg(opensslError()));

    X509_NAME* name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toLatin1();
    if (X509_NAME_add_entry_by_txt(
            name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("AIOps Console"), -1, -1, 0)
            != 1
        || X509_NAME_add_entry_by_txt(
               name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0)
            != 1
        || X509_set_issuer_name(cert.get(), name) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("cannot name the certificate: %1").arg(opensslError()));

    // No keyUsage: with one, OpenSSL (and QSslCertificate::isSelfSigned) would not see the certificate
    // as its own issuer unless it also allowed keyCertSign.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto& [nid, value] : { std::pair { NID_basic_constraints, QStringLiteral("critical,CA:FALSE") },
                                      std::pair { NID_ext_key_usage, QStringLiteral("serverAuth") },
                                      std::pair { NID_subject_key_identifier, QStringLiteral("hash") },
                                      std::pair { NID_subject_alt_name, altNames.join(u',') } }) {
        if (auto added = addExtension(cert.get(), &ctx, nid, value); !added)
            return std::unexpected(added.error());
    }
    if (X509_sign(cert.get(), pkey.get(), EVP_sha256()) <= 0)
        return makeError(ErrorCode::Internal, QStringLiteral("cannot sign the certificate: %1").arg(opensslError()));

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("cannot encode the certificate: %1").arg(opensslError()));
    return fromPem(bioBytes(certBio.get()), bioBytes(keyBio.get()));
}

Result<TlsIdentity> TlsIdentity::loadOrCreateSelfSigned(const QString& dataDir, const QStringList& extraHostNames)
{
    const QString dir = tlsDirectory(dataDir);
    const QString certPath = QDir(dir).filePath(QStringLiteral("cert.pem"));
    const QString keyPath = QDir(dir).filePath(QStringLiteral("key.pem"));
    const bool haveCert = QFile::exists(certPath);
    const bool haveKey = QFile::exists(keyPath);
    if (haveCert != haveKey)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 exists without %2; restore it, or remove both to generate a new "
                                        "certificate (daemons that pinned the old one will then refuse it)")
                             .arg(haveCert ? certPath : keyPath, haveCert ? keyPath : certPath));
    if (haveCert) {
        if (QFile::permissions(keyPath) & kGroupOrOthers)
            return makeError(ErrorCode::Forbidden,
                             QStringLiteral("refusing to use the TLS key %1: it is accessible by group or others; run "
                                            "'chmod 600 %1'")
                                 .arg(keyPath));
        return fromFiles(certPath, keyPath);
    }

    QStringList names { QSysInfo::machineHostName() };
    names += extraHostNames;
    auto identity = generateSelfSigned(names);
    if (!identity)
        return identity;
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot create %1").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The key first: a crash in between leaves a key without a certificate, which is reported, never
    // a certificate whose key is lost.
    if (auto written
        = writeFileAtomically(keyPath, identity->keyPem(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        !written)
        return std::unexpected(written.error());
    if (auto written = writeFileAtomically(certPath,
                                           identity->certificatePem(),
                                           QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                               | QFileDevice::ReadOther);
        !written)
        return std::unexpected(written.error());
    return identity;
}

} // namespace aiops::iam
