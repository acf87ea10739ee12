#include "core/daemon/NodeInferenceProxy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace aiops::daemon {

using namespace Qt::StringLiterals;

namespace {

// Compares without an early exit, so the time taken does not tell how much of a guess was right.
bool sameSecret(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

net::ProxyReply reply(ErrorCode code, const QString& message, int retryAfterSeconds = 0)
{
    net::ProxyReply r;
    r.status = httpStatusFor(code);
    r.body = QJsonDocument(QJsonObject { { u"errorCode"_s, errorCodeName(code) }, { u"message"_s, message } })
                 .toJson(QJsonDocument::Compact);
    if (retryAfterSeconds > 0)
        r.headers.append(std::pair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    return r;
}

} // namespace

NodeInferenceProxy::NodeInferenceProxy(std::function<int(const QString&)> hostPortOf, QByteArray token, QObject* parent)
    : QObject(parent)
    , m_hostPortOf(std::move(hostPortOf))
    , m_token(std::move(token))
{
    m_proxy.setResolver([this](const net::ProxyRequestHead& head, const QByteArray*) { return resolve(head); });
}

Result<quint16> NodeInferenceProxy::listen(const QHostAddress& address, quint16 port)
{
    auto bound = m_proxy.listen(address, port);
    if (bound)
        m_port = *bound;
    return bound;
}

QByteArray NodeInferenceProxy::newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    for (char& b : bytes)
        b = char(QRandomGenerator::system()->bounded(256));
    return bytes.toHex();
}

net::ProxyDecision NodeInferenceProxy::resolve(const net::ProxyRequestHead& head) const
{
    const QByteArray presented = head.header(kTokenHeader);
    if (m_token.isEmpty() || !sameSecret(presented, m_token))
        return reply(ErrorCode::Unauthorized, u"Only the controller may use this proxy"_s);
    constexpr QByteArrayView prefix = "/deployments/";
    const QByteArrayView target(head.target);
    if (target.startsWith("/logs/") && m_httpPort != 0) {
        net::ProxyRoute route;
        route.host = u"127.0.0.1"_s;
        route.port = m_httpPort;
        route.path = head.target;
        route.removeHeaders.append(QByteArray(kTokenHeader.data(), kTokenHeader.size()));
        return route;
    }
    if (!target.startsWith(prefix))
        return reply(ErrorCode::NotFound, u"Use /deployments/{deploymentId}/..."_s);
    const QByteArrayView tail = target.sliced(prefix.size());
    qsizetype end = 0;
    while (end < tail.size() && tail[end] != '/' && tail[end] != '?')
        ++end;
    const QString deploymentId = QString::fromUtf8(tail.first(end));
    const int port = deploymentId.isEmpty() ? 0 : m_hostPortOf(deploymentId);
    if (port <= 0)
        return reply(ErrorCode::Unavailable, u"Deployment %1 is not running on this node"_s.arg(deploymentId), 5);
    net::ProxyRoute route;
    route.host = u"127.0.0.1"_s;
    route.port = quint16(port);
    route.path = tail.sliced(end).toByteArray();
    if (route.path.isEmpty() || route.path.startsWith('?'))
        route.path.prepend('/');
    route.removeHeaders.append(QByteArray(kTokenHeader.data(), kTokenHeader.size()));
    return route;
}

} // namespace aiops::daemon
