#pragma once

#include "core/protocol/Error.h"
#include "core/safety/MessageFilter.h"
#include "core/safety/SafetyTypes.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace aiops::safety {

class GuardrailEngine;
class PiiEngine;
class TokenVault;

struct DetectionQuery
{
    QString conversationId;
    QString patternId;
    QString severity;
    QDateTime from;
    QDateTime to;
    int limit = 200;
};

struct ViolationQuery
{
    QString conversationId;
    QString guardrailId;
    QString actionTaken;
    QDateTime from;
    QDateTime to;
    int limit = 200;
};

// The safety facade the REST API, the GUI and the message pipeline use. Owns the PII engine, the
// guardrail engine, the token vault, the message filter chain (PII -> guardrails on user input;
// guardrails on agent output) and the repositories of the four safety tables.
//
// Thread-safe: every public method may be called from any thread. Storage runs on an internal
// worker thread with its own SQLite connection; detections and violations are logged
// asynchronously and never block the message path. Signals are emitted from that worker thread.
class SafetyService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyService)
public:
    struct Options
    {
        QString databasePath; // the controller's SQLite file (WAL): a second connection is opened
        QString dataDir; // vault key, hash salt
        int retentionDays = 90;
    };

    static Result<std::unique_ptr<SafetyService>> create(Options options, QObject* parent = nullptr);
    ~SafetyService() override;

    // Message pipeline (seed 000 "Combined Flow").
    FilterContext process(FilterContext context);
    MessageFilterChain& chain();

    PiiEngine& pii();
    GuardrailEngine& guardrails();
    TokenVault& vault();

    // Patterns: built-ins are seeded on first start; edits recompile the engine at once.
    QList<PiiPattern> listPatterns(bool includeInactive = true) const;
    Result<PiiPattern> createPattern(PiiPattern pattern);
    Result<PiiPattern> updatePattern(const QString& patternId, const QJsonObject& changes);
    Result<void> deletePattern(const QString& patternId);

    QList<Guardrail> listGuardrails() const;
    Result<Guardrail> createGuardrail(Guardrail guardrail);
    Result<Guardrail> updateGuardrail(const QString& guardrailId, const QJsonObject& changes);
    Result<void> deleteGuardrail(const QString& guardrailId);

    Result<QList<PiiDetection>> detections(const DetectionQuery& query) const;
    Result<QList<GuardrailViolation>> violations(const ViolationQuery& query) const;
    // Escalated messages waiting for review, and their resolution.
    QList<GuardrailViolation> escalations() const;
    Result<void> resolveEscalation(const QString& violationId, bool approved);

    // Blocks until queued detection/violation writes are stored (tests, shutdown).
    void flush();

Q_SIGNALS:
    void detectionLogged(const aiops::safety::PiiDetection& detection);
    void criticalDetection(const aiops::safety::PiiDetection& detection);
    void violationLogged(const aiops::safety::GuardrailViolation& violation);
    void escalationQueued(const aiops::safety::GuardrailViolation& violation);
    void patternsChanged();
    void guardrailsChanged();

private:
    explicit SafetyService(QObject* parent);
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace aiops::safety
