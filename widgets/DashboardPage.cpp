#include "widgets/DashboardPage.h"

#include "core/controller/NodeService.h"
#include "models/FleetSummary.h"
#include "models/Format.h"
#include "models/GpuTableModel.h"
#include "models/ModelRoles.h"
#include "models/NodeTableModel.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/GaugeDelegate.h"
#include "widgets/PageHeader.h"
#include "widgets/SummaryCard.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

} // namespace

DashboardPage::DashboardPage(controller::NodeService* service,
                             models::FleetSummary* summary,
                             models::NodeTableModel* nodes,
                             models::GpuTableModel* gpus,
                             QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_summary(summary)
    , m_nodes(nodes)
    , m_gpus(gpus)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    auto* header = new PageHeader(tr("Dashboard"), tr("Live view of your GPU fleet"), this);
    auto* addButton = new QPushButton(tr("Add node…"), this);
    Theme::makePrimary(addButton, QStringLiteral("add"));
    connect(addButton, &QPushButton::clicked, this, &DashboardPage::addNodeRequested);
    header->addAction(addButton);
    layout->addWidget(header);

    m_stack = new QStackedWidget(this);
    m_empty = new EmptyState(QStringLiteral("empty-nodes"), m_stack);
    m_empty->setTitle(tr("No nodes yet — click Add node…"));
    m_empty->setMessage(tr("Add a GPU machine to see its GPUs, memory and load here. The dialog shows the "
                           "one-line command to run on the machine."));
    m_empty->setAction(tr("Add node…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, &DashboardPage::addNodeRequested);
    m_stack->addWidget(m_empty);

    auto* scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(buildOverview());
    scroll->viewport()->setAutoFillBackground(false);
    scroll->widget()->setAutoFillBackground(false);
    m_stack->addWidget(scroll);
    layout->addWidget(m_stack, 1);

    m_refreshTimer.setInterval(kChartRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardPage::refreshCharts);
    connect(m_summary, &models::FleetSummary::changed, this, &DashboardPage::onSummaryChanged);
    onSummaryChanged();
}

DashboardPage::~DashboardPage() = default;

QWidget* DashboardPage::buildOverview()
{
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingL);

    auto* cards = new QHBoxLayout;
    cards->setSpacing(Theme::kSpacingL);
    m_nodesCard = new SummaryCard(QStringLiteral("nodes"), tr("Nodes online"), content);
    m_gpusCard = new SummaryCard(QStringLiteral("gpu"), tr("GPUs"), content);
    m_vramCard = new SummaryCard(QStringLiteral("chart"), tr("VRAM free"), content);
    m_utilCard = new SummaryCard(QStringLiteral("dashboard"), tr("Average GPU utilization"), content);
    for (SummaryCard* card : { m_nodesCard, m_gpusCard, m_vramCard, m_utilCard })
        cards->addWidget(card, 1);
    layout->addLayout(cards);

    // Every GPU of the fleet.
    auto* gpuCard = new Card(content);
    auto* gpuLayout = new QVBoxLayout(gpuCard);
    gpuLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingL);
    gpuLayout->setSpacing(Theme::kSpacingS);
    gpuLayout->addWidget(Theme::sectionTitle(tr("GPUs"), gpuCard));
    auto* gpuProxy = new QSortFilterProxyModel(this);
    gpuProxy->setSourceModel(m_gpus);
    gpuProxy->setSortRole(models::SortRole);
    m_gpuTable = new QTableView(gpuCard);
    m_gpuTable->setObjectName(QStringLiteral("dashboardGpuTable"));
    m_gpuTable->setModel(gpuProxy);
    m_gpuTable->setSortingEnabled(true);
    m_gpuTable->sortByColumn(-1, Qt::AscendingOrder);
    m_gpuTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_gpuTable->setFocusPolicy(Qt::NoFocus);
    m_gpuTable->setShowGrid(false);
    m_gpuTable->setAlternatingRowColors(false);
    m_gpuTable->setFrameShape(QFrame::NoFrame);
    m_gpuTable->verticalHeader()->setVisible(false);
    m_gpuTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_gpuTable->horizontalHeader()->setHighlightSections(false);
    m_gpuTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_gpuTable->horizontalHeader()->setSectionResizeMode(models::GpuTableModel::DeviceColumn,
                                                         QHeaderView::ResizeToContents);
    m_gpuTable->horizontalHeader()->setSectionResizeMode(models::GpuTableModel::ModelColumn,
                                                         QHeaderView::ResizeToContents);
    auto* gauge = new GaugeDelegate(m_gpuTable);
    for (const int column : { models::GpuTableModel::UtilizationColumn,
                              models::GpuTableModel::MemoryColumn,
                              models::GpuTableModel::TemperatureColumn })
        m_gpuTable->setItemDelegateForColumn(column, gauge);
    m_gpuTable->setMinimumHeight(m_gpuTable->verticalHeader()->defaultSectionSize() * 4 + 32);
    m_gpuStack = new QStackedWidget(gpuCard);
    m_gpuStack->addWidget(m_gpuTable);
    m_noGpus = new EmptyState(QStringLiteral("gpu"), m_gpuStack);
    m_noGpus->setCompact(true);
    m_noGpus->setTitle(tr("No GPUs reported"));
    m_noGpus->setMessage(tr("The connected nodes report no GPUs. CPU, RAM and disk metrics are still collected."));
    m_gpuStack->addWidget(m_noGpus);
    gpuLayout->addWidget(m_gpuStack);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_gpus, signal, this, &DashboardPage::onGpuRowsChanged);
    connect(m_gpus, &QAbstractItemModel::modelReset, this, &DashboardPage::onGpuRowsChanged);
    layout->addWidget(gpuCard, 1);

    // Live charts for one node.
    auto* chartCard = new Card(content);
    auto* chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingL);
    chartLayout->setSpacing(Theme::kSpacingS);
    auto* chartHeader = new QHBoxLayout;
    chartHeader->setSpacing(Theme::kSpacingS);
    chartHeader->addWidget(Theme::sectionTitle(tr("Node metrics · last 10 minutes"), chartCard));
    chartHeader->addStretch(1);
    auto* nodeLabel = new QLabel(tr("Node:"), chartCard);
    chartHeader->addWidget(nodeLabel);
    m_nodeSelector = new QComboBox(chartCard);
    m_nodeSelector->setModel(m_nodes);
    m_nodeSelector->setModelColumn(models::NodeTableModel::NameColumn);
    m_nodeSelector->setMinimumContentsLength(16);
    m_nodeSelector->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    nodeLabel->setBuddy(m_nodeSelector);
    chartHeader->addWidget(m_nodeSelector);
    chartLayout->addLayout(chartHeader);

    auto* charts = new QHBoxLayout;
    charts->setSpacing(Theme::kSpacingM);
    m_systemChart = new HistoryChart(tr("CPU, RAM and disk"), chartCard);
    m_gpuUtilChart = new HistoryChart(tr("GPU utilization"), chartCard);
    m_gpuMemoryChart = new HistoryChart(tr("GPU memory"), chartCard);
    for (HistoryChart* chart : { m_systemChart, m_gpuUtilChart, m_gpuMemoryChart }) {
        chart->setEmptyText(tr("Waiting for samples…"));
        charts->addWidget(chart, 1);
    }
    chartLayout->addLayout(charts, 1);
    layout->addWidget(chartCard, 2);

    connect(m_nodeSelector, &QComboBox::currentIndexChanged, this, &DashboardPage::onNodeSelectionChanged);
    onGpuRowsChanged();
    return content;
}

void DashboardPage::onGpuRowsChanged()
{
    m_gpuStack->setCurrentIndex(m_gpus->rowCount() > 0 ? 0 : 1);
}

bool DashboardPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

bool DashboardPage::isShowingNoGpusHint() const
{
    return m_gpuStack->currentWidget() == m_noGpus;
}

void DashboardPage::onSummaryChanged()
{
    const auto& s = *m_summary;
    m_stack->setCurrentIndex(s.nodesTotal() == 0 ? 0 : 1);

    m_nodesCard->setValue(QString::number(s.nodesOnline()));
    QStringList detail { tr("of %n node(s)", nullptr, s.nodesTotal()) };
    if (s.nodesOffline() > 0)
        detail << tr("%n offline", nullptr, s.nodesOffline());
    if (s.nodesMaintenance() > 0)
        detail << tr("%n in maintenance", nullptr, s.nodesMaintenance());
    m_nodesCard->setDetail(detail.join(QStringLiteral(" · ")));

    m_gpusCard->setValue(QString::number(s.gpuCount()));
    m_gpusCard->setDetail(s.gpuCount() > 0 ? tr("on reachable nodes") : tr("No GPUs reported"));

    if (s.vramTotalMb() > 0) {
        m_vramCard->setValue(models::Format::mebibytes(s.vramFreeMb()));
        m_vramCard->setDetail(tr("of %1 total").arg(models::Format::mebibytes(s.vramTotalMb())));
        m_vramCard->setFraction(double(s.vramTotalMb() - s.vramFreeMb()) / double(s.vramTotalMb()));
    } else {
        m_vramCard->setValue(models::Format::dash());
        m_vramCard->setDetail(tr("No GPU memory reported"));
        m_vramCard->setFraction(std::nullopt);
    }

    if (s.avgGpuUtilization() >= 0) {
        m_utilCard->setValue(models::Format::percent(s.avgGpuUtilization()));
        m_utilCard->setDetail(tr("across %n GPU(s)", nullptr, s.gpuCount()));
        m_utilCard->setFraction(s.avgGpuUtilization() / 100.0);
    } else {
        m_utilCard->setValue(models::Format::dash());
        m_utilCard->setDetail(tr("No GPUs reported"));
        m_utilCard->setFraction(std::nullopt);
    }
}

QString DashboardPage::selectedNodeId() const
{
    return m_nodeSelector->currentData(models::NodeIdRole).toString();
}

void DashboardPage::selectNode(const QString& nodeId)
{
    const int row = m_nodes->rowOf(nodeId);
    if (row >= 0)
        m_nodeSelector->setCurrentIndex(row);
}

void DashboardPage::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

void DashboardPage::onNodeSelectionChanged()
{
    refreshCharts();
}

void DashboardPage::refreshCharts()
{
    const qint64 now = m_nowMs();
    const qint64 from = now - kHistoryWindowMs;
    const QString nodeId = selectedNodeId();
    const auto node = nodeId.isEmpty() ? std::nullopt : m_service->node(nodeId);
    if (!node) {
        for (HistoryChart* chart : { m_systemChart, m_gpuUtilChart, m_gpuMemoryChart })
            chart->setSeries({}, from, now);
        return;
    }

    HistoryChart::Series cpu { tr("CPU"), {} };
    HistoryChart::Series ram { tr("RAM"), {} };
    HistoryChart::Series disk { tr("Disk"), {} };
    for (const auto& p : m_service->nodeHistory(nodeId, from)) {
        const auto t = qreal(p.tMs);
        if (p.cpuUtilization >= 0)
            cpu.points.append({ t, p.cpuUtilization });
        ram.points.append({ t, p.ramUsedPercent });
        disk.points.append({ t, p.diskUsedPercent });
    }
    m_systemChart->setSeries({ cpu, ram, disk }, from, now);

    QList<HistoryChart::Series> util;
    QList<HistoryChart::Series> memory;
    qint64 maxMemoryMb = 0;
    for (const auto& gpu : node->record.gpuDevices) {
        const QString name = tr("GPU %1").arg(gpu.deviceId);
        HistoryChart::Series u { name, {} };
        HistoryChart::Series m { name, {} };
        for (const auto& p : m_service->gpuHistory(nodeId, gpu.deviceId, from)) {
            u.points.append({ qreal(p.tMs), p.utilization });
            m.points.append({ qreal(p.tMs), p.memoryUsedMb / 1024.0 });
        }
        util.append(u);
        memory.append(m);
        maxMemoryMb = std::max(maxMemoryMb, gpu.memoryTotal);
    }
    m_gpuUtilChart->setEmptyText(node->record.gpuDevices.isEmpty() ? tr("This node has no GPUs")
                                                                   : tr("Waiting for samples…"));
    m_gpuMemoryChart->setEmptyText(node->record.gpuDevices.isEmpty() ? tr("This node has no GPUs")
                                                                     : tr("Waiting for samples…"));
    m_gpuUtilChart->setSeries(util, from, now);
    // At least 4 GiB so that the five axis labels stay distinct whole numbers.
    m_gpuMemoryChart->setValueRange(
        0, std::max(4.0, std::ceil(double(maxMemoryMb) / 1024.0)), QStringLiteral("%.0f GiB"));
    m_gpuMemoryChart->setSeries(memory, from, now);
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshCharts();
    m_refreshTimer.start();
}

void DashboardPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer.stop();
}

} // namespace aiops::widgets
