#include "models/DownloadListModel.h"

#include "core/registry/ModelService.h"

#include <QLocale>
#include <QRegularExpression>
#include <algorithm>

namespace aiops::models {

using registry::DownloadJob;

DownloadListModel::DownloadListModel(registry::ModelService* service, QObject* parent)
    : QAbstractListModel(parent)
    , m_service(service)
{
    for (const DownloadJob& job : m_service->downloads()) {
        if (isListed(job.state))
            m_jobs.append(job);
    }
    connect(m_service, &registry::ModelService::downloadChanged, this, &DownloadListModel::onDownloadChanged);
    connect(m_service, &registry::ModelService::downloadFinished, this, &DownloadListModel::onDownloadChanged);
}

DownloadListModel::~DownloadListModel() = default;

bool DownloadListModel::isListed(const QString& state)
{
    return state != QLatin1String("completed") && state != QLatin1String("cancelled");
}

void DownloadListModel::onDownloadChanged(const DownloadJob& job)
{
    const int row = rowOf(job.jobId);
    const bool listed = isListed(job.state) && !m_dismissed.contains(job.jobId);
    if (row >= 0 && listed) {
        m_jobs[row] = job;
        Q_EMIT dataChanged(index(row), index(row));
    } else if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
    } else if (listed) {
        const int at = int(m_jobs.size());
        beginInsertRows({}, at, at);
        m_jobs.append(job);
        endInsertRows();
    }
}

void DownloadListModel::dismiss(const QString& jobId)
{
    m_dismissed.insert(jobId);
    const int row = rowOf(jobId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_jobs.removeAt(row);
    endRemoveRows();
}

int DownloadListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int DownloadListModel::rowOf(const QString& jobId) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).jobId == jobId)
            return row;
    }
    return -1;
}

std::optional<DownloadJob> DownloadListModel::jobAt(int row) const
{
    if (row < 0 || row >= m_jobs.size())
        return std::nullopt;
    return m_jobs.at(row);
}

int DownloadListModel::activeCount() const
{
    return int(std::count_if(
        m_jobs.cbegin(), m_jobs.cend(), [](const DownloadJob& job) { return job.state != QLatin1String("failed"); }));
}

QVariant DownloadListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DownloadJob& job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return job.repo;
    case Qt::ToolTipRole: return job.currentFile;
    case JobIdRole: return job.jobId;
    case StateRole: return job.state;
    case FractionRole:
        if (job.bytesTotal <= 0)
            return {};
        return std::clamp(double(job.bytesDone) / double(job.bytesTotal), 0.0, 1.0);
    case ProgressTextRole:
        if (job.state == QLatin1String("failed"))
            return stateText(job.state);
        if (job.bytesTotal <= 0)
            return stateText(job.state);
        return tr("%1 of %2").arg(bytesText(job.bytesDone), bytesText(job.bytesTotal));
    case RateTextRole: {
        if (job.state != QLatin1String("running"))
            return job.state == QLatin1String("failed") ? QString() : stateText(job.state);
        QStringList parts;
        if (job.bytesPerSecond > 0)
            parts.append(rateText(job.bytesPerSecond));
        const QString eta = etaText(job.etaSeconds);
        if (!eta.isEmpty())
            parts.append(eta);
        return parts.join(QStringLiteral(" · "));
    }
    case ErrorTextRole:
        return job.state == QLatin1String("failed") ? errorText(job.errorCode, job.errorMessage) : QString();
    default: return {};
    }
}

QHash<int, QByteArray> DownloadListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(JobIdRole, "jobId");
    names.insert(StateRole, "state");
    names.insert(FractionRole, "fraction");
    names.insert(ProgressTextRole, "progressText");
    names.insert(RateTextRole, "rateText");
    names.insert(ErrorTextRole, "errorText");
    return names;
}

QString DownloadListModel::bytesText(qint64 bytes)
{
    const QLocale locale;
    if (bytes < 1000)
        return tr("%1 B").arg(locale.toString(std::max<qint64>(0, bytes)));
    if (bytes < 1'000'000)
        return tr("%1 kB").arg(locale.toString(double(bytes) / 1e3, 'f', 0));
    if (bytes < 1'000'000'000)
        return tr("%1 MB").arg(locale.toString(double(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0));
    return tr("%1 GB").arg(locale.toString(double(bytes) / 1e9, 'f', 1));
}

QString DownloadListModel::rateText(double bytesPerSecond)
{
    const QLocale locale;
    if (bytesPerSecond < 1e6)
        return tr("%1 kB/s").arg(locale.toString(bytesPerSecond / 1e3, 'f', 0));
    return tr("%1 MB/s").arg(locale.toString(bytesPerSecond / 1e6, 'f', 1));
}

QString DownloadListModel::etaText(int seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("less than a minute left");
    if (seconds < 3600)
        return tr("%n min left", nullptr, (seconds + 30) / 60);
    return tr("%n h left", nullptr, (seconds + 1800) / 3600);
}

QString DownloadListModel::stateText(const QString& state)
{
    if (state == QLatin1String("queued"))
        return tr("Waiting to start");
    if (state == QLatin1String("running"))
        return tr("Downloading");
    if (state == QLatin1String("paused"))
        return tr("Paused — resumes when the console restarts");
    if (state == QLatin1String("failed"))
        return tr("Failed");
    if (state == QLatin1String("completed"))
        return tr("Completed");
    if (state == QLatin1String("cancelled"))
        return tr("Cancelled");
    return state;
}

QString DownloadListModel::errorText(const QString& errorCode, const QString& message)
{
    if (errorCode == QLatin1String("UNAUTHORIZED"))
        return tr("This model needs a HuggingFace token: add one in Settings");
    if (errorCode == QLatin1String("FORBIDDEN"))
        return tr("Accept the model's license on huggingface.co first");
    if (errorCode == QLatin1String("NOT_FOUND"))
        return tr("No such model");
    if (errorCode == QLatin1String("INSUFFICIENT_STORAGE")) {
        // The store says "… N bytes needed, M free"; show the sizes in the units used everywhere else.
        static const QRegularExpression sizes(QStringLiteral("(\\d+) bytes needed, (\\d+) free"));
        const auto match = sizes.match(message);
        if (match.hasMatch())
            return tr("Not enough disk space: %1 needed, %2 free")
                .arg(bytesText(match.captured(1).toLongLong()), bytesText(match.captured(2).toLongLong()));
        return message.isEmpty() ? tr("Not enough disk space") : tr("Not enough disk space: %1").arg(message);
    }
    if (message.isEmpty())
        return tr("The download failed (%1)").arg(errorCode.isEmpty() ? tr("unknown error") : errorCode);
    return message;
}

} // namespace aiops::models
