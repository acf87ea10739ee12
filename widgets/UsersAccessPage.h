#pragma once

#include "core/iam/IamTypes.h"
#include "core/iam/Principal.h"

#include <QTimer>
#include <QWidget>
#include <functional>
#include <optional>

class QAbstractButton;
class QAction;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace aiops::iam {
class IamService;
}
namespace aiops::models {
class ApiKeyTableModel;
class NodeCredentialModel;
class UserTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class EmptyState;
class PageHeader;
class SafetyTableView;

// Settings → Users & access: the users and their roles, the API keys of machine clients, and the
// credentials of enrolled nodes. Sections are switched with the segmented control under the header
// (Ctrl+PgUp / Ctrl+PgDown); Insert adds in the shown section, F2 edits, Delete deletes or revokes
// after a confirmation. Secrets of new API keys are shown once.
class UsersAccessPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersAccessPage)
public:
    enum class Section { Users, ApiKeys, NodeCredentials };

    static constexpr int kMessageTimeoutMs = 8000;

    // Dialog hooks, replaceable by tests. Prompts return nullopt when cancelled.
    using NewUserPrompt = std::function<std::optional<iam::NewUser>(QWidget* parent)>;
    using EditUserPrompt = std::function<std::optional<QJsonObject>(QWidget* parent, const iam::User& user)>;
    using ApiKeyPrompt = std::function<std::optional<iam::ApiKeySpec>(QWidget* parent)>;
    using SecretReveal = std::function<void(QWidget* parent, const iam::NewApiKey& key)>;
    using Confirmation = std::function<bool(QWidget* parent,
                                            const QString& title,
                                            const QString& text,
                                            const QString& informativeText,
                                            const QString& actionLabel)>;

    // `principal` is who is signed in: API keys are created for them, and their own account cannot
    // be disabled or deleted here.
    UsersAccessPage(iam::IamService* service, const iam::Principal& principal, QWidget* parent = nullptr);
    ~UsersAccessPage() override;

    void setPrincipal(const iam::Principal& principal);
    void setNewUserPrompt(NewUserPrompt prompt);
    void setEditUserPrompt(EditUserPrompt prompt);
    void setApiKeyPrompt(ApiKeyPrompt prompt);
    void setSecretReveal(SecretReveal reveal);
    void setConfirmation(Confirmation confirm);

    void showSection(Section section);
    Section currentSection() const;

    models::UserTableModel* userModel() const { return m_users; }
    models::ApiKeyTableModel* apiKeyModel() const { return m_keys; }
    models::NodeCredentialModel* credentialModel() const { return m_credentials; }
    SafetyTableView* userTable() const { return m_userTable; }
    SafetyTableView* apiKeyTable() const { return m_keyTable; }
    SafetyTableView* credentialTable() const { return m_credentialTable; }
    QCheckBox* showRevokedKeysBox() const { return m_showRevokedKeys; }
    QCheckBox* showRevokedCredentialsBox() const { return m_showRevokedCredentials; }
    QAbstractButton* sectionButton(Section section) const;
    QPushButton* primaryButton() const { return m_primary; }

    // Users (iam::Permission::ManageUsers).
    QAction* addUserAction() const { return m_addUser; }
    QAction* editUserAction() const { return m_editUser; }
    QAction* disableUserAction() const { return m_disableUser; }
    QAction* deleteUserAction() const { return m_deleteUser; }
    // API keys (ManageApiKeys).
    QAction* createApiKeyAction() const { return m_createKey; }
    QAction* revokeApiKeyAction() const { return m_revokeKey; }
    // Node credentials (RegisterNodes).
    QAction* revokeCredentialAction() const { return m_revokeCredential; }

    bool selectUser(const QString& userId);
    bool selectApiKey(const QString& keyId);
    bool selectCredential(const QString& credentialId);
    QString selectedUserId() const;
    QString selectedApiKeyId() const;
    QString selectedCredentialId() const;
    bool isShowingApiKeysEmptyState() const;
    bool isShowingCredentialsEmptyState() const;
    QString subtitleText() const { return m_subtitle; }
    QString messageText() const; // the last feedback line, empty once it timed out

public Q_SLOTS:
    void showMessage(const QString& text, bool error);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildUsersSection();
    QWidget* buildApiKeysSection();
    QWidget* buildCredentialsSection();
    void onAddUser();
    void onEditUser();
    void onToggleDisabled();
    void onDeleteUser();
    void onCreateApiKey();
    void onRevokeApiKey();
    void onRevokeCredential();
    void updateActions();
    void updateSummary();
    void updatePrimary();
    void updateSegmentStyle();
    void updateStacks();

    iam::IamService* m_service;
    iam::Principal m_principal;
    models::UserTableModel* m_users;
    models::ApiKeyTableModel* m_keys;
    models::NodeCredentialModel* m_credentials;
    NewUserPrompt m_newUserPrompt;
    EditUserPrompt m_editUserPrompt;
    ApiKeyPrompt m_apiKeyPrompt;
    SecretReveal m_secretReveal;
    Confirmation m_confirm;

    PageHeader* m_header;
    QPushButton* m_primary;
    QButtonGroup* m_segments;
    QLabel* m_message;
    QStackedWidget* m_stack;
    QLineEdit* m_userFilter = nullptr;
    SafetyTableView* m_userTable = nullptr;
    QStackedWidget* m_userStack = nullptr;
    QLineEdit* m_keyFilter = nullptr;
    QCheckBox* m_showRevokedKeys = nullptr;
    SafetyTableView* m_keyTable = nullptr;
    QStackedWidget* m_keyStack = nullptr;
    EmptyState* m_keyEmpty = nullptr;
    QLineEdit* m_credentialFilter = nullptr;
    QCheckBox* m_showRevokedCredentials = nullptr;
    SafetyTableView* m_credentialTable = nullptr;
    QStackedWidget* m_credentialStack = nullptr;
    EmptyState* m_credentialEmpty = nullptr;
    QAction* m_addUser;
    QAction* m_editUser;
    QAction* m_disableUser;
    QAction* m_deleteUser;
    QAction* m_createKey;
    QAction* m_revokeKey;
    QAction* m_revokeCredential;
    QTimer m_messageTimer;
    QString m_subtitle;
};

} // namespace aiops::widgets
