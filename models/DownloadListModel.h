#pragma once

#include "core/registry/ModelTypes.h"

#include <QAbstractListModel>
#include <QSet>
#include <optional>

namespace aiops::registry {
class ModelService;
}

namespace aiops::models {

// The downloads the Models page shows: one row per queued, running, paused or failed job, fed by
// registry::ModelService. Completed and cancelled jobs leave the list; a failed one stays (with its
// error) until it is retried or dismissed.
class DownloadListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadListModel)
public:
    enum Role {
        JobIdRole = Qt::UserRole + 80, // QString
        StateRole, // QString: queued | running | paused | failed
        FractionRole, // double 0..1; invalid while the total is unknown
        ProgressTextRole, // QString: "412 MB of 988 MB"
        RateTextRole, // QString: "12.3 MB/s · 2 min left", empty when not running
        ErrorTextRole, // QString: the user-facing error of a failed job
    };

    explicit DownloadListModel(registry::ModelService* service, QObject* parent = nullptr);
    ~DownloadListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString& jobId) const; // -1 when absent
    std::optional<registry::DownloadJob> jobAt(int row) const;
    int activeCount() const; // queued, running or paused
    // Hides a failed job (after a retry, or when the user dismisses it).
    void dismiss(const QString& jobId);

    static bool isListed(const QString& state);
    static QString bytesText(qint64 bytes); // decimal units: "988 MB", "1.2 GB"
    static QString rateText(double bytesPerSecond); // "12.3 MB/s"
    static QString etaText(int seconds); // "2 min left", "less than a minute left", "" when unknown
    static QString stateText(const QString& state);
    // What a failed download or preview means for the user, by error code (UNAUTHORIZED, FORBIDDEN,
    // NOT_FOUND, INSUFFICIENT_STORAGE, ...), with the service's message where it adds something.
    static QString errorText(const QString& errorCode, const QString& message);

private:
    void onDownloadChanged(const registry::DownloadJob& job);

    registry::ModelService* m_service;
    QList<registry::DownloadJob> m_jobs;
    QSet<QString> m_dismissed;
};

} // namespace aiops::models
