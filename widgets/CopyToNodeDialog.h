#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace aiops::controller {
class NodeService;
}

namespace aiops::widgets {

// Picks an online node to copy (prefetch) a model to: each node with its free cache space; nodes
// that already hold the model are listed but cannot be picked. The caller sends the request on
// accept (selectedNodeId()).
class CopyToNodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyToNodeDialog)
public:
    // sizeMb: the model's size in decimal MB as the registry states it (0 when unknown).
    CopyToNodeDialog(controller::NodeService* service,
                     const QString& modelId,
                     const QString& modelName,
                     qint64 sizeMb,
                     QWidget* parent = nullptr);
    ~CopyToNodeDialog() override;

    QString selectedNodeId() const;
    bool selectNode(const QString& nodeId); // false when not listed or not selectable
    QComboBox* nodeCombo() const { return m_nodes; }
    QPushButton* copyButton() const { return m_copy; }
    QString hintText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void populate();
    void updateHint();

    controller::NodeService* m_service;
    QString m_modelId;
    qint64 m_sizeMib = 0;
    QLabel* m_intro = nullptr;
    QComboBox* m_nodes = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_copy = nullptr;
    bool m_hintIsWarning = false;
};

} // namespace aiops::widgets
