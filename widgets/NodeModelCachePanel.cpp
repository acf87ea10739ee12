#include "widgets/NodeModelCachePanel.h"

#include "core/controller/NodeService.h"
#include "models/Format.h"
#include "widgets/GaugeBar.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSet>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

using controller::NodeCacheRequest;
using models::Format;

namespace {

constexpr int kMaxRequestRows = 5;

enum Column { ModelColumn, VersionColumn, LastUsedColumn, SizeColumn, StateColumn, ActionColumn, ColumnCount };

bool confirmRemoval(QWidget* parent, const QString& modelId, const QString& nodeName)
{
    return Theme::confirmDestructive(
        parent,
        NodeModelCachePanel::tr("Remove model from node"),
        NodeModelCachePanel::tr("Remove “%1” from %2?").arg(modelId, nodeName),
        NodeModelCachePanel::tr("The node deletes its copy and frees the disk space. The model stays in the "
                                "registry; a later deployment on this node downloads it again."),
        NodeModelCachePanel::tr("Remove"));
}

QString statusText(const NodeCacheRequest& r)
{
    const QString s = r.status;
    if (s == QLatin1String("sent"))
        return NodeModelCachePanel::tr("Waiting for the node");
    if (s == QLatin1String("accepted"))
        return NodeModelCachePanel::tr("Accepted");
    if (s == QLatin1String("downloading")) {
        if (r.bytesTotal > 0)
            return NodeModelCachePanel::tr("Downloading %1 · %2 of %3")
                .arg(Format::percent(r.progress),
                     Format::mebibytes(r.bytesDone / (1024 * 1024)),
                     Format::mebibytes(r.bytesTotal / (1024 * 1024)));
        return NodeModelCachePanel::tr("Downloading %1").arg(Format::percent(r.progress));
    }
    if (s == QLatin1String("ready"))
        return NodeModelCachePanel::tr("Done");
    if (s == QLatin1String("rejected"))
        return NodeModelCachePanel::tr("Refused by the node");
    if (s == QLatin1String("failed"))
        return NodeModelCachePanel::tr("Failed");
    if (s == QLatin1String("cancelled"))
        return NodeModelCachePanel::tr("Cancelled");
    return s;
}

bool isProblem(const NodeCacheRequest& r)
{
    return r.status == QLatin1String("failed") || r.status == QLatin1String("rejected");
}

QTableWidgetItem* item(const QString& text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* i = new QTableWidgetItem(text);
    i->setTextAlignment(alignment);
    return i;
}

} // namespace

// One cache request in the panel.
struct NodeModelCachePanel::RequestRow
{
    QWidget* widget = nullptr;
    QLabel* title = nullptr;
    QLabel* status = nullptr;
    QProgressBar* progress = nullptr;
    QWidget* errorBox = nullptr;
    QLabel* errorIcon = nullptr;
    QLabel* error = nullptr;
};

NodeModelCachePanel::NodeModelCachePanel(controller::NodeService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_confirm(confirmRemoval)
    , m_stack(new QStackedWidget(this))
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a node to see the models cached on it."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_captions.append(m_placeholder);
    m_stack->addWidget(m_placeholder);

    QWidget* content = Theme::addScrollPage(m_stack);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingS);

    // Title and report age, then disk use as text and bar.
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_title = Theme::sectionTitle(tr("Model cache"), content, 1.0);
    titleRow->addWidget(m_title);
    titleRow->addStretch(1);
    m_reported = new QLabel(content);
    m_reported->setObjectName(QStringLiteral("cacheReportedAt"));
    m_captions.append(m_reported);
    titleRow->addWidget(m_reported);
    layout->addLayout(titleRow);

    auto* usageRow = new QHBoxLayout;
    usageRow->setSpacing(Theme::kSpacingM);
    m_usage = new QLabel(content);
    m_usage->setObjectName(QStringLiteral("cacheUsage"));
    usageRow->addWidget(m_usage);
    m_bar = new GaugeBar(content);
    m_bar->setObjectName(QStringLiteral("cacheUsageBar"));
    m_bar->setAccessibleName(tr("Model cache disk use"));
    m_bar->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    usageRow->addWidget(m_bar, 1, Qt::AlignVCenter);
    layout->addLayout(usageRow);

    m_failure = new QLabel(content);
    m_failure->setObjectName(QStringLiteral("cacheFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setVisible(false);
    layout->addWidget(m_failure);

    // Running and failed requests.
    m_requestLayout = new QVBoxLayout;
    m_requestLayout->setContentsMargins(0, Theme::kSpacingS, 0, 0);
    m_requestLayout->setSpacing(Theme::kSpacingM);
    layout->addLayout(m_requestLayout);
    layout->addSpacing(Theme::kSpacingS);

    m_listStack = new QStackedWidget(content);
    layout->addWidget(m_listStack);
    m_table = new QTableWidget(0, ColumnCount, m_listStack);
    m_table->setObjectName(QStringLiteral("nodeCachedModels"));
    m_table->setHorizontalHeaderLabels({ tr("Model"), tr("Version"), tr("Last used"), tr("Size"), tr("State"), {} });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 18);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    m_table->horizontalHeaderItem(SizeColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_listStack->addWidget(m_table);
    m_empty = new QLabel(m_listStack);
    m_empty->setObjectName(QStringLiteral("cacheEmptyState"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_captions.append(m_empty);
    m_listStack->addWidget(m_empty);

    layout->addStretch(1);

    m_removeAction
        = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove from node…"), this);
    m_removeAction->setToolTip(tr("Delete the node's copy of this model"));
    connect(m_removeAction, &QAction::changed, this, &NodeModelCachePanel::updateRemoveButtons);

    if (m_service) {
        connect(m_service, &controller::NodeService::modelCacheChanged, this, [this](const QString& nodeId) {
            if (nodeId == m_nodeId)
                refresh();
        });
        connect(m_service,
                &controller::NodeService::operationFailed,
                this,
                [this](const QString& operation, const aiops::Error& error) {
                    if (operation != QLatin1String("evictModel") || m_nodeId.isEmpty())
                        return;
                    m_failure->setText(tr("Could not remove the model: %1").arg(error.message));
                    m_failure->setVisible(true);
                });
    }
    updateColors();
    setNode({}, {});
}

NodeModelCachePanel::~NodeModelCachePanel()
{
    qDeleteAll(m_requestRows);
}

void NodeModelCachePanel::setRemoveConfirmation(RemoveConfirmation confirm)
{
    m_confirm = std::move(confirm);
}

void NodeModelCachePanel::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

void NodeModelCachePanel::setNode(const QString& nodeId, const QString& nodeName)
{
    if (nodeId != m_nodeId)
        m_failure->setVisible(false);
    m_nodeId = nodeId;
    m_nodeName = nodeName.isEmpty() ? nodeId : nodeName;
    refresh();
}

void NodeModelCachePanel::refresh()
{
    if (m_nodeId.isEmpty() || !m_service) {
        m_view.reset();
        m_stack->setCurrentIndex(0);
        rebuildRequests({});
        m_table->setRowCount(0);
        m_shownModels.clear();
        m_removeButtons.clear();
        m_badges.clear();
        if (m_lastCount != 0)
            Q_EMIT modelCountChanged(m_lastCount = 0);
        return;
    }
    m_stack->setCurrentIndex(1);
    m_view = m_service->modelCache(m_nodeId);
    const controller::NodeModelCacheView view = m_view.value_or(controller::NodeModelCacheView {});
    const qint64 now = m_nowMs();

    if (view.hasReported()) {
        m_reported->setText(tr("reported %1").arg(Format::age(now - view.reportedAt.toMSecsSinceEpoch())));
        m_reported->setToolTip(QLocale().toString(view.reportedAt.toLocalTime(), QLocale::LongFormat));
        const double fraction = view.capacityMb > 0 ? double(view.usedMb) / double(view.capacityMb) : 0.0;
        m_usage->setText(view.capacityMb > 0 ? tr("%1 used of %2 (%3 free)")
                                                   .arg(Format::mebibytes(view.usedMb),
                                                        Format::mebibytes(view.capacityMb),
                                                        Format::mebibytes(view.freeMb()))
                                             : tr("%1 used, no size limit").arg(Format::mebibytes(view.usedMb)));
        m_bar->setFraction(std::clamp(fraction, 0.0, 1.0));
        m_bar->setToolTip(Format::percent(fraction * 100.0));
        m_bar->setVisible(view.capacityMb > 0);
    } else {
        m_reported->clear();
        m_reported->setToolTip({});
        m_usage->setText(tr("The node has not reported its model cache yet."));
        m_bar->setVisible(false);
    }

    // Requests: per model only the latest, and only while it runs or when it went wrong.
    QList<NodeCacheRequest> shown;
    QSet<QString> seen;
    for (auto it = view.requests.crbegin(); it != view.requests.crend() && shown.size() < kMaxRequestRows; ++it) {
        if (seen.contains(it->modelId))
            continue;
        seen.insert(it->modelId);
        if (!it->isFinal() || isProblem(*it))
            shown.prepend(*it);
    }
    rebuildRequests(shown);

    // Rebuild the rows only when the models changed, so a refresh does not replace the buttons.
    if (view.models != m_shownModels) {
        m_shownModels = view.models;
        m_removeButtons.clear();
        m_badges.clear();
        m_table->clearContents();
        m_table->setRowCount(int(view.models.size()));
        for (int row = 0; row < view.models.size(); ++row)
            fillRow(row, view.models.at(row));
    }
    for (int row = 0; row < view.models.size(); ++row) {
        const qint64 lastUsed = view.models.at(row).lastUsedAt;
        m_table->item(row, LastUsedColumn)->setText(lastUsed > 0 ? Format::age(now - lastUsed) : tr("never"));
    }
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height()
                            + int(std::max<qsizetype>(1, view.models.size()))
                                * m_table->verticalHeader()->defaultSectionSize()
                            + 2 * m_table->frameWidth() + 2);
    m_empty->setText(tr("No models cached on this node yet. Use Models → Copy to node… to prefetch one."));
    m_listStack->setCurrentIndex(view.models.isEmpty() ? 1 : 0);
    if (view.models.isEmpty())
        m_listStack->setFixedHeight(m_empty->sizeHint().height() + Theme::kSpacingS);
    else
        m_listStack->setFixedHeight(m_table->height());
    updateRemoveButtons();
    updateColors(); // before sizing the columns: the badges' style sets their size
    // Contents plus some air: ResizeToContents leaves the columns touching.
    for (const int column : { VersionColumn, SizeColumn, LastUsedColumn, StateColumn, ActionColumn }) {
        m_table->resizeColumnToContents(column);
        m_table->horizontalHeader()->resizeSection(column,
                                                   m_table->horizontalHeader()->sectionSize(column) + Theme::kSpacingL);
    }
    if (m_lastCount != view.models.size())
        Q_EMIT modelCountChanged(m_lastCount = int(view.models.size()));
}

void NodeModelCachePanel::fillRow(int row, const protocol::CachedModelInfo& m)
{
    const QLocale locale;
    const qint64 now = m_nowMs();
    auto* name = item(m.modelId);
    name->setToolTip(m.modelId);
    m_table->setItem(row, ModelColumn, name);
    m_table->setItem(row, VersionColumn, item(m.version.isEmpty() ? Format::dash() : m.version));
    m_table->setItem(row, SizeColumn, item(Format::mebibytes(m.sizeMb), Qt::AlignRight | Qt::AlignVCenter));
    auto* used = item(m.lastUsedAt > 0 ? Format::age(now - m.lastUsedAt) : tr("never"));
    if (m.lastUsedAt > 0)
        used->setToolTip(
            locale.toString(QDateTime::fromMSecsSinceEpoch(m.lastUsedAt).toLocalTime(), QLocale::LongFormat));
    m_table->setItem(row, LastUsedColumn, used);

    // The state as a badge with words, never as a colour alone.
    auto* badgeCell = new QWidget(m_table);
    auto* badgeLayout = new QHBoxLayout(badgeCell);
    badgeLayout->setContentsMargins(Theme::kSpacingL, 0, Theme::kSpacingS, 0);
    auto* badge = new QLabel(m.pinned ? tr("In use") : tr("Cached"), badgeCell);
    badge->setObjectName(m.pinned ? QStringLiteral("pinnedBadge") : QStringLiteral("cachedBadge"));
    badge->setProperty("pinned", m.pinned);
    badge->setToolTip(m.pinned ? tr("A deployment on this node uses the model; it cannot be removed")
                               : tr("Ready on the node's disk; a deployment here starts without downloading"));
    badgeLayout->addWidget(badge, 0, Qt::AlignLeft | Qt::AlignVCenter);
    m_badges.append(badge);
    badgeLayout->addStretch(1);
    m_table->setCellWidget(row, StateColumn, badgeCell);

    auto* actionCell = new QWidget(m_table);
    auto* actionLayout = new QHBoxLayout(actionCell);
    actionLayout->setContentsMargins(0, 0, Theme::kSpacingS, 0);
    auto* remove = new QToolButton(actionCell);
    remove->setObjectName(QStringLiteral("removeCached-") + m.modelId);
    remove->setText(m_removeAction->text());
    remove->setIcon(m_removeAction->icon());
    remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    remove->setAutoRaise(true);
    remove->setProperty("modelId", m.modelId);
    remove->setProperty("pinned", m.pinned);
    actionLayout->addStretch(1);
    actionLayout->addWidget(remove, 0, Qt::AlignVCenter);
    const QString modelId = m.modelId;
    m_removeButtons.insert(m.modelId, remove);
    connect(remove, &QToolButton::clicked, this, [this, modelId] { onRemoveClicked(modelId); });
    m_table->setCellWidget(row, ActionColumn, actionCell);
}

void NodeModelCachePanel::rebuildRequests(const QList<NodeCacheRequest>& requests)
{
    while (m_requestRows.size() > requests.size()) {
        RequestRow* r = m_requestRows.takeLast();
        m_requestLayout->removeWidget(r->widget);
        r->widget->deleteLater();
        delete r;
    }
    while (m_requestRows.size() < requests.size()) {
        auto* r = new RequestRow;
        r->widget = new QWidget(this);
        r->widget->setObjectName(QStringLiteral("cacheRequest"));
        auto* rowLayout = new QVBoxLayout(r->widget);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(Theme::kSpacingS / 2);
        auto* top = new QHBoxLayout;
        top->setSpacing(Theme::kSpacingM);
        r->title = new QLabel(r->widget);
        QFont bold = r->title->font();
        bold.setWeight(QFont::DemiBold);
        r->title->setFont(bold);
        top->addWidget(r->title);
        top->addStretch(1);
        r->status = new QLabel(r->widget);
        top->addWidget(r->status);
        rowLayout->addLayout(top);
        r->progress = new QProgressBar(r->widget);
        r->progress->setTextVisible(false);
        r->progress->setFixedHeight(8);
        rowLayout->addWidget(r->progress);
        r->errorBox = new QWidget(r->widget);
        auto* errorLayout = new QHBoxLayout(r->errorBox);
        errorLayout->setContentsMargins(0, 0, 0, 0);
        errorLayout->setSpacing(Theme::kSpacingS);
        r->errorIcon = new QLabel(r->errorBox);
        errorLayout->addWidget(r->errorIcon, 0, Qt::AlignTop);
        r->error = new QLabel(r->errorBox);
        r->error->setObjectName(QStringLiteral("cacheRequestError"));
        r->error->setWordWrap(true);
        r->error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        errorLayout->addWidget(r->error, 1);
        rowLayout->addWidget(r->errorBox);
        m_requestLayout->addWidget(r->widget);
        m_requestRows.append(r);
    }
    for (int i = 0; i < requests.size(); ++i) {
        const NodeCacheRequest& q = requests.at(i);
        RequestRow* r = m_requestRows.at(i);
        const bool problem = isProblem(q);
        if (q.isEviction())
            r->title->setText(problem ? tr("Removing %1").arg(q.modelId) : tr("Removing %1…").arg(q.modelId));
        else
            r->title->setText(tr("Copying %1 %2").arg(q.modelId, q.version));
        r->status->setText(statusText(q));
        r->progress->setVisible(!problem);
        // Busy while the node has not said how far it is.
        const bool known = q.status == QLatin1String("downloading") && (q.progress > 0 || q.bytesTotal > 0);
        r->progress->setRange(0, known || q.isFinal() ? 100 : 0);
        r->progress->setValue(known ? std::clamp(q.progress, 0, 100) : 0);
        r->errorBox->setVisible(problem);
        QString error = q.error.isEmpty() ? q.errorCode : q.error;
        if (error.isEmpty())
            error = tr("The node gave no reason.");
        r->error->setText(error);
        r->error->setToolTip(q.errorCode);
    }
}

void NodeModelCachePanel::onRemoveClicked(const QString& modelId)
{
    if (!m_service || m_nodeId.isEmpty() || !m_removeAction->isEnabled())
        return;
    if (!m_confirm(this, modelId, m_nodeName))
        return;
    m_service->evictModelFromNode(m_nodeId, modelId);
}

void NodeModelCachePanel::updateRemoveButtons()
{
    QSet<QString> evicting;
    if (m_view) {
        for (const NodeCacheRequest& r : std::as_const(m_view->requests)) {
            if (r.isEviction() && !r.isFinal())
                evicting.insert(r.modelId);
        }
    }
    const bool allowed = m_removeAction->isEnabled();
    for (QToolButton* button : std::as_const(m_removeButtons)) {
        const QString modelId = button->property("modelId").toString();
        const bool pinned = button->property("pinned").toBool();
        button->setEnabled(allowed && !pinned && !evicting.contains(modelId));
        if (!allowed)
            button->setToolTip(m_removeAction->toolTip());
        else if (pinned)
            button->setToolTip(tr("In use by a deployment on this node; stop the deployment first"));
        else if (evicting.contains(modelId))
            button->setToolTip(tr("Already being removed"));
        else
            button->setToolTip(tr("Delete the node's copy of %1").arg(modelId));
    }
}

QString NodeModelCachePanel::failureText() const
{
    return m_failure->isHidden() ? QString() : m_failure->text();
}

QString NodeModelCachePanel::usageText() const
{
    return m_usage->text();
}

int NodeModelCachePanel::modelCount() const
{
    return m_table->rowCount();
}

bool NodeModelCachePanel::isShowingEmptyState() const
{
    return m_stack->currentIndex() == 1 && m_listStack->currentWidget() == m_empty;
}

QString NodeModelCachePanel::emptyStateText() const
{
    return m_empty->text();
}

QAbstractButton* NodeModelCachePanel::removeButton(const QString& modelId) const
{
    return m_removeButtons.value(modelId);
}

QStringList NodeModelCachePanel::requestTexts() const
{
    QStringList texts;
    for (const RequestRow* r : m_requestRows) {
        QString text = r->title->text() + QStringLiteral(" · ") + r->status->text();
        if (!r->errorBox->isHidden())
            text += QStringLiteral(": ") + r->error->text();
        texts.append(text);
    }
    return texts;
}

void NodeModelCachePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_removeAction->setIcon(Theme::paletteIcon(QStringLiteral("remove"), palette()));
        m_shownModels.clear(); // the buttons' icons follow the palette
        refresh();
    }
}

void NodeModelCachePanel::updateColors()
{
    const QPalette pal = palette();
    const QColor subtle = Theme::subtleText(pal);
    const QColor error = Theme::errorText(pal);
    auto colorize = [](QLabel* label, const QColor& color) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, color);
        label->setPalette(p);
    };
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, subtle);
    colorize(m_failure, error);
    const QPixmap alert = Theme::icon(QStringLiteral("alert"), error).pixmap(16, 16);
    for (RequestRow* r : std::as_const(m_requestRows)) {
        colorize(r->status, subtle);
        colorize(r->error, error);
        r->errorIcon->setPixmap(alert);
    }
    // Badges: "In use" in the accent colour, "Cached" neutral; both outlined and with words.
    const QColor accent = Theme::accentColor(pal);
    for (QLabel* badge : std::as_const(m_badges)) {
        const bool pinned = badge->property("pinned").toBool();
        const QColor fg = pinned ? accent : subtle;
        QColor bg = pinned ? accent : pal.color(QPalette::WindowText);
        bg.setAlphaF(pinned ? 0.14f : 0.07f);
        QColor border = fg;
        border.setAlphaF(0.45f);
        badge->setStyleSheet(
            QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid %3; "
                           "border-radius: 9px; padding: 1px 8px; }")
                .arg(fg.name(QColor::HexArgb), bg.name(QColor::HexArgb), border.name(QColor::HexArgb)));
    }
}

} // namespace aiops::widgets
