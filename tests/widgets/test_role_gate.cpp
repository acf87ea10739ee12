#include "core/iam/Permissions.h"
#include "widgets/RoleGate.h"

#include <QAction>
#include <QApplication>
#include <QPushButton>
#include <QTest>

using aiops::iam::Permission;
using aiops::widgets::RoleGate;
namespace iam = aiops::iam;

class TestRoleGate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unrestrictedUntilRolesAreSet();
    void disablesActionsTheRolesLack_data();
    void disablesActionsTheRolesLack();
    void keepsThePagesOwnEnabledState();
    void keepsThePagesOwnToolTip();
    void gatesButtons();
    void disabledActionIgnoresTrigger();
};

void TestRoleGate::unrestrictedUntilRolesAreSet()
{
    RoleGate gate;
    QAction action(QStringLiteral("Add node…"));
    gate.add(&action, Permission::RegisterNodes);
    QVERIFY(!gate.isRestricted());
    QVERIFY(action.isEnabled());
    gate.setRoles({ QStringLiteral("universe.viewer") });
    QVERIFY(!action.isEnabled());
    gate.clearRoles();
    QVERIFY(action.isEnabled());
}

void TestRoleGate::disablesActionsTheRolesLack_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("permission");
    QTest::addColumn<bool>("enabled");
    // Expectations come from the permission matrix, so the gate and the server cannot disagree.
    for (const iam::Role role : iam::allRoles()) {
        for (const Permission p : { Permission::RegisterNodes,
                                    Permission::ManageSafety,
                                    Permission::ManageUsers,
                                    Permission::ViewAudit,
                                    Permission::DeployModels }) {
            const QString name = iam::roleName(role);
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(iam::permissionName(p)))
                << name << int(p) << iam::rolesGranting(p).contains(role);
        }
    }
}

void TestRoleGate::disablesActionsTheRolesLack()
{
    QFETCH(QString, role);
    QFETCH(int, permission);
    QFETCH(bool, enabled);
    RoleGate gate;
    QAction action(QStringLiteral("Do it"));
    action.setToolTip(QStringLiteral("Does it"));
    gate.add(&action, Permission(permission));
    gate.setRoles({ role });
    QCOMPARE(action.isEnabled(), enabled);
    QCOMPARE(action.toolTip(), enabled ? QStringLiteral("Does it") : iam::deniedExplanation(Permission(permission)));
}

void TestRoleGate::keepsThePagesOwnEnabledState()
{
    RoleGate gate;
    QAction rename(QStringLiteral("Rename…"));
    gate.add(&rename, Permission::RegisterNodes);
    rename.setEnabled(false); // nothing selected
    gate.setRoles({ QStringLiteral("organization.viewer") });
    rename.setEnabled(true); // a row got selected: still denied
    QVERIFY(!rename.isEnabled());
    gate.setRoles({ QStringLiteral("organization.editor") });
    QVERIFY(rename.isEnabled());
    rename.setEnabled(false);
    gate.setRoles({ QStringLiteral("organization.viewer") });
    gate.setRoles({ QStringLiteral("organization.owner") });
    QVERIFY(!rename.isEnabled()); // the page's own "nothing selected" survives the round trip
}

void TestRoleGate::keepsThePagesOwnToolTip()
{
    RoleGate gate;
    QAction remove(QStringLiteral("Delete…"));
    remove.setToolTip(QStringLiteral("Delete the selected pattern (Del)"));
    gate.add(&remove, Permission::ManageSafety);
    gate.setRoles({ QStringLiteral("universe.viewer") });
    const QString reason = iam::deniedExplanation(Permission::ManageSafety);
    QCOMPARE(remove.toolTip(), reason);
    remove.setToolTip(QStringLiteral("Built-in patterns cannot be deleted")); // the page updates it
    QCOMPARE(remove.toolTip(), reason);
    gate.setRoles({ QStringLiteral("universe.editor") });
    QCOMPARE(remove.toolTip(), QStringLiteral("Built-in patterns cannot be deleted"));
}

void TestRoleGate::gatesButtons()
{
    RoleGate gate;
    QPushButton button(QStringLiteral("Add node…"));
    button.setToolTip(QStringLiteral("Enroll a machine"));
    gate.add(&button, Permission::RegisterNodes);
    QVERIFY(button.isEnabled());
    gate.setRoles({ QStringLiteral("organization.viewer") });
    QVERIFY(!button.isEnabled());
    QCOMPARE(button.toolTip(), iam::deniedExplanation(Permission::RegisterNodes));
    gate.setRoles({ QStringLiteral("universe.owner") });
    QVERIFY(button.isEnabled());
    QCOMPARE(button.toolTip(), QStringLiteral("Enroll a machine"));
}

void TestRoleGate::disabledActionIgnoresTrigger()
{
    RoleGate gate;
    QAction action(QStringLiteral("Remove…"));
    int triggered = 0;
    connect(&action, &QAction::triggered, this, [&triggered] { ++triggered; });
    gate.add(&action, Permission::RegisterNodes);
    gate.setRoles({ QStringLiteral("universe.viewer") });
    action.trigger();
    QCOMPARE(triggered, 0);
    gate.setRoles({ QStringLiteral("universe.editor") });
    action.trigger();
    QCOMPARE(triggered, 1);
}

QTEST_MAIN(TestRoleGate)
#include "test_role_gate.moc"
