#include "widgets/AgentDialog.h"

#include "core/controller/AgentService.h"
#include "core/controller/DeploymentService.h"
#include "widgets/Theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

using agents::AgentRecord;

namespace {

constexpr int kNameMax = 255;
constexpr int kDescriptionMax = 1000;
constexpr int kOverrideMax = 10000;

QIcon shapeIcon(const QString& shape, int size)
{
    QPixmap pixmap(size * 2, size * 2);
    pixmap.setDevicePixelRatio(2.0);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Theme::paintStatusShape(&painter, QRectF(1, 1, size - 2, size - 2), shape);
    return QIcon(pixmap);
}

QString toolShape(const QString& status)
{
    if (status == QLatin1String("active"))
        return QStringLiteral("online");
    if (status == QLatin1String("error"))
        return QStringLiteral("offline");
    return QStringLiteral("stopped");
}

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

} // namespace

AgentDialog::AgentDialog(controller::AgentService* service, controller::DeploymentService* deployments, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_deployments(deployments)
{
    setWindowTitle(tr("New agent"));
    setObjectName(QStringLiteral("agentDialog"));
    resize(640, 760);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, Theme::kSpacingL);
    outer->setSpacing(Theme::kSpacingM);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll, 1);
    auto* content = new QWidget;
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingL, Theme::kSpacingXL, Theme::kSpacingS);
    layout->setSpacing(Theme::kSpacingS);

    auto hint = [this](const QString& text, QWidget* parentWidget) {
        auto* label = new QLabel(text, parentWidget);
        label->setWordWrap(true);
        m_hints.append(label);
        return label;
    };
    auto buddy = [](const QString& text, QWidget* field, QWidget* parentWidget) {
        auto* label = new QLabel(text, parentWidget);
        label->setBuddy(field);
        return label;
    };
    auto newForm = [] {
        auto* form = new QFormLayout;
        form->setHorizontalSpacing(Theme::kSpacingL);
        form->setVerticalSpacing(Theme::kSpacingS);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        return form;
    };

    // --- General ---
    layout->addWidget(Theme::sectionTitle(tr("General"), content));
    auto* general = newForm();
    m_name = new QLineEdit(content);
    m_name->setObjectName(QStringLiteral("agentName"));
    m_name->setPlaceholderText(tr("e.g. Support bot"));
    m_name->setMaxLength(kNameMax);
    auto* nameColumn = new QVBoxLayout;
    nameColumn->setSpacing(2);
    nameColumn->addWidget(m_name);
    nameColumn->addWidget(addError(QStringLiteral("name"), content));
    general->addRow(buddy(tr("&Name:"), m_name, content), nameColumn);
    m_description = new QPlainTextEdit(content);
    m_description->setObjectName(QStringLiteral("agentDescription"));
    m_description->setPlaceholderText(tr("What this agent is for (optional)"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 14);
    auto* descriptionColumn = new QVBoxLayout;
    descriptionColumn->setSpacing(2);
    descriptionColumn->addWidget(m_description);
    descriptionColumn->addWidget(addError(QStringLiteral("description"), content));
    general->addRow(buddy(tr("&Description:"), m_description, content), descriptionColumn);
    layout->addLayout(general);

    // --- LLM ---
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(Theme::sectionTitle(tr("Language model"), content));
    auto* llmGroup = new QButtonGroup(this);
    m_useDeployment = new QRadioButton(tr("Deployment on this &cluster"), content);
    m_useDeployment->setObjectName(QStringLiteral("useDeployment"));
    llmGroup->addButton(m_useDeployment);
    layout->addWidget(m_useDeployment);
    auto* deploymentRow = new QVBoxLayout;
    deploymentRow->setContentsMargins(Theme::kSpacingXL, 0, 0, 0);
    deploymentRow->setSpacing(2);
    m_deployment = new QComboBox(content);
    m_deployment->setObjectName(QStringLiteral("deploymentCombo"));
    m_deployment->setAccessibleName(tr("Running deployment"));
    deploymentRow->addWidget(m_deployment);
    m_deploymentHint = hint({}, content);
    m_deploymentHint->setObjectName(QStringLiteral("deploymentHint"));
    deploymentRow->addWidget(m_deploymentHint);
    deploymentRow->addWidget(addError(QStringLiteral("deployment"), content));
    layout->addLayout(deploymentRow);

    m_useProvider = new QRadioButton(tr("&Provider"), content);
    m_useProvider->setObjectName(QStringLiteral("useProvider"));
    llmGroup->addButton(m_useProvider);
    layout->addWidget(m_useProvider);
    m_providerBox = new QWidget(content);
    auto* providerForm = newForm();
    providerForm->setContentsMargins(Theme::kSpacingXL, 0, 0, 0);
    m_providerBox->setLayout(providerForm);
    m_provider = new QComboBox(m_providerBox);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->addItem(tr("OpenAI"), QStringLiteral("openai"));
    m_provider->addItem(tr("Anthropic"), QStringLiteral("anthropic"));
    m_provider->addItem(tr("Ollama"), QStringLiteral("ollama"));
    m_provider->addItem(tr("OpenAI-compatible URL"), QStringLiteral("openai-compatible"));
    providerForm->addRow(tr("Pro&vider:"), m_provider);
    m_model = new QLineEdit(m_providerBox);
    m_model->setObjectName(QStringLiteral("modelName"));
    auto* modelColumn = new QVBoxLayout;
    modelColumn->setSpacing(2);
    modelColumn->addWidget(m_model);
    modelColumn->addWidget(addError(QStringLiteral("model"), m_providerBox));
    providerForm->addRow(buddy(tr("&Model:"), m_model, m_providerBox), modelColumn);
    m_endpoint = new QLineEdit(m_providerBox);
    m_endpoint->setObjectName(QStringLiteral("endpointUrl"));
    auto* endpointColumn = new QVBoxLayout;
    endpointColumn->setSpacing(2);
    endpointColumn->addWidget(m_endpoint);
    endpointColumn->addWidget(addError(QStringLiteral("endpoint"), m_providerBox));
    providerForm->addRow(buddy(tr("&Endpoint URL:"), m_endpoint, m_providerBox), endpointColumn);
    m_apiKey = new QLineEdit(m_providerBox);
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setClearButtonEnabled(true);
    m_apiKey->addAction(Theme::paletteIcon(QStringLiteral("key"), palette()), QLineEdit::LeadingPosition);
    auto* keyColumn = new QVBoxLayout;
    keyColumn->setSpacing(2);
    keyColumn->addWidget(m_apiKey);
    m_apiKeyHint = hint(tr("Stored in the system keychain, never in the database."), m_providerBox);
    m_apiKeyHint->setObjectName(QStringLiteral("apiKeyHint"));
    keyColumn->addWidget(m_apiKeyHint);
    providerForm->addRow(buddy(tr("API &key:"), m_apiKey, m_providerBox), keyColumn);
    layout->addWidget(m_providerBox);

    // --- Instructions ---
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(Theme::sectionTitle(tr("Instructions"), content));
    auto* instructionGroup = new QButtonGroup(this);
    m_useTemplate = new QRadioButton(tr("Use a saved &instruction"), content);
    m_useTemplate->setObjectName(QStringLiteral("useTemplate"));
    instructionGroup->addButton(m_useTemplate);
    layout->addWidget(m_useTemplate);
    m_instruction = new QComboBox(content);
    m_instruction->setObjectName(QStringLiteral("instructionCombo"));
    m_instruction->setAccessibleName(tr("Saved instruction"));
    auto* templateRow = new QHBoxLayout;
    templateRow->setContentsMargins(Theme::kSpacingXL, 0, 0, 0);
    templateRow->addWidget(m_instruction, 1);
    layout->addLayout(templateRow);
    m_useOverride = new QRadioButton(tr("&Write the instructions here"), content);
    m_useOverride->setObjectName(QStringLiteral("useOverride"));
    instructionGroup->addButton(m_useOverride);
    layout->addWidget(m_useOverride);
    m_override = new QPlainTextEdit(content);
    m_override->setObjectName(QStringLiteral("instructionOverride"));
    m_override->setAccessibleName(tr("Instructions"));
    m_override->setPlaceholderText(tr("You are a helpful assistant for …"));
    m_override->setTabChangesFocus(true);
    m_override->setFixedHeight(m_override->fontMetrics().lineSpacing() * 5 + 14);
    auto* overrideColumn = new QVBoxLayout;
    overrideColumn->setContentsMargins(Theme::kSpacingXL, 0, 0, 0);
    overrideColumn->setSpacing(2);
    overrideColumn->addWidget(m_override);
    overrideColumn->addWidget(addError(QStringLiteral("instructions"), content));
    layout->addLayout(overrideColumn);

    // --- Tools ---
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(Theme::sectionTitle(tr("Tools"), content));
    m_tools = new QListWidget(content);
    m_tools->setObjectName(QStringLiteral("toolList"));
    m_tools->setAccessibleName(tr("Tools the agent may use"));
    m_tools->setIconSize(QSize(12, 12));
    m_tools->setMinimumHeight(m_tools->fontMetrics().height() * 5);
    m_tools->setMaximumHeight(m_tools->fontMetrics().height() * 8);
    layout->addWidget(m_tools);

    // --- Privacy ---
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(Theme::sectionTitle(tr("Privacy"), content));
    m_privacy = new QButtonGroup(this);
    const struct
    {
        const char* mode;
        QString label;
        QString explanation;
    } modes[] = {
        { "local-only", tr("&Local only"), tr("Requests never leave this cluster; cloud providers are refused.") },
        { "allow-api", tr("&Allow cloud APIs"), tr("The configured provider is used, wherever it runs.") },
        { "hybrid", tr("H&ybrid"), tr("Local models first; a cloud provider only when no local one can answer.") },
    };
    int id = 0;
    for (const auto& mode : modes) {
        auto* radio = new QRadioButton(mode.label, content);
        radio->setObjectName(QStringLiteral("privacy-") + QLatin1String(mode.mode));
        radio->setProperty("mode", QLatin1String(mode.mode));
        m_privacy->addButton(radio, id++);
        layout->addWidget(radio);
        auto* explanation = hint(mode.explanation, content);
        explanation->setContentsMargins(Theme::kSpacingXL, 0, 0, 2);
        layout->addWidget(explanation);
    }
    m_tokenCountsOnly = new QCheckBox(tr("Store &token counts only (no message text)"), content);
    m_tokenCountsOnly->setObjectName(QStringLiteral("tokenCountsOnly"));
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(m_tokenCountsOnly);
    auto* tokenHint
        = hint(tr("Conversations keep their token usage, but no message, tool input or output is saved."), content);
    tokenHint->setContentsMargins(Theme::kSpacingXL, 0, 0, 0);
    layout->addWidget(tokenHint);

    // --- Runtime ---
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(Theme::sectionTitle(tr("Runtime"), content));
    m_runtime = new QComboBox(content);
    m_runtime->setObjectName(QStringLiteral("runtime"));
    m_runtime->setAccessibleName(tr("Where the agent runs"));
    m_runtime->addItem(tr("Local process (default)"), QStringLiteral("process"));
    m_runtime->addItem(tr("Container on this machine"), QStringLiteral("container"));
    layout->addWidget(m_runtime);
    layout->addWidget(hint(tr("A container runs the agent runtime image (scripts/make-agent-image builds it) on "
                              "Docker or Podman, isolated from the console's files."),
                           content));
    layout->addStretch(1);

    auto* saveError = addError(QStringLiteral("save"), this);
    saveError->setContentsMargins(Theme::kSpacingXL, 0, Theme::kSpacingXL, 0);
    outer->addWidget(saveError);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setContentsMargins(Theme::kSpacingXL, 0, Theme::kSpacingXL, 0);
    Theme::makePrimary(m_buttons->button(QDialogButtonBox::Save));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AgentDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AgentDialog::reject);
    outer->addWidget(m_buttons);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &AgentDialog::onProviderChanged);
    connect(llmGroup, &QButtonGroup::buttonToggled, this, &AgentDialog::updateModes);
    connect(instructionGroup, &QButtonGroup::buttonToggled, this, &AgentDialog::updateModes);
    connect(m_name, &QLineEdit::textEdited, this, [this] { setError(QStringLiteral("name"), {}); });
    connect(m_model, &QLineEdit::textEdited, this, [this] { setError(QStringLiteral("model"), {}); });
    connect(m_endpoint, &QLineEdit::textEdited, this, [this] { setError(QStringLiteral("endpoint"), {}); });

    fillDeployments();
    fillInstructions();
    fillTools({});
    m_privacy->button(2)->setChecked(true); // hybrid, the record's default
    m_useTemplate->setChecked(true);
    if (m_useDeployment->isEnabled() && m_deployment->count() > 0)
        m_useDeployment->setChecked(true);
    else
        m_useProvider->setChecked(true);
    onProviderChanged();
    updateModes();
    updateColors();
    m_name->setFocus();
}

AgentDialog::~AgentDialog() = default;

QLabel* AgentDialog::addError(const QString& field, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("error-") + field);
    label->setWordWrap(true);
    label->setVisible(false);
    m_errors.insert(field, label);
    return label;
}

QString AgentDialog::defaultEndpoint(const QString& provider)
{
    if (provider == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    if (provider == QLatin1String("anthropic"))
        return QStringLiteral("https://api.anthropic.com");
    if (provider == QLatin1String("ollama"))
        return QStringLiteral("http://127.0.0.1:11434/v1");
    return {};
}

void AgentDialog::fillDeployments()
{
    m_deployment->clear();
    if (!m_deployments) {
        m_useDeployment->setEnabled(false);
        m_deployment->setEnabled(false);
        m_deploymentHint->setText(
            tr("Not available: this console is not connected to a controller that runs deployments."));
        return;
    }
    for (const deploy::DeploymentRecord& r : m_deployments->deployments()) {
        if (r.status != deploy::DeploymentStatus::Running)
            continue;
        m_deployment->addItem(tr("%1 · on %2").arg(r.modelId, r.nodeId), r.deploymentId);
        m_deployment->setItemData(m_deployment->count() - 1, r.modelId, Qt::UserRole + 1);
    }
    const bool any = m_deployment->count() > 0;
    m_deployment->setEnabled(any);
    m_useDeployment->setEnabled(any);
    m_deploymentHint->setText(any ? tr("The agent talks to the model through the controller; nothing leaves the "
                                       "cluster.")
                                  : tr("No deployment is running. Deploy a model on the Deployments page first."));
}

void AgentDialog::fillInstructions()
{
    m_instruction->clear();
    m_instruction->addItem(tr("No instructions"), QString());
    for (const agents::InstructionRecord& i : m_service->instructions()) {
        if (i.isDeleted)
            continue;
        m_instruction->addItem(i.isActive ? i.name : tr("%1 (inactive)").arg(i.name), i.instructionId);
        m_instruction->setItemData(m_instruction->count() - 1, i.description, Qt::ToolTipRole);
    }
}

void AgentDialog::fillTools(const QStringList& checked)
{
    m_tools->clear();
    const int size = fontMetrics().height() * 2 / 3 + 2;
    for (const agents::ToolRecord& t : m_service->tools()) {
        if (t.isDeleted)
            continue;
        QString status = t.status == QLatin1String("active") ? tr("active")
            : t.status == QLatin1String("error")             ? tr("error")
                                                             : tr("inactive");
        auto* item = new QListWidgetItem(shapeIcon(toolShape(t.status), size), tr("%1 — %2").arg(t.name, status));
        item->setData(Qt::UserRole, t.toolId);
        item->setToolTip(t.lastError.isEmpty() ? t.description : t.lastError);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(t.toolId) ? Qt::Checked : Qt::Unchecked);
        m_tools->addItem(item);
    }
    if (m_tools->count() == 0) {
        auto* item = new QListWidgetItem(tr("No tools registered yet (add them on the Tools page)."));
        item->setFlags(Qt::NoItemFlags);
        m_tools->addItem(item);
    }
}

void AgentDialog::setAgent(const AgentRecord& agent)
{
    m_base = agent;
    setWindowTitle(agent.agentId.isEmpty() ? tr("New agent") : tr("Edit “%1”").arg(agent.name));
    m_name->setText(agent.name);
    m_description->setPlainText(agent.description);
    fillDeployments();
    const agents::LlmModelRef& llm = agent.llmModel;
    if (llm.provider == QLatin1String("internal")) {
        int index = m_deployment->findData(llm.deploymentId);
        if (index < 0 && !llm.deploymentId.isEmpty()) {
            // Not running now: keep it selectable so saving does not silently change it.
            m_deployment->addItem(
                tr("%1 (not running)").arg(llm.modelName.isEmpty() ? llm.deploymentId : llm.modelName),
                llm.deploymentId);
            m_deployment->setItemData(m_deployment->count() - 1, llm.modelName, Qt::UserRole + 1);
            index = m_deployment->count() - 1;
            m_deployment->setEnabled(true);
            m_useDeployment->setEnabled(true);
        }
        m_deployment->setCurrentIndex(std::max(0, index));
        m_useDeployment->setChecked(true);
    } else {
        const int index = m_provider->findData(llm.provider);
        m_provider->setCurrentIndex(std::max(0, index));
        onProviderChanged();
        m_model->setText(llm.modelName);
        if (!llm.endpoint.isEmpty())
            m_endpoint->setText(llm.endpoint);
        m_useProvider->setChecked(true);
    }
    if (!llm.apiKeySecret.isEmpty()) {
        m_apiKey->setPlaceholderText(tr("A key is stored — leave empty to keep it"));
        m_apiKeyHint->setText(tr("Stored in the system keychain. Leaving the field empty keeps the stored key."));
    }

    m_instruction->setCurrentIndex(std::max(0, m_instruction->findData(agent.instructionId)));
    m_override->setPlainText(agent.instructionOverride);
    (agent.instructionOverride.isEmpty() ? m_useTemplate : m_useOverride)->setChecked(true);
    fillTools(agent.tools);
    for (QAbstractButton* button : m_privacy->buttons()) {
        if (button->property("mode").toString() == agent.privacyMode)
            button->setChecked(true);
    }
    m_tokenCountsOnly->setChecked(agent.tokenCountsOnly);
    m_runtime->setCurrentIndex(qMax(0, m_runtime->findData(agent.runtime)));
    updateModes();
}

void AgentDialog::onProviderChanged()
{
    const QString provider = m_provider->currentData().toString();
    const QString fallback = defaultEndpoint(provider);
    // Replace the endpoint only while it still is the previous provider's default (or empty).
    if (m_endpoint->text().isEmpty() || m_endpoint->text() == m_lastDefaultEndpoint)
        m_endpoint->setText(fallback);
    m_lastDefaultEndpoint = fallback;
    m_endpoint->setPlaceholderText(
        provider == QLatin1String("openai-compatible") ? QStringLiteral("https://llm.example.com/v1") : fallback);
    if (provider == QLatin1String("openai"))
        m_model->setPlaceholderText(QStringLiteral("gpt-4o-mini"));
    else if (provider == QLatin1String("anthropic"))
        m_model->setPlaceholderText(QStringLiteral("claude-3-5-haiku-latest"));
    else if (provider == QLatin1String("ollama"))
        m_model->setPlaceholderText(QStringLiteral("llama3.1:8b"));
    else
        m_model->setPlaceholderText(tr("the model name the server expects"));
    m_apiKey->setPlaceholderText(
        m_base.llmModel.apiKeySecret.isEmpty()
            ? (provider == QLatin1String("ollama") ? tr("usually not needed") : QStringLiteral("sk-…"))
            : tr("A key is stored — leave empty to keep it"));
}

void AgentDialog::updateModes()
{
    const bool deployment = m_useDeployment->isChecked();
    m_deployment->setEnabled(deployment && m_deployment->count() > 0);
    m_providerBox->setEnabled(!deployment);
    m_instruction->setEnabled(m_useTemplate->isChecked());
    m_override->setEnabled(m_useOverride->isChecked());
}

AgentRecord AgentDialog::record() const
{
    AgentRecord r = m_base;
    r.name = m_name->text().trimmed();
    r.description = m_description->toPlainText().trimmed();
    agents::LlmModelRef llm;
    llm.apiKeySecret = m_base.llmModel.apiKeySecret;
    if (m_useDeployment->isChecked()) {
        llm.provider = QStringLiteral("internal");
        llm.deploymentId = m_deployment->currentData().toString();
        llm.modelName = m_deployment->currentData(Qt::UserRole + 1).toString();
    } else {
        llm.provider = m_provider->currentData().toString();
        llm.modelName = m_model->text().trimmed();
        const QString endpoint = m_endpoint->text().trimmed();
        // Empty means the provider's default (LlmModelRef::endpoint).
        llm.endpoint = endpoint == defaultEndpoint(llm.provider) ? QString() : endpoint;
    }
    r.llmModel = llm;
    if (m_useOverride->isChecked()) {
        r.instructionOverride = m_override->toPlainText().trimmed();
        r.instructionId = m_instruction->currentData().toString();
    } else {
        r.instructionOverride.clear();
        r.instructionId = m_instruction->currentData().toString();
    }
    r.tools.clear();
    for (int i = 0; i < m_tools->count(); ++i) {
        const QListWidgetItem* item = m_tools->item(i);
        if (item->checkState() == Qt::Checked && !item->data(Qt::UserRole).toString().isEmpty())
            r.tools.append(item->data(Qt::UserRole).toString());
    }
    if (QAbstractButton* mode = m_privacy->checkedButton())
        r.privacyMode = mode->property("mode").toString();
    r.tokenCountsOnly = m_tokenCountsOnly->isChecked();
    r.runtime = m_runtime->currentData().toString();
    return r;
}

QString AgentDialog::apiKey() const
{
    return m_useProvider->isChecked() ? m_apiKey->text().trimmed() : QString();
}

bool AgentDialog::validate()
{
    clearErrors();
    const AgentRecord r = record();
    QWidget* first = nullptr;
    auto fail = [&](const QString& field, const QString& text, QWidget* widget) {
        setError(field, text);
        if (!first)
            first = widget;
    };
    if (r.name.isEmpty())
        fail(QStringLiteral("name"), tr("Enter a name."), m_name);
    if (r.description.size() > kDescriptionMax)
        fail(QStringLiteral("description"),
             tr("Keep the description under %1 characters.").arg(kDescriptionMax),
             m_description);
    if (m_useDeployment->isChecked()) {
        if (r.llmModel.deploymentId.isEmpty())
            fail(QStringLiteral("deployment"), tr("Choose a running deployment."), m_deployment);
    } else {
        if (r.llmModel.modelName.isEmpty())
            fail(QStringLiteral("model"), tr("Enter the model name."), m_model);
        const QString endpoint = m_endpoint->text().trimmed();
        const QUrl url(endpoint, QUrl::StrictMode);
        if (endpoint.isEmpty()) {
            if (r.llmModel.provider == QLatin1String("openai-compatible"))
                fail(QStringLiteral("endpoint"),
                     tr("Enter the server’s URL, e.g. https://llm.example.com/v1."),
                     m_endpoint);
        } else if (!url.isValid() || url.host().isEmpty()
                   || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            fail(QStringLiteral("endpoint"), tr("Enter an http:// or https:// URL."), m_endpoint);
        }
    }
    if (m_useOverride->isChecked()) {
        if (r.instructionOverride.isEmpty())
            fail(QStringLiteral("instructions"), tr("Write the instructions, or use a saved one."), m_override);
        else if (r.instructionOverride.size() > kOverrideMax)
            fail(QStringLiteral("instructions"),
                 tr("Keep the instructions under %1 characters.").arg(kOverrideMax),
                 m_override);
    }
    if (first)
        first->setFocus();
    return first == nullptr;
}

void AgentDialog::accept()
{
    if (!validate())
        return;
    const auto result = m_service->saveAgent(record(), apiKey());
    if (!result) {
        // The service names the field it refused (InvalidValue); show it where it belongs when we can.
        const QString field = result.error().field;
        const QString text = tr("Could not save: %1").arg(result.error().message);
        if (field == QLatin1String("name"))
            setError(QStringLiteral("name"), text);
        else if (field.startsWith(QLatin1String("llmModel.modelName")))
            setError(QStringLiteral("model"), text);
        else if (field.startsWith(QLatin1String("llmModel.endpoint")))
            setError(QStringLiteral("endpoint"), text);
        else
            setError(QStringLiteral("save"), text);
        return;
    }
    m_savedId = result->agentId;
    Q_EMIT saved(m_savedId);
    QDialog::accept();
}

QString AgentDialog::errorText(const QString& field) const
{
    const QLabel* label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void AgentDialog::setError(const QString& field, const QString& text)
{
    QLabel* label = m_errors.value(field);
    if (!label)
        return;
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void AgentDialog::clearErrors()
{
    for (QLabel* label : std::as_const(m_errors))
        label->setVisible(false);
}

void AgentDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void AgentDialog::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    for (QLabel* label : std::as_const(m_hints))
        colorize(label, subtle);
    const QColor error = Theme::errorText(palette());
    for (QLabel* label : std::as_const(m_errors))
        colorize(label, error);
}

} // namespace aiops::widgets
