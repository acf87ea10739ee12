#include "core/agents/ProviderRouter.h"

#include "core/net/HttpTypes.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace aiops::agents {

struct ProviderRouter::Entry
{
    LlmProvider* provider = nullptr;
    QStringList models;
    CircuitState state = CircuitState::Closed;
    int consecutiveFailures = 0;
    std::chrono::steady_clock::time_point openedAt;
    bool trialInFlight = false; // half-open: the one request let through is under way
};

struct ProviderRouter::Job
{
    ChatRequest request;
    LlmProvider::DeltaHandler onDelta;
    LlmProvider::Done<ChatResult> done;
    QList<Entry*> candidates;
    qsizetype index = -1; // into candidates
    int attempts = 0; // on the current candidate
    bool deltaDelivered = false; // a retry would repeat what the caller already has
    bool cancelled = false;
    bool finished = false;
    ChatCall current;
    QPointer<QTimer> backoff;
    std::optional<Error> lastError;
};

namespace {

bool isRetryable(const Error& error)
{
    if (net::isCancellation(error)) {
        return false;
    }
    return error.code == ErrorCode::RateLimited || error.code == ErrorCode::Unavailable;
}

Error cancelledError()
{
    return Error { ErrorCode::Unavailable, net::cancelledMessage(), {} };
}

} // namespace

ProviderRouter::ProviderRouter(QObject* parent)
    : QObject(parent)
    , m_clock([] { return std::chrono::steady_clock::now(); })
{
}

ProviderRouter::~ProviderRouter() = default;

void ProviderRouter::addProvider(LlmProvider* provider, const QStringList& models)
{
    auto entry = std::make_unique<Entry>();
    entry->provider = provider;
    entry->models = models;
    m_entries.push_back(std::move(entry));
}

QStringList ProviderRouter::providerNames() const
{
    QStringList names;
    for (const auto& entry : m_entries) {
        names.append(entry->provider->name());
    }
    return names;
}

void ProviderRouter::setLocalOnly(bool on)
{
    if (m_localOnly != on) {
        m_localOnly = on;
        emit localOnlyChanged(on);
    }
}

bool ProviderRouter::localOnlyInEffect() const
{
    return m_localOnly || m_policy.mode == PrivacyMode::LocalOnly;
}

ProviderRouter::CircuitState ProviderRouter::circuitState(const QString& provider) const
{
    for (const auto& entry : m_entries) {
        if (entry->provider->name() == provider) {
            return entry->state;
        }
    }
    return CircuitState::Closed;
}

Result<QList<ProviderRouter::Entry*>> ProviderRouter::candidates(const QString& route) const
{
    const bool localOnly = localOnlyInEffect();
    QList<Entry*> locals;
    QList<Entry*> clouds;
    for (const auto& entry : m_entries) {
        (entry->provider->kind() == LlmProvider::Kind::Local ? locals : clouds).append(entry.get());
    }
    if (route == QLatin1String("local")) {
        if (locals.isEmpty()) {
            return makeError(ErrorCode::NotFound, tr("No local LLM provider is registered"));
        }
        return locals;
    }
    if (route == QLatin1String("cloud")) {
        if (localOnly) {
            return makeError(ErrorCode::Forbidden, tr("Local only is on: requests to cloud providers are blocked"));
        }
        if (clouds.isEmpty()) {
            return makeError(ErrorCode::NotFound, tr("No cloud LLM provider is registered"));
        }
        return clouds;
    }
    if (!route.isEmpty()) {
        for (const auto& entry : m_entries) {
            if (entry->provider->name() != route) {
                continue;
            }
            if (localOnly && entry->provider->kind() == LlmProvider::Kind::Cloud) {
                return makeError(ErrorCode::Forbidden, tr("Local only is on: requests to %1 are blocked").arg(route));
            }
            return QList<Entry*> { entry.get() };
        }
        return makeError(ErrorCode::NotFound, tr("No LLM provider is named %1").arg(route));
    }
    if (localOnly) {
        if (locals.isEmpty()) {
            return makeError(ErrorCode::Forbidden,
                             tr("Local only is on and no local LLM provider is registered: the request is blocked"));
        }
        return locals;
    }
    if (m_policy.mode == PrivacyMode::AllowApi && !m_policy.preferLocal) {
        return clouds + locals;
    }
    return locals + clouds;
}

ChatCall ProviderRouter::chat(const ChatRequest& request,
                              LlmProvider::DeltaHandler onDelta,
                              LlmProvider::Done<ChatResult> done,
                              const QString& route)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->onDelta = std::move(onDelta);
    job->done = std::move(done);
    auto list = candidates(route);
    if (!list) {
        // The callback never runs inside chat() itself.
        QMetaObject::invokeMethod(
            this, [this, job, error = list.error()] { finish(job, std::unexpected(error)); }, Qt::QueuedConnection);
    } else if (list->isEmpty()) {
        const Error error { ErrorCode::Unavailable, tr("No LLM provider is registered"), {} };
        QMetaObject::invokeMethod(
            this, [this, job, error] { finish(job, std::unexpected(error)); }, Qt::QueuedConnection);
    } else {
        job->candidates = *list;
        QMetaObject::invokeMethod(
            this, [this, job] { tryNext(job); }, Qt::QueuedConnection);
    }
    QPointer<ProviderRouter> self(this);
    std::weak_ptr<Job> weak = job;
    return ChatCall([self, weak] {
        const auto locked = weak.lock();
        if (!self || !locked || locked->finished || locked->cancelled) {
            return;
        }
        locked->cancelled = true;
        if (locked->current.isValid()) {
            locked->current.cancel(); // its done callback finishes the job
            return;
        }
        // Not started yet, or waiting out a backoff.
        if (locked->backoff) {
            locked->backoff->stop();
            locked->backoff->deleteLater();
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, locked] { self->finish(locked, std::unexpected(cancelledError())); },
            Qt::QueuedConnection);
    });
}

void ProviderRouter::tryNext(const std::shared_ptr<Job>& job)
{
    if (job->finished) {
        return;
    }
    if (job->cancelled) {
        finish(job, std::unexpected(cancelledError()));
        return;
    }
    while (++job->index < job->candidates.size()) {
        Entry& entry = *job->candidates.at(job->index);
        if (!admit(entry)) {
            job->lastError
                = Error { ErrorCode::Unavailable,
                          tr("%1: the circuit breaker is open after repeated failures").arg(entry.provider->name()),
                          {} };
            continue;
        }
        job->attempts = 0;
        attempt(job);
        return;
    }
    finish(job,
           std::unexpected(job->lastError.value_or(
               Error { ErrorCode::Unavailable, tr("No LLM provider could take the request"), {} })));
}

void ProviderRouter::attempt(const std::shared_ptr<Job>& job)
{
    Entry& entry = *job->candidates.at(job->index);
    // Checked again here: the switch may have been turned on while this request waited or fell back.
    if (localOnlyInEffect() && entry.provider->kind() == LlmProvider::Kind::Cloud) {
        entry.trialInFlight = false;
        finish(job,
               std::unexpected(Error { ErrorCode::Forbidden,
                                       tr("Local only is on: requests to %1 are blocked").arg(entry.provider->name()),
                                       {} }));
        return;
    }
    ++job->attempts;
    ChatRequest request = job->request;
    if (!entry.models.isEmpty() && !entry.models.contains(request.model)) {
        request.model = entry.models.first();
    }
    std::weak_ptr<Job> weak = job;
    QPointer<ProviderRouter> self(this);
    auto onDelta = [weak](const ChatDelta& delta) {
        const auto locked = weak.lock();
        if (!locked || locked->finished || locked->cancelled) {
            return;
        }
        locked->deltaDelivered = true;
        if (locked->onDelta) {
            locked->onDelta(delta);
        }
    };
    auto onDone = [self, job](Result<ChatResult> result) {
        job->current = ChatCall();
        if (!self) {
            if (!job->finished) {
                job->finished = true;
                job->done(std::move(result));
            }
            return;
        }
        self->onAttemptDone(job, std::move(result));
    };
    job->current = entry.provider->chat(request, onDelta, onDone);
}

void ProviderRouter::onAttemptDone(const std::shared_ptr<Job>& job, Result<ChatResult> result)
{
    Entry& entry = *job->candidates.at(job->index);
    if (result) {
        recordSuccess(entry);
        finish(job, std::move(result));
        return;
    }
    const Error error = result.error();
    if (job->cancelled || net::isCancellation(error)) {
        entry.trialInFlight = false;
        finish(job, std::unexpected(job->cancelled ? cancelledError() : error));
        return;
    }
    if (!isRetryable(error)) {
        entry.trialInFlight = false; // the provider answered: no verdict on its health
        finish(job, std::unexpected(error));
        return;
    }
    recordFailure(entry);
    if (job->deltaDelivered) {
        finish(job, std::unexpected(error));
        return;
    }
    job->lastError = error;
    const bool retryAfterTooLong = error.retryAfterSeconds > m_retry.maxRetryAfterSeconds;
    if (job->attempts >= m_retry.maxAttempts || retryAfterTooLong) {
        tryNext(job);
        return;
    }
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    job->backoff = timer;
    connect(timer, &QTimer::timeout, this, [this, job, timer] {
        timer->deleteLater();
        job->backoff = nullptr;
        if (job->finished) {
            return;
        }
        if (job->cancelled) {
            finish(job, std::unexpected(cancelledError()));
            return;
        }
        Entry& current = *job->candidates.at(job->index);
        if (!admit(current)) {
            tryNext(job); // the circuit opened meanwhile
            return;
        }
        attempt(job);
    });
    timer->start(backoffMs(error, job->attempts));
}

void ProviderRouter::finish(const std::shared_ptr<Job>& job, Result<ChatResult> result)
{
    if (job->finished) {
        return;
    }
    job->finished = true;
    if (job->backoff) {
        job->backoff->stop();
        job->backoff->deleteLater();
    }
    job->current = ChatCall();
    if (job->done) {
        job->done(std::move(result));
    }
}

bool ProviderRouter::admit(Entry& entry)
{
    switch (entry.state) {
    case CircuitState::Closed: return true;
    case CircuitState::Open:
        if (m_clock() - entry.openedAt < m_breakerPolicy.coolDown) {
            return false;
        }
        setCircuit(entry, CircuitState::HalfOpen);
        entry.trialInFlight = true;
        return true;
    case CircuitState::HalfOpen:
        if (entry.trialInFlight) {
            return false;
        }
        entry.trialInFlight = true;
        return true;
    }
    return false;
}

void ProviderRouter::recordSuccess(Entry& entry)
{
    entry.consecutiveFailures = 0;
    entry.trialInFlight = false;
    setCircuit(entry, CircuitState::Closed);
}

void ProviderRouter::recordFailure(Entry& entry)
{
    entry.trialInFlight = false;
    ++entry.consecutiveFailures;
    if (entry.state == CircuitState::HalfOpen
        || (entry.state == CircuitState::Closed && entry.consecutiveFailures >= m_breakerPolicy.failureThreshold)) {
        entry.openedAt = m_clock();
        setCircuit(entry, CircuitState::Open);
    }
}

void ProviderRouter::setCircuit(Entry& entry, CircuitState state)
{
    if (entry.state != state) {
        entry.state = state;
        emit circuitStateChanged(entry.provider->name(), state);
    }
}

int ProviderRouter::backoffMs(const Error& error, int attempt) const
{
    if (error.retryAfterSeconds > 0) {
        return error.retryAfterSeconds * 1000;
    }
    const qint64 exponential = qint64(m_retry.baseDelayMs) << std::min(attempt - 1, 20);
    const int delay = int(std::min<qint64>(exponential, m_retry.maxDelayMs));
    // Full delay halved plus a random half, so clients that failed together do not retry together.
    return delay / 2 + int(QRandomGenerator::global()->bounded(delay / 2 + 1));
}

} // namespace aiops::agents
