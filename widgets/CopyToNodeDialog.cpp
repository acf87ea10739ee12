#include "widgets/CopyToNodeDialog.h"

#include "core/controller/NodeService.h"
#include "models/Format.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr int kFreeMibRole = Qt::UserRole + 1; // -1: the node has not reported its cache
constexpr int kCachedRole = Qt::UserRole + 2;

} // namespace

CopyToNodeDialog::CopyToNodeDialog(controller::NodeService* service,
                                   const QString& modelId,
                                   const QString& modelName,
                                   qint64 sizeMb,
                                   QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_modelId(modelId)
    , m_sizeMib(sizeMb * 1000 * 1000 / (1024 * 1024))
{
    setWindowTitle(tr("Copy to node"));
    setObjectName(QStringLiteral("copyToNodeDialog"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = Theme::sectionTitle(tr("Copy “%1” to a node").arg(modelName.isEmpty() ? modelId : modelName), this);
    title->setWordWrap(true);
    layout->addWidget(title);
    m_intro = new QLabel(tr("The node downloads the model into its cache now, so a deployment there starts "
                            "without waiting for the download."),
                         this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    layout->addSpacing(Theme::kSpacingS);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingL);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_nodes = new QComboBox(this);
    m_nodes->setObjectName(QStringLiteral("copyToNodeCombo"));
    m_nodes->setMinimumWidth(320);
    m_nodes->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    form->addRow(tr("&Node:"), m_nodes);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("copyToNodeHint"));
    m_hint->setWordWrap(true);
    form->addRow(QString(), m_hint);
    layout->addLayout(form);
    layout->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_copy = buttons->addButton(tr("Copy to node"), QDialogButtonBox::AcceptRole);
    m_copy->setObjectName(QStringLiteral("copyToNodeButton"));
    Theme::makePrimary(m_copy, QStringLiteral("copy"));
    m_copy->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(buttons);

    connect(m_nodes, &QComboBox::currentIndexChanged, this, &CopyToNodeDialog::updateHint);
    populate();
    updateHint();
    setMinimumWidth(480);
}

CopyToNodeDialog::~CopyToNodeDialog() = default;

void CopyToNodeDialog::populate()
{
    m_nodes->clear();
    if (!m_service)
        return;
    auto* model = qobject_cast<QStandardItemModel*>(m_nodes->model());
    int firstPickable = -1;
    for (const nodes::NodeInfo& node : m_service->nodes()) {
        if (node.record.status != QLatin1String("online"))
            continue;
        const QString name = node.record.name.isEmpty() ? node.nodeId() : node.record.name;
        const auto cache = m_service->modelCache(node.nodeId());
        const bool reported = cache && cache->hasReported();
        const bool cached = cache && cache->contains(m_modelId);
        QString text;
        if (cached)
            text = tr("%1 — already cached").arg(name);
        else if (reported && cache->capacityMb > 0)
            text = tr("%1 — %2 free").arg(name, models::Format::mebibytes(cache->freeMb()));
        else if (reported)
            text = tr("%1 — no size limit").arg(name);
        else
            text = tr("%1 — cache not reported yet").arg(name);
        m_nodes->addItem(text, node.nodeId());
        const int row = m_nodes->count() - 1;
        m_nodes->setItemData(row, reported && cache->capacityMb > 0 ? cache->freeMb() : qint64(-1), kFreeMibRole);
        m_nodes->setItemData(row, cached, kCachedRole);
        m_nodes->setItemData(row, node.nodeId(), Qt::ToolTipRole);
        if (cached) {
            if (QStandardItem* item = model ? model->item(row) : nullptr)
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        } else if (firstPickable < 0) {
            firstPickable = row;
        }
    }
    m_nodes->setCurrentIndex(firstPickable >= 0 ? firstPickable : 0);
}

QString CopyToNodeDialog::selectedNodeId() const
{
    if (m_nodes->currentIndex() < 0 || m_nodes->currentData(kCachedRole).toBool())
        return {};
    return m_nodes->currentData().toString();
}

bool CopyToNodeDialog::selectNode(const QString& nodeId)
{
    const int row = m_nodes->findData(nodeId);
    if (row < 0 || m_nodes->itemData(row, kCachedRole).toBool())
        return false;
    m_nodes->setCurrentIndex(row);
    return true;
}

QString CopyToNodeDialog::hintText() const
{
    return m_hint->text();
}

void CopyToNodeDialog::updateHint()
{
    m_hintIsWarning = false;
    if (m_nodes->count() == 0) {
        m_hint->setText(tr("No node is online. Start a node's daemon, then try again."));
        m_hintIsWarning = true;
    } else if (m_nodes->currentData(kCachedRole).toBool()) {
        m_hint->setText(tr("This node already has the model."));
    } else {
        const qint64 free = m_nodes->currentData(kFreeMibRole).toLongLong();
        if (free >= 0 && m_sizeMib > 0 && m_sizeMib > free) {
            m_hint->setText(tr("Needs %1 but only %2 is free: the node evicts models it has not used recently "
                               "to make room.")
                                .arg(models::Format::mebibytes(m_sizeMib), models::Format::mebibytes(free)));
            m_hintIsWarning = true;
        } else if (m_sizeMib > 0) {
            m_hint->setText(tr("Downloads %1 to the node.").arg(models::Format::mebibytes(m_sizeMib)));
        } else {
            m_hint->clear();
        }
    }
    m_copy->setEnabled(!selectedNodeId().isEmpty());
    QPalette p = m_hint->palette();
    p.setColor(QPalette::WindowText, m_hintIsWarning ? Theme::warningText(palette()) : Theme::subtleText(palette()));
    m_hint->setPalette(p);
    QPalette intro = m_intro->palette();
    intro.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_intro->setPalette(intro);
}

void CopyToNodeDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateHint();
}

} // namespace aiops::widgets
