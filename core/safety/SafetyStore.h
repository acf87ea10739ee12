#pragma once

#include "core/protocol/Error.h"
#include "core/safety/SafetyService.h" // DetectionQuery, ViolationQuery
#include "core/safety/SafetyTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace aiops::store {
class Database;
}

namespace aiops::safety {

class TokenVault;

// Repositories of the four safety tables of seed 000 (migration 2): piiPatterns, piiDetections,
// guardrails and guardrailViolations. Message content (detectedText, originalText, modifiedText)
// is sealed with the token vault before it reaches the database and opened again on read.
//
// Not thread-safe: like store::Database, use it only on the thread that opened the connection.
class SafetyStore final
{
public:
    using Clock = std::function<QDateTime()>;

    SafetyStore(store::Database& db, const TokenVault& vault);

    void setClock(Clock clock);
    QDateTime now() const;

    // piiPatterns. Deleted rows are soft-deleted and kept, so a deleted built-in is not re-seeded.
    Result<QList<PiiPattern>> patterns(bool includeDeleted = false);
    Result<std::optional<PiiPattern>> pattern(const QString& patternId, bool includeDeleted = false);
    Result<void> insertPattern(const PiiPattern& pattern);
    Result<void> updatePattern(const PiiPattern& pattern); // NOT_FOUND when no live row has its id
    Result<void> deletePattern(const QString& patternId);

    // guardrails
    Result<QList<Guardrail>> guardrails(bool includeDeleted = false);
    Result<std::optional<Guardrail>> guardrail(const QString& guardrailId, bool includeDeleted = false);
    Result<void> insertGuardrail(const Guardrail& guardrail);
    Result<void> updateGuardrail(const Guardrail& guardrail);
    Result<void> deleteGuardrail(const QString& guardrailId);

    // piiDetections / guardrailViolations: written in one transaction per batch.
    Result<void> insertDetections(const QList<PiiDetection>& detections);
    Result<QList<PiiDetection>> detections(const DetectionQuery& query);
    Result<void> insertViolations(const QList<GuardrailViolation>& violations); // escalated ones wait for review
    Result<QList<GuardrailViolation>> violations(const ViolationQuery& query);
    Result<QList<GuardrailViolation>> pendingEscalations(int limit = 500);
    Result<void> resolveEscalation(const QString& violationId, bool approved); // NOT_FOUND unless pending

    // Retention: removes detections and violations detected before the cutoff; returns rows removed.
    Result<int> purgeBefore(const QDateTime& cutoff);

private:
    store::Database& m_db;
    const TokenVault& m_vault;
    Clock m_clock;
};

} // namespace aiops::safety
