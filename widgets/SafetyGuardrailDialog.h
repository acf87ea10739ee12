#pragma once

#include "core/safety/SafetyTypes.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSlider;

namespace aiops::safety {
class GuardrailEngine;
}

namespace aiops::widgets {

// Adds or edits a guardrail: what it checks (type and its keywords, topics or toxicity threshold),
// what happens on a violation, and which messages and agents it applies to. Validated as the user
// types; OK stays disabled while the error under the fields is shown. A sample line shows what the
// guardrail would do to a message.
class SafetyGuardrailDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyGuardrailDialog)
public:
    SafetyGuardrailDialog(const safety::Guardrail& initial, const QStringList& takenNames, QWidget* parent = nullptr);
    ~SafetyGuardrailDialog() override;

    safety::Guardrail guardrail() const;
    bool isNew() const { return m_initial.guardrailId.isEmpty(); }
    QString errorText() const; // empty while the guardrail is valid
    QString sampleResultText() const;

    QLineEdit* nameEdit() const { return m_name; }
    QPlainTextEdit* descriptionEdit() const { return m_description; }
    QComboBox* typeBox() const { return m_type; }
    QPlainTextEdit* termsEdit() const { return m_terms; }
    QSlider* toxicitySlider() const { return m_toxicity; }
    QComboBox* actionBox() const { return m_action; }
    QLineEdit* blockMessageEdit() const { return m_blockMessage; }
    QComboBox* appliesToBox() const { return m_appliesTo; }
    QRadioButton* allAgentsButton() const { return m_allAgents; }
    QRadioButton* someAgentsButton() const { return m_someAgents; }
    QLineEdit* agentsEdit() const { return m_agents; }
    QComboBox* severityBox() const { return m_severity; }
    QCheckBox* activeBox() const { return m_active; }
    QLineEdit* sampleEdit() const { return m_sample; }
    QPushButton* okButton() const { return m_ok; }

private:
    void onTypeChanged();
    void validate();
    QStringList terms() const;

    safety::Guardrail m_initial;
    QStringList m_takenNames;
    std::unique_ptr<safety::GuardrailEngine> m_engine; // this guardrail alone, for the sample line
    QLineEdit* m_name;
    QPlainTextEdit* m_description;
    QComboBox* m_type;
    QLabel* m_termsLabel;
    QPlainTextEdit* m_terms;
    QLabel* m_toxicityLabel;
    QWidget* m_toxicityRow;
    QSlider* m_toxicity;
    QLabel* m_toxicityValue;
    QLabel* m_promptLabel;
    QLineEdit* m_prompt;
    QLabel* m_modelLabel;
    QLineEdit* m_model;
    QComboBox* m_action;
    QLineEdit* m_blockMessage;
    QComboBox* m_appliesTo;
    QRadioButton* m_allAgents;
    QRadioButton* m_someAgents;
    QLineEdit* m_agents;
    QComboBox* m_severity;
    QCheckBox* m_active;
    QLabel* m_error;
    QLineEdit* m_sample;
    QLabel* m_sampleResult;
    QPushButton* m_ok;
};

} // namespace aiops::widgets
