#include "widgets/ToolsPage.h"

#include "core/controller/AgentService.h"
#include "models/Format.h"
#include "models/ModelRoles.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/RegisterToolDialog.h"
#include "widgets/StatusDelegate.h"
#include "widgets/Theme.h"
#include "widgets/ToolTryItForm.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace aiops::widgets {

using agents::DiscoveredTool;
using agents::ToolRecord;

namespace {

constexpr int kToolIdRole = models::SearchTextRole + 100;

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

bool isBuiltin(const ToolRecord& tool)
{
    return tool.type == QLatin1String("builtin");
}

bool isContainer(const ToolRecord& tool)
{
    return !isBuiltin(tool) && !tool.dockerImage.isEmpty();
}

QString typeText(const ToolRecord& tool)
{
    if (isBuiltin(tool))
        return ToolsPage::tr("Built-in");
    return isContainer(tool) ? ToolsPage::tr("MCP · container") : ToolsPage::tr("MCP · URL");
}

QString transportText(const ToolRecord& tool)
{
    if (isBuiltin(tool))
        return ToolsPage::tr("Built-in");
    return tool.transport == QLatin1String("sse") ? ToolsPage::tr("SSE") : ToolsPage::tr("Streamable HTTP");
}

QString whereText(const ToolRecord& tool)
{
    // A container tool's endpoint is its MCP path until the container runs, then its loopback URL.
    if (isContainer(tool))
        return tool.endpoint.isEmpty() || tool.endpoint.startsWith(QLatin1Char('/'))
            ? tool.dockerImage
            : QStringLiteral("%1 · %2").arg(tool.dockerImage, tool.endpoint);
    return tool.endpoint.isEmpty() ? models::Format::dash() : tool.endpoint;
}

QString checkedText(const ToolRecord& tool)
{
    if (!tool.lastHealthCheck.isValid())
        return ToolsPage::tr("never");
    return models::Format::age(tool.lastHealthCheck.msecsTo(QDateTime::currentDateTimeUtc()));
}

QStandardItem* cell(const QString& text, const QVariant& sort)
{
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(sort, models::SortRole);
    return item;
}

} // namespace

ToolsPage::ToolsPage(controller::AgentService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new QStandardItemModel(0, 7, this))
{
    m_model->setSortRole(models::SortRole);
    m_model->setHorizontalHeaderLabels(
        { tr("Name"), tr("Type"), tr("Transport"), tr("Endpoint or image"), tr("Status"), tr("Tools"), tr("Checked") });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_registerAction
        = new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Register MCP server…"), this);
    m_registerAction->setObjectName(QStringLiteral("registerToolAction"));
    m_registerAction->setShortcut(QKeySequence::New); // dispatched by keyPressEvent (see event())
    m_registerAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_registerAction, &QAction::triggered, this, [this] { openRegisterDialog(); });

    m_header = new PageHeader(tr("Tools"), {}, this);
    m_registerButton = new QPushButton(tr("Register MCP server…"), this);
    m_registerButton->setObjectName(QStringLiteral("registerToolButton"));
    m_registerButton->setToolTip(tr("Add an MCP server by URL or as a container (Ctrl+N)"));
    Theme::makePrimary(m_registerButton, QStringLiteral("add"));
    connect(m_registerButton, &QPushButton::clicked, this, [this] { openRegisterDialog(); });
    m_header->addAction(m_registerButton);
    layout->addWidget(m_header);

    const Theme::MessageBar bar = Theme::messageBar(this, QStringLiteral("toolsMessage"));
    m_messageBox = bar.box;
    m_messageIcon = bar.icon;
    m_message = bar.text;
    layout->addWidget(m_messageBox);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("empty-tools"), m_stack);
    m_empty->setTitle(tr("No MCP servers yet — register one to give your agents more tools"));
    m_empty->setAction(tr("Register an MCP server…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] { openRegisterDialog(); });
    m_stack->addWidget(m_empty);

    auto* splitter = new QSplitter(Qt::Vertical, m_stack);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    m_stack->addWidget(splitter);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("toolsTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(StatusColumn, new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TypeColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EndpointColumn, QHeaderView::Stretch);
    tableLayout->addWidget(m_table);

    m_healthAction = new QAction(Theme::paletteIcon(QStringLiteral("health"), palette()), tr("Check health"), this);
    m_healthAction->setObjectName(QStringLiteral("checkHealthAction"));
    m_healthAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_healthAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_healthAction->setToolTip(tr("Connect to the server now and list its tools again (F5)"));
    connect(m_healthAction, &QAction::triggered, this, &ToolsPage::checkHealthSelected);
    addAction(m_healthAction);
    m_restartAction = new QAction(Theme::paletteIcon(QStringLiteral("restart"), palette()), tr("Restart"), this);
    m_restartAction->setObjectName(QStringLiteral("restartToolAction"));
    connect(m_restartAction, &QAction::triggered, this, &ToolsPage::restartSelected);
    m_removeAction = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove…"), this);
    m_removeAction->setObjectName(QStringLiteral("removeToolAction"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_removeAction, &QAction::triggered, this, &ToolsPage::removeSelected);
    m_table->addAction(m_removeAction);

    // Detail panel.
    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(1, 1, 1, 1);
    m_detailStack = new QStackedWidget(detailCard);
    detailLayout->addWidget(m_detailStack);
    auto* placeholder = new QLabel(tr("Select a tool to see what it offers and to try it."), m_detailStack);
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
    m_detailTitle->setObjectName(QStringLiteral("toolTitle"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_detailTitle);
    m_detailStatusIcon = new QLabel(detail);
    titleRow->addWidget(m_detailStatusIcon);
    m_detailStatus = new QLabel(detail);
    m_detailStatus->setObjectName(QStringLiteral("toolStatus"));
    titleRow->addWidget(m_detailStatus);
    titleRow->addStretch(1);
    for (QAction* action : { m_healthAction, m_restartAction, m_removeAction }) {
        auto* button = new QToolButton(detail);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        titleRow->addWidget(button);
    }
    detailContent->addLayout(titleRow);

    m_errorBox = new QWidget(detail);
    auto* errorLayout = new QHBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(Theme::kSpacingS);
    m_errorIcon = new QLabel(m_errorBox);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    m_error = new QLabel(m_errorBox);
    m_error->setObjectName(QStringLiteral("toolError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLayout->addWidget(m_error, 1);
    detailContent->addWidget(m_errorBox);

    const Theme::DetailColumns columns = Theme::addDetailColumns(detailContent);
    m_form = columns.form;
    addField(m_form, QStringLiteral("type"), tr("Type"));
    addField(m_form, QStringLiteral("category"), tr("Category"));
    addField(m_form, QStringLiteral("transport"), tr("Transport"));
    addField(m_form, QStringLiteral("endpoint"), tr("Endpoint"))
        ->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addField(m_form, QStringLiteral("image"), tr("Image"))
        ->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addField(m_form, QStringLiteral("environment"), tr("Environment"));
    addField(m_form, QStringLiteral("lastCheck"), tr("Last health check"));
    addField(m_form, QStringLiteral("description"), tr("Description"));
    // The offered tools under the facts; the selected one's schema and "Try it" take the right side.
    QVBoxLayout* left = columns.left;
    QVBoxLayout* right = columns.right;
    left->addSpacing(Theme::kSpacingS);
    left->addWidget(Theme::sectionTitle(tr("Offered tools"), detail, 1.0));
    m_discovered = new QListWidget(detail);
    m_discovered->setObjectName(QStringLiteral("discoveredTools"));
    m_discovered->setAccessibleName(tr("Offered tools"));
    m_discovered->setMinimumHeight(fontMetrics().height() * 4 + 12);
    left->addWidget(m_discovered, 1);
    m_tabs = new QTabWidget(detail);
    m_tabs->setObjectName(QStringLiteral("toolTabs"));
    m_tabs->setDocumentMode(true);
    auto* schemaPage = new QWidget(m_tabs);
    auto* schemaLayout = new QVBoxLayout(schemaPage);
    schemaLayout->setContentsMargins(0, Theme::kSpacingS, 0, 0);
    schemaLayout->setSpacing(Theme::kSpacingS);
    m_toolDescription = new QLabel(schemaPage);
    m_toolDescription->setObjectName(QStringLiteral("discoveredDescription"));
    m_toolDescription->setWordWrap(true);
    m_toolDescription->setTextFormat(Qt::PlainText);
    m_toolDescription->setTextInteractionFlags(Qt::TextSelectableByMouse);
    schemaLayout->addWidget(m_toolDescription);
    m_schema = new QPlainTextEdit(schemaPage);
    m_schema->setObjectName(QStringLiteral("inputSchema"));
    m_schema->setReadOnly(true);
    m_schema->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_schema->setAccessibleName(tr("Input schema"));
    m_schema->setMinimumHeight(140);
    schemaLayout->addWidget(m_schema, 1);
    m_tabs->addTab(schemaPage, tr("Input schema"));
    auto* tryPage = new QWidget(m_tabs);
    auto* tryLayout = new QVBoxLayout(tryPage);
    tryLayout->setContentsMargins(0, Theme::kSpacingS, 0, 0);
    m_tryIt = new ToolTryItForm(service, tryPage);
    tryLayout->addWidget(m_tryIt);
    m_tabs->addTab(tryPage, tr("Try it"));
    right->addWidget(m_tabs, 1);
    m_noTools = new QLabel(tr("Once the server answers, the tools it offers appear here with their input schemas, "
                              "ready to try."),
                           detail);
    m_noTools->setObjectName(QStringLiteral("noOfferedTools"));
    m_noTools->setWordWrap(true);
    m_noTools->setAlignment(Qt::AlignCenter);
    m_noTools->setVisible(false);
    m_captions.append(m_noTools);
    right->addWidget(m_noTools, 1);

    detailCard->setMinimumHeight(320);
    tableCard->setMinimumHeight(140);
    splitter->addWidget(tableCard);
    splitter->addWidget(detailCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 170, 540 });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ToolsPage::onSelectionChanged);
    connect(m_discovered, &QListWidget::currentRowChanged, this, &ToolsPage::onDiscoveredChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(m_healthAction);
        menu.addAction(m_restartAction);
        menu.addSeparator();
        menu.addAction(m_removeAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_service, &controller::AgentService::toolsChanged, this, &ToolsPage::reload);

    reload();
    updateColors();
}

ToolsPage::~ToolsPage() = default;

QLabel* ToolsPage::addField(QFormLayout* form, const QString& key, const QString& label)
{
    auto* caption = new QLabel(label, this);
    m_captions.append(caption);
    auto* value = new QLabel(this);
    value->setObjectName(QStringLiteral("field-") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    form->addRow(caption, value);
    m_fields.insert(key, value);
    return value;
}

QString ToolsPage::statusText(const QString& status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("error"))
        return tr("Error");
    return tr("Inactive");
}

QString ToolsPage::statusShape(const QString& status)
{
    if (status == QLatin1String("active"))
        return QStringLiteral("online"); // filled
    if (status == QLatin1String("error"))
        return QStringLiteral("offline"); // red ring
    return QStringLiteral("stopped"); // grey ring
}

QString ToolsPage::statusText(const ToolRecord& tool)
{
    if (tool.status == QLatin1String("active") || tool.deployPhase.isEmpty())
        return statusText(tool.status);
    if (tool.deployPhase == QLatin1String("pulling")) {
        if (tool.pullTotalBytes > 0) {
            const qint64 percent = std::clamp<qint64>(tool.pullCurrentBytes * 100 / tool.pullTotalBytes, 0, 100);
            return tr("Starting · pulling the image %1 %").arg(percent);
        }
        return tr("Starting · pulling the image");
    }
    if (tool.deployPhase == QLatin1String("health-check"))
        return tr("Starting · health check");
    if (tool.deployPhase == QLatin1String("connecting"))
        return tr("Starting · waiting for the server");
    return tr("Starting · creating the container");
}

QString ToolsPage::statusShape(const ToolRecord& tool)
{
    if (tool.status != QLatin1String("active") && !tool.deployPhase.isEmpty())
        return QStringLiteral("maintenance"); // amber: on its way
    return statusShape(tool.status);
}

QList<DiscoveredTool> ToolsPage::offeredTools(const ToolRecord& tool)
{
    if (!isBuiltin(tool))
        return tool.discovered;
    DiscoveredTool self;
    self.name = tool.name;
    self.description = tool.description;
    self.inputSchema = tool.inputSchema;
    self.outputSchema = tool.outputSchema;
    return { self };
}

void ToolsPage::reload()
{
    const QList<ToolRecord> tools = m_service->tools();
    const QString selected = m_shownId;
    {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_model->removeRows(0, m_model->rowCount());
        for (const ToolRecord& tool : tools) {
            if (tool.isDeleted)
                continue;
            QList<QStandardItem*> row;
            auto* name = cell(tool.name, tool.name.toLower());
            name->setData(tool.toolId, kToolIdRole);
            name->setToolTip(tool.description);
            row << name;
            row << cell(typeText(tool), isBuiltin(tool) ? 0 : 1);
            row << cell(transportText(tool), transportText(tool));
            auto* where = cell(whereText(tool), whereText(tool).toLower());
            where->setToolTip(whereText(tool));
            row << where;
            auto* status = cell(statusText(tool), tool.status);
            status->setData(statusShape(tool), models::StatusRole);
            if (!tool.lastError.isEmpty())
                status->setToolTip(tool.lastError);
            row << status;
            const qsizetype offered = offeredTools(tool).size();
            auto* count = cell(QLocale().toString(offered), qlonglong(offered));
            count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << count;
            row << cell(checkedText(tool),
                        tool.lastHealthCheck.isValid() ? tool.lastHealthCheck.toMSecsSinceEpoch() : 0);
            m_model->appendRow(row);
        }
        m_model->sort(m_table->horizontalHeader()->sortIndicatorSection(),
                      m_table->horizontalHeader()->sortIndicatorOrder());
    }
    const int mcp = int(
        std::count_if(tools.begin(), tools.end(), [](const ToolRecord& t) { return !isBuiltin(t) && !t.isDeleted; }));
    const int builtin = m_model->rowCount() - mcp;
    m_stack->setCurrentIndex(mcp == 0 ? 0 : 1);
    m_empty->setMessage(builtin > 0 ? tr("MCP servers offer tools such as GitHub, databases or search. Register one "
                                         "by its URL, or by its image to run it here as a container. %n built-in "
                                         "tool(s) are always available.",
                                         nullptr,
                                         builtin)
                                    : tr("MCP servers offer tools such as GitHub, databases or search. Register one "
                                         "by its URL, or by its image to run it here as a container."));
    if (m_model->rowCount() == 0) {
        m_subtitle = tr("Tools your agents can call: MCP servers and built-in tools");
    } else {
        QStringList parts { tr("%n MCP server(s)", nullptr, mcp) };
        if (builtin > 0)
            parts.append(tr("%n built-in", nullptr, builtin));
        const int failing = int(std::count_if(tools.begin(), tools.end(), [](const ToolRecord& t) {
            return t.status == QLatin1String("error") && !t.isDeleted;
        }));
        if (failing > 0)
            parts.append(tr("%n with errors", nullptr, failing));
        m_subtitle = parts.join(QStringLiteral(" · "));
    }
    m_header->setSubtitle(m_subtitle);
    if (!selected.isEmpty() && !selectTool(selected)) {
        m_shownId.clear();
        onSelectionChanged();
    } else if (!selected.isEmpty()) {
        showDetail(selectedTool());
    }
}

QString ToolsPage::selectedToolId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(kToolIdRole).toString();
}

std::optional<ToolRecord> ToolsPage::selectedTool() const
{
    const QString id = selectedToolId();
    if (id.isEmpty())
        return std::nullopt;
    return m_service->tool(id);
}

bool ToolsPage::selectTool(const QString& toolId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, NameColumn);
        if (index.data(kToolIdRole).toString() != toolId)
            continue;
        // One change of selection (select() and setCurrentIndex() would each report one).
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
        return true;
    }
    return false;
}

bool ToolsPage::selectDiscoveredTool(const QString& name)
{
    const auto items = m_discovered->findItems(name, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    m_discovered->setCurrentItem(items.first());
    return true;
}

void ToolsPage::onSelectionChanged()
{
    const auto tool = selectedTool();
    const QString id = tool ? tool->toolId : QString();
    const bool changed = id != m_shownId;
    m_shownId = id;
    showDetail(tool);
    if (changed) {
        m_discovered->setCurrentRow(m_discovered->count() > 0 ? 0 : -1);
        onDiscoveredChanged();
    }
}

void ToolsPage::onDiscoveredChanged()
{
    const auto tool = m_service->tool(m_shownId);
    const QList<DiscoveredTool> offered = tool ? offeredTools(*tool) : QList<DiscoveredTool> {};
    const int row = m_discovered->currentRow();
    if (!tool || row < 0 || row >= offered.size()) {
        m_toolDescription->clear();
        m_toolDescription->setVisible(false);
        m_schema->clear();
        m_tabs->setEnabled(false);
        m_tabs->setVisible(false);
        m_noTools->setVisible(true);
        m_tryIt->clear();
        return;
    }
    const DiscoveredTool& d = offered.at(row);
    m_tabs->setEnabled(true);
    m_tabs->setVisible(true);
    m_noTools->setVisible(false);
    m_toolDescription->setText(d.description);
    m_toolDescription->setVisible(!d.description.isEmpty());
    const QString schema = d.inputSchema.isEmpty()
        ? tr("No input schema: the tool takes no arguments.")
        : QString::fromUtf8(QJsonDocument(d.inputSchema).toJson(QJsonDocument::Indented));
    if (m_schema->toPlainText() != schema) // keeps the scroll position on live updates
        m_schema->setPlainText(schema);
    if (m_tryIt->toolId() != tool->toolId || m_tryIt->toolName() != d.name)
        m_tryIt->setTool(tool->toolId, d);
}

void ToolsPage::updateActions(const std::optional<ToolRecord>& tool)
{
    m_healthAction->setEnabled(tool.has_value());
    const bool container = tool && isContainer(*tool);
    m_restartAction->setEnabled(container);
    m_restartAction->setToolTip(!tool || container ? tr("Restart the server's container")
                                                   : tr("Only servers that run as a container can be restarted"));
    const bool builtin = tool && isBuiltin(*tool);
    m_removeAction->setEnabled(tool && !builtin);
    m_removeAction->setToolTip(builtin ? tr("Built-in tools cannot be removed") : tr("Remove the MCP server (Delete)"));
}

void ToolsPage::showDetail(const std::optional<ToolRecord>& tool)
{
    updateActions(tool);
    if (!tool) {
        m_detailStack->setCurrentIndex(0);
        m_discovered->clear();
        m_tryIt->clear();
        return;
    }
    m_detailStack->setCurrentIndex(1);
    const ToolRecord& t = *tool;
    const QString dash = models::Format::dash();
    m_detailTitle->setText(t.name);
    m_detailTitle->setToolTip(tr("Tool %1").arg(t.toolId));
    m_detailStatus->setText(statusText(t));
    m_errorBox->setVisible(!t.lastError.isEmpty());
    m_error->setText(tr("Last health check failed: %1").arg(t.lastError));

    auto set = [this](const char* key, const QString& value) {
        m_fields.value(QLatin1String(key))->setText(value);
    };
    set("type", typeText(t));
    static const QHash<QString, const char*> categories {
        { QStringLiteral("productivity"), QT_TR_NOOP("Productivity") },
        { QStringLiteral("data"), QT_TR_NOOP("Data") },
        { QStringLiteral("system"), QT_TR_NOOP("System") },
        { QStringLiteral("communication"), QT_TR_NOOP("Communication") },
    };
    set("category", categories.contains(t.category) ? tr(categories.value(t.category)) : t.category);
    set("transport", transportText(t));
    const bool notRunning = t.endpoint.isEmpty() || t.endpoint.startsWith(QLatin1Char('/'));
    set("endpoint", notRunning ? (isContainer(t) ? tr("assigned when the container runs") : dash) : t.endpoint);
    m_form->setRowVisible(m_fields.value(QStringLiteral("image")), isContainer(t));
    m_form->setRowVisible(m_fields.value(QStringLiteral("environment")), isContainer(t));
    set("image", t.port > 0 ? tr("%1 · port %2").arg(t.dockerImage).arg(t.port) : t.dockerImage);
    // Only the names: values may be secrets.
    set("environment", t.environment.isEmpty() ? tr("none") : t.environment.keys().join(QStringLiteral(", ")));
    QString checked = checkedText(t);
    if (t.lastHealthCheck.isValid())
        checked = tr("%1 (%2)").arg(checked, QLocale().toString(t.lastHealthCheck.toLocalTime(), QLocale::ShortFormat));
    set("lastCheck", checked);
    set("description", t.description.isEmpty() ? dash : t.description);

    // The offered tools, keeping the current one when it is still there.
    const QList<DiscoveredTool> offered = offeredTools(t);
    QStringList names;
    for (const DiscoveredTool& d : offered)
        names.append(d.name);
    QStringList shown;
    for (int i = 0; i < m_discovered->count(); ++i)
        shown.append(m_discovered->item(i)->text());
    if (names != shown) {
        const QString current = m_discovered->currentItem() ? m_discovered->currentItem()->text() : QString();
        const QSignalBlocker blocker(m_discovered);
        m_discovered->clear();
        for (const DiscoveredTool& d : offered) {
            auto* item = new QListWidgetItem(d.name, m_discovered);
            item->setToolTip(d.description);
        }
        const int keep = int(names.indexOf(current));
        m_discovered->setCurrentRow(keep >= 0 ? keep : (names.isEmpty() ? -1 : 0));
    }
    if (offered.isEmpty()) {
        auto* none
            = new QListWidgetItem(t.status == QLatin1String("active") ? tr("The server offers no tools.")
                                                                      : tr("No tools listed yet — check its health."),
                                  m_discovered);
        none->setFlags(Qt::NoItemFlags);
    }
    onDiscoveredChanged();
    updateColors();
}

RegisterToolDialog* ToolsPage::openRegisterDialog()
{
    if (!m_registerAction->isEnabled() || !m_registerButton->isEnabled())
        return nullptr;
    auto* dialog = new RegisterToolDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &RegisterToolDialog::toolRegistered, this, [this](const ToolRecord& tool) {
        m_messageBox->setVisible(false);
        selectTool(tool.toolId);
    });
    dialog->show();
    return dialog;
}

void ToolsPage::checkHealthSelected()
{
    const auto tool = selectedTool();
    if (!tool || !m_healthAction->isEnabled())
        return;
    if (auto result = m_service->checkToolHealth(tool->toolId); !result)
        showMessage(tr("Could not check “%1”: %2").arg(tool->name, result.error().message));
}

void ToolsPage::restartSelected()
{
    const auto tool = selectedTool();
    if (!tool || !m_restartAction->isEnabled())
        return;
    if (auto result = m_service->restartTool(tool->toolId); !result)
        showMessage(tr("Could not restart “%1”: %2").arg(tool->name, result.error().message));
}

void ToolsPage::removeSelected()
{
    const auto tool = selectedTool();
    if (!tool || !m_removeAction->isEnabled() || isBuiltin(*tool))
        return;
    const bool confirmed = Theme::confirmDestructive(
        this,
        tr("Remove MCP server"),
        tr("Remove “%1”?").arg(tool->name),
        isContainer(*tool) ? tr("Its container is stopped and removed, and agents can no longer call its tools.")
                           : tr("Agents can no longer call its tools. The server itself keeps running."),
        tr("Remove"));
    if (!confirmed)
        return;
    if (auto result = m_service->removeTool(tool->toolId); !result) {
        const Error& error = result.error();
        showMessage(
            error.code == ErrorCode::Conflict
                ? tr("Could not remove “%1”: %2 Take it away from those agents first.").arg(tool->name, error.message)
                : tr("Could not remove “%1”: %2").arg(tool->name, error.message));
    }
}

bool ToolsPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

bool ToolsPage::isShowingDetail() const
{
    return m_detailStack->currentIndex() == 1;
}

QPushButton* ToolsPage::emptyStateRegisterButton() const
{
    return m_empty->actionButton();
}

QString ToolsPage::messageText() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

QString ToolsPage::detailText(const QString& field) const
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

void ToolsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_messageBox->setVisible(true);
    updateColors();
}

bool ToolsPage::event(QEvent* event)
{
    // File → Add node… owns Ctrl+N for the whole window; while this page has the focus, Ctrl+N
    // registers a server instead (the key press then reaches keyPressEvent).
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (QKeySequence(key->keyCombination()) == m_registerAction->shortcut()) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void ToolsPage::keyPressEvent(QKeyEvent* event)
{
    if (QKeySequence(event->keyCombination()) == m_registerAction->shortcut()) {
        if (m_registerAction->isEnabled())
            m_registerAction->trigger();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ToolsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void ToolsPage::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, subtle);
    colorize(m_toolDescription, subtle);
    const QPixmap alert = Theme::icon(QStringLiteral("alert"), error).pixmap(16, 16);
    colorize(m_message, error);
    m_messageIcon->setPixmap(alert);
    colorize(m_error, error);
    m_errorIcon->setPixmap(alert);
    if (const auto tool = m_service->tool(m_shownId)) {
        const int size = fontMetrics().height() * 2 / 3 + 2;
        m_detailStatusIcon->setPixmap(shapePixmap(statusShape(*tool), size, devicePixelRatioF()));
    }
}

} // namespace aiops::widgets
