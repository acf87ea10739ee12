#include "widgets/AuditLogPage.h"

#include "core/iam/IamService.h"
#include "models/AuditLogModel.h"
#include "models/IamFormat.h"
#include "widgets/AccessStatusDelegate.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/SafetyTableView.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

AuditLogPage::AuditLogPage(iam::IamService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new models::AuditLogModel(service, this))
    , m_confirm(&Theme::confirmDestructive)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_header(new PageHeader(tr("Audit log"), {}, this))
    , m_actor(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_customRange(new QWidget(this))
    , m_from(new QDateTimeEdit(m_customRange))
    , m_to(new QDateTimeEdit(m_customRange))
    , m_stack(nullptr)
    , m_table(nullptr)
    , m_empty(nullptr)
    , m_retention(new QSpinBox(this))
    , m_applyRetention(new QPushButton(tr("Apply"), this))
    , m_retentionMessage(new QLabel(this))
{
    Q_ASSERT(m_service);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);
    layout->addWidget(m_header);

    // Filters.
    auto* filters = new QHBoxLayout;
    filters->setSpacing(Theme::kSpacingS);
    m_actor->setObjectName(QStringLiteral("actorFilter"));
    m_actor->setPlaceholderText(tr("Filter by actor (Ctrl+F)"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setClearButtonEnabled(true);
    m_actor->addAction(Theme::paletteIcon(QStringLiteral("search"), palette()), QLineEdit::LeadingPosition);
    m_actor->setMinimumWidth(220);
    filters->addWidget(m_actor, 1);
    m_action->addItem(tr("All actions"), QString());
    for (const char* action : { "login", "logout", "read", "write", "execute", "delete", "escalate" }) {
        const QString value = QString::fromLatin1(action);
        m_action->addItem(models::IamFormat::actionText(value), value);
    }
    m_action->setAccessibleName(tr("Action"));
    filters->addWidget(m_action);
    m_outcome->addItem(tr("All outcomes"), QString());
    for (const char* outcome : { "success", "failure", "denied" }) {
        const QString value = QString::fromLatin1(outcome);
        m_outcome->addItem(models::IamFormat::accessStatusText(value), value);
    }
    m_outcome->setAccessibleName(tr("Outcome"));
    filters->addWidget(m_outcome);
    m_range->addItem(tr("Last hour"), int(Range::LastHour));
    m_range->addItem(tr("Last 24 hours"), int(Range::LastDay));
    m_range->addItem(tr("Last 7 days"), int(Range::LastWeek));
    m_range->addItem(tr("All time"), int(Range::All));
    m_range->addItem(tr("Custom range…"), int(Range::Custom));
    m_range->setAccessibleName(tr("Time range"));
    m_range->setCurrentIndex(int(Range::LastDay));
    filters->addWidget(m_range);
    auto* custom = new QHBoxLayout(m_customRange);
    custom->setContentsMargins(0, 0, 0, 0);
    custom->setSpacing(Theme::kSpacingS);
    auto* fromLabel = new QLabel(tr("&From"), m_customRange);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&to"), m_customRange);
    toLabel->setBuddy(m_to);
    for (QDateTimeEdit* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    custom->addWidget(fromLabel);
    custom->addWidget(m_from);
    custom->addWidget(toLabel);
    custom->addWidget(m_to);
    m_customRange->setVisible(false);
    filters->addWidget(m_customRange);
    auto* refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refresh->setToolTip(tr("Read the log again (F5)"));
    connect(refresh, &QAction::triggered, this, &AuditLogPage::applyFilters);
    addAction(refresh);
    layout->addLayout(filters);

    // Events.
    auto* card = new Card(this);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_stack = new QStackedWidget(card);
    m_table = new SafetyTableView(m_stack);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit events"));
    m_table->setSourceModel(
        m_model, models::AuditLogModel::TimeColumn, Qt::DescendingOrder, models::AuditLogModel::RiskColumn);
    m_table->setItemDelegateForColumn(models::AuditLogModel::OutcomeColumn, new AccessStatusDelegate(m_table));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::AuditLogModel::ResourceColumn, QHeaderView::Stretch);
    m_stack->addWidget(m_table);
    m_empty = new EmptyState(QStringLiteral("empty-audit"), m_stack);
    m_empty->setTitle(tr("No events match"));
    m_empty->setMessage(tr("Every sign-in, every change and every refused request is recorded here. Widen the time "
                           "range or clear the filters."));
    m_empty->setAction(tr("Clear filters"));
    connect(m_empty, &EmptyState::actionTriggered, this, [this] {
        m_actor->clear();
        m_action->setCurrentIndex(0);
        m_outcome->setCurrentIndex(0);
        setRange(Range::All);
    });
    m_stack->addWidget(m_empty);
    cardLayout->addWidget(m_stack);
    layout->addWidget(card, 1);

    // Retention.
    auto* retention = new QHBoxLayout;
    retention->setSpacing(Theme::kSpacingS);
    auto* retentionLabel = new QLabel(tr("&Keep events for"), this);
    retentionLabel->setBuddy(m_retention);
    retention->addWidget(retentionLabel);
    m_retention->setObjectName(QStringLiteral("retentionDays"));
    m_retention->setRange(1, 3650);
    m_retention->setSuffix(tr(" days"));
    m_retention->setValue(m_service->auditRetentionDays());
    m_retention->setToolTip(tr("Events older than this are deleted. Seed 003 suggests a year for compliance."));
    retention->addWidget(m_retention);
    m_applyRetention->setObjectName(QStringLiteral("applyRetention"));
    m_applyRetention->setEnabled(false);
    retention->addWidget(m_applyRetention);
    m_retentionMessage->setTextFormat(Qt::PlainText);
    QPalette subtle = m_retentionMessage->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_retentionMessage->setPalette(subtle);
    retention->addWidget(m_retentionMessage, 1);
    layout->addLayout(retention);

    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_actor, [this] {
        m_actor->setFocus(Qt::ShortcutFocusReason);
        m_actor->selectAll();
    });
    addAction(find);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(kFilterDelayMs);
    connect(&m_filterDelay, &QTimer::timeout, this, &AuditLogPage::applyFilters);
    connect(m_actor, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    for (QComboBox* box : { m_action, m_outcome })
        connect(box, &QComboBox::currentIndexChanged, this, &AuditLogPage::applyFilters);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_customRange->setVisible(Range(m_range->currentData().toInt()) == Range::Custom);
        applyFilters();
    });
    for (QDateTimeEdit* edit : { m_from, m_to })
        connect(edit, &QDateTimeEdit::dateTimeChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_retention, &QSpinBox::valueChanged, this, [this](int days) {
        m_applyRetention->setEnabled(days != m_service->auditRetentionDays());
    });
    connect(m_applyRetention, &QPushButton::clicked, this, &AuditLogPage::onApplyRetention);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_model, signal, this, &AuditLogPage::updateView);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditLogPage::updateView);
    connect(m_model, &models::AuditLogModel::loadFailed, this, [this](const aiops::Error& error) {
        m_header->setSubtitle(tr("Could not read the audit log: %1").arg(error.message));
    });
    applyFilters();
}

AuditLogPage::~AuditLogPage() = default;

void AuditLogPage::setConfirmation(Confirmation confirm)
{
    m_confirm = std::move(confirm);
}

void AuditLogPage::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    applyFilters();
}

void AuditLogPage::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(int(range)));
}

iam::AuditQuery AuditLogPage::currentQuery() const
{
    iam::AuditQuery query;
    query.actorId = m_actor->text().trimmed();
    query.action = m_action->currentData().toString();
    query.outcome = m_outcome->currentData().toString();
    const QDateTime now = m_now();
    switch (Range(m_range->currentData().toInt())) {
    case Range::LastHour: query.from = now.addSecs(-3600); break;
    case Range::LastDay: query.from = now.addDays(-1); break;
    case Range::LastWeek: query.from = now.addDays(-7); break;
    case Range::All: break;
    case Range::Custom:
        query.from = m_from->dateTime().toUTC();
        query.to = m_to->dateTime().toUTC();
        break;
    }
    return query;
}

void AuditLogPage::applyFilters()
{
    m_filterDelay.stop();
    m_model->setQuery(currentQuery());
    updateView();
}

bool AuditLogPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString AuditLogPage::subtitleText() const
{
    return m_model->lastError() ? QString() : tr("%n event(s) shown", nullptr, m_model->rowCount());
}

QString AuditLogPage::retentionMessage() const
{
    return m_retentionMessage->text();
}

void AuditLogPage::updateView()
{
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_empty)
                                                       : static_cast<QWidget*>(m_table));
    if (m_model->lastError())
        return;
    QString subtitle = subtitleText();
    if (m_model->rowCount() >= m_model->query().limit)
        subtitle += QStringLiteral(" · ")
            + tr("the newest %1; narrow the filters to see older ones").arg(m_model->query().limit);
    m_header->setSubtitle(subtitle);
}

void AuditLogPage::onApplyRetention()
{
    const int days = m_retention->value();
    const int current = m_service->auditRetentionDays();
    if (days == current)
        return;
    if (days < current
        && !m_confirm(this,
                      tr("Shorten retention"),
                      tr("Keep audit events for %n day(s) only?", nullptr, days),
                      tr("Events older than that are deleted now and cannot be restored."),
                      tr("Delete older events")))
        return;
    m_service->setAuditRetentionDays(days);
    m_applyRetention->setEnabled(false);
    Q_EMIT auditRetentionChanged(days);
    if (days > current) {
        m_retentionMessage->setText(tr("Events are now kept for %n day(s).", nullptr, days));
        return;
    }
    const auto removed = m_service->applyAuditRetention();
    if (!removed) {
        m_retentionMessage->setText(
            tr("Retention saved, but old events could not be deleted: %1").arg(removed.error().message));
        return;
    }
    m_retentionMessage->setText(tr("Events are now kept for %n day(s).", nullptr, days) + QLatin1Char(' ')
                                + tr("%n older event(s) deleted.", nullptr, *removed));
    m_model->requery();
}

} // namespace aiops::widgets
