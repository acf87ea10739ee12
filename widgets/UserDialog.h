#pragma once

#include "core/iam/IamTypes.h"

#include <QDialog>
#include <QJsonObject>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace aiops::widgets {

// Adds a user (username, display name, email, password, organization, role) or edits one (all but
// the username; a new password only when typed). Validated as the user types: the problem shows
// under the fields and OK stays disabled until it is fixed.
class UserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserDialog)
public:
    static constexpr int kMinPasswordLength = 8;

    // `existing` empty = a new user. `takenUsernames` are compared case-insensitively.
    UserDialog(const QList<iam::Organization>& organizations,
               const std::optional<iam::User>& existing,
               const QStringList& takenUsernames,
               QWidget* parent = nullptr);
    ~UserDialog() override;

    bool isNew() const { return !m_existing.has_value(); }
    iam::NewUser newUser() const;
    // For an existing user: only the fields that changed (IamService::updateUser keys).
    QJsonObject changes() const;
    QString errorText() const; // empty while valid

    QLineEdit* usernameEdit() const { return m_username; }
    QLineEdit* displayNameEdit() const { return m_displayName; }
    QLineEdit* emailEdit() const { return m_email; }
    QLineEdit* passwordEdit() const { return m_password; }
    QComboBox* organizationBox() const { return m_organization; }
    QComboBox* roleBox() const { return m_role; }
    QPushButton* okButton() const { return m_ok; }

private:
    void validate();

    std::optional<iam::User> m_existing;
    QStringList m_taken;
    QLineEdit* m_username;
    QLineEdit* m_displayName;
    QLineEdit* m_email;
    QLineEdit* m_password;
    QComboBox* m_organization;
    QComboBox* m_role;
    QLabel* m_roleDescription;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
};

} // namespace aiops::widgets
