#pragma once

#include "core/nodes/NodeInfo.h"

#include <QWidget>
#include <functional>
#include <optional>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QStackedWidget;
class QTableView;

namespace aiops::controller {
class NodeService;
}
namespace aiops::models {
class GpuTableModel;
}

namespace aiops::widgets {

class StatusBadge;

// Everything about one node: identity, status, resources, GPUs, configuration and its actions.
class NodeDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeDetailPanel)
public:
    explicit NodeDetailPanel(controller::NodeService* service, QWidget* parent = nullptr);
    ~NodeDetailPanel() override;

    void setNode(const std::optional<nodes::NodeInfo>& node);
    void setActions(const QList<QAction*>& actions);
    void setClock(std::function<qint64()> nowMs);

    QString nodeId() const { return m_nodeId; }
    QString titleText() const;
    QTableView* gpuTable() const { return m_gpuTable; }
    models::GpuTableModel* gpuModel() const { return m_gpuModel; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColors();
    void updateGpuTableHeight();
    QLabel* addField(const QString& label);

    controller::NodeService* m_service;
    std::function<qint64()> m_nowMs;
    QString m_nodeId;
    QStackedWidget* m_stack;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    StatusBadge* m_badge = nullptr;
    QHBoxLayout* m_actionRow = nullptr;
    QFormLayout* m_form = nullptr;
    QLabel* m_idValue = nullptr;
    QLabel* m_heartbeatValue = nullptr;
    QLabel* m_cpuValue = nullptr;
    QLabel* m_ramValue = nullptr;
    QLabel* m_diskValue = nullptr;
    QLabel* m_localValue = nullptr;
    QTableView* m_gpuTable = nullptr;
    QLabel* m_noGpus = nullptr;
    models::GpuTableModel* m_gpuModel = nullptr;
    QFormLayout* m_configForm = nullptr;
    QLabel* m_noConfig = nullptr;
    QList<QLabel*> m_captions;
};

} // namespace aiops::widgets
