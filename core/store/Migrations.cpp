#include "core/store/Migrations.h"

namespace aiops::store {

using namespace Qt::StringLiterals;

const QList<Migration>& migrations()
{
    // Dates are ISO-8601 UTC text with milliseconds; role, gpuDevices and config are JSON text.
    static const QList<Migration> all {
        { 1,
          u"nodes table"_s,
          { uR"(CREATE TABLE nodes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                nodeId TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT '["worker"]',
                status TEXT NOT NULL DEFAULT 'offline'
                    CHECK (status IN ('online', 'offline', 'maintenance')),
                isLocal INTEGER NOT NULL DEFAULT 0,
                vpnIp TEXT,
                websocketConnected INTEGER NOT NULL DEFAULT 0,
                lastHeartbeat TEXT,
                gpuDevices TEXT NOT NULL DEFAULT '[]',
                cpuCores INTEGER NOT NULL DEFAULT 0,
                ramTotal INTEGER NOT NULL DEFAULT 0,
                ramFree INTEGER NOT NULL DEFAULT 0,
                config TEXT NOT NULL DEFAULT '{}',
                ownerOrgId TEXT,
                ownerUserId TEXT,
                createdAt TEXT NOT NULL,
                changedAt TEXT NOT NULL,
                deletedAt TEXT,
                isDeleted INTEGER NOT NULL DEFAULT 0
            ))"_s,
            u"CREATE INDEX idx_nodes_status ON nodes (status, isDeleted)"_s } },
        // Seed 000 safety tables (issue 7). Message content columns (detectedText, originalText,
        // modifiedText) hold base64 of libsodium secretbox output, never plaintext. guardrails.type
        // has no CHECK: the guardrail engine owns that list and may grow it without a migration.
        { 2,
          u"safety: piiPatterns, piiDetections, guardrails, guardrailViolations"_s,
          { uR"(CREATE TABLE piiPatterns (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                patternId TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                type TEXT NOT NULL DEFAULT 'regex' CHECK (type IN ('regex', 'ai-based')),
                category TEXT NOT NULL CHECK (category IN ('contact', 'financial', 'medical', 'identity')),
                regex TEXT,
                flags TEXT NOT NULL DEFAULT '',
                nerLabels TEXT NOT NULL DEFAULT '[]',
                redactionMethod TEXT NOT NULL DEFAULT 'mask'
                    CHECK (redactionMethod IN ('mask', 'hash', 'remove', 'token')),
                maskChar TEXT NOT NULL DEFAULT '*',
                preserveLength INTEGER NOT NULL DEFAULT 1,
                isActive INTEGER NOT NULL DEFAULT 1,
                severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
                action TEXT NOT NULL DEFAULT 'redact' CHECK (action IN ('redact', 'block', 'log', 'alert')),
                validator TEXT NOT NULL DEFAULT '',
                builtIn INTEGER NOT NULL DEFAULT 0,
                ownerOrgId TEXT,
                ownerUserId TEXT,
                createdAt TEXT NOT NULL,
                changedAt TEXT NOT NULL,
                deletedAt TEXT,
                isDeleted INTEGER NOT NULL DEFAULT 0
            ))"_s,
            uR"(CREATE TABLE piiDetections (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                detectionId TEXT NOT NULL UNIQUE,
                sourceType TEXT NOT NULL DEFAULT 'message' CHECK (sourceType IN ('message', 'dataset', 'file')),
                sourceId TEXT NOT NULL DEFAULT '',
                conversationId TEXT,
                patternId TEXT NOT NULL,
                detectedText TEXT NOT NULL,
                redactedText TEXT NOT NULL,
                positionStart INTEGER NOT NULL,
                positionEnd INTEGER NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('redacted', 'blocked', 'logged', 'alerted')),
                alertSent INTEGER NOT NULL DEFAULT 0,
                severity TEXT NOT NULL DEFAULT 'medium',
                detectedAt TEXT NOT NULL,
                ownerOrgId TEXT,
                ownerUserId TEXT
            ))"_s,
            u"CREATE INDEX idx_piiDetections_detectedAt ON piiDetections (detectedAt)"_s,
            u"CREATE INDEX idx_piiDetections_conversation ON piiDetections (conversationId, detectedAt)"_s,
            u"CREATE INDEX idx_piiDetections_pattern ON piiDetections (patternId, detectedAt)"_s,
            uR"(CREATE TABLE guardrails (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                guardrailId TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                type TEXT NOT NULL,
                config TEXT NOT NULL DEFAULT '{}',
                action TEXT NOT NULL DEFAULT 'block' CHECK (action IN ('block', 'warn', 'rephrase', 'escalate')),
                blockMessage TEXT NOT NULL DEFAULT '',
                appliesTo TEXT NOT NULL DEFAULT '["both"]',
                agentIds TEXT,
                isActive INTEGER NOT NULL DEFAULT 1,
                severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
                ownerOrgId TEXT,
                ownerUserId TEXT,
                createdAt TEXT NOT NULL,
                changedAt TEXT NOT NULL,
                deletedAt TEXT,
                isDeleted INTEGER NOT NULL DEFAULT 0
            ))"_s,
            uR"(CREATE TABLE guardrailViolations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                violationId TEXT NOT NULL UNIQUE,
                guardrailId TEXT NOT NULL,
                conversationId TEXT NOT NULL DEFAULT '',
                messageId TEXT NOT NULL DEFAULT '',
                violationType TEXT NOT NULL,
                originalText TEXT,
                detectedIssue TEXT NOT NULL DEFAULT '',
                confidence REAL NOT NULL DEFAULT 0,
                actionTaken TEXT NOT NULL CHECK (actionTaken IN ('blocked', 'warned', 'rephrased', 'escalated')),
                modifiedText TEXT,
                userOverride INTEGER NOT NULL DEFAULT 0,
                reviewStatus TEXT CHECK (reviewStatus IN ('pending', 'approved', 'rejected')),
                reviewedAt TEXT,
                detectedAt TEXT NOT NULL,
                ownerOrgId TEXT,
                ownerUserId TEXT
            ))"_s,
            u"CREATE INDEX idx_guardrailViolations_detectedAt ON guardrailViolations (detectedAt)"_s,
            u"CREATE INDEX idx_guardrailViolations_conversation ON guardrailViolations (conversationId, detectedAt)"_s,
            u"CREATE INDEX idx_guardrailViolations_guardrail ON guardrailViolations (guardrailId, detectedAt)"_s,
            u"CREATE INDEX idx_guardrailViolations_review ON guardrailViolations (reviewStatus)"_s } },
    };
    return all;
}

} // namespace aiops::store
