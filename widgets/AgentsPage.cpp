#include "widgets/AgentsPage.h"

#include "core/controller/AgentService.h"
#include "models/ModelRoles.h"
#include "widgets/AgentDialog.h"
#include "widgets/Card.h"
#include "widgets/ChatPane.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/StatusDelegate.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

using agents::AgentRecord;

namespace {

constexpr int kAgentIdRole = Qt::UserRole + 100;

QPixmap shapePixmap(const QString& shape, int size, qreal dpr)
{
    QPixmap pixmap(int(size * dpr), int(size * dpr));
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Theme::paintStatusShape(&painter, QRectF(1, 1, size - 2, size - 2), shape);
    return pixmap;
}

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

QStandardItem* numberItem(qint64 value)
{
    auto* item = new QStandardItem(QLocale().toString(value));
    item->setData(value, models::SortRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

AgentsPage::AgentsPage(controller::AgentService* service, controller::DeploymentService* deployments, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_deployments(deployments)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_filter(new QSortFilterProxyModel(this))
{
    m_model->setHorizontalHeaderLabels(
        { tr("Name"), tr("LLM"), tr("Tools"), tr("Status"), tr("Conversations"), tr("Messages"), tr("Tokens") });
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(models::SortRole);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_modeStack = new QStackedWidget(this);
    outer->addWidget(m_modeStack);

    auto* listPage = new QWidget(m_modeStack);
    m_modeStack->addWidget(listPage);
    auto* layout = new QVBoxLayout(listPage);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    // Actions.
    m_newAction = new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("New agent…"), this);
    m_newAction->setObjectName(QStringLiteral("newAgentAction"));
    connect(m_newAction, &QAction::triggered, this, [this] { openNewDialog(); });
    listPage->addAction(m_newAction);
    m_editAction = new QAction(Theme::paletteIcon(QStringLiteral("rename"), palette()), tr("Edit…"), this);
    m_editAction->setObjectName(QStringLiteral("editAgentAction"));
    connect(m_editAction, &QAction::triggered, this, [this] { openEditDialog(); });
    m_startAction = new QAction(Theme::paletteIcon(QStringLiteral("start"), palette()), tr("Start"), this);
    m_startAction->setObjectName(QStringLiteral("startAgentAction"));
    connect(m_startAction, &QAction::triggered, this, &AgentsPage::startSelected);
    m_stopAction = new QAction(Theme::paletteIcon(QStringLiteral("stop"), palette()), tr("Stop"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAgentAction"));
    connect(m_stopAction, &QAction::triggered, this, &AgentsPage::stopSelected);
    m_deleteAction = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteAgentAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &AgentsPage::deleteSelected);
    m_chatAction = new QAction(Theme::paletteIcon(QStringLiteral("chat"), palette()), tr("Chat"), this);
    m_chatAction->setObjectName(QStringLiteral("chatAgentAction"));
    connect(m_chatAction, &QAction::triggered, this, [this] { openChat(); });

    m_header = new PageHeader(tr("Agents"), {}, listPage);
    m_newButton = new QPushButton(tr("New agent…"), listPage);
    m_newButton->setObjectName(QStringLiteral("newAgentButton"));
    Theme::makePrimary(m_newButton, QStringLiteral("add"));
    connect(m_newButton, &QPushButton::clicked, this, [this] { openNewDialog(); });
    m_header->addAction(m_newButton);
    layout->addWidget(m_header);

    const Theme::MessageBar bar = Theme::messageBar(listPage, QStringLiteral("agentsMessage"));
    m_messageBox = bar.box;
    m_messageIcon = bar.icon;
    m_message = bar.text;
    layout->addWidget(m_messageBox);

    m_stack = new QStackedWidget(listPage);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("empty-agents"), m_stack);
    m_empty->setTitle(tr("Create your first agent"));
    m_empty->setMessage(tr("An agent answers with a language model of this cluster or a provider you choose, "
                           "follows your instructions and may call the tools you give it."));
    m_empty->setAction(tr("New agent…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] { openNewDialog(); });
    m_stack->addWidget(m_empty);

    auto* splitter = new QSplitter(Qt::Vertical, m_stack);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    m_stack->addWidget(splitter);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("agentsTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(StatusColumn, new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LlmColumn, QHeaderView::Stretch);
    m_table->addAction(m_deleteAction);
    tableLayout->addWidget(m_table);
    connect(m_table, &QTableView::doubleClicked, this, [this] { openChat(); });
    connect(m_table, &QTableView::activated, this, [this] { openChat(); }); // Enter
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addActions({ m_chatAction, m_startAction, m_stopAction, m_editAction });
        menu.addSeparator();
        menu.addAction(m_deleteAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });

    // Detail panel.
    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(1, 1, 1, 1);
    m_detailStack = new QStackedWidget(detailCard);
    detailLayout->addWidget(m_detailStack);
    auto* placeholder = new QLabel(tr("Select an agent to see its settings, start it or chat with it."), m_detailStack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_captions.append(placeholder);
    m_detailStack->addWidget(placeholder);

    QWidget* detail = Theme::addScrollPage(m_detailStack);
    auto* content = new QVBoxLayout(detail);
    content->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    content->setSpacing(Theme::kSpacingM);
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("agentTitle"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_detailTitle);
    m_detailStatusIcon = new QLabel(detail);
    titleRow->addWidget(m_detailStatusIcon);
    m_detailStatus = new QLabel(detail);
    m_detailStatus->setObjectName(QStringLiteral("agentStatus"));
    titleRow->addWidget(m_detailStatus);
    titleRow->addStretch(1);
    for (QAction* action : { m_chatAction, m_startAction, m_stopAction, m_editAction, m_deleteAction })
        titleRow->addWidget(Theme::toolButton(action, detail));
    content->addLayout(titleRow);

    m_errorBox = new QWidget(detail);
    auto* errorLayout = new QHBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(Theme::kSpacingS);
    m_errorIcon = new QLabel(m_errorBox);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    m_error = new QLabel(m_errorBox);
    m_error->setObjectName(QStringLiteral("agentError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLayout->addWidget(m_error, 1);
    content->addWidget(m_errorBox);

    const Theme::DetailColumns columns = Theme::addDetailColumns(content);
    addField(columns.form, QStringLiteral("llm"), tr("LLM"));
    addField(columns.form, QStringLiteral("instructions"), tr("Instructions"));
    addField(columns.form, QStringLiteral("tools"), tr("Tools"));
    addField(columns.form, QStringLiteral("privacy"), tr("Privacy"));
    auto* rightForm = new QFormLayout;
    rightForm->setHorizontalSpacing(Theme::kSpacingL);
    rightForm->setVerticalSpacing(Theme::kSpacingS);
    rightForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    columns.right->addLayout(rightForm);
    addField(rightForm, QStringLiteral("description"), tr("Description"));
    addField(rightForm, QStringLiteral("storage"), tr("Stored"));
    addField(rightForm, QStringLiteral("runtime"), tr("Runs as"));
    addField(rightForm, QStringLiteral("usage"), tr("Usage"));
    columns.left->addStretch(1);
    columns.right->addStretch(1);

    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    m_chat = new ChatPane(service, m_modeStack);
    m_chat->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingL, Theme::kSpacingXL, Theme::kSpacingL);
    m_modeStack->addWidget(m_chat);
    connect(m_chat, &ChatPane::backRequested, this, &AgentsPage::showList);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AgentsPage::onSelectionChanged);
    connect(m_service, &controller::AgentService::agentsChanged, this, &AgentsPage::rebuild);
    connect(m_service, &controller::AgentService::toolsChanged, this, &AgentsPage::onSelectionChanged);
    connect(m_service, &controller::AgentService::instructionsChanged, this, &AgentsPage::onSelectionChanged);

    rebuild();
    updateColors();
}

AgentsPage::~AgentsPage() = default;

void AgentsPage::setDeploymentService(controller::DeploymentService* deployments)
{
    m_deployments = deployments;
}

QString AgentsPage::statusText(const QString& status)
{
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status == QLatin1String("starting"))
        return tr("Starting…");
    if (status == QLatin1String("error"))
        return tr("Error");
    return tr("Stopped");
}

QString AgentsPage::statusShape(const QString& status)
{
    if (status == QLatin1String("running"))
        return QStringLiteral("online"); // filled
    if (status == QLatin1String("starting"))
        return QStringLiteral("maintenance"); // half
    if (status == QLatin1String("error"))
        return QStringLiteral("offline"); // red ring
    return QStringLiteral("stopped"); // grey ring
}

QString AgentsPage::llmText(const AgentRecord& agent)
{
    const agents::LlmModelRef& llm = agent.llmModel;
    QString provider;
    if (llm.provider == QLatin1String("internal"))
        provider = tr("Deployment");
    else if (llm.provider == QLatin1String("openai"))
        provider = tr("OpenAI");
    else if (llm.provider == QLatin1String("anthropic"))
        provider = tr("Anthropic");
    else if (llm.provider == QLatin1String("ollama"))
        provider = tr("Ollama");
    else if (llm.provider == QLatin1String("openai-compatible"))
        provider = tr("OpenAI-compatible");
    else
        provider = llm.provider;
    const QString model = llm.modelName.isEmpty() ? llm.deploymentId : llm.modelName;
    return model.isEmpty() ? provider : tr("%1 · %2").arg(provider, model);
}

QString AgentsPage::privacyText(const QString& mode)
{
    if (mode == QLatin1String("local-only"))
        return tr("Local only — requests never leave the cluster");
    if (mode == QLatin1String("allow-api"))
        return tr("Cloud APIs allowed");
    return tr("Hybrid — local first, cloud when needed");
}

QLabel* AgentsPage::addField(QFormLayout* form, const QString& key, const QString& label)
{
    auto* caption = new QLabel(label, this);
    m_captions.append(caption);
    auto* value = new QLabel(this);
    value->setObjectName(QStringLiteral("field-") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(caption, value);
    m_fields.insert(key, value);
    return value;
}

void AgentsPage::rebuild()
{
    const QString selected = selectedAgentId().isEmpty() ? m_shownId : selectedAgentId();
    const QSignalBlocker blocker(m_table->selectionModel());
    m_model->removeRows(0, m_model->rowCount());
    for (const AgentRecord& a : m_service->agents()) {
        if (a.isDeleted)
            continue;
        auto* name = new QStandardItem(a.name);
        name->setData(a.agentId, kAgentIdRole);
        name->setData(a.name.toLower(), models::SortRole);
        name->setToolTip(a.description);
        auto* llm = new QStandardItem(llmText(a));
        llm->setData(llmText(a).toLower(), models::SortRole);
        llm->setToolTip(a.llmModel.provider == QLatin1String("openai")
                                || a.llmModel.provider == QLatin1String("anthropic")
                            ? tr("Cloud provider: requests leave this machine")
                            : QString());
        auto* status = new QStandardItem(statusText(a.status));
        status->setData(statusShape(a.status), models::StatusRole);
        status->setData(a.status, models::SortRole);
        status->setToolTip(a.lastError);
        m_model->appendRow({ name,
                             llm,
                             numberItem(a.tools.size()),
                             status,
                             numberItem(a.conversationCount),
                             numberItem(a.messageCount),
                             numberItem(a.promptTokens + a.completionTokens) });
    }
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    if (isShowingChat() && !m_service->agent(m_chat->agentId()))
        showList(); // the agent of the open chat was deleted
    if (!selected.isEmpty())
        selectAgent(selected);
    updateHeader();
    onSelectionChanged();
}

QString AgentsPage::selectedAgentId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(kAgentIdRole).toString();
}

std::optional<AgentRecord> AgentsPage::selectedAgent() const
{
    const QString id = selectedAgentId();
    if (id.isEmpty())
        return std::nullopt;
    return m_service->agent(id);
}

bool AgentsPage::selectAgent(const QString& agentId)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, NameColumn);
        if (index.data(kAgentIdRole).toString() != agentId)
            continue;
        m_table->selectionModel()->select(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows | QItemSelectionModel::Current);
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
        return true;
    }
    return false;
}

void AgentsPage::onSelectionChanged()
{
    const auto agent = selectedAgent();
    m_shownId = agent ? agent->agentId : QString();
    showDetail(agent);
}

void AgentsPage::updateHeader()
{
    const QList<AgentRecord> all = m_service->agents();
    int total = 0;
    int running = 0;
    int failed = 0;
    for (const AgentRecord& a : all) {
        if (a.isDeleted)
            continue;
        ++total;
        running += a.status == QLatin1String("running") ? 1 : 0;
        failed += a.status == QLatin1String("error") ? 1 : 0;
    }
    if (total == 0) {
        m_subtitle = tr("Assistants that answer with a model and use your tools");
    } else {
        QStringList parts { tr("%n agent(s)", nullptr, total) };
        if (running > 0)
            parts.append(tr("%n running", nullptr, running));
        if (failed > 0)
            parts.append(tr("%n with errors", nullptr, failed));
        m_subtitle = parts.join(QStringLiteral(" · "));
    }
    m_header->setSubtitle(m_subtitle);
}

void AgentsPage::updateActions(const std::optional<AgentRecord>& agent)
{
    const bool active
        = agent && (agent->status == QLatin1String("running") || agent->status == QLatin1String("starting"));
    m_editAction->setEnabled(agent.has_value());
    m_startAction->setEnabled(agent && !active);
    m_stopAction->setEnabled(active);
    m_deleteAction->setEnabled(agent.has_value());
    m_chatAction->setEnabled(agent.has_value());
}

void AgentsPage::showDetail(const std::optional<AgentRecord>& agent)
{
    updateActions(agent);
    if (!agent) {
        m_detailStack->setCurrentIndex(0);
        return;
    }
    m_detailStack->setCurrentIndex(1);
    const AgentRecord& a = *agent;
    const QString dash = QStringLiteral("—");
    m_detailTitle->setText(a.name);
    m_detailTitle->setToolTip(tr("Agent %1").arg(a.agentId));
    m_detailStatus->setText(statusText(a.status));
    m_errorBox->setVisible(!a.lastError.isEmpty());
    m_error->setText(a.status == QLatin1String("error") ? tr("Failed: %1").arg(a.lastError)
                                                        : tr("Last error: %1").arg(a.lastError));

    auto set = [this](const char* key, const QString& value) {
        m_fields.value(QLatin1String(key))->setText(value);
    };
    QString llm = llmText(a);
    if (!a.llmModel.endpoint.isEmpty())
        llm += QStringLiteral("\n") + a.llmModel.endpoint;
    if (!a.llmModel.apiKeySecret.isEmpty())
        llm += QStringLiteral("\n") + tr("API key in the keychain");
    set("llm", llm);
    QString instructions = dash;
    if (!a.instructionOverride.isEmpty()) {
        instructions = tr("Written for this agent: “%1”").arg(a.instructionOverride.left(120).simplified());
    } else if (!a.instructionId.isEmpty()) {
        instructions = a.instructionId;
        for (const agents::InstructionRecord& i : m_service->instructions()) {
            if (i.instructionId == a.instructionId)
                instructions = i.name;
        }
    }
    set("instructions", instructions);
    QStringList tools;
    for (const QString& toolId : a.tools) {
        const auto tool = m_service->tool(toolId);
        tools.append(tool ? tool->name : toolId);
    }
    set("tools", tools.isEmpty() ? tr("None") : tools.join(QStringLiteral(", ")));
    set("privacy", privacyText(a.privacyMode));
    set("description", a.description.isEmpty() ? dash : a.description);
    set("storage", a.tokenCountsOnly ? tr("Token counts only — no message text") : tr("Messages and token counts"));
    set("runtime",
        a.runtime != u"container"     ? tr("Local process")
            : a.containerId.isEmpty() ? tr("Container")
                                      : tr("Container %1").arg(a.containerId.left(12)));
    const QLocale locale;
    set("usage",
        tr("%1 conversations · %2 messages · %3 prompt + %4 completion tokens")
            .arg(locale.toString(a.conversationCount),
                 locale.toString(a.messageCount),
                 locale.toString(a.promptTokens),
                 locale.toString(a.completionTokens)));
    updateColors();
}

void AgentsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_messageBox->setVisible(true);
    updateColors();
}

QPushButton* AgentsPage::emptyStateNewButton() const
{
    return m_empty->actionButton();
}

bool AgentsPage::isShowingEmptyState() const
{
    return m_modeStack->currentIndex() == 0 && m_stack->currentWidget() == m_empty;
}

bool AgentsPage::isShowingChat() const
{
    return m_modeStack->currentWidget() == m_chat;
}

bool AgentsPage::isShowingDetail() const
{
    return m_detailStack->currentIndex() == 1;
}

QString AgentsPage::messageText() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

QString AgentsPage::detailText(const QString& field) const
{
    if (field == QLatin1String("title"))
        return m_detailTitle->text();
    if (field == QLatin1String("status"))
        return m_detailStatus->text();
    if (field == QLatin1String("error"))
        return m_errorBox->isHidden() ? QString() : m_error->text();
    const QLabel* label = m_fields.value(field);
    return label ? label->text() : QString();
}

AgentDialog* AgentsPage::showDialog(AgentDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &AgentDialog::saved, this, [this](const QString& agentId) {
        rebuild();
        selectAgent(agentId);
    });
    dialog->show();
    return dialog;
}

AgentDialog* AgentsPage::openNewDialog()
{
    return showDialog(new AgentDialog(m_service, m_deployments, this));
}

AgentDialog* AgentsPage::openEditDialog()
{
    const auto agent = selectedAgent();
    if (!agent)
        return nullptr;
    auto* dialog = new AgentDialog(m_service, m_deployments, this);
    dialog->setAgent(*agent);
    return showDialog(dialog);
}

void AgentsPage::startSelected()
{
    const auto agent = selectedAgent();
    if (!agent)
        return;
    if (auto result = m_service->startAgent(agent->agentId); !result)
        showMessage(tr("Could not start “%1”: %2").arg(agent->name, result.error().message));
}

void AgentsPage::stopSelected()
{
    const auto agent = selectedAgent();
    if (!agent)
        return;
    if (auto result = m_service->stopAgent(agent->agentId); !result)
        showMessage(tr("Could not stop “%1”: %2").arg(agent->name, result.error().message));
}

void AgentsPage::deleteSelected()
{
    const auto agent = selectedAgent();
    if (!agent || !m_deleteAction->isEnabled())
        return;
    const bool confirmed = Theme::confirmDestructive(
        this,
        tr("Delete agent"),
        tr("Delete “%1”?").arg(agent->name),
        tr("The agent is stopped first. Its conversations stay in the audit history; the agent cannot be "
           "started again."),
        tr("Delete"));
    if (!confirmed)
        return;
    if (auto result = m_service->removeAgent(agent->agentId); !result)
        showMessage(tr("Could not delete “%1”: %2").arg(agent->name, result.error().message));
}

void AgentsPage::openChat(const QString& agentId)
{
    const QString id = agentId.isEmpty() ? selectedAgentId() : agentId;
    if (id.isEmpty() || !m_service->agent(id))
        return;
    selectAgent(id);
    m_chat->setAgent(id);
    m_modeStack->setCurrentWidget(m_chat);
    m_chat->input()->setFocus();
}

void AgentsPage::showList()
{
    m_modeStack->setCurrentIndex(0);
    m_table->setFocus();
}

void AgentsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void AgentsPage::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, subtle);
    const QPixmap alert = Theme::icon(QStringLiteral("alert"), error).pixmap(16, 16);
    colorize(m_message, error);
    m_messageIcon->setPixmap(alert);
    colorize(m_error, error);
    m_errorIcon->setPixmap(alert);
    if (const auto agent = m_shownId.isEmpty() ? std::nullopt : m_service->agent(m_shownId)) {
        const int size = fontMetrics().height() * 2 / 3 + 2;
        m_detailStatusIcon->setPixmap(shapePixmap(statusShape(agent->status), size, devicePixelRatioF()));
    }
}

} // namespace aiops::widgets
