#include "FleetSimulator.h"

#include "core/protocol/Codec.h"

#include <QDateTime>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocket>
#include <chrono>

namespace aiops::bench {

namespace {

quint64 monotonicUs()
{
    return quint64(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count());
}

} // namespace

struct SimGroup::Node
{
    QString nodeId;
    std::unique_ptr<QWebSocket> socket;
    bool registered = false;
    qint64 phaseMs = 0; // offset of this node's heartbeat within the period
    qint64 nextDueMs = 0;
    quint32 seed = 0;
};

SimGroup::SimGroup(SimConfig config, int firstIndex, int count, SimStats* stats)
    : m_config(std::move(config))
    , m_firstIndex(firstIndex)
    , m_count(count)
    , m_stats(stats)
{
    m_periodMs = std::max<qint64>(1, qRound64(1000.0 / m_config.rateHz));
}

SimGroup::~SimGroup() = default;

void SimGroup::start()
{
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    m_openTimer = new QTimer(this);
    m_openTimer->setInterval(20);
    connect(m_openTimer, &QTimer::timeout, this, &SimGroup::openBatch);
    m_openTimer->start();
    m_tickTimer = new QTimer(this);
    m_tickTimer->setTimerType(Qt::PreciseTimer);
    m_tickTimer->setInterval(5);
    connect(m_tickTimer, &QTimer::timeout, this, &SimGroup::tick);
    m_tickTimer->start();
}

void SimGroup::openBatch()
{
    // Ramp connections up so the listen backlog never overflows.
    const int batch = 50;
    for (int i = 0; i < batch && m_opened < m_count; ++i, ++m_opened) {
        auto node = std::make_unique<Node>();
        const int index = m_firstIndex + m_opened;
        node->nodeId = QStringLiteral("sim-%1").arg(index, 6, 10, QLatin1Char('0'));
        node->phaseMs = (qint64(index) * m_periodMs) / std::max(1, m_count) % m_periodMs;
        node->seed = quint32(index);
        node->socket = std::make_unique<QWebSocket>();
        Node* raw = node.get();
        QWebSocket* ws = node->socket.get();
        connect(ws, &QWebSocket::connected, this, [this, raw] {
            m_stats->connected++;
            protocol::NodeRegister reg;
            reg.nodeId = raw->nodeId;
            reg.name = raw->nodeId;
            reg.cpuCores = 64;
            reg.ramTotal = 512 * 1024;
            reg.diskTotal = 4 * 1024 * 1024;
            reg.timestamp = protocol::nowMs();
            reg.config.insert(QStringLiteral("heartbeatIntervalMs"), m_periodMs);
            for (int g = 0; g < m_config.gpusPerNode; ++g)
                reg.gpuDevices.append({ QString::number(g), QStringLiteral("Simulated H100 80GB"), 81559, {}, {} });
            raw->socket->sendTextMessage(QString::fromUtf8(protocol::encode(reg)));
        });
        connect(ws, &QWebSocket::textMessageReceived, this, [this, raw](const QString& text) {
            if (text.contains(QLatin1StringView("\"system.node.registered\""))) {
                if (!raw->registered)
                    m_stats->registered++;
                raw->registered = true;
                raw->nextDueMs = QDateTime::currentMSecsSinceEpoch() + raw->phaseMs;
            } else if (text.contains(QLatin1StringView("\"system.error\""))) {
                m_stats->errors++;
            }
        });
        connect(ws, &QWebSocket::pong, this, [this](quint64 elapsedMs, const QByteArray& payload) {
            // The payload carries the send time in microseconds for sub-millisecond resolution.
            Q_UNUSED(elapsedMs);
            bool ok = false;
            const quint64 sentUs = payload.toULongLong(&ok);
            if (!ok)
                return;
            const quint64 nowUs = monotonicUs();
            QMutexLocker locker(&m_stats->latencyMutex);
            m_stats->latenciesUs.push_back(nowUs > sentUs ? nowUs - sentUs : 0);
        });
        connect(ws, &QWebSocket::disconnected, this, [this, raw] {
            if (raw->registered)
                m_stats->disconnects++;
            raw->registered = false;
        });
        QNetworkRequest request(m_config.url);
        request.setRawHeader("Authorization", "Bearer " + m_config.tokens.value(index));
        ws->open(request);
        m_nodes.push_back(std::move(node));
    }
    if (m_opened >= m_count)
        m_openTimer->stop();
}

void SimGroup::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto& node : m_nodes) {
        if (!node->registered || now < node->nextDueMs)
            continue;
        sendHeartbeat(*node);
        // Keep the schedule: a late tick does not shift later heartbeats.
        node->nextDueMs += m_periodMs;
        if (node->nextDueMs < now)
            node->nextDueMs = now + m_periodMs;
    }
}

void SimGroup::sendHeartbeat(Node& node)
{
    protocol::NodeHeartbeat hb;
    hb.nodeId = node.nodeId;
    hb.timestamp = protocol::nowMs();
    hb.metrics.ramFree = 256 * 1024;
    hb.metrics.diskFree = 2 * 1024 * 1024;
    hb.metrics.cpuUtilization = double(node.seed % 100);
    for (int g = 0; g < m_config.gpusPerNode; ++g) {
        node.seed = node.seed * 1664525u + 1013904223u;
        const double util = double(node.seed % 101);
        hb.metrics.gpuDevices.append(
            { QString::number(g), qint64(81559 - (node.seed % 60000)), util, 30.0 + double(node.seed % 50), 300.0 });
    }
    node.socket->sendTextMessage(QString::fromUtf8(protocol::encode(hb)));
    // A ping right behind the heartbeat: the controller answers it only after it has processed the
    // heartbeat frame before it, so the round trip bounds heartbeat-to-registry latency from above.
    const quint64 sentUs = monotonicUs();
    node.socket->ping(QByteArray::number(sentUs));
    m_stats->heartbeatsSent++;
}

void SimGroup::stopAll()
{
    if (m_openTimer)
        m_openTimer->stop();
    if (m_tickTimer)
        m_tickTimer->stop();
    for (auto& node : m_nodes) {
        node->socket->disconnect(this);
        node->socket->abort();
    }
    m_nodes.clear();
}

} // namespace aiops::bench
