#include "widgets/NodeDetailPanel.h"

#include "models/Format.h"
#include "models/GpuTableModel.h"
#include "widgets/GaugeDelegate.h"
#include "widgets/StatusBadge.h"
#include "widgets/Theme.h"

#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

QString jsonValueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QLocale().toString(value.toDouble());
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default: return models::Format::dash();
    }
}

} // namespace

NodeDetailPanel::NodeDetailPanel(controller::NodeService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_stack(new QStackedWidget(this))
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    auto* placeholder = new QLabel(tr("Select a node to see its GPUs, configuration and last heartbeat."), m_stack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL);
    m_captions.append(placeholder);
    m_stack->addWidget(placeholder);

    auto* scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);
    auto* content = new QWidget;
    content->setAutoFillBackground(false);
    scroll->setWidget(content);
    m_stack->addWidget(scroll);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_title = new QLabel(content);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_title);
    m_badge = new StatusBadge(content);
    titleRow->addWidget(m_badge, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);
    m_actionRow = new QHBoxLayout;
    m_actionRow->setSpacing(Theme::kSpacingS);
    titleRow->addLayout(m_actionRow);
    layout->addLayout(titleRow);
    m_subtitle = new QLabel(content);
    m_captions.append(m_subtitle);
    layout->addWidget(m_subtitle);
    layout->addSpacing(Theme::kSpacingS);

    // Facts and configuration on the left, the node's GPUs on the right.
    auto* body = new QHBoxLayout;
    body->setSpacing(Theme::kSpacingXL);
    layout->addLayout(body, 1);
    auto* left = new QVBoxLayout;
    left->setSpacing(Theme::kSpacingS);
    body->addLayout(left, 2);
    auto* right = new QVBoxLayout;
    right->setSpacing(Theme::kSpacingS);
    body->addLayout(right, 3);

    m_form = new QFormLayout;
    m_form->setHorizontalSpacing(Theme::kSpacingL);
    m_form->setVerticalSpacing(Theme::kSpacingS);
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    left->addLayout(m_form);
    m_idValue = addField(tr("Node ID"));
    m_heartbeatValue = addField(tr("Last heartbeat"));
    m_cpuValue = addField(tr("CPU"));
    m_ramValue = addField(tr("RAM"));
    m_diskValue = addField(tr("Disk"));
    m_localValue = addField(tr("Location"));

    left->addSpacing(Theme::kSpacingM);
    left->addWidget(Theme::sectionTitle(tr("Configuration"), content, 1.0));
    m_configForm = new QFormLayout;
    m_configForm->setHorizontalSpacing(Theme::kSpacingL);
    m_configForm->setVerticalSpacing(Theme::kSpacingS);
    left->addLayout(m_configForm);
    m_noConfig = new QLabel(tr("The node has not reported any configuration."), content);
    m_noConfig->setWordWrap(true);
    m_captions.append(m_noConfig);
    left->addWidget(m_noConfig);
    left->addStretch(1);

    right->addWidget(Theme::sectionTitle(tr("GPUs"), content, 1.0));
    m_gpuTable = new QTableView(content);
    m_gpuTable->setObjectName(QStringLiteral("nodeGpuTable"));
    m_gpuTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_gpuTable->setFocusPolicy(Qt::NoFocus);
    m_gpuTable->setShowGrid(false);
    m_gpuTable->setFrameShape(QFrame::NoFrame);
    m_gpuTable->verticalHeader()->setVisible(false);
    m_gpuTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 20);
    m_gpuTable->horizontalHeader()->setHighlightSections(false);
    m_gpuTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* gauge = new GaugeDelegate(m_gpuTable);
    for (const int column : { models::GpuTableModel::UtilizationColumn,
                              models::GpuTableModel::MemoryColumn,
                              models::GpuTableModel::TemperatureColumn })
        m_gpuTable->setItemDelegateForColumn(column, gauge);
    m_gpuTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_gpuTable->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    right->addWidget(m_gpuTable);
    m_noGpus = new QLabel(tr("No GPUs reported — this is a CPU node."), content);
    m_captions.append(m_noGpus);
    right->addWidget(m_noGpus);
    right->addStretch(1);

    updateColors();
    setNode(std::nullopt);
}

NodeDetailPanel::~NodeDetailPanel() = default;

QLabel* NodeDetailPanel::addField(const QString& label)
{
    auto* caption = new QLabel(label, this);
    m_captions.append(caption);
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(caption, value);
    return value;
}

void NodeDetailPanel::setActions(const QList<QAction*>& actions)
{
    for (QAction* action : actions) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(false);
        m_actionRow->addWidget(button);
    }
}

void NodeDetailPanel::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

QString NodeDetailPanel::titleText() const
{
    return m_title->text();
}

void NodeDetailPanel::setNode(const std::optional<nodes::NodeInfo>& node)
{
    if (!node) {
        m_nodeId.clear();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    m_nodeId = node->nodeId();
    const auto& r = node->record;
    m_title->setText(r.name.isEmpty() ? r.nodeId : r.name);
    m_badge->setStatus(r.status);
    QStringList sub;
    if (!node->hostname.isEmpty())
        sub << node->hostname;
    if (!node->version.isEmpty())
        sub << tr("daemon %1").arg(node->version);
    if (!r.vpnIp.isEmpty())
        sub << r.vpnIp;
    m_subtitle->setText(sub.isEmpty() ? tr("Not connected yet") : sub.join(QStringLiteral(" · ")));
    m_subtitle->setVisible(true);

    m_idValue->setText(r.nodeId);
    if (node->lastHeartbeatMs > 0) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(node->lastHeartbeatMs);
        m_heartbeatValue->setText(tr("%1 (%2)").arg(models::Format::heartbeat(node->lastHeartbeatMs, m_nowMs()),
                                                    QLocale().toString(at, QLocale::ShortFormat)));
    } else {
        m_heartbeatValue->setText(models::Format::heartbeat(0, m_nowMs()));
    }
    QStringList cpu;
    if (r.cpuCores > 0)
        cpu << tr("%n core(s)", nullptr, r.cpuCores);
    if (node->cpuUtilization >= 0)
        cpu << tr("%1 busy").arg(models::Format::percent(node->cpuUtilization));
    if (node->loadAverage >= 0)
        cpu << tr("load %1").arg(QLocale().toString(node->loadAverage, 'f', 2));
    m_cpuValue->setText(cpu.isEmpty() ? models::Format::dash() : cpu.join(QStringLiteral(" · ")));
    m_ramValue->setText(models::Format::usedOfTotal(r.ramTotal - r.ramFree, r.ramTotal));
    m_diskValue->setText(models::Format::usedOfTotal(node->diskTotal - node->diskFree, node->diskTotal));
    m_localValue->setText(r.isLocal ? tr("This computer (local node)") : tr("Remote machine"));

    if (!m_gpuModel) {
        // Created with the first node so that it never tracks the whole fleet.
        m_gpuModel = new models::GpuTableModel(m_service, this);
        m_gpuModel->setNodeFilter(m_nodeId);
        m_gpuTable->setModel(m_gpuModel);
        for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
            connect(m_gpuModel, signal, this, &NodeDetailPanel::updateGpuTableHeight);
        connect(m_gpuModel, &QAbstractItemModel::modelReset, this, &NodeDetailPanel::updateGpuTableHeight);
        m_gpuTable->setColumnHidden(models::GpuTableModel::NodeColumn, true);
        m_gpuTable->horizontalHeader()->setSectionResizeMode(models::GpuTableModel::DeviceColumn,
                                                             QHeaderView::ResizeToContents);
        m_gpuTable->horizontalHeader()->setSectionResizeMode(models::GpuTableModel::ModelColumn,
                                                             QHeaderView::ResizeToContents);
    }
    m_gpuModel->setNodeFilter(m_nodeId);
    updateGpuTableHeight();
    m_gpuTable->setVisible(!r.gpuDevices.isEmpty());
    m_noGpus->setVisible(r.gpuDevices.isEmpty());

    while (m_configForm->rowCount() > 0)
        m_configForm->removeRow(0);
    QStringList keys = r.config.keys();
    keys.sort();
    for (const QString& key : keys) {
        auto* caption = new QLabel(key, this);
        QPalette p = caption->palette();
        p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
        caption->setPalette(p);
        auto* value = new QLabel(jsonValueText(r.config.value(key)), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        m_configForm->addRow(caption, value);
    }
    m_noConfig->setVisible(keys.isEmpty());
}

void NodeDetailPanel::updateGpuTableHeight()
{
    // As tall as its rows: the panel scrolls as a whole instead of the table inside it.
    const int rows = m_gpuModel ? m_gpuModel->rowCount() : 0;
    m_gpuTable->setFixedHeight(m_gpuTable->horizontalHeader()->sizeHint().height()
                               + rows * m_gpuTable->verticalHeader()->defaultSectionSize()
                               + 2 * m_gpuTable->frameWidth() + 2);
}

void NodeDetailPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void NodeDetailPanel::updateColors()
{
    for (QLabel* label : std::as_const(m_captions)) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
        label->setPalette(p);
    }
}

} // namespace aiops::widgets
