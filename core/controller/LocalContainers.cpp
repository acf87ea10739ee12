#include "core/controller/LocalContainers.h"

#include "core/daemon/ContainerRuntime.h"
#include "core/daemon/DeploymentExecutor.h"
#include "core/daemon/PortAllocator.h"

#include <QLoggingCategory>
#include <QPointer>
#include <memory>

Q_LOGGING_CATEGORY(lcLocalContainers, "aiops.controller.containers")

namespace aiops::controller {

using daemon::ContainerRuntime;
using daemon::ContainerSummary;
using daemon::DeploymentExecutor;

namespace {

QString requestIdOf(const QString& key, const QString& revision)
{
    return key + QLatin1Char('@') + revision;
}

} // namespace

LocalContainers::LocalContainers(QString configuredSocket, net::CurlClient* curl, QObject* parent)
    : QObject(parent)
    , m_configuredSocket(std::move(configuredSocket))
    , m_curl(curl)
{
}

LocalContainers::~LocalContainers() = default;

QString LocalContainers::socketPath() const
{
    return m_runtime ? m_runtime->socketPath() : QString();
}

Result<void> LocalContainers::ensureRuntime()
{
    if (m_runtime)
        return {};
    auto socket = ContainerRuntime::resolveSocket(m_configuredSocket, ContainerRuntime::defaultSocketCandidates());
    if (!socket)
        return std::unexpected(socket.error());
    m_runtime = std::make_unique<ContainerRuntime>(*socket, m_curl);
    m_ports = std::make_unique<daemon::PortAllocator>(kFirstPort, kLastPort);
    m_executor = std::make_unique<DeploymentExecutor>(m_runtime.get(), m_ports.get(), m_curl);
    connect(m_executor.get(), &DeploymentExecutor::phaseChanged, this, &LocalContainers::phaseChanged);
    connect(m_executor.get(),
            &DeploymentExecutor::pullProgress,
            this,
            [this](const QString& key, const QString&, qint64 current, qint64 total) {
                Q_EMIT pullProgress(key, current, total);
            });
    connect(m_executor.get(), &DeploymentExecutor::deployed, this, &LocalContainers::deployed);
    connect(m_executor.get(),
            &DeploymentExecutor::failed,
            this,
            [this](const QString& key, const Error& error, const QString& logTail) {
                QString message = error.message;
                const QString tail = logTail.trimmed();
                if (!tail.isEmpty()) {
                    // The last few lines say why a server would not start; the whole tail is in the engine's log.
                    QStringList lines = tail.split(QLatin1Char('\n'));
                    if (lines.size() > 5)
                        lines = lines.mid(lines.size() - 5);
                    message += QStringLiteral("\n") + lines.join(QLatin1Char('\n'));
                }
                Q_EMIT failed(key, message);
            });
    qCInfo(lcLocalContainers, "container engine: %s", qUtf8Printable(*socket));
    return {};
}

Result<daemon::ContainerRuntime*> LocalContainers::engine()
{
    if (auto ok = ensureRuntime(); !ok)
        return std::unexpected(ok.error());
    return m_runtime.get();
}

void LocalContainers::deploy(const LocalContainerSpec& spec)
{
    if (auto ok = ensureRuntime(); !ok) {
        QMetaObject::invokeMethod(
            this,
            [this, key = spec.key, message = ok.error().message] { Q_EMIT failed(key, message); },
            Qt::QueuedConnection);
        return;
    }
    QPointer<LocalContainers> self(this);
    auto run = [self, spec] {
        if (!self)
            return;
        self->removeOtherRevisions(spec, [self, spec] {
            if (!self)
                return;
            daemon::DeploySpec d;
            d.deploymentId = spec.key;
            d.requestId = requestIdOf(spec.key, spec.revision);
            d.image = spec.image;
            d.env = spec.env;
            d.labels = spec.labels;
            d.labels.insert(QString(DeploymentExecutor::kOwnerLabel), QStringLiteral("controller"));
            d.labels.insert(QString(kKeyLabel), spec.key);
            d.containerPort = spec.containerPort;
            d.healthPath = spec.healthPath;
            d.healthTimeoutMs = spec.healthTimeoutMs;
            self->m_executor->deploy(d);
        });
    };
    if (m_connected) {
        run();
        return;
    }
    // The first call negotiates the API version every later call uses.
    m_runtime->connectToEngine([self, run, key = spec.key](Result<daemon::RuntimeInfo> info) {
        if (!self)
            return;
        if (!info) {
            Q_EMIT self->failed(key, info.error().message);
            return;
        }
        self->m_connected = true;
        run();
    });
}

void LocalContainers::removeOtherRevisions(const LocalContainerSpec& spec, std::function<void()> then)
{
    const QString request = requestIdOf(spec.key, spec.revision);
    QPointer<LocalContainers> self(this);
    m_runtime->listContainers({ QString(kKeyLabel) + QLatin1Char('=') + spec.key },
                              [self, request, then](Result<QList<ContainerSummary>> listed) {
                                  if (!self)
                                      return;
                                  auto stale = std::make_shared<QStringList>();
                                  if (listed) {
                                      for (const ContainerSummary& c : std::as_const(*listed)) {
                                          if (c.labels.value(DeploymentExecutor::kRequestLabel) != request)
                                              stale->append(c.id);
                                      }
                                  }
                                  if (stale->isEmpty()) {
                                      then();
                                      return;
                                  }
                                  // Removed one after the other; a failure is logged and the deploy goes on (its port
                                  // is its own).
                                  auto next = std::make_shared<std::function<void()>>();
                                  *next = [self, stale, then, next] {
                                      if (!self)
                                          return;
                                      if (stale->isEmpty()) {
                                          then();
                                          *next = nullptr;
                                          return;
                                      }
                                      const QString id = stale->takeFirst();
                                      self->m_runtime->removeContainer(
                                          id, true, [self, id, next](Result<void> removed) {
                                              if (!removed)
                                                  qCWarning(lcLocalContainers,
                                                            "cannot remove the old container %s: %s",
                                                            qUtf8Printable(id),
                                                            qUtf8Printable(removed.error().message));
                                              if (self && *next)
                                                  (*next)();
                                          });
                                  };
                                  (*next)();
                              });
}

void LocalContainers::remove(const QString& key, std::function<void(Result<void>)> done)
{
    if (!m_runtime) {
        // Nothing was deployed through this object; a container left by an earlier run is found through the
        // engine all the same.
        if (auto ok = ensureRuntime(); !ok) {
            if (done)
                done({}); // no engine: nothing can run
            return;
        }
    }
    m_executor->stop(key, [done](Result<void> stopped) {
        if (!done)
            return;
        if (!stopped && stopped.error().code == ErrorCode::NotFound)
            done({});
        else
            done(stopped);
    });
}

} // namespace aiops::controller
