#pragma once

#include <QDateTime>
#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QWidget;

namespace aiops::controller {
class NodeService;
}

namespace aiops::widgets {

// Shows the one-line command that enrolls a GPU machine with this controller, ready to copy. Each
// dialog issues a one-time enrollment token (valid one hour); "New token" issues another. When the
// controller refuses (a viewer may not register nodes), the dialog says why instead.
class AddNodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddNodeDialog)
public:
    explicit AddNodeDialog(controller::NodeService* service, QWidget* parent = nullptr);
    ~AddNodeDialog() override;

    // `aiops-node --controller <endpoint> --token <token> --name <name>`, each value quoted for a POSIX
    // shell when it needs it; --name is left out when the name is empty.
    static QString commandLine(const QString& endpoint, const QString& token, const QString& name);

    QString command() const; // empty while there is no token
    QString token() const { return m_token; }
    QDateTime expiresAt() const { return m_expiresAt; }
    QString expiryText() const;
    bool isShowingError() const;
    QString errorText() const;
    QLineEdit* nameEdit() const { return m_nameEdit; }
    QLineEdit* tokenField() const { return m_tokenField; }
    QPlainTextEdit* commandField() const { return m_commandField; }
    QPushButton* copyButton() const { return m_copyButton; }
    QPushButton* newTokenButton() const { return m_newTokenButton; }
    bool isShowingLoopbackWarning() const;

public Q_SLOTS:
    // Asks the controller for a new one-time token; the previous one stays valid until it expires.
    void issueToken();

private:
    void onNameChanged();
    void onCopyClicked();
    void onCopyFeedbackTimeout();

    controller::NodeService* m_service;
    QString m_endpoint;
    QString m_token;
    QDateTime m_expiresAt;
    QWidget* m_tokenPanel;
    QLineEdit* m_nameEdit;
    QLineEdit* m_tokenField;
    QPlainTextEdit* m_commandField;
    QPushButton* m_copyButton;
    QLabel* m_expiry;
    QPushButton* m_newTokenButton;
    QLabel* m_error;
    QLabel* m_loopbackWarning;
    QTimer m_copyFeedback;
};

} // namespace aiops::widgets
