#pragma once

#include <Qt>

namespace aiops::models {

// Item roles of the safety models (PiiPatternModel, GuardrailModel, PiiDetectionModel,
// GuardrailViolationModel). Sorting uses models::SortRole from ModelRoles.h.
enum SafetyRole {
    SafetyIdRole = Qt::UserRole + 32, // QString: patternId, guardrailId, detectionId or violationId
    SeverityNameRole, // QString: low | medium | high | critical (the row's)
    SeverityLevelRole, // int: 0 low, 1 medium, 2 high, 3 critical; -1 unknown
    BuiltInRole, // bool: a pattern shipped with the console (cannot be deleted)
    ActiveRole, // bool: the pattern or guardrail is active
    FilterKeyRole, // QString: the value a column's filter compares (pattern id, guardrail id, action)
};

} // namespace aiops::models
