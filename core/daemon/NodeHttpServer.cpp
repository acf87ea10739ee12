#include "core/daemon/NodeHttpServer.h"

#include "core/protocol/Codec.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QUuid>
#include <memory>

using namespace Qt::StringLiterals;

namespace aiops::daemon {

namespace {

QHttpServerResponse errorResponse(const Error& error)
{
    QJsonObject body { { u"errorCode"_s, error.codeName() }, { u"message"_s, error.message } };
    if (!error.field.isEmpty())
        body.insert(u"field"_s, error.field);
    return QHttpServerResponse(body, static_cast<QHttpServerResponder::StatusCode>(httpStatusFor(error.code)));
}

QHttpServerResponse unavailable()
{
    return errorResponse(Error { ErrorCode::Unavailable, u"Deployments are disabled on this node"_s, {} });
}

bool isSafeId(const QString& id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._:-]{1,255}$"_s);
    return pattern.match(id).hasMatch();
}

// Answers a request later, once an asynchronous operation is done; nothing is written when the client has gone.
class DeferredReply
{
public:
    explicit DeferredReply(QHttpServerResponder&& responder)
        : m_socket(responder.socket())
        , m_responder(std::make_shared<QHttpServerResponder>(std::move(responder)))
    {
    }

    void send(const QHttpServerResponse& response) const
    {
        if (m_socket && m_responder)
            response.write(std::move(*m_responder));
    }

private:
    QPointer<QTcpSocket> m_socket;
    std::shared_ptr<QHttpServerResponder> m_responder;
};

// Label values escaped as the exposition format requires: backslash, double quote, newline.
QByteArray escapeLabel(const QString& value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 15);
}

class Exposition
{
public:
    void family(const char* name, const char* help)
    {
        m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n";
    }
    void sample(const char* name, double value) { m_text += QByteArray(name) + ' ' + number(value) + '\n'; }
    void sample(const char* name, const QString& device, double value)
    {
        m_text += QByteArray(name) + "{device=\"" + escapeLabel(device) + "\"} " + number(value) + '\n';
    }
    QByteArray text() const { return m_text; }

private:
    QByteArray m_text;
};

} // namespace

NodeHttpServer::NodeHttpServer(QString nodeId, QObject* parent)
    : QObject(parent)
    , m_nodeId(std::move(nodeId))
{
    m_uptime.start();
    m_server.route(
        QStringLiteral("/health"), QHttpServerRequest::Method::Get, [this] { return QHttpServerResponse(health()); });
    m_server.route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get, [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), metricsText());
    });
    m_server.route(QStringLiteral("/deploy"),
                   QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest& request) { return onDeploy(request); });
    m_server.route(QStringLiteral("/stop/<arg>"),
                   QHttpServerRequest::Method::Delete,
                   [this](const QString& id, QHttpServerResponder&& responder) { onStop(id, std::move(responder)); });
    m_server.route(QStringLiteral("/logs/<arg>"),
                   QHttpServerRequest::Method::Get,
                   [this](const QString& id, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                       onLogs(id, request, std::move(responder));
                   });
}

Result<protocol::NodeDeployModel> NodeHttpServer::deployCommandFor(const QByteArray& body) const
{
    if (body.size() > kMaxBodyBytes)
        return makeError(ErrorCode::PayloadTooLarge, u"The body is larger than %1 bytes"_s.arg(kMaxBodyBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::InvalidJson, u"The body must be a JSON object"_s);
    const QJsonObject object = document.object();
    auto config = protocol::parseDeployContainerConfig(object);
    if (!config)
        return std::unexpected(config.error());

    protocol::NodeDeployModel command;
    for (const auto& [key, target] :
         { std::pair { u"deploymentId"_s, &command.deploymentId }, std::pair { u"requestId"_s, &command.requestId } }) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isString() || !isSafeId(value.toString())) {
            return makeError(
                ErrorCode::InvalidValue, key + u": must be 1-255 characters of A-Z a-z 0-9 . _ : -"_s, key);
        }
        *target = value.toString();
    }
    const QString unique = QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (command.deploymentId.isEmpty())
        command.deploymentId = u"local-"_s + unique;
    if (command.requestId.isEmpty())
        command.requestId = u"local-"_s + QUuid::createUuid().toString(QUuid::Id128);
    command.nodeId = m_nodeId;
    command.framework = u"custom"_s;
    command.containerConfig = std::move(*config);
    command.timestamp = protocol::nowMs();
    return command;
}

QHttpServerResponse NodeHttpServer::onDeploy(const QHttpServerRequest& request)
{
    if (!m_deployments.deploy)
        return unavailable();
    const auto command = deployCommandFor(request.body());
    if (!command)
        return errorResponse(command.error());
    if (auto started = m_deployments.deploy(*command); !started)
        return errorResponse(started.error());
    return QHttpServerResponse(
        QJsonObject { { u"deploymentId"_s, command->deploymentId }, { u"requestId"_s, command->requestId } },
        QHttpServerResponder::StatusCode::Accepted);
}

void NodeHttpServer::onStop(const QString& id, QHttpServerResponder&& responder)
{
    const DeferredReply reply(std::move(responder));
    if (!m_deployments.stop) {
        reply.send(unavailable());
        return;
    }
    if (!isSafeId(id)) {
        reply.send(errorResponse(Error { ErrorCode::InvalidValue, u"Not a deployment or container id"_s, {} }));
        return;
    }
    m_deployments.stop(id, [reply](Result<QString> stopped) {
        if (!stopped) {
            reply.send(errorResponse(stopped.error()));
            return;
        }
        reply.send(QHttpServerResponse(QJsonObject { { u"deploymentId"_s, *stopped }, { u"status"_s, u"stopped"_s } }));
    });
}

void NodeHttpServer::onLogs(const QString& id, const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const DeferredReply reply(std::move(responder));
    if (!m_deployments.logs) {
        reply.send(unavailable());
        return;
    }
    if (!isSafeId(id)) {
        reply.send(errorResponse(Error { ErrorCode::InvalidValue, u"Not a deployment or container id"_s, {} }));
        return;
    }
    const QUrlQuery query(request.url());
    int lines = 200;
    if (query.hasQueryItem(u"lines"_s)) {
        bool ok = false;
        lines = query.queryItemValue(u"lines"_s).toInt(&ok);
        if (!ok || lines < 1 || lines > 10000) {
            reply.send(
                errorResponse(Error { ErrorCode::OutOfRange, u"lines: must be between 1 and 10000"_s, u"lines"_s }));
            return;
        }
    }
    qint64 since = 0;
    if (query.hasQueryItem(u"since"_s)) {
        bool ok = false;
        since = query.queryItemValue(u"since"_s).toLongLong(&ok);
        if (!ok || since < 0) {
            reply.send(errorResponse(
                Error { ErrorCode::OutOfRange, u"since: must be seconds since the epoch"_s, u"since"_s }));
            return;
        }
    }
    m_deployments.logs(id, lines, since, [reply](Result<QString> text) {
        if (!text) {
            reply.send(errorResponse(text.error()));
            return;
        }
        reply.send(QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), text->toUtf8()));
    });
}

NodeHttpServer::~NodeHttpServer() = default;

Result<quint16> NodeHttpServer::listen(quint16 port, const QHostAddress& address)
{
    const quint16 bound = m_server.listen(address, port);
    if (bound == 0) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port));
    }
    m_port = bound;
    return bound;
}

void NodeHttpServer::setSample(const NodeSample& sample)
{
    m_sample = sample;
}

void NodeHttpServer::setConnected(bool connected)
{
    m_connected = connected;
}

QJsonObject NodeHttpServer::health() const
{
    return QJsonObject {
        { QStringLiteral("status"), QStringLiteral("ok") },
        { QStringLiteral("nodeId"), m_nodeId },
        { QStringLiteral("connected"), m_connected },
        { QStringLiteral("uptimeSeconds"), m_uptime.elapsed() / 1000 },
    };
}

QByteArray NodeHttpServer::metricsText() const
{
    Exposition out;
    out.family("aiops_node_connected", "1 when the node is connected to its controller.");
    out.sample("aiops_node_connected", m_connected ? 1 : 0);
    if (!m_sample)
        return out.text();

    const SystemSample& sys = m_sample->system;
    if (m_sample->systemValid) {
        out.family("aiops_node_cpu_cores", "Logical CPU cores.");
        out.sample("aiops_node_cpu_cores", sys.cpuCores);
        if (sys.cpuUtilization) {
            out.family("aiops_node_cpu_utilization", "CPU utilisation in percent since the previous sample.");
            out.sample("aiops_node_cpu_utilization", *sys.cpuUtilization);
        }
        out.family("aiops_node_ram_total_mib", "Physical memory in MiB.");
        out.sample("aiops_node_ram_total_mib", static_cast<double>(sys.ramTotalMb));
        out.family("aiops_node_ram_free_mib", "Available memory (MemAvailable) in MiB.");
        out.sample("aiops_node_ram_free_mib", static_cast<double>(sys.ramFreeMb));
        if (sys.loadAverage1) {
            out.family("aiops_node_load1", "One-minute load average.");
            out.sample("aiops_node_load1", *sys.loadAverage1);
        }
        if (sys.diskTotalMb && sys.diskFreeMb) {
            out.family("aiops_node_disk_total_mib", "Size of the working directory's file system in MiB.");
            out.sample("aiops_node_disk_total_mib", static_cast<double>(*sys.diskTotalMb));
            out.family("aiops_node_disk_free_mib", "Free space of the working directory's file system in MiB.");
            out.sample("aiops_node_disk_free_mib", static_cast<double>(*sys.diskFreeMb));
        }
    }

    // One family at a time: the exposition format wants a metric's samples together.
    const auto gpuFamily = [&](const char* name, const char* help, auto value) {
        bool headed = false;
        for (const GpuReading& gpu : m_sample->gpus) {
            const std::optional<double> v = value(gpu);
            if (!v)
                continue;
            if (!headed) {
                out.family(name, help);
                headed = true;
            }
            out.sample(name, gpu.deviceId, *v);
        }
    };
    const auto mib = [](const std::optional<qint64>& v) {
        return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
    };
    gpuFamily(
        "aiops_node_gpu_utilization", "GPU utilisation in percent.", [](const GpuReading& g) { return g.utilization; });
    gpuFamily("aiops_node_gpu_memory_total_mib", "GPU memory in MiB.", [&](const GpuReading& g) {
        return mib(g.memoryTotalMb);
    });
    gpuFamily("aiops_node_gpu_memory_free_mib", "Free GPU memory in MiB.", [&](const GpuReading& g) {
        return mib(g.memoryFreeMb);
    });
    gpuFamily("aiops_node_gpu_temperature_celsius", "GPU temperature in degrees Celsius.", [](const GpuReading& g) {
        return g.temperature;
    });
    gpuFamily("aiops_node_gpu_power_watts", "GPU power draw in watts.", [](const GpuReading& g) { return g.powerW; });
    gpuFamily("aiops_node_gpu_power_limit_watts", "GPU enforced power limit in watts.", [](const GpuReading& g) {
        return g.powerLimitW;
    });
    return out.text();
}

} // namespace aiops::daemon
