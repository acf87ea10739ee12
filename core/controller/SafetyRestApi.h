#pragma once

#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <functional>

namespace aiops::safety {
class SafetyService;
}

namespace aiops::controller {

class HttpRouter;

// Seed 000 "PII Protection" and "Guardrails" endpoints on the controller's HTTP server:
//   POST /pii/detect, POST /pii/redact, POST /pii/detokenize,
//   GET|POST /pii/patterns, GET|PATCH|DELETE /pii/patterns/:id, GET /pii/detections,
//   POST /guardrails/validate, GET|POST /guardrails, GET|PATCH|DELETE /guardrails/:id,
//   GET /guardrails/violations.
// Routes are declared in the router's table with their permissions. Bodies are strict: unknown fields, wrong types and
// unknown enum values are refused with a typed 4xx before anything reaches the service, so a refused request never
// stores anything.
class SafetyRestApi final
{
public:
    // Bodies above this are refused unread (413). Texts are limited separately, like the engine.
    static constexpr qsizetype MaxBodyBytes = 2 * 1024 * 1024;
    static constexpr qsizetype MaxTextLength = 1024 * 1024; // UTF-16 code units

    SafetyRestApi(HttpRouter& router, safety::SafetyService& service);

private:
    QHttpServerResponse detect(const QHttpServerRequest& request);
    QHttpServerResponse redact(const QHttpServerRequest& request);
    QHttpServerResponse detokenize(const QHttpServerRequest& request, const iam::Principal& principal);
    QHttpServerResponse listPatterns(const QHttpServerRequest& request) const;
    QHttpServerResponse getPattern(const QString& patternId) const;
    QHttpServerResponse createPattern(const QHttpServerRequest& request);
    QHttpServerResponse updatePattern(const QString& patternId, const QHttpServerRequest& request);
    QHttpServerResponse deletePattern(const QString& patternId);
    QHttpServerResponse listDetections(const QHttpServerRequest& request) const;
    QHttpServerResponse validate(const QHttpServerRequest& request);
    QHttpServerResponse listGuardrails(const QHttpServerRequest& request) const;
    QHttpServerResponse getGuardrail(const QString& guardrailId) const;
    QHttpServerResponse createGuardrail(const QHttpServerRequest& request);
    QHttpServerResponse updateGuardrail(const QString& guardrailId, const QHttpServerRequest& request);
    QHttpServerResponse deleteGuardrail(const QString& guardrailId);
    QHttpServerResponse listViolations(const QHttpServerRequest& request) const;

    safety::SafetyService& m_service;
};

} // namespace aiops::controller
