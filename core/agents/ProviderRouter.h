#pragma once

#include "core/agents/LlmProvider.h"

#include <QObject>
#include <chrono>
#include <functional>
#include <memory>

namespace aiops::agents {

// Picks the provider for each chat request by privacy policy, retries transient failures with backoff and keeps a
// circuit breaker per provider. Local only (the global switch, or PrivacyMode::LocalOnly) is a hard rule: no
// request is ever handed to a Cloud provider while it holds.
class ProviderRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderRouter)

public:
    enum class PrivacyMode { LocalOnly, AllowApi, Hybrid };
    enum class CircuitState { Closed, Open, HalfOpen };
    Q_ENUM(PrivacyMode)
    Q_ENUM(CircuitState)

    struct RoutingPolicy
    {
        // LocalOnly: local providers only. Hybrid: local first, cloud as the fallback. AllowApi: cloud allowed,
        // and tried first when preferLocal is false.
        PrivacyMode mode = PrivacyMode::Hybrid;
        bool preferLocal = true;
    };

    struct RetryPolicy
    {
        int maxAttempts = 3; // per provider, the first try included
        int baseDelayMs = 500; // doubled per retry, with jitter
        int maxDelayMs = 8'000;
        int maxRetryAfterSeconds = 60; // a longer Retry-After is not waited for: the provider counts as failed
    };

    struct BreakerPolicy
    {
        int failureThreshold = 5; // consecutive failures that open the circuit
        std::chrono::milliseconds coolDown { 30'000 }; // open -> half-open
    };

    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit ProviderRouter(QObject* parent = nullptr);
    ~ProviderRouter() override;

    // The router does not own the provider; it must outlive its use here. models: the served model names; a
    // request for another model is sent with the first of them (how a fallback reaches a different server).
    void addProvider(LlmProvider* provider, const QStringList& models = {});
    QStringList providerNames() const;

    void setPolicy(RoutingPolicy policy) { m_policy = policy; }
    RoutingPolicy policy() const { return m_policy; }
    void setLocalOnly(bool on);
    bool isLocalOnly() const { return m_localOnly; }
    void setRetryPolicy(RetryPolicy policy) { m_retry = policy; }
    void setBreakerPolicy(BreakerPolicy policy) { m_breakerPolicy = policy; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    CircuitState circuitState(const QString& provider) const;

    // route overrides the policy for this request: a provider name, "local" or "cloud"; empty to follow it.
    // Local only still applies: a route to a cloud provider then fails with Forbidden and sends nothing.
    ChatCall chat(const ChatRequest& request,
                  LlmProvider::DeltaHandler onDelta,
                  LlmProvider::Done<ChatResult> done,
                  const QString& route = {});

signals:
    void localOnlyChanged(bool on);
    void circuitStateChanged(const QString& provider, aiops::agents::ProviderRouter::CircuitState state);

private:
    struct Entry;
    struct Job;

    bool localOnlyInEffect() const;
    Result<QList<Entry*>> candidates(const QString& route) const;
    void tryNext(const std::shared_ptr<Job>& job);
    void attempt(const std::shared_ptr<Job>& job);
    void onAttemptDone(const std::shared_ptr<Job>& job, Result<ChatResult> result);
    void finish(const std::shared_ptr<Job>& job, Result<ChatResult> result);
    bool admit(Entry& entry); // the circuit lets a request through (and takes the half-open trial slot)
    void recordSuccess(Entry& entry);
    void recordFailure(Entry& entry);
    void setCircuit(Entry& entry, CircuitState state);
    int backoffMs(const Error& error, int attempt) const;

    std::vector<std::unique_ptr<Entry>> m_entries;
    RoutingPolicy m_policy;
    RetryPolicy m_retry;
    BreakerPolicy m_breakerPolicy;
    bool m_localOnly = false;
    Clock m_clock;
};

} // namespace aiops::agents
