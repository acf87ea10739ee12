#include "widgets/SafetyDetectionsTab.h"

#include "models/PiiDetectionModel.h"
#include "models/PiiPatternModel.h"
#include "models/SafetyFormat.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/SafetyTableView.h"
#include "widgets/SafetyTrendChart.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr qint64 kDay = 24 * 3600;

} // namespace

SafetyDetectionsTab::SafetyDetectionsTab(models::PiiDetectionModel* model,
                                         models::PiiPatternModel* patterns,
                                         QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_patterns(patterns)
    , m_severity(new QComboBox(this))
    , m_pattern(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_chart(nullptr)
    , m_tableStack(nullptr)
    , m_table(nullptr)
    , m_empty(nullptr)
    , m_noMatch(nullptr)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(Theme::kSpacingS);
    m_severity->addItem(tr("All severities"), QString());
    for (const QString& severity : models::SafetyFormat::patternSeverities())
        m_severity->addItem(models::SafetyFormat::severityText(severity), severity);
    m_severity->setAccessibleName(tr("Severity filter"));
    filters->addWidget(m_severity);
    m_pattern->setAccessibleName(tr("Pattern filter"));
    m_pattern->setMinimumContentsLength(18);
    m_pattern->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    filters->addWidget(m_pattern);
    m_range->addItem(tr("Last 24 hours"), kDay);
    m_range->addItem(tr("Last 7 days"), 7 * kDay);
    m_range->addItem(tr("Last 30 days"), 30 * kDay);
    m_range->addItem(tr("Last 90 days"), 90 * kDay);
    m_range->addItem(tr("All time"), qint64(0));
    m_range->setAccessibleName(tr("Time range"));
    filters->addWidget(m_range);
    filters->addStretch(1);
    QPalette subtle = m_count->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_count->setPalette(subtle);
    filters->addWidget(m_count);
    layout->addLayout(filters);

    auto* chartCard = new Card(this);
    auto* chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(Theme::kSpacingM, Theme::kSpacingS, Theme::kSpacingM, Theme::kSpacingS);
    m_chart = new SafetyTrendChart(tr("Detections per day"), chartCard);
    m_chart->setEmptyText(tr("No detections in this period"));
    m_chart->setFixedHeight(200);
    chartLayout->addWidget(m_chart);
    layout->addWidget(chartCard);

    auto* tableCard = new Card(this);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_tableStack = new QStackedWidget(tableCard);
    m_table = new SafetyTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("detectionsTable"));
    m_table->setSourceModel(
        m_model, models::PiiDetectionModel::TimeColumn, Qt::DescendingOrder, models::PiiDetectionModel::SeverityColumn);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::PiiDetectionModel::RedactedColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("PII detections"));
    m_tableStack->addWidget(m_table);
    m_empty = new EmptyState(QStringLiteral("empty-safety"), m_tableStack);
    m_empty->setCompact(true);
    m_empty->setTitle(tr("No PII detected in this period"));
    m_empty->setMessage(tr("When a chat message contains personal data, the match is redacted and logged here. "
                           "The live tester on the Patterns tab shows what would be found."));
    m_tableStack->addWidget(m_empty);
    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setCompact(true);
    m_noMatch->setTitle(tr("No detections match the filters"));
    m_noMatch->setMessage(tr("Try another severity or pattern, or a longer time range."));
    m_noMatch->setAction(tr("Clear filters"));
    connect(m_noMatch, &EmptyState::actionTriggered, this, &SafetyDetectionsTab::clearFilters);
    m_tableStack->addWidget(m_noMatch);
    tableLayout->addWidget(m_tableStack);
    layout->addWidget(tableCard, 1);

    onPatternsChanged();
    m_range->setCurrentIndex(m_range->findData(30 * kDay));
    m_model->setTimeWindow(30 * kDay);
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setSeverity(m_severity->currentData().toString());
    });
    connect(m_pattern, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setPatternId(m_pattern->currentData().toString());
    });
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setTimeWindow(m_range->currentData().toLongLong());
    });
    connect(m_model, &models::PiiDetectionModel::reloaded, this, &SafetyDetectionsTab::onReloaded);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_patterns, signal, this, &SafetyDetectionsTab::onPatternsChanged);
    connect(m_patterns, &QAbstractItemModel::modelReset, this, &SafetyDetectionsTab::onPatternsChanged);
    connect(m_patterns, &QAbstractItemModel::dataChanged, this, &SafetyDetectionsTab::onPatternsChanged);
    onReloaded();
}

SafetyDetectionsTab::~SafetyDetectionsTab() = default;

int SafetyDetectionsTab::trendDays(qint64 windowSeconds)
{
    if (windowSeconds <= 0)
        return 30;
    return int(std::clamp<qint64>(windowSeconds / kDay, 7, 90));
}

QWidget* SafetyDetectionsTab::filterWidget() const
{
    return m_severity;
}

bool SafetyDetectionsTab::isShowingEmptyState() const
{
    return m_tableStack->currentWidget() == m_empty;
}

void SafetyDetectionsTab::onReloaded()
{
    const int rows = m_model->rowCount();
    if (!m_model->lastError().isEmpty())
        m_count->setText(tr("Could not load detections: %1").arg(m_model->lastError()));
    else if (rows >= models::PiiDetectionModel::kRowLimit)
        m_count->setText(tr("Latest %n detection(s)", nullptr, rows));
    else
        m_count->setText(tr("%n detection(s)", nullptr, rows));
    const bool filtered = !m_model->severity().isEmpty() || !m_model->patternId().isEmpty();
    m_tableStack->setCurrentWidget(rows > 0       ? static_cast<QWidget*>(m_table)
                                       : filtered ? static_cast<QWidget*>(m_noMatch)
                                                  : static_cast<QWidget*>(m_empty));

    const int days = trendDays(m_model->timeWindow());
    const QDate today = m_model->now().toLocalTime().date();
    const QDate first = today.addDays(1 - days);
    m_chart->setCounts(first, m_model->countsPerDay(first, days));
}

void SafetyDetectionsTab::onPatternsChanged()
{
    const QString current = m_pattern->currentData().toString();
    QList<QPair<QString, QString>> items;
    for (const auto& p : m_patterns->patterns())
        items.append({ p.name, p.patternId });
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return a.first.localeAwareCompare(b.first) < 0;
    });
    const QSignalBlocker blocker(m_pattern);
    m_pattern->clear();
    m_pattern->addItem(tr("All patterns"), QString());
    for (const auto& [name, id] : items)
        m_pattern->addItem(name, id);
    m_pattern->setCurrentIndex(std::max(0, m_pattern->findData(current)));
}

void SafetyDetectionsTab::clearFilters()
{
    m_severity->setCurrentIndex(0);
    m_pattern->setCurrentIndex(0);
    m_range->setCurrentIndex(m_range->findData(qint64(0)));
}

} // namespace aiops::widgets
