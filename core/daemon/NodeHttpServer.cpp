#include "core/daemon/NodeHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace aiops::daemon {

namespace {

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
