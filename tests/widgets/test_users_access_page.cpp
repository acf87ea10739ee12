#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "models/ApiKeyTableModel.h"
#include "models/IamRoles.h"
#include "models/NodeCredentialModel.h"
#include "models/UserTableModel.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/SafetyTableView.h"
#include "widgets/SecretRevealDialog.h"
#include "widgets/UserDialog.h"
#include "widgets/UsersAccessPage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using aiops::widgets::UsersAccessPage;
namespace iam = aiops::iam;
namespace models = aiops::models;
namespace widgets = aiops::widgets;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

// "3 users · 0 active API keys · 0 node credentials"
bool countsMatch(const QString& subtitle, int users, int keys, int credentials)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d+) user.* · (\\d+) active API key.* · (\\d+) node credential"));
    const auto match = pattern.match(subtitle);
    return match.hasMatch() && match.captured(1).toInt() == users && match.captured(2).toInt() == keys
        && match.captured(3).toInt() == credentials;
}

} // namespace

class TestUsersAccessPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsUsersKeysAndCredentials();
    void addsAndEditsUsers();
    void cannotDisableOrDeleteOwnAccount();
    void deletesUserOnlyAfterConfirmation();
    void createsApiKeyAndRevealsItOnce();
    void revokesApiKeyAfterConfirmation();
    void revokesNodeCredentialAfterConfirmation();
    void userDialogValidates();
    void secretRevealDialogCopies();
    void screenshots();

private:
    iam::User addUser(const QString& username, const QString& displayName, const QString& role);
    iam::Principal ownerPrincipal() const;
    std::unique_ptr<UsersAccessPage> makePage();

    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<iam::IamService> m_iam;
    iam::User m_owner;
    QStringList m_confirmations;
    bool m_confirm = false;
};

void TestUsersAccessPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestUsersAccessPage::init()
{
    m_secrets = iam::makeMemorySecretStore();
    m_dir = std::make_unique<QTemporaryDir>();
    iam::IamService::Options options;
    options.databasePath = m_dir->filePath(QStringLiteral("controller.db"));
    options.secrets = m_secrets.get();
    options.fastPasswordHashing = true;
    auto created = iam::IamService::create(options);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    m_iam = std::move(*created);
    auto owner = m_iam->ensureOwner(QStringLiteral("universe.owner"), QStringLiteral("owner-passw0rd"));
    QVERIFY(owner);
    auto named = m_iam->updateUser(owner->userId,
                                   QJsonObject { { QStringLiteral("displayName"), QStringLiteral("Console owner") } });
    QVERIFY(named);
    m_owner = *named;
    m_confirmations.clear();
    m_confirm = false;
}

void TestUsersAccessPage::cleanup()
{
    m_iam.reset();
    m_dir.reset();
    m_secrets.reset();
}

iam::User TestUsersAccessPage::addUser(const QString& username, const QString& displayName, const QString& role)
{
    iam::NewUser user;
    user.username = username;
    user.password = QStringLiteral("passw0rd-") + username;
    user.displayName = displayName;
    user.email = username + QStringLiteral("@example.com");
    user.roles = { role };
    const auto created = m_iam->createUser(user);
    if (!created)
        qWarning() << "createUser failed:" << created.error().message;
    return created.value_or(iam::User {});
}

iam::Principal TestUsersAccessPage::ownerPrincipal() const
{
    iam::Principal p;
    p.subject = m_owner.userId;
    p.roles = m_owner.roles;
    p.orgId = m_owner.orgId;
    p.displayName = m_owner.username;
    return p;
}

std::unique_ptr<UsersAccessPage> TestUsersAccessPage::makePage()
{
    auto page = std::make_unique<UsersAccessPage>(m_iam.get(), ownerPrincipal());
    page->setConfirmation([this](QWidget*, const QString&, const QString& text, const QString&, const QString&) {
        m_confirmations.append(text);
        return m_confirm;
    });
    page->resize(1200, 640);
    return page;
}

void TestUsersAccessPage::showsUsersKeysAndCredentials()
{
    addUser(QStringLiteral("linh.nguyen"), QStringLiteral("Linh Nguyen"), QStringLiteral("organization.editor"));
    addUser(QStringLiteral("bao.tran"), QStringLiteral("Bao Tran"), QStringLiteral("universe.viewer"));
    auto page = makePage();
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));
    QCOMPARE(page->userTable()->model()->rowCount(), 3);
    // Plural endings come from the English translation; the counts are what matters here.
    QVERIFY2(countsMatch(page->subtitleText(), 3, 0, 0), qPrintable(page->subtitleText()));
    QVERIFY(page->primaryButton()->isVisible());
    QCOMPARE(page->primaryButton()->text(), QStringLiteral("Add user…"));

    page->showSection(UsersAccessPage::Section::ApiKeys);
    QVERIFY(page->isShowingApiKeysEmptyState());
    QCOMPARE(page->primaryButton()->text(), QStringLiteral("Create API key…"));
    page->showSection(UsersAccessPage::Section::NodeCredentials);
    QVERIFY(page->isShowingCredentialsEmptyState());
    QVERIFY(!page->primaryButton()->isVisible());

    // Keyboard: Ctrl+PgDown cycles the sections.
    QTest::keyClick(page->userTable(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(page->currentSection(), UsersAccessPage::Section::Users);
}

void TestUsersAccessPage::addsAndEditsUsers()
{
    auto page = makePage();
    page->setNewUserPrompt([](QWidget*) -> std::optional<iam::NewUser> {
        iam::NewUser user;
        user.username = QStringLiteral("minh.le");
        user.password = QStringLiteral("correct-horse");
        user.displayName = QStringLiteral("Minh Le");
        user.roles = { QStringLiteral("organization.viewer") };
        return user;
    });
    page->show();
    page->addUserAction()->trigger();
    QCOMPARE(page->userModel()->rowCount(), 2);
    const QString id = page->selectedUserId();
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_iam->user(id)->username, QStringLiteral("minh.le"));
    QCOMPARE(page->messageText(), QStringLiteral("User “minh.le” added as organization viewer."));

    page->setEditUserPrompt([](QWidget*, const iam::User& user) -> std::optional<QJsonObject> {
        if (user.username != QLatin1String("minh.le"))
            return std::nullopt;
        return QJsonObject { { QStringLiteral("roles"), QJsonArray { QStringLiteral("organization.editor") } } };
    });
    page->editUserAction()->trigger();
    QCOMPARE(m_iam->user(id)->roles, QStringList { QStringLiteral("organization.editor") });
    const int row = page->userModel()->rowOf(id);
    QCOMPARE(page->userModel()->index(row, models::UserTableModel::RoleColumn).data().toString(),
             QStringLiteral("Organization editor"));

    QCOMPARE(page->disableUserAction()->text(), QStringLiteral("Disable"));
    page->disableUserAction()->trigger();
    QVERIFY(m_iam->user(id)->disabled);
    QCOMPARE(page->disableUserAction()->text(), QStringLiteral("Enable"));
    QVERIFY(!m_iam->login(QStringLiteral("minh.le"), QStringLiteral("correct-horse"), QStringLiteral("10.1.1.1")));
    page->disableUserAction()->trigger();
    QVERIFY(!m_iam->user(id)->disabled);
}

void TestUsersAccessPage::cannotDisableOrDeleteOwnAccount()
{
    auto page = makePage();
    page->show();
    QVERIFY(page->selectUser(m_owner.userId));
    QVERIFY(page->editUserAction()->isEnabled());
    QVERIFY(!page->deleteUserAction()->isEnabled());
    QVERIFY(!page->disableUserAction()->isEnabled());
    QCOMPARE(page->deleteUserAction()->toolTip(), QStringLiteral("This is the account you are signed in with."));
}

void TestUsersAccessPage::deletesUserOnlyAfterConfirmation()
{
    const iam::User bao
        = addUser(QStringLiteral("bao.tran"), QStringLiteral("Bao Tran"), QStringLiteral("universe.viewer"));
    auto page = makePage();
    page->show();
    QVERIFY(page->selectUser(bao.userId));
    QVERIFY(page->deleteUserAction()->isEnabled());
    m_confirm = false;
    page->deleteUserAction()->trigger();
    QCOMPARE(m_confirmations, QStringList { QStringLiteral("Delete the user “bao.tran”?") });
    QVERIFY(m_iam->user(bao.userId));
    m_confirm = true;
    page->deleteUserAction()->trigger();
    QVERIFY(!m_iam->user(bao.userId));
    QCOMPARE(page->userModel()->rowCount(), 1);
}

void TestUsersAccessPage::createsApiKeyAndRevealsItOnce()
{
    auto page = makePage();
    std::optional<iam::NewApiKey> revealed;
    int reveals = 0;
    page->setApiKeyPrompt([](QWidget*) -> std::optional<iam::ApiKeySpec> {
        iam::ApiKeySpec spec;
        spec.name = QStringLiteral("support-chatbot");
        spec.models = { QStringLiteral("llama-3-8b-instruct") };
        spec.quotaRequests = 10000;
        spec.ratePerSecond = 5;
        return spec;
    });
    page->setSecretReveal([&](QWidget*, const iam::NewApiKey& key) {
        revealed = key;
        ++reveals;
    });
    page->show();
    page->showSection(UsersAccessPage::Section::ApiKeys);
    QVERIFY(page->primaryButton()->isEnabled());
    QTest::mouseClick(page->primaryButton(), Qt::LeftButton);
    QCOMPARE(reveals, 1);
    QVERIFY(revealed->secret.startsWith(QStringLiteral("aiops_sk_")));
    QVERIFY(!page->isShowingApiKeysEmptyState());
    QCOMPARE(page->selectedApiKeyId(), revealed->key.keyId);
    QVERIFY2(countsMatch(page->subtitleText(), 1, 1, 0), qPrintable(page->subtitleText()));
    // The secret is in no cell of the table.
    auto* model = page->apiKeyModel();
    for (int column = 0; column < model->columnCount(); ++column) {
        for (const int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole) })
            QVERIFY(!model->index(0, column).data(role).toString().contains(revealed->secret));
    }
    // It works as a bearer credential for inference.
    const auto principal = m_iam->authenticateBearer(revealed->secret.toUtf8());
    QVERIFY(principal);
    QCOMPARE(principal->kind, iam::PrincipalKind::ApiKey);
}

void TestUsersAccessPage::revokesApiKeyAfterConfirmation()
{
    iam::ApiKeySpec spec;
    spec.name = QStringLiteral("nightly-batch");
    const auto key = m_iam->createApiKey(spec, ownerPrincipal());
    QVERIFY(key);
    auto page = makePage();
    page->show();
    page->showSection(UsersAccessPage::Section::ApiKeys);
    QVERIFY(page->selectApiKey(key->key.keyId));
    m_confirm = false;
    page->revokeApiKeyAction()->trigger();
    QVERIFY(m_iam->authenticateBearer(key->secret.toUtf8()));
    m_confirm = true;
    page->revokeApiKeyAction()->trigger();
    QCOMPARE(m_confirmations.size(), 2);
    QVERIFY(!m_iam->authenticateBearer(key->secret.toUtf8()));
    QVERIFY(page->isShowingApiKeysEmptyState());
    page->showRevokedKeysBox()->setChecked(true);
    QCOMPARE(page->apiKeyModel()->rowCount(), 1);
    QVERIFY(page->selectApiKey(key->key.keyId));
    QVERIFY(!page->revokeApiKeyAction()->isEnabled());
}

void TestUsersAccessPage::revokesNodeCredentialAfterConfirmation()
{
    const auto token = m_iam->createEnrollmentToken(ownerPrincipal());
    QVERIFY(token);
    const auto issued = m_iam->exchangeEnrollmentToken(
        token->token.toUtf8(), QStringLiteral("node-7f3a"), QStringLiteral("dgx-a100-01"));
    QVERIFY(issued);
    auto page = makePage();
    page->show();
    page->showSection(UsersAccessPage::Section::NodeCredentials);
    QVERIFY(!page->isShowingCredentialsEmptyState());
    QVERIFY(page->selectCredential(issued->credential.credentialId));
    m_confirm = true;
    page->revokeCredentialAction()->trigger();
    QCOMPARE(m_confirmations, QStringList { QStringLiteral("Revoke the credential of “dgx-a100-01”?") });
    QVERIFY(!m_iam->authenticateNode(issued->secret.toUtf8()));
    QVERIFY(page->isShowingCredentialsEmptyState());
}

void TestUsersAccessPage::userDialogValidates()
{
    widgets::UserDialog dialog(m_iam->organizations(), std::nullopt, { QStringLiteral("Bao.Tran") });
    QVERIFY(!dialog.okButton()->isEnabled());
    QCOMPARE(dialog.errorText(), QStringLiteral("Enter a username."));
    QTest::keyClicks(dialog.usernameEdit(), QStringLiteral("bao.tran"));
    QCOMPARE(dialog.errorText(), QStringLiteral("The username “bao.tran” is taken."));
    dialog.usernameEdit()->setText(QStringLiteral("linh"));
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("short"));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("The password needs at least 8 character")),
             qPrintable(dialog.errorText()));
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("-enough"));
    QVERIFY(dialog.errorText().isEmpty());
    QVERIFY(dialog.okButton()->isEnabled());
    dialog.roleBox()->setCurrentIndex(dialog.roleBox()->findData(QStringLiteral("organization.owner")));
    const iam::NewUser user = dialog.newUser();
    QCOMPARE(user.username, QStringLiteral("linh"));
    QCOMPARE(user.roles, QStringList { QStringLiteral("organization.owner") });
    QCOMPARE(user.orgId, m_owner.orgId);

    widgets::UserDialog edit(m_iam->organizations(), m_owner, {});
    QVERIFY(edit.usernameEdit()->isReadOnly());
    QVERIFY(!edit.okButton()->isEnabled()); // nothing changed yet
    edit.displayNameEdit()->setText(QStringLiteral("Owner"));
    QVERIFY(edit.okButton()->isEnabled());
    QCOMPARE(edit.changes(), (QJsonObject { { QStringLiteral("displayName"), QStringLiteral("Owner") } }));
}

void TestUsersAccessPage::secretRevealDialogCopies()
{
    const QString secret = QStringLiteral("aiops_sk_Q2hhbmdlTWUtT25seUluVGVzdHM");
    widgets::SecretRevealDialog dialog(QStringLiteral("API key created"), QStringLiteral("intro"), secret);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.secret(), secret);
    QVERIFY(dialog.secretField()->isReadOnly());
    QVERIFY(dialog.warningText().contains(QStringLiteral("you will not see it again")));
    QTest::mouseClick(dialog.copyButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);
    QCOMPARE(dialog.copyButton()->text(), QStringLiteral("Copied"));
}

void TestUsersAccessPage::screenshots()
{
    addUser(QStringLiteral("linh.nguyen"), QStringLiteral("Linh Nguyen"), QStringLiteral("organization.editor"));
    const iam::User bao
        = addUser(QStringLiteral("bao.tran"), QStringLiteral("Bao Tran"), QStringLiteral("universe.viewer"));
    QVERIFY(m_iam->updateUser(bao.userId, QJsonObject { { QStringLiteral("disabled"), true } }));
    QVERIFY(m_iam->login(QStringLiteral("linh.nguyen"), QStringLiteral("passw0rd-linh.nguyen"), QStringLiteral("::1")));
    iam::ApiKeySpec chat;
    chat.name = QStringLiteral("support-chatbot");
    chat.models = { QStringLiteral("llama-3-8b-instruct"), QStringLiteral("qwen2-7b") };
    chat.quotaRequests = 10000;
    chat.quotaTokens = 2000000;
    chat.ratePerSecond = 5;
    QVERIFY(m_iam->createApiKey(chat, ownerPrincipal()));
    iam::ApiKeySpec batch;
    batch.name = QStringLiteral("nightly-batch");
    const auto batchKey = m_iam->createApiKey(batch, ownerPrincipal());
    QVERIFY(batchKey);
    iam::ApiKeySpec old;
    old.name = QStringLiteral("old-prototype");
    const auto oldKey = m_iam->createApiKey(old, ownerPrincipal());
    QVERIFY(oldKey);
    QVERIFY(m_iam->revokeApiKey(oldKey->key.keyId));
    for (const auto& [id, name] : { std::pair { QStringLiteral("node-7f3a"), QStringLiteral("dgx-a100-01") },
                                    std::pair { QStringLiteral("node-91bc"), QStringLiteral("rtx-4090-lab") } }) {
        const auto token = m_iam->createEnrollmentToken(ownerPrincipal());
        QVERIFY(token);
        QVERIFY(m_iam->exchangeEnrollmentToken(token->token.toUtf8(), id, name));
    }

    for (const bool dark : { false, true }) {
        const QPalette saved = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        auto page = makePage();
        page->resize(1240, 560);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        QVERIFY(page->selectUser(bao.userId));
        QTest::qWait(50); // layout of the header and the column widths
        const QString suffix = dark ? QStringLiteral("-dark") : QString();
        QVERIFY(page->grab().save(screenshotPath(QStringLiteral("users-access%1.png").arg(suffix))));
        page->showSection(UsersAccessPage::Section::ApiKeys);
        page->showRevokedKeysBox()->setChecked(true);
        QVERIFY(page->selectApiKey(batchKey->key.keyId));
        QTest::qWait(50);
        QVERIFY(page->grab().save(screenshotPath(QStringLiteral("api-keys%1.png").arg(suffix))));
        page->showSection(UsersAccessPage::Section::NodeCredentials);
        QTest::qWait(50);
        QVERIFY(page->grab().save(screenshotPath(QStringLiteral("node-credentials%1.png").arg(suffix))));

        widgets::SecretRevealDialog reveal(UsersAccessPage::tr("API key created"),
                                           UsersAccessPage::tr("This is the key “%1”. Give it to the client that calls "
                                                               "the inference routes; it sends it as “Authorization: "
                                                               "Bearer <key>”.")
                                               .arg(QStringLiteral("support-chatbot")),
                                           QStringLiteral("aiops_sk_7hQ2vXk9LmPzR4tWc8YbNa3EfJ6uGd1S"));
        reveal.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reveal));
        QVERIFY(reveal.grab().save(screenshotPath(QStringLiteral("api-key-reveal%1.png").arg(suffix))));
        if (dark)
            QApplication::setPalette(saved);
    }
}

QTEST_MAIN(TestUsersAccessPage)
#include "test_users_access_page.moc"
