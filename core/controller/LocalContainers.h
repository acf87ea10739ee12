#pragma once

#include "core/protocol/Error.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace aiops::net {
class CurlClient;
}

namespace aiops::daemon {
class ContainerRuntime;
class DeploymentExecutor;
class PortAllocator;
} // namespace aiops::daemon

namespace aiops::controller {

// What the controller runs as a container on its own machine (an MCP tool server).
struct LocalContainerSpec
{
    QString key; // the owner's id (a toolId): one container per key
    QString revision; // changes when the spec changes; the same revision adopts the running container
    QString image;
    QMap<QString, QString> env;
    QMap<QString, QString> labels;
    int containerPort = 0; // published on 127.0.0.1 at a free host port
    QString healthPath; // HTTP path probed until 200; empty = ready once it runs
    int healthTimeoutMs = 60000;
};

// Containers the controller runs on its own machine, through the Docker Engine API (Docker or Podman's
// compatible service) and the node side's DeploymentExecutor: pull when missing, a free loopback port,
// create, start, health probe, rollback with the log tail on failure. Containers are labelled with their
// key, so a controller restart adopts the running ones instead of starting them twice (deploy() with the
// same revision), and survive the controller like the engine's other containers.
//
// The engine socket is the configured path, else the first of ContainerRuntime::defaultSocketCandidates()
// that exists, looked up again at each deploy() while none is found.
class LocalContainers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalContainers)
public:
    static constexpr int kFirstPort = 21000; // the local node's deployments use 20000-20999
    static constexpr int kLastPort = 21499;
    static constexpr QLatin1String kKeyLabel { "aiops.local" };

    // curl is not owned and must outlive this object.
    LocalContainers(QString configuredSocket, net::CurlClient* curl, QObject* parent = nullptr);
    ~LocalContainers() override;

    // Ends with exactly one deployed() or failed() for spec.key, never inside this call. A container of the key
    // with another revision is removed first.
    void deploy(const LocalContainerSpec& spec);
    // Stops and removes the key's containers. Success when there was none.
    void remove(const QString& key, std::function<void(Result<void>)> done = {});
    // The engine (created on first use), for other containers of the controller (agent runtimes).
    Result<daemon::ContainerRuntime*> engine();
    // The engine socket in use; empty before the first deploy() found one.
    QString socketPath() const;

Q_SIGNALS:
    // "pulling", "starting", "health-check", "running"; progress of a pull in bytes (total 0 while unknown).
    void phaseChanged(const QString& key, const QString& phase);
    void pullProgress(const QString& key, qint64 currentBytes, qint64 totalBytes);
    void deployed(const QString& key, const QString& containerId, int hostPort);
    // message: why, with the container's last log lines when it ran.
    void failed(const QString& key, const QString& message);

private:
    Result<void> ensureRuntime();
    void removeOtherRevisions(const LocalContainerSpec& spec, std::function<void()> then);

    QString m_configuredSocket;
    net::CurlClient* m_curl;
    std::unique_ptr<daemon::ContainerRuntime> m_runtime;
    std::unique_ptr<daemon::PortAllocator> m_ports;
    std::unique_ptr<daemon::DeploymentExecutor> m_executor;
    bool m_connected = false;
};

} // namespace aiops::controller
