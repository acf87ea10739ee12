#pragma once

#include "core/iam/IamTypes.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace aiops::widgets {

// Creates an API key for a machine client: a name, the models it may call (all, or a list), a quota
// of requests and tokens per window, and a rate limit (requests per second with a burst). Zero means
// unlimited. OK stays disabled while the name or the model list is missing.
class ApiKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyDialog)
public:
    explicit ApiKeyDialog(QWidget* parent = nullptr);
    ~ApiKeyDialog() override;

    iam::ApiKeySpec spec() const;
    QString errorText() const; // empty while valid

    QLineEdit* nameEdit() const { return m_name; }
    QRadioButton* allModelsButton() const { return m_allModels; }
    QRadioButton* someModelsButton() const { return m_someModels; }
    QPlainTextEdit* modelsEdit() const { return m_models; }
    QSpinBox* requestQuotaBox() const { return m_requests; }
    QSpinBox* tokenQuotaBox() const { return m_tokens; }
    QComboBox* windowBox() const { return m_window; }
    QDoubleSpinBox* rateBox() const { return m_rate; }
    QSpinBox* burstBox() const { return m_burst; }
    QPushButton* okButton() const { return m_ok; }

private:
    void validate();

    QLineEdit* m_name;
    QRadioButton* m_allModels;
    QRadioButton* m_someModels;
    QPlainTextEdit* m_models;
    QSpinBox* m_requests;
    QSpinBox* m_tokens;
    QComboBox* m_window;
    QDoubleSpinBox* m_rate;
    QSpinBox* m_burst;
    QLabel* m_error;
    QPushButton* m_ok = nullptr;
};

} // namespace aiops::widgets
