#pragma once

#include "core/safety/SafetyService.h"
#include "models/SafetyTableModel.h"

#include <QDate>
#include <QHash>
#include <functional>
#include <optional>

namespace aiops::models {

// The PII detection audit log, newest first, filtered by severity, pattern and time window. The raw
// detected value is never shown: rows carry the redacted text only.
class PiiDetectionModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PiiDetectionModel)
public:
    enum Column { TimeColumn, PatternColumn, SeverityColumn, ActionColumn, RedactedColumn, SourceColumn, ColumnCount };
    Q_ENUM(Column)

    static constexpr int kRowLimit = 500;
    static constexpr int kTrendLimit = 20000;

    explicit PiiDetectionModel(safety::SafetyService* service, QObject* parent = nullptr);
    ~PiiDetectionModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Filters; an empty value matches everything. Each change reloads at once.
    void setSeverity(const QString& severity);
    void setPatternId(const QString& patternId);
    // Only detections of the last `seconds` (0 = all time), measured from the clock at each reload.
    void setTimeWindow(qint64 seconds);
    QString severity() const { return m_severity; }
    QString patternId() const { return m_patternId; }
    qint64 timeWindow() const { return m_windowSeconds; }
    bool isFiltered() const;

    std::optional<safety::PiiDetection> detectionAt(int row) const;
    QString patternName(const QString& patternId) const;
    // Detections per local day from `first` for `days` days, with the severity and pattern filters.
    QList<int> countsPerDay(const QDate& first, int days) const;
    QString lastError() const { return m_lastError; }
    void setClock(std::function<QDateTime()> now);
    QDateTime now() const { return m_now(); }

Q_SIGNALS:
    // After every reload (new detections, changed filters): the page redraws its trend chart.
    void reloaded();

protected:
    void reload() override;

private:
    void reloadPatternNames();
    safety::DetectionQuery query(int limit) const;

    safety::SafetyService* m_service;
    QList<safety::PiiDetection> m_detections;
    QHash<QString, QString> m_patternNames;
    QString m_severity;
    QString m_patternId;
    qint64 m_windowSeconds = 0;
    QString m_lastError;
    std::function<QDateTime()> m_now;
};

} // namespace aiops::models
