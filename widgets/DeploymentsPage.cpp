#include "widgets/DeploymentsPage.h"

#include "core/controller/DeploymentService.h"
#include "models/DeploymentTableModel.h"
#include "models/Format.h"
#include "models/ModelRoles.h"
#include "widgets/Card.h"
#include "widgets/DeployWizard.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/StatusDelegate.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

using deploy::DeploymentRecord;
using deploy::DeploymentStatus;
using models::DeploymentTableModel;

namespace {

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

} // namespace

DeploymentsPage::DeploymentsPage(controller::DeploymentService* service,
                                 registry::ModelService* models,
                                 controller::NodeService* nodes,
                                 QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_modelService(models)
    , m_nodeService(nodes)
    , m_model(new DeploymentTableModel(service, models, nodes, this))
    , m_filter(new QSortFilterProxyModel(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(models::SortRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_deployAction = new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Deploy model…"), this);
    m_deployAction->setObjectName(QStringLiteral("deployAction"));
    connect(m_deployAction, &QAction::triggered, this, [this] { openDeployWizard(); });

    m_header = new PageHeader(tr("Deployments"), {}, this);
    m_deployButton = new QPushButton(tr("Deploy model…"), this);
    Theme::makePrimary(m_deployButton, QStringLiteral("add"));
    m_deployButton->setObjectName(QStringLiteral("deployModelButton"));
    connect(m_deployButton, &QPushButton::clicked, this, [this] { openDeployWizard(); });
    m_header->addAction(m_deployButton);
    layout->addWidget(m_header);

    // The last error of a stop or remove.
    const Theme::MessageBar bar = Theme::messageBar(this, QStringLiteral("deploymentsMessage"));
    m_messageBox = bar.box;
    m_messageIcon = bar.icon;
    m_message = bar.text;
    layout->addWidget(m_messageBox);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("gpu"), m_stack);
    m_empty->setTitle(tr("Nothing deployed yet — deploy a model from the registry onto a GPU node"));
    m_empty->setMessage(tr("The wizard picks the node and GPUs with enough free memory (or lets you choose), "
                           "starts the container and gives you an endpoint to send requests to."));
    m_empty->setAction(tr("Deploy model…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] { openDeployWizard(); });
    m_stack->addWidget(m_empty);

    auto* splitter = new QSplitter(Qt::Vertical, m_stack);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    m_stack->addWidget(splitter);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("deploymentsTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(DeploymentTableModel::StatusColumn, new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DeploymentTableModel::ModelColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // endpoints differ at their end
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentTableModel::EndpointColumn, QHeaderView::Stretch);
    tableLayout->addWidget(m_table);

    // Keyboard: Delete stops, Ctrl+C copies the endpoint (while the table has the focus).
    m_stopAction = new QAction(Theme::paletteIcon(QStringLiteral("reject"), palette()), tr("Stop…"), this);
    m_stopAction->setObjectName(QStringLiteral("stopDeploymentAction"));
    m_stopAction->setShortcut(QKeySequence::Delete);
    m_stopAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_stopAction, &QAction::triggered, this, &DeploymentsPage::stopSelected);
    m_table->addAction(m_stopAction);
    m_removeAction
        = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove from list…"), this);
    m_removeAction->setObjectName(QStringLiteral("removeDeploymentAction"));
    connect(m_removeAction, &QAction::triggered, this, &DeploymentsPage::removeSelected);
    m_copyEndpointAction
        = new QAction(Theme::paletteIcon(QStringLiteral("copy"), palette()), tr("Copy endpoint"), this);
    m_copyEndpointAction->setObjectName(QStringLiteral("copyEndpointAction"));
    m_copyEndpointAction->setShortcut(QKeySequence::Copy);
    m_copyEndpointAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyEndpointAction, &QAction::triggered, this, &DeploymentsPage::copyEndpoint);
    m_table->addAction(m_copyEndpointAction);
    m_copyCurlAction = new QAction(tr("Copy curl example"), this);
    m_copyCurlAction->setObjectName(QStringLiteral("copyCurlAction"));
    connect(m_copyCurlAction, &QAction::triggered, this, &DeploymentsPage::copyCurlExample);

    // Detail panel.
    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(1, 1, 1, 1);
    m_detailStack = new QStackedWidget(detailCard);
    detailLayout->addWidget(m_detailStack);
    auto* placeholder = new QLabel(tr("Select a deployment to see its endpoint, placement and logs."), m_detailStack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL);
    m_captions.append(placeholder);
    m_detailStack->addWidget(placeholder);

    QWidget* detail = Theme::addScrollPage(m_detailStack);
    auto* detailContent = new QVBoxLayout(detail);
    detailContent->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    detailContent->setSpacing(Theme::kSpacingM);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("deploymentTitle"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_detailTitle);
    m_detailStatusIcon = new QLabel(detail);
    titleRow->addWidget(m_detailStatusIcon);
    m_detailStatus = new QLabel(detail);
    m_detailStatus->setObjectName(QStringLiteral("deploymentStatus"));
    titleRow->addWidget(m_detailStatus);
    titleRow->addStretch(1);
    for (QAction* action : { m_stopAction, m_removeAction }) {
        auto* button = new QToolButton(detail);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        titleRow->addWidget(button);
    }
    detailContent->addLayout(titleRow);

    m_progress = new QProgressBar(detail);
    m_progress->setObjectName(QStringLiteral("deploymentProgress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    detailContent->addWidget(m_progress);

    m_errorBox = new QWidget(detail);
    auto* errorLayout = new QHBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(Theme::kSpacingS);
    m_errorIcon = new QLabel(m_errorBox);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    auto* errorText = new QVBoxLayout;
    errorText->setSpacing(2);
    m_error = new QLabel(m_errorBox);
    m_error->setObjectName(QStringLiteral("deploymentError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorText->addWidget(m_error);
    m_suggestion = new QLabel(m_errorBox);
    m_suggestion->setObjectName(QStringLiteral("deploymentSuggestion"));
    m_suggestion->setWordWrap(true);
    errorText->addWidget(m_suggestion);
    errorLayout->addLayout(errorText, 1);
    detailContent->addWidget(m_errorBox);

    const Theme::DetailColumns columns = Theme::addDetailColumns(detailContent);
    QVBoxLayout* left = columns.left;
    QVBoxLayout* right = columns.right;
    QFormLayout* form = columns.form;

    auto* endpointButtons = new QWidget(detail);
    auto* endpointButtonsLayout = new QHBoxLayout(endpointButtons);
    endpointButtonsLayout->setContentsMargins(0, 0, 0, 0);
    endpointButtonsLayout->setSpacing(Theme::kSpacingS);
    auto* copyEndpoint = new QToolButton(endpointButtons);
    copyEndpoint->setObjectName(QStringLiteral("copyEndpointButton"));
    copyEndpoint->setDefaultAction(m_copyEndpointAction);
    copyEndpoint->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    endpointButtonsLayout->addWidget(copyEndpoint);
    auto* copyCurl = new QToolButton(endpointButtons);
    copyCurl->setObjectName(QStringLiteral("copyCurlButton"));
    copyCurl->setDefaultAction(m_copyCurlAction);
    copyCurl->setToolButtonStyle(Qt::ToolButtonTextOnly);
    endpointButtonsLayout->addWidget(copyCurl);
    endpointButtonsLayout->addStretch(1);

    QLabel* endpoint = addField(form, QStringLiteral("endpoint"), tr("Endpoint"));
    endpoint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(QString(), endpointButtons);
    m_endpointButtons = endpointButtons;
    m_form = form;
    addField(form, QStringLiteral("node"), tr("Node and GPUs"));
    addField(form, QStringLiteral("image"), tr("Image"))->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addField(form, QStringLiteral("framework"), tr("Framework"));
    addField(form, QStringLiteral("requests"), tr("Requests"));
    addField(form, QStringLiteral("latency"), tr("Avg latency"));
    addField(form, QStringLiteral("lastRequest"), tr("Last request"));
    addField(form, QStringLiteral("deployedAt"), tr("Deployed"));
    left->addStretch(1);

    auto* logsHeader = new QHBoxLayout;
    logsHeader->setSpacing(Theme::kSpacingS);
    logsHeader->addWidget(Theme::sectionTitle(tr("Logs"), detail, 1.0));
    m_logStatus = new QLabel(detail);
    m_logStatus->setObjectName(QStringLiteral("logStatus"));
    m_captions.append(m_logStatus);
    logsHeader->addWidget(m_logStatus, 1);
    m_follow = new QCheckBox(tr("Follow"), detail);
    m_follow->setObjectName(QStringLiteral("followLogs"));
    m_follow->setToolTip(tr("Fetch the newest lines every %n second(s)", nullptr, kFollowIntervalMs / 1000));
    logsHeader->addWidget(m_follow);
    m_refreshLogs = new QPushButton(tr("Refresh"), detail);
    m_refreshLogs->setObjectName(QStringLiteral("refreshLogs"));
    connect(m_refreshLogs, &QPushButton::clicked, this, &DeploymentsPage::refreshLogs);
    logsHeader->addWidget(m_refreshLogs);
    right->addLayout(logsHeader);
    m_logs = new QPlainTextEdit(detail);
    m_logs->setObjectName(QStringLiteral("deploymentLogs"));
    m_logs->setReadOnly(true);
    m_logs->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logs->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_logs->setPlaceholderText(tr("No log lines yet."));
    m_logs->setMinimumHeight(140);
    right->addWidget(m_logs, 1);

    m_followTimer.setInterval(kFollowIntervalMs);
    connect(&m_followTimer, &QTimer::timeout, this, &DeploymentsPage::refreshLogs);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            refreshLogs();
            m_followTimer.start();
        } else {
            m_followTimer.stop();
        }
    });

    detailCard->setMinimumHeight(300);
    tableCard->setMinimumHeight(140);
    splitter->addWidget(tableCard);
    splitter->addWidget(detailCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 220, 440 });

    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeploymentsPage::onSelectionChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(m_copyEndpointAction);
        menu.addAction(m_copyCurlAction);
        menu.addSeparator();
        menu.addAction(m_stopAction);
        menu.addAction(m_removeAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_filter, signal, this, &DeploymentsPage::onRowsChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &DeploymentsPage::onRowsChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DeploymentsPage::onRowsChanged);
    connect(m_service, &controller::DeploymentService::logsReady, this, &DeploymentsPage::onLogsReady);
    connect(m_service, &controller::DeploymentService::logsFailed, this, &DeploymentsPage::onLogsFailed);

    updateColors();
    onRowsChanged();
    onSelectionChanged();
}

DeploymentsPage::~DeploymentsPage() = default;

QLabel* DeploymentsPage::addField(QFormLayout* form, const QString& key, const QString& label)
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

QString DeploymentsPage::errorSuggestion(const QString& error)
{
    const QString lower = error.toLower();
    if (lower.contains(QLatin1String("out of memory")) || lower.contains(QLatin1String("oom"))
        || lower.contains(QLatin1String("cuda error: out")))
        return tr("Try a smaller model, fewer GPU memory (lower --gpu-memory-utilization) or a node with more free "
                  "VRAM.");
    if (lower.contains(QLatin1String("pull")) || lower.contains(QLatin1String("manifest unknown"))
        || lower.contains(QLatin1String("no such image")))
        return tr("Check the image name and tag, and that the node can reach the registry.");
    if (lower.contains(QLatin1String("health")) || lower.contains(QLatin1String("timed out")))
        return tr("Look at the logs below: the server did not become ready. A large model may need a longer "
                  "health timeout.");
    if (lower.contains(QLatin1String("port")) && lower.contains(QLatin1String("in use")))
        return tr("Another container uses the port; deploy again to get a new one.");
    return {};
}

QString DeploymentsPage::endpointUrl(const DeploymentRecord& record) const
{
    if (record.endpoint.isEmpty())
        return {};
    return m_service->inferenceBaseUrl() + record.endpoint;
}

QString DeploymentsPage::curlExample(const DeploymentRecord& record) const
{
    const QString url = endpointUrl(record);
    if (url.isEmpty())
        return {};
    QJsonObject body;
    if (record.framework == QLatin1String("vllm")) {
        body.insert(QStringLiteral("model"), record.modelId);
        body.insert(QStringLiteral("messages"),
                    QJsonArray { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                               { QStringLiteral("content"), QStringLiteral("Hello!") } } });
        body.insert(QStringLiteral("max_tokens"), 64);
    } else {
        body.insert(QStringLiteral("inputs"), QJsonArray {});
    }
    const QString path = record.framework == QLatin1String("vllm") ? QStringLiteral("/chat/completions") : QString();
    const QString json = QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    return QStringLiteral("curl -sS -X POST '%1%2' -H 'Content-Type: application/json' -d '%3'").arg(url, path, json);
}

QPushButton* DeploymentsPage::emptyStateDeployButton() const
{
    return m_empty->actionButton();
}

bool DeploymentsPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

bool DeploymentsPage::isShowingDetail() const
{
    return m_detailStack->currentIndex() == 1;
}

QString DeploymentsPage::messageText() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

QString DeploymentsPage::detailText(const QString& field) const
{
    if (field == QLatin1String("title"))
        return m_detailTitle->text();
    if (field == QLatin1String("status"))
        return m_detailStatus->text();
    if (field == QLatin1String("error"))
        return m_errorBox->isHidden() ? QString() : m_error->text();
    if (field == QLatin1String("suggestion"))
        return m_errorBox->isHidden() || m_suggestion->isHidden() ? QString() : m_suggestion->text();
    if (field == QLatin1String("logStatus"))
        return m_logStatus->text();
    const QLabel* label = m_fields.value(field);
    return label ? label->text() : QString();
}

QString DeploymentsPage::selectedDeploymentId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(DeploymentTableModel::DeploymentIdRole).toString();
}

std::optional<DeploymentRecord> DeploymentsPage::selectedDeployment() const
{
    const QString id = selectedDeploymentId();
    if (id.isEmpty())
        return std::nullopt;
    return m_model->deploymentAt(m_model->rowOf(id));
}

bool DeploymentsPage::selectDeployment(const QString& deploymentId)
{
    m_model->flush();
    const int sourceRow = m_model->rowOf(deploymentId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows | QItemSelectionModel::Current);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void DeploymentsPage::onSelectionChanged()
{
    const auto record = selectedDeployment();
    const QString id = record ? record->deploymentId : QString();
    if (id != m_shownId) {
        m_logs->clear();
        m_logStatus->clear();
        m_logRequestId.clear();
        m_shownId = id;
        showDetail(record);
        if (record)
            refreshLogs();
    } else {
        showDetail(record);
    }
}

void DeploymentsPage::onRowsChanged()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    if (!m_shownId.isEmpty()) {
        if (selectedDeploymentId() != m_shownId)
            onSelectionChanged();
        else
            showDetail(m_model->deploymentAt(m_model->rowOf(m_shownId)));
    }
    updateHeader();
}

void DeploymentsPage::updateHeader()
{
    const int total = m_model->rowCount();
    if (total == 0) {
        m_subtitle = tr("Models running on your GPU nodes, with their endpoints");
    } else {
        QStringList parts { tr("%n deployment(s)", nullptr, total) };
        const int running = m_model->countWithStatus(DeploymentStatus::Running);
        const int deploying = m_model->countWithStatus(DeploymentStatus::Deploying);
        const int failed = m_model->countWithStatus(DeploymentStatus::Failed);
        if (running > 0)
            parts.append(tr("%n running", nullptr, running));
        if (deploying > 0)
            parts.append(tr("%n deploying", nullptr, deploying));
        if (failed > 0)
            parts.append(tr("%n failed", nullptr, failed));
        m_subtitle = parts.join(QStringLiteral(" · "));
    }
    m_header->setSubtitle(m_subtitle);
}

void DeploymentsPage::updateActions(const std::optional<DeploymentRecord>& record)
{
    const bool active
        = record && (record->status == DeploymentStatus::Running || record->status == DeploymentStatus::Deploying);
    m_stopAction->setEnabled(active);
    m_removeAction->setEnabled(record && !active);
    const bool hasEndpoint = record && !record->endpoint.isEmpty();
    m_copyEndpointAction->setEnabled(hasEndpoint);
    m_copyCurlAction->setEnabled(hasEndpoint);
    m_follow->setEnabled(record.has_value());
    m_refreshLogs->setEnabled(record.has_value());
}

void DeploymentsPage::showDetail(const std::optional<DeploymentRecord>& record)
{
    updateActions(record);
    if (!record) {
        m_detailStack->setCurrentIndex(0);
        m_follow->setChecked(false);
        return;
    }
    m_detailStack->setCurrentIndex(1);
    const DeploymentRecord& r = *record;
    const QLocale locale;
    const QString dash = models::Format::dash();
    m_detailTitle->setText(m_model->modelName(r.modelId));
    m_detailTitle->setToolTip(tr("Deployment %1 · instance %2").arg(r.deploymentId, r.instanceId));
    m_detailStatus->setText(DeploymentTableModel::statusText(r));
    m_detailStatus->setToolTip(r.status == DeploymentStatus::Running
                                   ? tr("Health: %1").arg(DeploymentTableModel::healthText(r.healthStatus))
                                   : QString());
    m_progress->setVisible(r.status == DeploymentStatus::Deploying);
    m_progress->setValue(r.progress);

    const bool failed = r.status == DeploymentStatus::Failed;
    m_errorBox->setVisible(failed);
    if (failed) {
        m_error->setText(r.error.isEmpty() ? tr("The deployment failed without a message; see the logs.")
                                           : tr("Failed: %1").arg(r.error));
        const QString suggestion = errorSuggestion(r.error);
        m_suggestion->setText(suggestion);
        m_suggestion->setVisible(!suggestion.isEmpty());
    }

    auto set = [this](const char* key, const QString& value) {
        m_fields.value(QLatin1String(key))->setText(value);
    };
    const QString url = endpointUrl(r);
    set("endpoint", url.isEmpty() ? dash : url);
    m_form->setRowVisible(m_endpointButtons, !url.isEmpty());
    QString node = r.nodeId.isEmpty() ? tr("Not placed yet") : m_model->nodeName(r.nodeId);
    if (!r.nodeId.isEmpty())
        node = tr("%1 · %2").arg(node, DeploymentTableModel::gpuText(r.gpuDevices));
    if (r.memoryAllocatedMb > 0 && !r.gpuDevices.isEmpty())
        node = tr("%1 (%2 per GPU)").arg(node, models::Format::mebibytes(r.memoryAllocatedMb));
    set("node", node);
    set("image", r.image.isEmpty() ? dash : r.image);
    QString framework = r.framework.isEmpty() ? dash : r.framework;
    if (r.port > 0)
        framework = tr("%1 · port %2 on the node").arg(framework).arg(r.port);
    set("framework", framework);
    set("requests", locale.toString(r.requestCount));
    set("latency", r.requestCount > 0 ? DeploymentTableModel::latencyText(r.avgLatencyMs) : dash);
    set("lastRequest",
        r.lastRequestAt.isValid() ? locale.toString(r.lastRequestAt.toLocalTime(), QLocale::ShortFormat) : tr("never"));
    set("deployedAt",
        r.deployedAt.isValid() ? locale.toString(r.deployedAt.toLocalTime(), QLocale::ShortFormat) : dash);
    updateColors();
}

void DeploymentsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_messageBox->setVisible(true);
    updateColors();
}

DeployWizard* DeploymentsPage::openDeployWizard(const QString& modelId)
{
    auto* wizard = new DeployWizard(m_service, m_modelService, m_nodeService, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    if (!modelId.isEmpty())
        wizard->selectModel(modelId);
    connect(wizard, &DeployWizard::deployed, this, [this](const QString& deploymentId) {
        m_model->flush();
        selectDeployment(deploymentId);
    });
    wizard->show();
    return wizard;
}

void DeploymentsPage::stopSelected()
{
    const auto record = selectedDeployment();
    if (!record || !m_stopAction->isEnabled())
        return;
    const QString name = m_model->modelName(record->modelId);
    const bool confirmed = Theme::confirmDestructive(
        this,
        tr("Stop deployment"),
        tr("Stop “%1”?").arg(name),
        tr("The container on %1 is stopped and removed, and its GPUs are freed. Requests to its endpoint fail "
           "from then on.")
            .arg(m_model->nodeName(record->nodeId)),
        tr("Stop"));
    if (!confirmed)
        return;
    if (auto result = m_service->stop(record->deploymentId); !result)
        showMessage(tr("Could not stop “%1”: %2").arg(name, result.error().message));
}

void DeploymentsPage::removeSelected()
{
    const auto record = selectedDeployment();
    if (!record || !m_removeAction->isEnabled())
        return;
    const QString name = m_model->modelName(record->modelId);
    const bool confirmed = Theme::confirmDestructive(this,
                                                     tr("Remove deployment"),
                                                     tr("Remove “%1” from the list?").arg(name),
                                                     tr("Nothing runs for it any more; only its entry goes."),
                                                     tr("Remove"));
    if (!confirmed)
        return;
    if (auto result = m_service->remove(record->deploymentId); !result)
        showMessage(tr("Could not remove “%1”: %2").arg(name, result.error().message));
}

void DeploymentsPage::copyEndpoint()
{
    const auto record = selectedDeployment();
    if (!record || record->endpoint.isEmpty())
        return;
    QApplication::clipboard()->setText(endpointUrl(*record));
}

void DeploymentsPage::copyCurlExample()
{
    const auto record = selectedDeployment();
    if (!record || record->endpoint.isEmpty())
        return;
    QApplication::clipboard()->setText(curlExample(*record));
}

void DeploymentsPage::refreshLogs()
{
    if (m_shownId.isEmpty())
        return;
    m_logRequestId = m_service->requestLogs(m_shownId, kLogLines);
    if (m_logs->document()->isEmpty())
        m_logStatus->setText(tr("Loading…"));
}

void DeploymentsPage::onLogsReady(const QString& requestId, const QString& deploymentId, const QString& logs)
{
    if (requestId != m_logRequestId || deploymentId != m_shownId)
        return;
    QScrollBar* bar = m_logs->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_logs->setPlainText(logs);
    if (atBottom || m_follow->isChecked())
        bar->setValue(bar->maximum());
    m_logStatus->setText(tr("updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    updateColors();
}

void DeploymentsPage::onLogsFailed(const QString& requestId, const QString& deploymentId, const aiops::Error& error)
{
    if (requestId != m_logRequestId || deploymentId != m_shownId)
        return;
    m_logStatus->setText(tr("Could not load the logs: %1").arg(error.message));
    colorize(m_logStatus, Theme::errorText(palette()));
}

void DeploymentsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void DeploymentsPage::updateColors()
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
    // The shape goes in front of the status word, so the status never relies on colour alone.
    const auto record = m_model->deploymentAt(m_model->rowOf(m_shownId));
    if (record) {
        const int size = fontMetrics().height() * 2 / 3 + 2;
        m_detailStatusIcon->setPixmap(
            shapePixmap(DeploymentTableModel::statusShape(record->status), size, devicePixelRatioF()));
    }
}

} // namespace aiops::widgets
