#pragma once

#include "core/daemon/Backoff.h"
#include "core/daemon/ControllerPin.h"
#include "core/daemon/GpuProbe.h"
#include "core/daemon/NodeSample.h"
#include "core/daemon/SystemProbe.h"
#include "core/protocol/Messages.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <chrono>
#include <memory>
#include <optional>

namespace aiops::daemon {

class NodeSampler;

// The daemon's connection to the controller. Connects outbound with the token in the handshake,
// registers, sends a heartbeat per sample, and reconnects with backoff for as long as it runs.
// Sampling goes on while disconnected so that the local /metrics stays current.
//
// Enrollment: the first connection presents the one-time enrollment token; the controller answers
// the registration with the node's long-lived credential, which is written to
// <workDir>/node-credential (0600) and presented on every later connection (the file wins over the
// token). Over wss:// the controller's certificate is pinned in <workDir>/known_controllers.
class NodeClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeClient)

public:
    struct Options
    {
        QUrl controllerUrl; // ws://host:8750/ws/node or wss:// (certificate pinned on first use)
        QString token; // the one-time enrollment token (or a credential given by hand)
        QString controllerFingerprint; // --controller-fingerprint: pre-pinned SHA-256 of the certificate
        QString nodeId;
        QString name;
        QString hostname;
        bool isLocal = false;
        std::chrono::milliseconds heartbeatInterval = std::chrono::seconds(2);
        QString workDir;
        int httpPort = 0; // the local HTTP server's port, reported in register.config
        // The inference proxy (NodeInferenceProxy): its port and the secret the controller must present,
        // reported in register.config (the controller keeps the secret in memory only). 0 = none.
        int proxyPort = 0;
        QByteArray proxyToken;
        std::chrono::milliseconds backoffInitial = std::chrono::seconds(1);
        std::chrono::milliseconds backoffCap = std::chrono::seconds(30);
        std::chrono::milliseconds connectTimeout = std::chrono::seconds(10);
        std::chrono::milliseconds stopTimeout = std::chrono::seconds(3);
        Backoff::RandomSource random; // jitter source; default QRandomGenerator
    };

    NodeClient(Options options,
               std::unique_ptr<SystemProbe> system,
               std::unique_ptr<GpuProbe> gpu,
               QObject* parent = nullptr);
    ~NodeClient() override;

    void start();
    // Sends system.node.disconnect when connected, closes, then emits stopped(). Idempotent.
    void stop();

    bool isConnected() const { return m_state == State::Connected; }
    // Where the node credential is kept: <workDir>/node-credential.
    static QString credentialFileIn(const QString& workDir);
    // The stored node credential; empty when the node has not enrolled yet.
    static QString readCredential(const QString& workDir);
    bool usingStoredCredential() const { return m_usingCredential; }
    const Options& options() const { return m_options; }
    std::optional<NodeSample> lastSample() const { return m_lastSample; }
    // Sends a frame when registered with the controller; false (nothing sent) otherwise.
    bool send(const QByteArray& frame);
    // The credential the daemon presents now: the stored node credential, else the configured token.
    QString currentCredential() const;
    // The certificate the controller presented on this wss:// connection (checked against the pin);
    // null over ws:// or before connecting.
    QSslCertificate controllerCertificate() const;

Q_SIGNALS:
    void connectedChanged(bool connected);
    void sampled(const aiops::daemon::NodeSample& sample);
    void registrationSent();
    // The controller acknowledged the registration: commands may arrive, reports may be sent.
    void registered();
    // Commands from the controller, already validated by the codec.
    void cacheModelRequested(const aiops::protocol::NodeCacheModel& command);
    void evictModelRequested(const aiops::protocol::NodeEvictModel& command);
    void deployModelRequested(const aiops::protocol::NodeDeployModel& command);
    void stopContainerRequested(const aiops::protocol::NodeStopContainer& command);
    void getLogsRequested(const aiops::protocol::NodeGetLogs& command);
    void enrolled(const QString& credentialFile);
    // The controller refused the credential or token (close code 4401), or its certificate.
    void authenticationRefused(const QString& message);
    // The same, for the enrollment token of a node without a credential: it cannot ever connect.
    void enrollmentRefused(const QString& message);
    void stopped();

private:
    enum class State { Idle, Connecting, Connected, Waiting, Stopping, Stopped };

    void openSocket();
    void requestSample();
    void connectionLost(const QString& why);
    void finishStop();
    void sendFrame(const QByteArray& frame);
    void sendRegister(const NodeSample& sample);
    void sendHeartbeat(const NodeSample& sample);

    void onConnected();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTextMessage(const QString& message);
    void onSampled(const aiops::daemon::NodeSample& sample);
    void storeCredential(const QString& credential);

    Options m_options;
    State m_state = State::Idle;
    QWebSocket m_socket;
    ControllerPin m_pin;
    bool m_usingCredential = false;
    Backoff m_backoff;
    QTimer m_heartbeatTimer;
    QTimer m_reconnectTimer;
    QTimer m_connectTimer;
    QTimer m_stopTimer;
    QElapsedTimer m_connectedFor;
    QThread m_samplerThread;
    NodeSampler* m_sampler = nullptr; // lives on m_samplerThread; deleted after it has finished
    bool m_sampleInFlight = false;
    bool m_registerPending = false;
    bool m_registered = false;
    bool m_warnedUnknownMemory = false;
    QStringList m_lastErrors;
    std::optional<NodeSample> m_lastSample;
};

} // namespace aiops::daemon
