#include "models/PiiDetectionModel.h"

#include "models/ModelRoles.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"

#include <QLocale>

namespace aiops::models {

namespace {

bool sameDetection(const safety::PiiDetection& a, const safety::PiiDetection& b)
{
    return a.action == b.action && a.alertSent == b.alertSent && a.redactedText == b.redactedText
        && a.severity == b.severity && a.patternId == b.patternId;
}

} // namespace

PiiDetectionModel::PiiDetectionModel(safety::SafetyService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    Q_ASSERT(m_service);
    connect(m_service, &safety::SafetyService::detectionLogged, this, &PiiDetectionModel::scheduleRefresh);
    connect(m_service, &safety::SafetyService::patternsChanged, this, &PiiDetectionModel::reloadPatternNames);
    reloadPatternNames();
    reload();
}

PiiDetectionModel::~PiiDetectionModel() = default;

safety::DetectionQuery PiiDetectionModel::query(int limit) const
{
    safety::DetectionQuery q;
    q.severity = m_severity;
    q.patternId = m_patternId;
    if (m_windowSeconds > 0)
        q.from = m_now().addSecs(-m_windowSeconds);
    q.limit = limit;
    return q;
}

void PiiDetectionModel::reload()
{
    auto fresh = m_service->detections(query(kRowLimit));
    if (!fresh) {
        m_lastError = fresh.error().message;
        Q_EMIT reloaded();
        return;
    }
    m_lastError.clear();
    // Newest first, whatever order the store returns.
    std::stable_sort(fresh->begin(), fresh->end(), [](const safety::PiiDetection& a, const safety::PiiDetection& b) {
        return a.detectedAt > b.detectedAt;
    });
    syncRows(
        m_detections, *fresh, [](const safety::PiiDetection& d) { return d.detectionId; }, sameDetection);
    Q_EMIT reloaded();
}

void PiiDetectionModel::reloadPatternNames()
{
    QHash<QString, QString> names;
    for (const safety::PiiPattern& p : m_service->listPatterns(true))
        names.insert(p.patternId, p.name);
    if (names == m_patternNames)
        return;
    m_patternNames = names;
    if (!m_detections.isEmpty())
        Q_EMIT dataChanged(index(0, PatternColumn), index(int(m_detections.size()) - 1, PatternColumn));
}

QString PiiDetectionModel::patternName(const QString& patternId) const
{
    return m_patternNames.value(patternId, patternId);
}

int PiiDetectionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_detections.size());
}

int PiiDetectionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PiiDetectionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safety::PiiDetection& d = m_detections.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn: return SafetyFormat::timestamp(d.detectedAt);
        case PatternColumn: return patternName(d.patternId);
        case SeverityColumn: return SafetyFormat::severityText(d.severity);
        case ActionColumn:
            return d.alertSent && d.action != QLatin1String("alerted")
                ? tr("%1, alert sent").arg(SafetyFormat::detectionActionText(d.action))
                : SafetyFormat::detectionActionText(d.action);
        case RedactedColumn: return SafetyFormat::oneLine(d.redactedText);
        case SourceColumn:
            return d.conversationId.isEmpty()
                ? d.sourceType
                : tr("%1 · %2").arg(d.sourceType, SafetyFormat::oneLine(d.conversationId, 24));
        default: return {};
        }
    case Qt::ToolTipRole:
        if (column == TimeColumn && d.detectedAt.isValid())
            return QLocale().toString(d.detectedAt.toLocalTime(), QLocale::LongFormat);
        if (column == SourceColumn)
            return tr("Source %1, conversation %2").arg(d.sourceId, d.conversationId);
        if (column == RedactedColumn)
            return tr("Characters %1–%2 of the message").arg(d.start).arg(d.end);
        return {};
    case SortRole:
        switch (column) {
        case TimeColumn: return d.detectedAt.toMSecsSinceEpoch();
        case SeverityColumn: return SafetyFormat::severityLevel(d.severity);
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SafetyIdRole: return d.detectionId;
    case SeverityNameRole: return d.severity;
    case SeverityLevelRole: return SafetyFormat::severityLevel(d.severity);
    case FilterKeyRole: return d.patternId;
    default: return {};
    }
}

QVariant PiiDetectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case PatternColumn: return tr("Pattern");
    case SeverityColumn: return tr("Severity");
    case ActionColumn: return tr("Action");
    case RedactedColumn: return tr("Redacted value");
    case SourceColumn: return tr("Source");
    default: return {};
    }
}

QHash<int, QByteArray> PiiDetectionModel::roleNames() const
{
    auto names = SafetyTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(SafetyIdRole, "detectionId");
    names.insert(SeverityNameRole, "severity");
    names.insert(SeverityLevelRole, "severityLevel");
    names.insert(FilterKeyRole, "patternId");
    return names;
}

void PiiDetectionModel::setSeverity(const QString& severity)
{
    if (severity == m_severity)
        return;
    m_severity = severity;
    refresh();
}

void PiiDetectionModel::setPatternId(const QString& patternId)
{
    if (patternId == m_patternId)
        return;
    m_patternId = patternId;
    refresh();
}

void PiiDetectionModel::setTimeWindow(qint64 seconds)
{
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    refresh();
}

bool PiiDetectionModel::isFiltered() const
{
    return !m_severity.isEmpty() || !m_patternId.isEmpty() || m_windowSeconds > 0;
}

std::optional<safety::PiiDetection> PiiDetectionModel::detectionAt(int row) const
{
    if (row < 0 || row >= m_detections.size())
        return std::nullopt;
    return m_detections.at(row);
}

QList<int> PiiDetectionModel::countsPerDay(const QDate& first, int days) const
{
    QList<int> counts(std::max(days, 0), 0);
    if (days <= 0)
        return counts;
    safety::DetectionQuery q = query(kTrendLimit);
    q.from = first.startOfDay();
    q.to = first.addDays(days).startOfDay();
    const auto detections = m_service->detections(q);
    if (!detections)
        return counts;
    for (const safety::PiiDetection& d : *detections) {
        const qint64 day = first.daysTo(d.detectedAt.toLocalTime().date());
        if (day >= 0 && day < days)
            ++counts[day];
    }
    return counts;
}

void PiiDetectionModel::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    refresh();
}

} // namespace aiops::models
