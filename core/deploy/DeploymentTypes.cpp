#include "core/deploy/DeploymentTypes.h"

#include <array>
#include <utility>

namespace aiops::deploy {

using namespace Qt::StringLiterals;

namespace {

template<typename Enum, std::size_t N> using Names = std::array<std::pair<Enum, QStringView>, N>;

constexpr Names<DeploymentStatus, 4> kStatusNames { { { DeploymentStatus::Deploying, u"deploying" },
                                                      { DeploymentStatus::Running, u"running" },
                                                      { DeploymentStatus::Stopped, u"stopped" },
                                                      { DeploymentStatus::Failed, u"failed" } } };

constexpr Names<DeploymentPhase, 7> kPhaseNames { { { DeploymentPhase::Queued, u"queued" },
                                                    { DeploymentPhase::Placing, u"placing" },
                                                    { DeploymentPhase::Downloading, u"downloading" },
                                                    { DeploymentPhase::Pulling, u"pulling" },
                                                    { DeploymentPhase::Starting, u"starting" },
                                                    { DeploymentPhase::HealthCheck, u"health-check" },
                                                    { DeploymentPhase::Running, u"running" } } };

constexpr Names<HealthStatus, 3> kHealthNames { { { HealthStatus::Unknown, u"unknown" },
                                                  { HealthStatus::Healthy, u"healthy" },
                                                  { HealthStatus::Unhealthy, u"unhealthy" } } };

constexpr Names<DeploymentJobKind, 2> kKindNames { { { DeploymentJobKind::Deploy, u"deploy" },
                                                     { DeploymentJobKind::Stop, u"stop" } } };

constexpr Names<DeploymentJobState, 4> kJobStateNames { { { DeploymentJobState::Queued, u"queued" },
                                                          { DeploymentJobState::Running, u"running" },
                                                          { DeploymentJobState::Done, u"done" },
                                                          { DeploymentJobState::Failed, u"failed" } } };

template<typename Enum, std::size_t N> QString nameOf(const Names<Enum, N>& names, Enum value)
{
    for (const auto& [e, name] : names) {
        if (e == value)
            return name.toString();
    }
    return QString();
}

template<typename Enum, std::size_t N>
Result<Enum> parse(const Names<Enum, N>& names, const QString& text, const QString& what)
{
    QStringList allowed;
    for (const auto& [e, name] : names) {
        if (name == text)
            return e;
        allowed.append(name.toString());
    }
    return makeError(ErrorCode::InvalidValue,
                     u"unknown %1 '%2' (expected one of %3)"_s.arg(what, text, allowed.join(u", "_s)),
                     what);
}

} // namespace

QString statusName(DeploymentStatus status)
{
    return nameOf(kStatusNames, status);
}

QString phaseName(DeploymentPhase phase)
{
    return nameOf(kPhaseNames, phase);
}

QString healthStatusName(HealthStatus health)
{
    return nameOf(kHealthNames, health);
}

QString jobKindName(DeploymentJobKind kind)
{
    return nameOf(kKindNames, kind);
}

QString jobStateName(DeploymentJobState state)
{
    return nameOf(kJobStateNames, state);
}

Result<DeploymentStatus> parseDeploymentStatus(const QString& text)
{
    return parse(kStatusNames, text, u"status"_s);
}

Result<DeploymentPhase> parseDeploymentPhase(const QString& text)
{
    return parse(kPhaseNames, text, u"phase"_s);
}

Result<HealthStatus> parseHealthStatus(const QString& text)
{
    return parse(kHealthNames, text, u"healthStatus"_s);
}

Result<DeploymentJobKind> parseDeploymentJobKind(const QString& text)
{
    return parse(kKindNames, text, u"kind"_s);
}

Result<DeploymentJobState> parseDeploymentJobState(const QString& text)
{
    return parse(kJobStateNames, text, u"state"_s);
}

} // namespace aiops::deploy
