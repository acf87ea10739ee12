#pragma once

#include "widgets/HistoryChart.h"

#include <QTimer>
#include <QWidget>
#include <functional>

class QComboBox;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace aiops::controller {
class NodeService;
}
namespace aiops::models {
class FleetSummary;
class GpuTableModel;
class NodeTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class EmptyState;
class SummaryCard;

// Fleet overview: summary cards, every GPU with its load, and live charts for one node.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)
public:
    static constexpr qint64 kHistoryWindowMs = 10 * 60 * 1000;
    static constexpr int kChartRefreshMs = 1000;

    DashboardPage(controller::NodeService* service,
                  models::FleetSummary* summary,
                  models::NodeTableModel* nodes,
                  models::GpuTableModel* gpus,
                  QWidget* parent = nullptr);
    ~DashboardPage() override;

    QString selectedNodeId() const;
    void selectNode(const QString& nodeId);
    // Reads the selected node's history and redraws the charts (the page does this every second
    // while it is visible).
    void refreshCharts();
    void setClock(std::function<qint64()> nowMs);

    SummaryCard* nodesCard() const { return m_nodesCard; }
    SummaryCard* gpusCard() const { return m_gpusCard; }
    SummaryCard* vramCard() const { return m_vramCard; }
    SummaryCard* utilizationCard() const { return m_utilCard; }
    HistoryChart* systemChart() const { return m_systemChart; }
    HistoryChart* gpuUtilizationChart() const { return m_gpuUtilChart; }
    HistoryChart* gpuMemoryChart() const { return m_gpuMemoryChart; }
    QTableView* gpuTable() const { return m_gpuTable; }
    bool isShowingEmptyState() const;
    bool isShowingNoGpusHint() const;

Q_SIGNALS:
    void addNodeRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onSummaryChanged();
    void onNodeSelectionChanged();
    void onGpuRowsChanged();
    QWidget* buildOverview();

    controller::NodeService* m_service;
    models::FleetSummary* m_summary;
    models::NodeTableModel* m_nodes;
    models::GpuTableModel* m_gpus;
    std::function<qint64()> m_nowMs;

    QStackedWidget* m_stack = nullptr;
    EmptyState* m_empty = nullptr;
    SummaryCard* m_nodesCard = nullptr;
    SummaryCard* m_gpusCard = nullptr;
    SummaryCard* m_vramCard = nullptr;
    SummaryCard* m_utilCard = nullptr;
    QTableView* m_gpuTable = nullptr;
    QStackedWidget* m_gpuStack = nullptr;
    EmptyState* m_noGpus = nullptr;
    QComboBox* m_nodeSelector = nullptr;
    HistoryChart* m_systemChart = nullptr;
    HistoryChart* m_gpuUtilChart = nullptr;
    HistoryChart* m_gpuMemoryChart = nullptr;
    QTimer m_refreshTimer;
};

} // namespace aiops::widgets
