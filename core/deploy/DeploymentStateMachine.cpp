#include "core/deploy/DeploymentStateMachine.h"

namespace aiops::deploy {

using namespace Qt::StringLiterals;

const QList<DeploymentStateMachine::Transition>& DeploymentStateMachine::transitions()
{
    using S = DeploymentStatus;
    static const QList<Transition> table {
        { S::Deploying, S::Running, u"the container passed its health check" },
        { S::Deploying, S::Failed, u"an attempt failed and no retry is left, or the container died" },
        { S::Deploying, S::Stopped, u"the user cancelled the deployment" },
        { S::Running, S::Stopped, u"the user stopped the deployment" },
        { S::Running, S::Failed, u"the container died or ran out of memory" },
        { S::Failed, S::Deploying, u"retry or redeploy" },
        { S::Failed, S::Stopped, u"stop removes what is left of a failed container" },
        { S::Stopped, S::Deploying, u"redeploy" },
    };
    return table;
}

Result<void> DeploymentStateMachine::canTransition(DeploymentStatus from, DeploymentStatus to)
{
    for (const Transition& t : transitions()) {
        if (t.from == from && t.to == to)
            return {};
    }
    return makeError(ErrorCode::Conflict,
                     u"a deployment cannot go from %1 to %2"_s.arg(statusName(from), statusName(to)),
                     u"status"_s);
}

Result<void>
DeploymentStateMachine::canAdvance(DeploymentPhase fromPhase, int fromProgress, DeploymentPhase toPhase, int toProgress)
{
    if (toProgress < 0 || toProgress > 100)
        return makeError(ErrorCode::OutOfRange, u"progress %1 is outside 0-100"_s.arg(toProgress), u"progress"_s);
    if (int(toPhase) < int(fromPhase)) {
        return makeError(
            ErrorCode::Conflict,
            u"deployment phase cannot go back from %1 to %2"_s.arg(phaseName(fromPhase), phaseName(toPhase)),
            u"phase"_s);
    }
    if (toProgress < fromProgress) {
        return makeError(ErrorCode::Conflict,
                         u"deployment progress cannot go back from %1 to %2"_s.arg(fromProgress).arg(toProgress),
                         u"progress"_s);
    }
    return {};
}

Result<void> DeploymentStateMachine::transition(DeploymentRecord& record,
                                                DeploymentStatus to,
                                                const QDateTime& now,
                                                const QString& error)
{
    if (auto r = canTransition(record.status, to); !r)
        return r;
    record.status = to;
    switch (to) {
    case DeploymentStatus::Deploying:
        record.phase = DeploymentPhase::Queued;
        record.progress = 0;
        record.error.clear();
        record.healthStatus = HealthStatus::Unknown;
        record.stoppedAt = QDateTime();
        break;
    case DeploymentStatus::Running:
        record.phase = DeploymentPhase::Running;
        record.progress = 100;
        record.deployedAt = now;
        break;
    case DeploymentStatus::Stopped:
        record.stoppedAt = now;
        record.healthStatus = HealthStatus::Unknown;
        break;
    case DeploymentStatus::Failed:
        record.error = error;
        record.healthStatus = HealthStatus::Unhealthy;
        break;
    }
    return {};
}

Result<void> DeploymentStateMachine::advance(DeploymentRecord& record, DeploymentPhase phase, int progress)
{
    if (record.status != DeploymentStatus::Deploying) {
        return makeError(ErrorCode::Conflict,
                         u"deployment %1 is %2, not deploying; its progress cannot change"_s.arg(
                             record.deploymentId, statusName(record.status)),
                         u"status"_s);
    }
    if (phase == DeploymentPhase::Running) {
        return makeError(ErrorCode::InvalidValue, u"the running phase is entered by the running status"_s, u"phase"_s);
    }
    if (auto r = canAdvance(record.phase, record.progress, phase, progress); !r)
        return r;
    record.phase = phase;
    record.progress = progress;
    return {};
}

} // namespace aiops::deploy
