#pragma once

#include "core/agents/AgentTypes.h"

#include <QDialog>
#include <QHash>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QRadioButton;
class QStackedWidget;

namespace aiops::controller {
class AgentService;
class DeploymentService;
} // namespace aiops::controller

namespace aiops::widgets {

// Creates or edits an agent: name and description; the LLM, either a running deployment of this
// cluster or a provider (OpenAI, Anthropic, Ollama, any OpenAI-compatible URL) with model, endpoint
// and an API key that goes to the keychain (AgentService::saveAgent's second argument, never the
// record); instructions from a saved template or written inline; the tools it may use; the privacy
// mode and the token-counts-only switch. Checks the fields inline before it saves.
class AgentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentDialog)
public:
    // deployments may be null: then the "Deployment on this cluster" choice is disabled with the reason.
    AgentDialog(controller::AgentService* service,
                controller::DeploymentService* deployments,
                QWidget* parent = nullptr);
    ~AgentDialog() override;

    // Fills the form from an existing agent (the dialog then edits it; the API key field stays empty
    // and empty keeps the stored key).
    void setAgent(const agents::AgentRecord& agent);
    bool isEditing() const { return !m_base.agentId.isEmpty(); }

    // The record the form describes (what Save passes to saveAgent) and the API key typed.
    agents::AgentRecord record() const;
    QString apiKey() const;
    // Checks the form, shows the problems beside their fields; true when it may be saved.
    bool validate();
    // An inline error by field ("name", "deployment", "model", "endpoint", "instructions",
    // "description", "save"); "" when none is shown.
    QString errorText(const QString& field) const;
    QString savedAgentId() const { return m_savedId; }

    static QString defaultEndpoint(const QString& provider);

public Q_SLOTS:
    void accept() override; // validates, saves; stays open with the error when saving fails

Q_SIGNALS:
    void saved(const QString& agentId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillDeployments();
    void fillInstructions();
    void fillTools(const QStringList& checked);
    void onProviderChanged();
    void updateModes();
    void setError(const QString& field, const QString& text);
    void clearErrors();
    void updateColors();
    QLabel* addError(const QString& field, QWidget* parent);

    controller::AgentService* m_service;
    controller::DeploymentService* m_deployments;
    agents::AgentRecord m_base;
    QString m_savedId;
    QString m_lastDefaultEndpoint;

    QLineEdit* m_name = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QRadioButton* m_useDeployment = nullptr;
    QRadioButton* m_useProvider = nullptr;
    QComboBox* m_deployment = nullptr;
    QLabel* m_deploymentHint = nullptr;
    QWidget* m_providerBox = nullptr;
    QComboBox* m_provider = nullptr;
    QLineEdit* m_model = nullptr;
    QLineEdit* m_endpoint = nullptr;
    QLineEdit* m_apiKey = nullptr;
    QLabel* m_apiKeyHint = nullptr;
    QRadioButton* m_useTemplate = nullptr;
    QRadioButton* m_useOverride = nullptr;
    QComboBox* m_instruction = nullptr;
    QPlainTextEdit* m_override = nullptr;
    QListWidget* m_tools = nullptr;
    QButtonGroup* m_privacy = nullptr;
    QCheckBox* m_tokenCountsOnly = nullptr;
    QComboBox* m_runtime = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QHash<QString, QLabel*> m_errors;
    QList<QLabel*> m_hints;
};

} // namespace aiops::widgets
