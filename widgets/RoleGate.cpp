#include "widgets/RoleGate.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>

namespace aiops::widgets {

namespace {

// The action's own tooltip while the gate shows the explanation instead.
const char* const kOwnToolTip = "aiopsRoleGateToolTip";

} // namespace

RoleGate::RoleGate(QObject* parent)
    : QObject(parent)
{
}

RoleGate::~RoleGate() = default;

void RoleGate::setRoles(const QStringList& roles)
{
    m_roles = roles;
    m_restricted = true;
    apply();
}

void RoleGate::clearRoles()
{
    m_roles.clear();
    m_restricted = false;
    apply();
}

bool RoleGate::allows(iam::Permission permission) const
{
    return !m_restricted || iam::rolesAllow(m_roles, permission);
}

QActionGroup* RoleGate::groupFor(iam::Permission permission)
{
    QActionGroup*& group = m_groups[int(permission)];
    if (!group) {
        group = new QActionGroup(this);
        group->setExclusionPolicy(QActionGroup::ExclusionPolicy::None);
        group->setEnabled(allows(permission));
    }
    return group;
}

void RoleGate::add(QAction* action, iam::Permission permission)
{
    Q_ASSERT(action && !action->actionGroup());
    groupFor(permission)->addAction(action);
    connect(action, &QAction::changed, this, [this, action] { onActionChanged(action); });
    applyToAction(action, allows(permission));
}

void RoleGate::add(QAbstractButton* button, iam::Permission permission)
{
    Q_ASSERT(button);
    m_buttons.append({ button, permission, button->toolTip() });
    const bool allowed = allows(permission);
    button->setEnabled(allowed);
    button->setToolTip(allowed ? m_buttons.last().toolTip : iam::deniedExplanation(permission));
}

void RoleGate::applyToAction(QAction* action, bool allowed)
{
    const QVariant own = action->property(kOwnToolTip);
    if (allowed) {
        if (own.isValid()) {
            action->setProperty(kOwnToolTip, QVariant());
            action->setToolTip(own.toString());
        }
        return;
    }
    const QString explanation = iam::deniedExplanation(iam::Permission(m_groups.key(action->actionGroup())));
    if (action->toolTip() == explanation)
        return;
    action->setProperty(kOwnToolTip, action->toolTip());
    action->setToolTip(explanation);
}

void RoleGate::onActionChanged(QAction* action)
{
    // The page may set its own tooltip while the action is denied: keep it for later, show the reason.
    const QActionGroup* group = action->actionGroup();
    if (!group || group->isEnabled())
        return;
    applyToAction(action, false);
}

void RoleGate::apply()
{
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it) {
        const bool allowed = allows(iam::Permission(it.key()));
        it.value()->setEnabled(allowed);
        for (QAction* action : it.value()->actions())
            applyToAction(action, allowed);
    }
    for (Button& b : m_buttons) {
        if (!b.button)
            continue;
        const bool allowed = allows(b.permission);
        const QString explanation = iam::deniedExplanation(b.permission);
        if (allowed) {
            b.button->setEnabled(true);
            if (b.button->toolTip() == explanation)
                b.button->setToolTip(b.toolTip);
        } else {
            if (b.button->toolTip() != explanation)
                b.toolTip = b.button->toolTip();
            b.button->setEnabled(false);
            b.button->setToolTip(explanation);
        }
    }
    Q_EMIT rolesChanged();
}

} // namespace aiops::widgets
