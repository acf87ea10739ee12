#pragma once

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace aiops::widgets {

// Shows a newly created secret (an API key) exactly once: the value in a read-only monospace field,
// a Copy button, and a plain warning that it cannot be shown again. Nothing keeps the secret after
// the dialog closes.
class SecretRevealDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretRevealDialog)
public:
    SecretRevealDialog(const QString& title, const QString& intro, const QString& secret, QWidget* parent = nullptr);
    ~SecretRevealDialog() override;

    QString secret() const;
    QLineEdit* secretField() const { return m_field; }
    QPushButton* copyButton() const { return m_copy; }
    QString warningText() const;

private:
    void onCopyClicked();

    QLineEdit* m_field;
    QPushButton* m_copy;
    QLabel* m_warning;
    QTimer m_copyFeedback;
};

} // namespace aiops::widgets
