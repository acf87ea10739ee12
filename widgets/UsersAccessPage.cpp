#include "widgets/UsersAccessPage.h"

#include "core/iam/IamService.h"
#include "models/ApiKeyTableModel.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/NodeCredentialModel.h"
#include "models/UserTableModel.h"
#include "widgets/AccessStatusDelegate.h"
#include "widgets/ApiKeyDialog.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/SafetyTableView.h"
#include "widgets/SecretRevealDialog.h"
#include "widgets/Theme.h"
#include "widgets/UserDialog.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

QLineEdit* filterEdit(const QString& placeholder, QWidget* parent)
{
    return Theme::searchField(placeholder, 220, parent, placeholder);
}

QString selectedId(const SafetyTableView* table)
{
    const int row = table->selectedSourceRow();
    return row < 0 ? QString() : table->proxy()->sourceModel()->index(row, 0).data(models::IamIdRole).toString();
}

void showMenu(SafetyTableView* table, const QPoint& pos, const QList<QAction*>& actions)
{
    if (!table->indexAt(pos).isValid())
        return;
    QMenu menu(table);
    for (QAction* action : actions) {
        if (action)
            menu.addAction(action);
        else
            menu.addSeparator();
    }
    menu.exec(table->viewport()->mapToGlobal(pos));
}

} // namespace

UsersAccessPage::UsersAccessPage(iam::IamService* service, const iam::Principal& principal, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_principal(principal)
    , m_users(new models::UserTableModel(service, this))
    , m_keys(new models::ApiKeyTableModel(service, this))
    , m_credentials(new models::NodeCredentialModel(service, this))
    , m_header(new PageHeader(tr("Users & access"), {}, this))
    , m_primary(new QPushButton(this))
    , m_segments(new QButtonGroup(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_addUser(new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Add user…"), this))
    , m_editUser(new QAction(Theme::paletteIcon(QStringLiteral("rename"), palette()), tr("Edit…"), this))
    , m_disableUser(new QAction(Theme::paletteIcon(QStringLiteral("reject"), palette()), tr("Disable"), this))
    , m_deleteUser(new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this))
    , m_createKey(new QAction(Theme::paletteIcon(QStringLiteral("key"), palette()), tr("Create API key…"), this))
    , m_revokeKey(new QAction(Theme::paletteIcon(QStringLiteral("reject"), palette()), tr("Revoke…"), this))
    , m_revokeCredential(new QAction(Theme::paletteIcon(QStringLiteral("reject"), palette()), tr("Revoke…"), this))
{
    Q_ASSERT(m_service);
    m_newUserPrompt = [this](QWidget* owner) -> std::optional<iam::NewUser> {
        QStringList taken;
        for (const iam::User& u : m_users->users())
            taken.append(u.username);
        UserDialog dialog(m_service->organizations(), std::nullopt, taken, owner);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.newUser();
    };
    m_editUserPrompt = [this](QWidget* owner, const iam::User& user) -> std::optional<QJsonObject> {
        UserDialog dialog(m_service->organizations(), user, {}, owner);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.changes();
    };
    m_apiKeyPrompt = [](QWidget* owner) -> std::optional<iam::ApiKeySpec> {
        ApiKeyDialog dialog(owner);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.spec();
    };
    m_secretReveal = [](QWidget* owner, const iam::NewApiKey& key) {
        SecretRevealDialog dialog(tr("API key created"),
                                  tr("This is the key “%1”. Give it to the client that calls the inference routes; "
                                     "it sends it as “Authorization: Bearer <key>”.")
                                      .arg(key.key.name),
                                  key.secret,
                                  owner);
        dialog.exec();
    };
    m_confirm = &Theme::confirmDestructive;

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_primary->setObjectName(QStringLiteral("accessPrimaryButton"));
    Theme::makePrimary(m_primary, QStringLiteral("add"));
    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (currentSection() == Section::ApiKeys)
            m_createKey->trigger();
        else if (currentSection() == Section::Users)
            m_addUser->trigger();
    });
    m_header->addAction(m_primary);
    layout->addWidget(m_header);

    // Segmented control, as on the Safety page.
    auto* bar = new QHBoxLayout;
    bar->setSpacing(Theme::kSpacingM);
    auto* segments = new QFrame(this);
    segments->setObjectName(QStringLiteral("accessSections"));
    auto* segmentLayout = new QHBoxLayout(segments);
    segmentLayout->setContentsMargins(3, 3, 3, 3);
    segmentLayout->setSpacing(2);
    const QList<QPair<Section, QString>> sections {
        { Section::Users, tr("Users") },
        { Section::ApiKeys, tr("API keys") },
        { Section::NodeCredentials, tr("Node credentials") },
    };
    for (const auto& [section, title] : sections) {
        auto* button = new QToolButton(segments);
        button->setText(title);
        button->setCheckable(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setCursor(Qt::PointingHandCursor);
        m_segments->addButton(button, int(section));
        segmentLayout->addWidget(button);
    }
    m_segments->setExclusive(true);
    bar->addWidget(segments);
    bar->addStretch(1);
    m_message->setObjectName(QStringLiteral("accessMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    bar->addWidget(m_message);
    layout->addLayout(bar);

    m_stack->addWidget(buildUsersSection());
    m_stack->addWidget(buildApiKeysSection());
    m_stack->addWidget(buildCredentialsSection());
    layout->addWidget(m_stack, 1);

    // Shortcuts of the page; the edit/delete ones act on the shown section's selection.
    m_addUser->setToolTip(tr("Add a user (Ins)"));
    m_createKey->setToolTip(tr("Create an API key for an inference client (Ins)"));
    m_editUser->setToolTip(tr("Change the selected user's name, email, organization, role or password (F2)"));
    m_disableUser->setToolTip(tr("A disabled user cannot sign in until enabled again"));
    m_revokeKey->setToolTip(tr("Revoke the selected key: clients using it are refused at once (Del)"));
    m_revokeCredential->setToolTip(tr("Revoke the node's credential: it is disconnected at once (Del)"));
    m_editUser->setShortcut(QKeySequence(Qt::Key_F2));
    for (QAction* action : { m_deleteUser, m_revokeKey, m_revokeCredential })
        action->setShortcut(QKeySequence::Delete);
    for (QAction* action : { m_editUser, m_disableUser, m_deleteUser, m_revokeKey, m_revokeCredential })
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* insert = new QAction(this);
    insert->setShortcut(QKeySequence(Qt::Key_Insert));
    insert->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(insert, &QAction::triggered, m_primary, [this] {
        if (m_primary->isVisible() && m_primary->isEnabled())
            m_primary->click();
    });
    addAction(insert);
    auto* next = new QAction(this);
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, [this] {
        showSection(Section((m_stack->currentIndex() + 1) % m_stack->count()));
    });
    addAction(next);
    auto* previous = new QAction(this);
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, [this] {
        showSection(Section((m_stack->currentIndex() + m_stack->count() - 1) % m_stack->count()));
    });
    addAction(previous);

    connect(m_addUser, &QAction::triggered, this, &UsersAccessPage::onAddUser);
    connect(m_editUser, &QAction::triggered, this, &UsersAccessPage::onEditUser);
    connect(m_disableUser, &QAction::triggered, this, &UsersAccessPage::onToggleDisabled);
    connect(m_deleteUser, &QAction::triggered, this, &UsersAccessPage::onDeleteUser);
    connect(m_createKey, &QAction::triggered, this, &UsersAccessPage::onCreateApiKey);
    connect(m_revokeKey, &QAction::triggered, this, &UsersAccessPage::onRevokeApiKey);
    connect(m_revokeCredential, &QAction::triggered, this, &UsersAccessPage::onRevokeCredential);
    for (QAction* action : { m_addUser, m_createKey })
        connect(action, &QAction::changed, this, &UsersAccessPage::updatePrimary);
    connect(m_segments, &QButtonGroup::idClicked, this, [this](int id) { showSection(Section(id)); });
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(kMessageTimeoutMs);
    connect(&m_messageTimer, &QTimer::timeout, m_message, &QLabel::hide);

    for (QAbstractItemModel* model : { static_cast<QAbstractItemModel*>(m_users),
                                       static_cast<QAbstractItemModel*>(m_keys),
                                       static_cast<QAbstractItemModel*>(m_credentials) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &UsersAccessPage::updateStacks);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &UsersAccessPage::updateStacks);
        connect(model, &QAbstractItemModel::modelReset, this, &UsersAccessPage::updateStacks);
        connect(model, &QAbstractItemModel::dataChanged, this, &UsersAccessPage::updateActions);
    }

    updateSegmentStyle();
    showSection(Section::Users);
    updateStacks();
}

UsersAccessPage::~UsersAccessPage() = default;

QWidget* UsersAccessPage::buildUsersSection()
{
    auto* card = new Card(m_stack);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingS);
    layout->setSpacing(Theme::kSpacingS);
    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kSpacingS);
    toolbar->addWidget(Theme::sectionTitle(tr("Users"), card));
    toolbar->addStretch(1);
    m_userFilter = filterEdit(tr("Filter users"), card);
    toolbar->addWidget(m_userFilter);
    toolbar->addWidget(Theme::toolButton(m_editUser, card));
    toolbar->addWidget(Theme::toolButton(m_disableUser, card));
    toolbar->addWidget(Theme::toolButton(m_deleteUser, card));
    layout->addLayout(toolbar);

    m_userStack = new QStackedWidget(card);
    m_userTable = new SafetyTableView(m_userStack);
    m_userTable->setObjectName(QStringLiteral("usersTable"));
    m_userTable->setAccessibleName(tr("Users"));
    m_userTable->setSourceModel(m_users, models::UserTableModel::UsernameColumn, Qt::AscendingOrder);
    m_userTable->setItemDelegateForColumn(models::UserTableModel::StatusColumn, new AccessStatusDelegate(m_userTable));
    m_userTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_userTable->horizontalHeader()->setSectionResizeMode(models::UserTableModel::NameColumn, QHeaderView::Stretch);
    m_userStack->addWidget(m_userTable);
    auto* noMatch = new EmptyState(QStringLiteral("search"), m_userStack);
    noMatch->setCompact(true);
    noMatch->setTitle(tr("No users match the filter"));
    noMatch->setMessage(tr("Try another name, email or role."));
    noMatch->setAction(tr("Clear filter"));
    connect(noMatch, &EmptyState::actionTriggered, m_userFilter, &QLineEdit::clear);
    m_userStack->addWidget(noMatch);
    layout->addWidget(m_userStack, 1);

    for (QAction* action : { m_editUser, m_disableUser, m_deleteUser })
        card->addAction(action);
    connect(m_userFilter, &QLineEdit::textChanged, m_userTable, &SafetyTableView::setFilterText);
    connect(m_userFilter, &QLineEdit::textChanged, this, &UsersAccessPage::updateStacks);
    connect(
        m_userTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersAccessPage::updateActions);
    connect(m_userTable, &QAbstractItemView::doubleClicked, m_editUser, &QAction::trigger);
    connect(m_userTable, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        showMenu(m_userTable, pos, { m_editUser, m_disableUser, nullptr, m_deleteUser });
    });
    return card;
}

QWidget* UsersAccessPage::buildApiKeysSection()
{
    auto* card = new Card(m_stack);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingS);
    layout->setSpacing(Theme::kSpacingS);
    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kSpacingS);
    toolbar->addWidget(Theme::sectionTitle(tr("API keys"), card));
    toolbar->addStretch(1);
    m_showRevokedKeys = new QCheckBox(tr("Show re&voked"), card);
    toolbar->addWidget(m_showRevokedKeys);
    m_keyFilter = filterEdit(tr("Filter keys"), card);
    toolbar->addWidget(m_keyFilter);
    toolbar->addWidget(Theme::toolButton(m_revokeKey, card));
    layout->addLayout(toolbar);

    m_keyStack = new QStackedWidget(card);
    m_keyTable = new SafetyTableView(m_keyStack);
    m_keyTable->setObjectName(QStringLiteral("apiKeysTable"));
    m_keyTable->setAccessibleName(tr("API keys"));
    m_keyTable->setSourceModel(m_keys, models::ApiKeyTableModel::CreatedColumn, Qt::DescendingOrder);
    m_keyTable->setItemDelegateForColumn(models::ApiKeyTableModel::StatusColumn, new AccessStatusDelegate(m_keyTable));
    m_keyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_keyTable->horizontalHeader()->setSectionResizeMode(models::ApiKeyTableModel::ModelsColumn, QHeaderView::Stretch);
    m_keyStack->addWidget(m_keyTable);
    auto* noMatch = new EmptyState(QStringLiteral("search"), m_keyStack);
    noMatch->setCompact(true);
    noMatch->setTitle(tr("No keys match the filter"));
    noMatch->setMessage(tr("Try another name, prefix or model."));
    noMatch->setAction(tr("Clear filter"));
    connect(noMatch, &EmptyState::actionTriggered, m_keyFilter, &QLineEdit::clear);
    m_keyStack->addWidget(noMatch);
    m_keyEmpty = new EmptyState(QStringLiteral("empty-access"), m_keyStack);
    m_keyEmpty->setCompact(true);
    m_keyEmpty->setTitle(tr("No API keys yet"));
    m_keyEmpty->setMessage(tr("Create a key for each inference client. It can be limited to some models and given "
                              "a quota and a rate limit."));
    m_keyEmpty->setAction(tr("Create API key…"), QStringLiteral("key"));
    connect(m_keyEmpty, &EmptyState::actionTriggered, m_createKey, &QAction::trigger);
    m_keyStack->addWidget(m_keyEmpty);
    layout->addWidget(m_keyStack, 1);

    card->addAction(m_revokeKey);
    connect(m_showRevokedKeys, &QCheckBox::toggled, m_keys, &models::ApiKeyTableModel::setIncludeRevoked);
    connect(m_keyFilter, &QLineEdit::textChanged, m_keyTable, &SafetyTableView::setFilterText);
    connect(m_keyFilter, &QLineEdit::textChanged, this, &UsersAccessPage::updateStacks);
    connect(
        m_keyTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersAccessPage::updateActions);
    connect(m_keyTable, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        showMenu(m_keyTable, pos, { m_revokeKey });
    });
    return card;
}

QWidget* UsersAccessPage::buildCredentialsSection()
{
    auto* card = new Card(m_stack);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingS);
    layout->setSpacing(Theme::kSpacingS);
    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kSpacingS);
    toolbar->addWidget(Theme::sectionTitle(tr("Node credentials"), card));
    toolbar->addStretch(1);
    m_showRevokedCredentials = new QCheckBox(tr("Show re&voked"), card);
    toolbar->addWidget(m_showRevokedCredentials);
    m_credentialFilter = filterEdit(tr("Filter nodes"), card);
    toolbar->addWidget(m_credentialFilter);
    toolbar->addWidget(Theme::toolButton(m_revokeCredential, card));
    layout->addLayout(toolbar);

    m_credentialStack = new QStackedWidget(card);
    m_credentialTable = new SafetyTableView(m_credentialStack);
    m_credentialTable->setObjectName(QStringLiteral("credentialsTable"));
    m_credentialTable->setAccessibleName(tr("Node credentials"));
    m_credentialTable->setSourceModel(m_credentials, models::NodeCredentialModel::NodeNameColumn, Qt::AscendingOrder);
    m_credentialTable->setItemDelegateForColumn(models::NodeCredentialModel::StatusColumn,
                                                new AccessStatusDelegate(m_credentialTable));
    m_credentialTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_credentialTable->horizontalHeader()->setSectionResizeMode(models::NodeCredentialModel::NodeNameColumn,
                                                                QHeaderView::Stretch);
    m_credentialStack->addWidget(m_credentialTable);
    auto* noMatch = new EmptyState(QStringLiteral("search"), m_credentialStack);
    noMatch->setCompact(true);
    noMatch->setTitle(tr("No nodes match the filter"));
    noMatch->setMessage(tr("Try another node name or ID."));
    noMatch->setAction(tr("Clear filter"));
    connect(noMatch, &EmptyState::actionTriggered, m_credentialFilter, &QLineEdit::clear);
    m_credentialStack->addWidget(noMatch);
    m_credentialEmpty = new EmptyState(QStringLiteral("empty-nodes"), m_credentialStack);
    m_credentialEmpty->setCompact(true);
    m_credentialEmpty->setTitle(tr("No node credentials yet"));
    m_credentialEmpty->setMessage(tr("A node receives its own credential the first time it connects with an "
                                     "enrollment token from Nodes → Add node…"));
    m_credentialStack->addWidget(m_credentialEmpty);
    layout->addWidget(m_credentialStack, 1);

    card->addAction(m_revokeCredential);
    connect(
        m_showRevokedCredentials, &QCheckBox::toggled, m_credentials, &models::NodeCredentialModel::setIncludeRevoked);
    connect(m_credentialFilter, &QLineEdit::textChanged, m_credentialTable, &SafetyTableView::setFilterText);
    connect(m_credentialFilter, &QLineEdit::textChanged, this, &UsersAccessPage::updateStacks);
    connect(m_credentialTable->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &UsersAccessPage::updateActions);
    connect(m_credentialTable, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        showMenu(m_credentialTable, pos, { m_revokeCredential });
    });
    return card;
}

void UsersAccessPage::setPrincipal(const iam::Principal& principal)
{
    m_principal = principal;
    updateActions();
}

void UsersAccessPage::setNewUserPrompt(NewUserPrompt prompt)
{
    m_newUserPrompt = std::move(prompt);
}

void UsersAccessPage::setEditUserPrompt(EditUserPrompt prompt)
{
    m_editUserPrompt = std::move(prompt);
}

void UsersAccessPage::setApiKeyPrompt(ApiKeyPrompt prompt)
{
    m_apiKeyPrompt = std::move(prompt);
}

void UsersAccessPage::setSecretReveal(SecretReveal reveal)
{
    m_secretReveal = std::move(reveal);
}

void UsersAccessPage::setConfirmation(Confirmation confirm)
{
    m_confirm = std::move(confirm);
}

void UsersAccessPage::showSection(Section section)
{
    const int index = int(section);
    if (QAbstractButton* button = m_segments->button(index))
        button->setChecked(true);
    m_stack->setCurrentIndex(index);
    updatePrimary();
}

UsersAccessPage::Section UsersAccessPage::currentSection() const
{
    return Section(m_stack->currentIndex());
}

QAbstractButton* UsersAccessPage::sectionButton(Section section) const
{
    return m_segments->button(int(section));
}

bool UsersAccessPage::selectUser(const QString& userId)
{
    return m_userTable->selectSourceRow(m_users->rowOf(userId));
}

bool UsersAccessPage::selectApiKey(const QString& keyId)
{
    return m_keyTable->selectSourceRow(m_keys->rowOf(keyId));
}

bool UsersAccessPage::selectCredential(const QString& credentialId)
{
    return m_credentialTable->selectSourceRow(m_credentials->rowOf(credentialId));
}

QString UsersAccessPage::selectedUserId() const
{
    return selectedId(m_userTable);
}

QString UsersAccessPage::selectedApiKeyId() const
{
    return selectedId(m_keyTable);
}

QString UsersAccessPage::selectedCredentialId() const
{
    return selectedId(m_credentialTable);
}

bool UsersAccessPage::isShowingApiKeysEmptyState() const
{
    return m_keyStack->currentWidget() == m_keyEmpty;
}

bool UsersAccessPage::isShowingCredentialsEmptyState() const
{
    return m_credentialStack->currentWidget() == m_credentialEmpty;
}

QString UsersAccessPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void UsersAccessPage::showMessage(const QString& text, bool error)
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, error ? Theme::errorText(palette()) : Theme::subtleText(palette()));
    m_message->setPalette(p);
    m_message->setText(text);
    m_message->setToolTip(text);
    m_message->show();
    m_messageTimer.start();
}

void UsersAccessPage::onAddUser()
{
    const auto user = m_newUserPrompt(this);
    if (!user)
        return;
    const auto created = m_service->createUser(*user);
    if (!created) {
        showMessage(tr("Could not add the user: %1").arg(created.error().message), true);
        return;
    }
    m_users->refresh();
    m_userFilter->clear();
    selectUser(created->userId);
    showMessage(
        tr("User “%1” added as %2.").arg(created->username, models::IamFormat::rolesText(created->roles).toLower()),
        false);
}

void UsersAccessPage::onEditUser()
{
    const auto user = m_users->userAt(m_users->rowOf(selectedUserId()));
    if (!user)
        return;
    const auto changes = m_editUserPrompt(this, *user);
    if (!changes || changes->isEmpty())
        return;
    const auto updated = m_service->updateUser(user->userId, *changes);
    if (!updated) {
        showMessage(tr("Could not save the user: %1").arg(updated.error().message), true);
        return;
    }
    m_users->refresh();
    showMessage(tr("User “%1” saved.").arg(updated->username), false);
}

void UsersAccessPage::onToggleDisabled()
{
    const auto user = m_users->userAt(m_users->rowOf(selectedUserId()));
    if (!user || user->userId == m_principal.subject)
        return;
    const auto updated
        = m_service->updateUser(user->userId, QJsonObject { { QStringLiteral("disabled"), !user->disabled } });
    if (!updated) {
        showMessage(tr("Could not change the user: %1").arg(updated.error().message), true);
        return;
    }
    m_users->refresh();
    updateActions();
    showMessage(updated->disabled ? tr("User “%1” disabled: they can no longer sign in.").arg(updated->username)
                                  : tr("User “%1” enabled.").arg(updated->username),
                false);
}

void UsersAccessPage::onDeleteUser()
{
    const auto user = m_users->userAt(m_users->rowOf(selectedUserId()));
    if (!user || user->userId == m_principal.subject)
        return;
    if (!m_confirm(this,
                   tr("Delete user"),
                   tr("Delete the user “%1”?").arg(user->username),
                   tr("They are signed out everywhere and their API keys are revoked. The audit log keeps their "
                      "actions."),
                   tr("Delete")))
        return;
    const auto deleted = m_service->deleteUser(user->userId);
    if (!deleted) {
        showMessage(tr("Could not delete the user: %1").arg(deleted.error().message), true);
        return;
    }
    m_users->refresh();
    m_keys->refresh();
    showMessage(tr("User “%1” deleted.").arg(user->username), false);
}

void UsersAccessPage::onCreateApiKey()
{
    const auto spec = m_apiKeyPrompt(this);
    if (!spec)
        return;
    const auto created = m_service->createApiKey(*spec, m_principal);
    if (!created) {
        showMessage(tr("Could not create the API key: %1").arg(created.error().message), true);
        return;
    }
    m_keys->refresh();
    m_keyFilter->clear();
    selectApiKey(created->key.keyId);
    m_secretReveal(this, *created);
    showMessage(tr("API key “%1” created.").arg(created->key.name), false);
}

void UsersAccessPage::onRevokeApiKey()
{
    const auto key = m_keys->keyAt(m_keys->rowOf(selectedApiKeyId()));
    if (!key || key->revoked)
        return;
    if (!m_confirm(this,
                   tr("Revoke API key"),
                   tr("Revoke the API key “%1”?").arg(key->name),
                   tr("Clients using it are refused from their next request. This cannot be undone: create a new "
                      "key to restore access."),
                   tr("Revoke")))
        return;
    const auto revoked = m_service->revokeApiKey(key->keyId);
    if (!revoked) {
        showMessage(tr("Could not revoke the API key: %1").arg(revoked.error().message), true);
        return;
    }
    m_keys->refresh();
    showMessage(tr("API key “%1” revoked.").arg(key->name), false);
}

void UsersAccessPage::onRevokeCredential()
{
    const auto credential = m_credentials->credentialAt(m_credentials->rowOf(selectedCredentialId()));
    if (!credential || credential->revoked)
        return;
    const QString name = credential->nodeName.isEmpty() ? credential->nodeId : credential->nodeName;
    if (!m_confirm(this,
                   tr("Revoke node credential"),
                   tr("Revoke the credential of “%1”?").arg(name),
                   tr("The node is disconnected at once and cannot reconnect until it enrolls again with a new "
                      "token from Add node…"),
                   tr("Revoke")))
        return;
    const auto revoked = m_service->revokeNodeCredential(credential->credentialId);
    if (!revoked) {
        showMessage(tr("Could not revoke the credential: %1").arg(revoked.error().message), true);
        return;
    }
    m_credentials->refresh();
    showMessage(tr("Credential of “%1” revoked; the node was disconnected.").arg(name), false);
}

void UsersAccessPage::updateActions()
{
    const auto user = m_users->userAt(m_users->rowOf(selectedUserId()));
    const bool self = user && user->userId == m_principal.subject;
    m_editUser->setEnabled(user.has_value());
    m_disableUser->setEnabled(user && !self);
    m_deleteUser->setEnabled(user && !self);
    m_disableUser->setText(user && user->disabled ? tr("Enable") : tr("Disable"));
    m_disableUser->setIcon(
        Theme::paletteIcon(user && user->disabled ? QStringLiteral("check") : QStringLiteral("reject"), palette()));
    const QString selfReason = tr("This is the account you are signed in with.");
    m_disableUser->setToolTip(self ? selfReason : tr("A disabled user cannot sign in until enabled again"));
    m_deleteUser->setToolTip(self ? selfReason : tr("Delete the selected user (Del)"));

    const auto key = m_keys->keyAt(m_keys->rowOf(selectedApiKeyId()));
    m_revokeKey->setEnabled(key && !key->revoked);
    const auto credential = m_credentials->credentialAt(m_credentials->rowOf(selectedCredentialId()));
    m_revokeCredential->setEnabled(credential && !credential->revoked);
}

void UsersAccessPage::updateStacks()
{
    m_userStack->setCurrentIndex(m_users->rowCount() > 0 && m_userTable->proxy()->rowCount() == 0 ? 1 : 0);
    m_keyStack->setCurrentIndex(m_keys->rowCount() == 0 ? 2 : m_keyTable->proxy()->rowCount() == 0 ? 1 : 0);
    m_credentialStack->setCurrentIndex(m_credentials->rowCount() == 0                    ? 2
                                           : m_credentialTable->proxy()->rowCount() == 0 ? 1
                                                                                         : 0);
    updateActions();
    updateSummary();
}

void UsersAccessPage::updateSummary()
{
    QStringList parts;
    parts << tr("%n user(s)", nullptr, m_users->rowCount());
    parts << tr("%n active API key(s)", nullptr, m_keys->activeCount());
    parts << tr("%n node credential(s)", nullptr, m_credentials->activeCount());
    m_subtitle = parts.join(QStringLiteral(" · "));
    m_header->setSubtitle(m_subtitle);
}

void UsersAccessPage::updatePrimary()
{
    if (m_keyEmpty) {
        m_keyEmpty->actionButton()->setEnabled(m_createKey->isEnabled());
        m_keyEmpty->actionButton()->setToolTip(m_createKey->toolTip());
    }
    QAction* action = nullptr;
    switch (currentSection()) {
    case Section::Users: action = m_addUser; break;
    case Section::ApiKeys: action = m_createKey; break;
    case Section::NodeCredentials: break;
    }
    m_primary->setVisible(action != nullptr);
    if (!action)
        return;
    m_primary->setText(action->text());
    m_primary->setToolTip(action->toolTip());
    m_primary->setEnabled(action->isEnabled());
}

void UsersAccessPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateSegmentStyle();
}

void UsersAccessPage::updateSegmentStyle()
{
    const QPalette p = palette();
    const QColor track = Theme::sidebarBackground(p);
    const QColor border = Theme::cardBorder(p);
    const QColor selected = p.color(QPalette::Base);
    QColor hover = p.color(QPalette::WindowText);
    hover.setAlphaF(0.06f);
    const QColor focus = Theme::accentColor(p);
    auto rgba = [](const QColor& c) {
        return QStringLiteral("rgba(%1, %2, %3, %4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alphaF());
    };
    findChild<QFrame*>(QStringLiteral("accessSections"))
        ->setStyleSheet(
            QStringLiteral("QFrame#accessSections { background: %1; border: 1px solid %2; border-radius: 8px; }"
                           "QFrame#accessSections QToolButton { border: 1px solid transparent; "
                           " border-radius: 6px; padding: 5px 14px; background: transparent; color: %5; }"
                           "QFrame#accessSections QToolButton:hover:!checked { background: %3; }"
                           "QFrame#accessSections QToolButton:checked { background: %4; border-color: %2;"
                           " font-weight: 600; }"
                           "QFrame#accessSections QToolButton:focus { border-color: %6; }")
                .arg(rgba(track),
                     rgba(border),
                     rgba(hover),
                     rgba(selected),
                     p.color(QPalette::WindowText).name(),
                     focus.name()));
}

} // namespace aiops::widgets
