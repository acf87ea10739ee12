#pragma once

#include "core/iam/Permissions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QAbstractButton;
class QAction;
class QActionGroup;

namespace aiops::widgets {

// Role-aware enabling: actions and buttons are registered with the permission they need. While the
// signed-in roles lack it, they are disabled and their tooltip says why (iam::deniedExplanation);
// the server refuses the action anyway, this only explains it up front.
//
// Unrestricted until setRoles() is called (the embedded console acts as the local owner).
// An action keeps the enabled state its page gives it (selection and so on): the gate disables it
// through an action group, which Qt combines with the action's own state. Buttons are set directly,
// so register buttons whose page never disables them itself (or gate their QAction instead).
class RoleGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleGate)
public:
    explicit RoleGate(QObject* parent = nullptr);
    ~RoleGate() override;

    void setRoles(const QStringList& roles);
    void clearRoles(); // unrestricted again
    bool isRestricted() const { return m_restricted; }
    QStringList roles() const { return m_roles; }
    bool allows(iam::Permission permission) const;

    void add(QAction* action, iam::Permission permission);
    void add(QAbstractButton* button, iam::Permission permission);

Q_SIGNALS:
    void rolesChanged();

private:
    struct Button
    {
        QPointer<QAbstractButton> button;
        iam::Permission permission;
        QString toolTip; // the button's own tooltip, restored when allowed
    };

    QActionGroup* groupFor(iam::Permission permission);
    void applyToAction(QAction* action, bool allowed);
    void onActionChanged(QAction* action);
    void apply();

    QStringList m_roles;
    bool m_restricted = false;
    QHash<int, QActionGroup*> m_groups;
    QList<Button> m_buttons;
};

} // namespace aiops::widgets
