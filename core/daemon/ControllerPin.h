#pragma once

#include "core/protocol/Error.h"

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <functional>
#include <optional>

class QWebSocket;

namespace aiops::daemon {

// SSH-style trust on first use of the controller's TLS certificate. The daemon keeps one line per
// controller, "host:port SHA-256-fingerprint", in <workDir>/known_controllers (mode 0600). The first
// wss:// connection to a controller stores its fingerprint; later connections are accepted only
// while the controller presents the same certificate. An operator can pre-pin a fingerprint
// (--controller-fingerprint), which then wins over the file and is stored on the first match.
//
// With a certificate the system already trusts (a public or an installed CA) Qt raises no SSL
// error and the connection proceeds on the CA's word; pinning applies to the certificates Qt
// cannot verify, which is what a self-signed controller presents.
class ControllerPin
{
public:
    explicit ControllerPin(QString filePath, QString expectedFingerprint = {});

    static QString fileIn(const QString& workDir); // <workDir>/known_controllers
    // "host:port" of a ws/wss URL (IPv6 hosts in brackets); the default port is the scheme's.
    static QString hostKey(const QUrl& url);
    // SHA-256 of the DER, colon-separated upper-case hex.
    static QString fingerprintOf(const QSslCertificate& certificate);
    // Accepts 64 hex digits with or without colons, any case, an optional "sha256:" prefix; returns
    // the canonical form, or nullopt when it is not a SHA-256 fingerprint.
    static std::optional<QString> normalizeFingerprint(const QString& text);

    const QString& filePath() const { return m_path; }
    const QString& expectedFingerprint() const { return m_expected; }

    // The stored fingerprint for host:port; nullopt when none is stored.
    Result<std::optional<QString>> pinned(const QString& hostPort) const;
    // Stores (or replaces) the line for host:port. The file is rewritten atomically with mode 0600.
    Result<void> pin(const QString& hostPort, const QString& fingerprint);

    enum class Verdict {
        Matched, // the presented certificate is the pinned one
        PinnedNow, // first use: stored
    };
    // Decides on a certificate presented by the controller at host:port. A different fingerprint
    // than the pinned (or expected) one is Forbidden with a message that says how to re-pin.
    Result<Verdict> verify(const QString& hostPort, const QSslCertificate& presented);

    // The certificate the SSL errors of one handshake are about: the peer's leaf. Errors that name
    // no certificate or several different ones are not something a pin can vouch for: nullopt.
    static std::optional<QSslCertificate> presentedCertificate(const QList<QSslError>& errors);

    // Watches `socket`'s sslErrors: ignores them when verify() accepts the presented certificate
    // for `url`, otherwise aborts the socket and calls `refused`. Call once per socket, before open().
    // `pinnedNow` (optional) is told the fingerprint stored on first use.
    void guard(QWebSocket& socket,
               std::function<QUrl()> currentUrl,
               std::function<void(const Error&)> refused,
               std::function<void(const QString& fingerprint)> pinnedNow = {});

private:
    Result<QList<std::pair<QString, QString>>> load() const;

    QString m_path;
    QString m_expected;
};

} // namespace aiops::daemon
