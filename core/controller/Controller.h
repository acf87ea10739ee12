#pragma once

#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace aiops::safety {
class SafetyService;
}

namespace aiops::iam {
class IamService;
class SecretStore;
} // namespace aiops::iam

namespace aiops::registry {
class ModelService;
} // namespace aiops::registry

namespace aiops::controller {

class AgentService;
class DeploymentService;
class HttpRouter;
class NodeService;
class NodeModelCaches;

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

    // Identity and access. `secrets` holds the JWT signing secret (not owned; null = a 0600 file
    // secret store under dataDir).
    iam::SecretStore* secrets = nullptr;
    QString jwksPath; // optional external IAM keys (RS256/ES256)
    QStringList corsOrigins; // Web SDK origins allowed by CORS; empty = none
    int anonymousRequestsPerMinute = 60; // per IP; 0 = unlimited
    int authenticatedRequestsPerMinute = 600; // per caller; 0 = unlimited
    int auditRetentionDays = 365;
    // HuggingFace mirror (else $HF_ENDPOINT, else https://huggingface.co); the token is the secret
    // "hf-token".
    QString huggingFaceEndpoint;
    // S3/MinIO for model artifacts (empty endpoint: the local store only). Models are published there
    // after download and nodes get presigned URLs. The keys are the secrets "s3-access-key-id" and
    // "s3-secret-access-key" (else $AIOPS_S3_ACCESS_KEY_ID / $AIOPS_S3_SECRET_ACCESS_KEY).
    QString s3Endpoint; // http(s)://host:port, path-style
    QString s3Bucket;
    QString s3Region = QStringLiteral("us-east-1");
    QString s3Prefix;
    bool fastPasswordHashing = false; // tests only
    // Deployments: the worker image allowlist (seed 004; a JSON array, see deploy::ImageAllowlist;
    // empty = the built-in list) and the first retry delay of a failed deployment attempt.
    QString imageAllowlistPath;
    int deployRetryBaseMs = 2000;
    int deployHealthIntervalMs = 15000; // health probes of running deployments; 0 = off
    // Agents: the runtime executable (empty = aiops-agent next to this executable), MCP tool health
    // checks, the watchdog's first restart delay, and whether agents running at shutdown start again.
    QString agentProgram;
    int toolHealthIntervalMs = 30000;
    int agentRestartBaseMs = 1000;
    bool restoreRunningAgents = true;
    // MCP tools registered as containers, and agents whose runtime is "container", run on this
    // machine through the Docker Engine API: this socket, else the autodetected Docker or Podman one.
    QString containerSocket;
    // The image agents with runtime "container" run (scripts/make-agent-image builds it from aiops-agent).
    QString agentImage = QStringLiteral("localhost/aiops-agent-runtime:latest");
    // Inbound frames per second per connection on /ws/system (users) and /ws/agent (runtimes); the
    // burst is 4x and 2x the rate. bench/chat-fanout raises both so they do not cap its throughput.
    double userMessagesPerSecond = 5;
    double agentMessagesPerSecond = 200;

    // TLS (off by default; loopback needs none). Without a certificate path a self-signed one is
    // generated under dataDir on first enable.
    bool tlsEnabled = false;
    QString tlsCertificatePath;
    QString tlsKeyPath;
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
    // Users, tokens, API keys, node credentials, audit log; thread-safe.
    iam::IamService* iamService() const;
    // SHA-256 fingerprint of the TLS certificate (hex, colon-separated); empty without TLS.
    QString tlsFingerprint() const;
    // The local owner account (universe.owner), created on first start.
    iam::Principal ownerPrincipal() const;
    // The REST route table (tests, diagnostics). Null before start().
    NodeModelCaches* nodeModelCaches() const;
    const HttpRouter* router() const;
    // The model registry (thread-safe getters; mutators are posted to the controller thread).
    registry::ModelService* modelService() const;
    // Deployments (thread-safe getters; deploy/stop block briefly on the controller thread).
    DeploymentService* deploymentService() const;
    // Tools, instructions, agents and chat (thread-safe getters; mutators block briefly).
    AgentService* agentService() const;

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
    iam::IamService* iamService() const; // null until start() succeeded; thread-safe
    QString tlsFingerprint() const;
    iam::Principal ownerPrincipal() const;
    registry::ModelService* modelService() const;
    DeploymentService* deploymentService() const; // null until start() succeeded
    AgentService* agentService() const; // null until start() succeeded

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace aiops::controller
