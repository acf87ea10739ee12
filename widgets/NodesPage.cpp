#include "widgets/NodesPage.h"

#include "core/controller/NodeService.h"
#include "models/ModelRoles.h"
#include "models/NodeFilterModel.h"
#include "models/NodeTableModel.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/GaugeDelegate.h"
#include "widgets/NodeDetailPanel.h"
#include "widgets/NodeModelCachePanel.h"
#include "widgets/PageHeader.h"
#include "widgets/StatusDelegate.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

std::optional<QString> askForName(QWidget* parent, const QString& currentName)
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        parent, NodesPage::tr("Rename node"), NodesPage::tr("New name:"), QLineEdit::Normal, currentName, &ok);
    if (!ok)
        return std::nullopt;
    return name;
}

bool confirmRemoval(QWidget* parent, const QString& nodeName)
{
    return Theme::confirmDestructive(
        parent,
        NodesPage::tr("Remove node"),
        NodesPage::tr("Remove “%1” from the fleet?").arg(nodeName),
        NodesPage::tr("The controller forgets the node and its history. If its daemon is still "
                      "running with a valid token, it can enroll again."),
        NodesPage::tr("Remove"));
}

} // namespace

NodesPage::NodesPage(controller::NodeService* service, models::NodeTableModel* nodes, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_nodes(nodes)
    , m_filter(new models::NodeFilterModel(this))
    , m_renamePrompt(askForName)
    , m_removeConfirmation(confirmRemoval)
{
    m_filter->setSourceModel(m_nodes);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_header = new PageHeader(tr("Nodes"), {}, this);
    m_addButton = new QPushButton(tr("Add node…"), this);
    Theme::makePrimary(m_addButton, QStringLiteral("add"));
    m_addButton->setObjectName(QStringLiteral("addNodeButton"));
    connect(m_addButton, &QPushButton::clicked, this, &NodesPage::addNodeRequested);
    m_header->addAction(m_addButton);
    layout->addWidget(m_header);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("empty-nodes"), m_stack);
    m_empty->setTitle(tr("No nodes yet — click Add node…"));
    m_empty->setMessage(tr("A node is a GPU machine running the aiops-node daemon. Add one and it shows up here "
                           "as soon as it connects."));
    m_empty->setAction(tr("Add node…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, &NodesPage::addNodeRequested);
    m_stack->addWidget(m_empty);

    auto* content = new QWidget(m_stack);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(Theme::kSpacingM);
    m_stack->addWidget(content);

    // Filters.
    auto* filters = new QHBoxLayout;
    filters->setSpacing(Theme::kSpacingS);
    m_filterEdit = Theme::searchField(tr("Filter by name, ID or host (Ctrl+F)"), 280, content);
    filters->addWidget(m_filterEdit, 1);
    m_statusFilter = new QComboBox(content);
    m_statusFilter->addItem(tr("All statuses"), QString());
    m_statusFilter->addItem(tr("Online"), QStringLiteral("online"));
    m_statusFilter->addItem(tr("Offline"), QStringLiteral("offline"));
    m_statusFilter->addItem(tr("Maintenance"), QStringLiteral("maintenance"));
    m_statusFilter->setAccessibleName(tr("Status filter"));
    filters->addWidget(m_statusFilter);
    filters->addStretch(1);
    contentLayout->addLayout(filters);

    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, m_filterEdit, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(findAction);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &models::NodeFilterModel::setText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatus(m_statusFilter->currentData().toString());
    });

    // Table above, details of the selected node below.
    auto* splitter = new QSplitter(Qt::Vertical, content);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    contentLayout->addWidget(splitter, 1);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_tableStack = new QStackedWidget(tableCard);
    tableLayout->addWidget(m_tableStack);

    m_table = new QTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("nodesTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(models::NodeTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::NodeTableModel::NameColumn, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(models::NodeTableModel::StatusColumn, new StatusDelegate(m_table));
    auto* gauge = new GaugeDelegate(m_table);
    for (const int column : { models::NodeTableModel::VramColumn,
                              models::NodeTableModel::GpuUtilizationColumn,
                              models::NodeTableModel::CpuColumn,
                              models::NodeTableModel::RamColumn })
        m_table->setItemDelegateForColumn(column, gauge);
    m_tableStack->addWidget(m_table);

    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setTitle(tr("No nodes match the filter"));
    m_noMatch->setMessage(tr("Try another name, or show all statuses."));
    m_noMatch->setAction(tr("Clear filter"));
    connect(m_noMatch, &EmptyState::actionTriggered, this, [this] {
        m_filterEdit->clear();
        m_statusFilter->setCurrentIndex(0);
    });
    m_tableStack->addWidget(m_noMatch);

    // The node's details, and the models cached on it in a second tab. A tab bar over a stack rather
    // than a QTabWidget, so the tabs line up with the panels' content.
    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(1, Theme::kSpacingS, 1, 1);
    detailLayout->setSpacing(0);
    m_detailTabs = new QTabBar(detailCard);
    m_detailTabs->setObjectName(QStringLiteral("nodeDetailTabs"));
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->setDrawBase(true);
    m_detailTabs->setExpanding(false);
    auto* tabRow = new QHBoxLayout;
    tabRow->setContentsMargins(Theme::kSpacingL - 1, 0, Theme::kSpacingL - 1, 0);
    tabRow->addWidget(m_detailTabs, 1);
    detailLayout->addLayout(tabRow);
    m_detailStack = new QStackedWidget(detailCard);
    m_detail = new NodeDetailPanel(service, m_detailStack);
    m_detailStack->addWidget(m_detail);
    m_detailTabs->addTab(tr("Overview"));
    m_cachePanel = new NodeModelCachePanel(service, m_detailStack);
    m_detailStack->addWidget(m_cachePanel);
    m_detailTabs->addTab(tr("Models on this node"));
    detailLayout->addWidget(m_detailStack, 1);
    connect(m_detailTabs, &QTabBar::currentChanged, m_detailStack, &QStackedWidget::setCurrentIndex);
    connect(m_cachePanel, &NodeModelCachePanel::modelCountChanged, this, &NodesPage::updateCacheTabTitle);
    detailCard->setMinimumHeight(260);
    tableCard->setMinimumHeight(140);
    splitter->addWidget(tableCard);
    splitter->addWidget(detailCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 280, 420 });

    // Actions.
    m_renameAction = new QAction(Theme::paletteIcon(QStringLiteral("rename"), palette()), tr("Rename…"), this);
    m_renameAction->setShortcut(Qt::Key_F2);
    m_maintenanceAction
        = new QAction(Theme::paletteIcon(QStringLiteral("maintenance"), palette()), tr("Maintenance"), this);
    m_maintenanceAction->setCheckable(true);
    m_maintenanceAction->setToolTip(tr("Toggle maintenance: a node in maintenance gets no new work."));
    m_removeAction = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove…"), this);
    m_removeAction->setShortcut(QKeySequence::Delete);
    for (QAction* action : { m_renameAction, m_maintenanceAction, m_removeAction }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_renameAction, &QAction::triggered, this, &NodesPage::onRenameTriggered);
    connect(m_maintenanceAction, &QAction::triggered, this, &NodesPage::onMaintenanceTriggered);
    connect(m_removeAction, &QAction::triggered, this, &NodesPage::onRemoveTriggered);
    m_detail->setActions({ m_renameAction, m_maintenanceAction, m_removeAction });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NodesPage::onSelectionChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, &NodesPage::onTableContextMenuRequested);
    connect(m_nodes, &QAbstractItemModel::dataChanged, this, &NodesPage::onNodesDataChanged);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_filter, signal, this, &NodesPage::onRowCountChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &NodesPage::onRowCountChanged);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &NodesPage::onRowCountChanged);
    connect(m_nodes, &QAbstractItemModel::rowsInserted, this, &NodesPage::onRowCountChanged);
    connect(m_nodes, &QAbstractItemModel::rowsRemoved, this, &NodesPage::onRowCountChanged);
    connect(m_nodes, &QAbstractItemModel::dataChanged, this, &NodesPage::onRowCountChanged);

    onRowCountChanged();
    onSelectionChanged();
}

NodesPage::~NodesPage() = default;

void NodesPage::setRenamePrompt(RenamePrompt prompt)
{
    m_renamePrompt = std::move(prompt);
}

void NodesPage::setRemoveConfirmation(RemoveConfirmation confirm)
{
    m_removeConfirmation = std::move(confirm);
}

QPushButton* NodesPage::emptyStateAddButton() const
{
    return m_empty->actionButton();
}

bool NodesPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString NodesPage::selectedNodeId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(models::NodeIdRole).toString();
}

bool NodesPage::selectNode(const QString& nodeId)
{
    const int sourceRow = m_nodes->rowOf(nodeId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_nodes->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows | QItemSelectionModel::Current);
    m_table->scrollTo(index);
    return true;
}

void NodesPage::showModelCacheTab()
{
    m_detailTabs->setCurrentIndex(1);
}

void NodesPage::onSelectionChanged()
{
    const QString id = selectedNodeId();
    const auto node = id.isEmpty() ? std::nullopt : m_nodes->nodeAt(m_nodes->rowOf(id));
    m_detail->setNode(node);
    m_cachePanel->setNode(node ? id : QString(), node ? node->record.name : QString());
    // Without a node only the overview's hint makes sense.
    m_detailTabs->setVisible(node.has_value());
    if (!node)
        m_detailTabs->setCurrentIndex(0);
    updateActions();
}

void NodesPage::updateCacheTabTitle(int modelCount)
{
    m_detailTabs->setTabText(m_detailStack->indexOf(m_cachePanel),
                             modelCount > 0 ? tr("Models on this node (%1)").arg(modelCount)
                                            : tr("Models on this node"));
}

void NodesPage::onNodesDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    const int row = m_nodes->rowOf(m_detail->nodeId());
    if (row < 0 || row < topLeft.row() || row > bottomRight.row())
        return;
    if (topLeft.column() == models::NodeTableModel::HeartbeatColumn
        && bottomRight.column() == models::NodeTableModel::HeartbeatColumn)
        return; // only the age refresh; the panel shows the same data
    const auto node = m_nodes->nodeAt(row);
    m_detail->setNode(node);
    // Refreshing also asks a remote service for the node's cache now and then.
    m_cachePanel->setNode(m_detail->nodeId(), node ? node->record.name : QString());
    updateActions();
}

void NodesPage::onRowCountChanged()
{
    const int total = m_nodes->rowCount();
    int online = 0;
    for (int row = 0; row < total; ++row) {
        if (m_nodes->index(row, 0).data(models::StatusRole).toString() == QLatin1String("online"))
            ++online;
    }
    m_header->setSubtitle(total == 0 ? tr("GPU machines managed by this controller")
                                     : tr("%n node(s)", nullptr, total) + QStringLiteral(" · ")
                                  + tr("%n online", nullptr, online));
    m_stack->setCurrentIndex(total == 0 ? 0 : 1);
    m_tableStack->setCurrentIndex(total > 0 && m_filter->rowCount() == 0 ? 1 : 0);
    if (!m_detail->nodeId().isEmpty() && m_nodes->rowOf(m_detail->nodeId()) < 0)
        onSelectionChanged();
}

void NodesPage::updateActions()
{
    const QString id = selectedNodeId();
    const bool has = !id.isEmpty();
    for (QAction* action : { m_renameAction, m_maintenanceAction, m_removeAction })
        action->setEnabled(has);
    const auto node = has ? m_nodes->nodeAt(m_nodes->rowOf(id)) : std::nullopt;
    const bool inMaintenance = node && node->record.status == QLatin1String("maintenance");
    m_maintenanceAction->setChecked(inMaintenance);
    m_maintenanceAction->setText(inMaintenance ? tr("End maintenance") : tr("Maintenance"));
}

void NodesPage::onRenameTriggered()
{
    const QString id = selectedNodeId();
    const auto node = m_nodes->nodeAt(m_nodes->rowOf(id));
    if (!node)
        return;
    const auto name = m_renamePrompt(this, node->record.name);
    if (!name || name->trimmed().isEmpty() || name->trimmed() == node->record.name)
        return;
    m_service->renameNode(id, name->trimmed());
}

void NodesPage::onMaintenanceTriggered()
{
    const QString id = selectedNodeId();
    const auto node = m_nodes->nodeAt(m_nodes->rowOf(id));
    if (!node)
        return;
    m_service->setMaintenance(id, node->record.status != QLatin1String("maintenance"));
    updateActions(); // the checked state follows the node, not the click
}

void NodesPage::onRemoveTriggered()
{
    const QString id = selectedNodeId();
    const auto node = m_nodes->nodeAt(m_nodes->rowOf(id));
    if (!node)
        return;
    if (!m_removeConfirmation(this, node->record.name.isEmpty() ? id : node->record.name))
        return;
    m_service->removeNode(id);
}

void NodesPage::onTableContextMenuRequested(const QPoint& pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_renameAction);
    menu.addAction(m_maintenanceAction);
    menu.addSeparator();
    menu.addAction(m_removeAction);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace aiops::widgets
