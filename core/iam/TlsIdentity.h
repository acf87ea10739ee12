#pragma once

#include "core/protocol/Error.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace aiops::iam {

// The controller's TLS certificate and private key (PEM): either provided by the operator or a
// self-signed one generated on first enable into <dataDir>/tls/{cert.pem,key.pem} (key mode 0600).
// Daemons pin the certificate by fingerprint() (trust on first use, core/daemon/ControllerPin.h).
class TlsIdentity
{
public:
    // Loads <dataDir>/tls/cert.pem and key.pem, generating a self-signed pair there when neither
    // exists. The self-signed certificate (EC P-256, SHA-256, valid 10 years) names DNS:localhost,
    // IP:127.0.0.1, IP:::1, the machine's hostname and `extraHostNames` (DNS names or IP addresses).
    // One file without the other is an error (nothing is overwritten), as is a key file readable by
    // group or others (Forbidden).
    static Result<TlsIdentity> loadOrCreateSelfSigned(const QString& dataDir, const QStringList& extraHostNames = {});
    // An operator-provided certificate (the leaf first, then any intermediates) and its private key
    // (EC or RSA, unencrypted or with `passphrase`). The key must match the certificate.
    static Result<TlsIdentity>
    fromFiles(const QString& certificatePath, const QString& keyPath, const QByteArray& passphrase = {});
    static Result<TlsIdentity>
    fromPem(const QByteArray& certificatePem, const QByteArray& keyPem, const QByteArray& passphrase = {});
    // A new self-signed pair in memory (what loadOrCreateSelfSigned writes on first enable).
    static Result<TlsIdentity> generateSelfSigned(const QStringList& hostNames, int validDays = 3650);

    static QString tlsDirectory(const QString& dataDir); // <dataDir>/tls

    const QSslCertificate& certificate() const { return m_chain.first(); }
    const QList<QSslCertificate>& chain() const { return m_chain; }
    const QSslKey& key() const { return m_key; }
    QByteArray certificatePem() const;
    QByteArray keyPem() const { return m_keyPem; }
    // SHA-256 of the leaf certificate's DER, colon-separated upper-case hex ("AB:CD:...").
    QString fingerprint() const { return fingerprintOf(certificate()); }
    QDateTime expiresAt() const { return certificate().expiryDate(); }
    bool isSelfSigned() const { return certificate().isSelfSigned(); }
    // Subject alternative names, "DNS:localhost" / "IP:127.0.0.1" (for logs and Settings).
    QStringList subjectAltNames() const;

    static QString fingerprintOf(const QSslCertificate& certificate);

    // Server-side configuration: the chain, the key, TLS 1.2 or later, no peer verification.
    QSslConfiguration serverConfiguration() const;
    // Enables TLS on a QHttpServer / QAbstractHttpServer (Qt 6.4 sslSetup). Call before listen().
    template<typename HttpServer> void applyTo(HttpServer& server) const { server.sslSetup(serverConfiguration()); }

private:
    TlsIdentity() = default;

    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QByteArray m_keyPem;
};

} // namespace aiops::iam
