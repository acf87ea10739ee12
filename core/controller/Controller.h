#pragma once

#include "core/protocol/Error.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <memory>

namespace aiops::safety {
class SafetyService;
}

namespace aiops::controller {

class NodeService;

struct ControllerConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8750; // 0 = pick a free port (tests)
    QString dataDir; // database, enrollment token; created if missing
    int heartbeatIntervalMs = 2000; // what daemons are told to use
    int missedHeartbeats = 3; // offline after this many intervals without a heartbeat
    double gpuTemperatureThreshold = 85.0;
    qsizetype maxFrameBytes = 1024 * 1024;
    int statusFlushIntervalMs = 5000; // batched status writes
};

class ControllerPrivate;

// The controller facade: wires the store, the node registry and the HTTP+WebSocket server.
// Construct it on (or move it to) the thread that should own it and call start() there.
class Controller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Controller)
public:
    explicit Controller(ControllerConfig config, QObject* parent = nullptr);
    ~Controller() override;

    Result<void> start();
    void stop();

    quint16 port() const;
    const ControllerConfig& config() const;
    NodeService* nodeService() const;
    // PII, guardrails and the message filter chain; thread-safe, so the GUI may call it directly.
    safety::SafetyService* safetyService() const;

private:
    std::unique_ptr<ControllerPrivate> d;
};

// Runs a Controller on a dedicated thread. start() blocks until the controller listens (or failed).
class ControllerThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerThread)
public:
    explicit ControllerThread(ControllerConfig config, QObject* parent = nullptr);
    ~ControllerThread() override; // stops and joins

    Result<void> start();
    void stop();
    quint16 port() const;
    NodeService* nodeService() const; // thread-safe getters; signals arrive queued on the caller's thread
    // Null until start() succeeded. Its methods are thread-safe; its signals come from its own worker
    // thread, so connect them with a receiver context (they arrive queued).
    safety::SafetyService* safetyService() const;

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace aiops::controller
