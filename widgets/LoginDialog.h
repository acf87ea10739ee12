#pragma once

#include "core/protocol/Error.h"

#include <QDialog>
#include <QSslCertificate>
#include <QStringList>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QUrl;

namespace aiops::iam {
class SecretStore;
}

namespace aiops::models {
class RemoteSession;
}

namespace aiops::widgets {

// Signs in to a remote controller: its address (recent ones offered, remembered in QSettings), user
// name, password and "Remember me" (the refresh token goes to the SecretStore). Shows what went wrong
// inline: wrong password, lockout with the wait, unreachable, an untrusted certificate (with its
// fingerprint and a "Trust this certificate" button that pins it for that address). Accepted once
// signed in; takeSession() then hands over the live session.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)
public:
    // secrets may be null (Remember me is then disabled); secrets and settings must outlive the dialog.
    LoginDialog(iam::SecretStore* secrets, QSettings* settings, QWidget* parent = nullptr);
    ~LoginDialog() override;

    // Most recent first, at most kMaxRecent. The first is the one to resume at start-up.
    static QStringList recentControllers(const QSettings& settings);
    // The certificate pinned for this controller with "Trust this certificate"; null when none.
    // Apply it with RemoteSession::pinCertificate() before resuming a remembered session.
    static QSslCertificate pinnedCertificate(const QSettings& settings, const QUrl& controllerUrl);
    static QString lockoutMessage(int retryAfterSeconds);
    static constexpr int kMaxRecent = 8;

    // The signed-in session (null before). The caller owns it afterwards.
    std::unique_ptr<models::RemoteSession> takeSession();
    models::RemoteSession* session() const { return m_session.get(); }

    void setControllerUrl(const QString& url);
    bool isBusy() const { return m_busy; }
    QString errorText() const;
    bool isShowingError() const;

    QComboBox* urlCombo() const { return m_url; }
    QLineEdit* usernameEdit() const { return m_username; }
    QLineEdit* passwordEdit() const { return m_password; }
    QCheckBox* rememberCheck() const { return m_remember; }
    QPushButton* signInButton() const { return m_signIn; }
    QPushButton* trustButton() const { return m_trust; }
    QProgressBar* busyIndicator() const { return m_busyBar; }

    // Cancel (or Esc) also abandons a sign-in in flight.
    void reject() override;

private:
    void onSignInClicked();
    void onSignedIn();
    void onError(const aiops::Error& error);
    void onTlsErrors(const QStringList& problems, const QByteArray& sha256);
    void onTrustClicked();
    void onUrlEdited();
    void showError(const QString& text, QWidget* focus);
    void clearError();
    void setBusy(bool busy);
    void rememberController(const QString& url);
    void dropSession();

    iam::SecretStore* m_secrets;
    QSettings* m_settings;
    std::unique_ptr<models::RemoteSession> m_session;
    QComboBox* m_url;
    QLabel* m_plainHttpWarning;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QCheckBox* m_remember;
    QLabel* m_error;
    QPushButton* m_trust;
    QProgressBar* m_busyBar;
    QPushButton* m_signIn;
    QPushButton* m_cancel;
    QStringList m_tlsProblems;
    QByteArray m_tlsFingerprint;
    bool m_busy = false;
};

} // namespace aiops::widgets
