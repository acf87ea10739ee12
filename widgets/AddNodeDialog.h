#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace aiops::controller {
class NodeService;
}

namespace aiops::widgets {

// Shows the one-line command that enrolls a GPU machine with this controller, ready to copy.
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

    QString command() const;
    QLineEdit* nameEdit() const { return m_nameEdit; }
    QPlainTextEdit* commandField() const { return m_commandField; }
    QPushButton* copyButton() const { return m_copyButton; }
    bool isShowingLoopbackWarning() const;

private:
    void onNameChanged();
    void onCopyClicked();
    void onCopyFeedbackTimeout();

    QString m_endpoint;
    QString m_token;
    QLineEdit* m_nameEdit;
    QPlainTextEdit* m_commandField;
    QPushButton* m_copyButton;
    QLabel* m_loopbackWarning;
    QTimer m_copyFeedback;
};

} // namespace aiops::widgets
