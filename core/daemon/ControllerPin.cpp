#include "core/daemon/ControllerPin.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QWebSocket>

namespace aiops::daemon {

ControllerPin::ControllerPin(QString filePath, QString expectedFingerprint)
    : m_path(std::move(filePath))
    , m_expected(normalizeFingerprint(expectedFingerprint).value_or(QString()))
{
}

QString ControllerPin::fileIn(const QString& workDir)
{
    return QDir(workDir).filePath(QStringLiteral("known_controllers"));
}

QString ControllerPin::hostKey(const QUrl& url)
{
    const int defaultPort = url.scheme() == QStringLiteral("wss") || url.scheme() == QStringLiteral("https") ? 443 : 80;
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return QStringLiteral("%1:%2").arg(host).arg(url.port(defaultPort));
}

QString ControllerPin::fingerprintOf(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

std::optional<QString> ControllerPin::normalizeFingerprint(const QString& text)
{
    QString hex = text.trimmed();
    if (hex.startsWith(QStringLiteral("sha256:"), Qt::CaseInsensitive))
        hex = hex.mid(7);
    hex.remove(u':');
    if (hex.size() != 64)
        return std::nullopt;
    for (const QChar c : hex) {
        if (!c.isDigit() && !(c.toLower() >= u'a' && c.toLower() <= u'f'))
            return std::nullopt;
    }
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

Result<QList<std::pair<QString, QString>>> ControllerPin::load() const
{
    QList<std::pair<QString, QString>> entries;
    QFile file(m_path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList parts = line.split(u' ', Qt::SkipEmptyParts);
        const auto fingerprint = parts.size() == 2 ? normalizeFingerprint(parts.at(1)) : std::nullopt;
        if (!fingerprint)
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("%1:%2 is not \"host:port SHA-256-fingerprint\"; fix or remove that line")
                                 .arg(m_path)
                                 .arg(lineNumber));
        entries.append({ parts.at(0), *fingerprint });
    }
    return entries;
}

Result<std::optional<QString>> ControllerPin::pinned(const QString& hostPort) const
{
    auto entries = load();
    if (!entries)
        return std::unexpected(entries.error());
    for (const auto& [host, fingerprint] : *entries) {
        if (host == hostPort)
            return fingerprint;
    }
    return std::optional<QString>();
}

Result<void> ControllerPin::pin(const QString& hostPort, const QString& fingerprint)
{
    const auto canonical = normalizeFingerprint(fingerprint);
    if (!canonical)
        return makeError(ErrorCode::InvalidValue, QStringLiteral("'%1' is not a SHA-256 fingerprint").arg(fingerprint));
    auto entries = load();
    if (!entries)
        return std::unexpected(entries.error());
    QByteArray text = "# Controllers this node trusts (SHA-256 of the TLS certificate), written on first connect.\n";
    bool replaced = false;
    for (auto& [host, value] : *entries) {
        if (host == hostPort) {
            value = *canonical;
            replaced = true;
        }
        text += host.toUtf8() + ' ' + value.toLatin1() + '\n';
    }
    if (!replaced)
        text += hostPort.toUtf8() + ' ' + canonical->toLatin1() + '\n';

    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    }
    file.write(text);
    if (!file.commit())
        return makeError(ErrorCode::StoreError, QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    return {};
}

Result<ControllerPin::Verdict> ControllerPin::verify(const QString& hostPort, const QSslCertificate& presented)
{
    if (presented.isNull())
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("the controller at %1 presented no certificate to check").arg(hostPort));
    const QString got = fingerprintOf(presented);
    auto stored = pinned(hostPort);
    if (!stored)
        return std::unexpected(stored.error());

    if (!m_expected.isEmpty()) {
        if (got != m_expected)
            return makeError(ErrorCode::Forbidden,
                             QStringLiteral("the controller's certificate is not the expected one: expected %1, got "
                                            "%2 (--controller-fingerprint); check the fingerprint shown in the "
                                            "console's Settings")
                                 .arg(m_expected, got));
        if (*stored == got)
            return Verdict::Matched;
        if (auto written = pin(hostPort, got); !written)
            return std::unexpected(written.error());
        return Verdict::PinnedNow;
    }

    if (!stored->has_value()) {
        if (auto written = pin(hostPort, got); !written)
            return std::unexpected(written.error());
        return Verdict::PinnedNow;
    }
    if (**stored != got)
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("the controller's certificate changed: expected %1, got %2; if this is "
                                        "intended, remove the line for %3 from %4")
                             .arg(**stored, got, hostPort, m_path));
    return Verdict::Matched;
}

std::optional<QSslCertificate> ControllerPin::presentedCertificate(const QList<QSslError>& errors)
{
    std::optional<QSslCertificate> leaf;
    for (const QSslError& error : errors) {
        const QSslCertificate certificate = error.certificate();
        if (certificate.isNull())
            return std::nullopt;
        if (leaf && *leaf != certificate)
            return std::nullopt;
        leaf = certificate;
    }
    return leaf;
}

void ControllerPin::guard(QWebSocket& socket,
                          std::function<QUrl()> currentUrl,
                          std::function<void(const Error&)> refused,
                          std::function<void(const QString& fingerprint)> pinnedNow)
{
    QWebSocket* ws = &socket;
    QObject::connect(
        ws,
        &QWebSocket::sslErrors,
        ws,
        [this, ws, currentUrl = std::move(currentUrl), refused = std::move(refused), pinnedNow = std::move(pinnedNow)](
            const QList<QSslError>& errors) {
            const QString hostPort = hostKey(currentUrl());
            const auto certificate = presentedCertificate(errors);
            Result<Verdict> verdict;
            if (!certificate) {
                QStringList reasons;
                for (const QSslError& e : errors)
                    reasons.append(e.errorString());
                verdict = makeError(ErrorCode::Forbidden,
                                    QStringLiteral("the controller's certificate at %1 cannot be "
                                                   "verified nor pinned (%2); use a self-signed "
                                                   "certificate or one the system trusts")
                                        .arg(hostPort, reasons.join(QStringLiteral("; "))));
            } else {
                verdict = verify(hostPort, *certificate);
            }
            if (!verdict) {
                ws->abort();
                if (refused)
                    refused(verdict.error());
                return;
            }
            ws->ignoreSslErrors();
            if (*verdict == Verdict::PinnedNow && pinnedNow)
                pinnedNow(fingerprintOf(*certificate));
        });
}

} // namespace aiops::daemon
