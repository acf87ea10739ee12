#pragma once

#include "core/deploy/DeploymentTypes.h"
#include "core/protocol/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace aiops::deploy {

// The lifecycle of seed 000's deployments: which status may follow which, and how the progress
// substate of a deploying attempt may move. Pure functions; the store and the controller both check
// through here, so the rules live in one place.
class DeploymentStateMachine final
{
public:
    struct Transition
    {
        DeploymentStatus from;
        DeploymentStatus to;
        QStringView reason;
    };

    // Every allowed status change; anything not listed (self-transitions included) is refused.
    static const QList<Transition>& transitions();

    // Conflict naming both states when `to` may not follow `from`.
    static Result<void> canTransition(DeploymentStatus from, DeploymentStatus to);

    // Within one attempt the phase follows DeploymentPhase's order (it may stay, or skip ahead: a
    // cached model skips downloading) and progress never decreases. Progress outside 0-100 is
    // OutOfRange, going back is Conflict.
    static Result<void>
    canAdvance(DeploymentPhase fromPhase, int fromProgress, DeploymentPhase toPhase, int toProgress);

    // Applies a status change to `record` after canTransition(): entering deploying starts a new
    // attempt (phase queued, progress 0, error cleared); running sets phase running, progress 100 and
    // deployedAt; stopped sets stoppedAt; failed stores `error`.
    static Result<void>
    transition(DeploymentRecord& record, DeploymentStatus to, const QDateTime& now, const QString& error = {});

    // Moves the progress of a deploying record. Conflict unless the record is deploying; the running
    // phase is reached only through transition(..., Running), so it is InvalidValue here.
    static Result<void> advance(DeploymentRecord& record, DeploymentPhase phase, int progress);
};

} // namespace aiops::deploy
