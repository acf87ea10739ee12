#include "models/ApiKeyTableModel.h"

#include "core/iam/IamService.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/ModelRoles.h"

#include <QLocale>

namespace aiops::models {

namespace {

bool sameKey(const iam::ApiKey& a, const iam::ApiKey& b)
{
    return a.name == b.name && a.models == b.models && a.quotaRequests == b.quotaRequests
        && a.quotaTokens == b.quotaTokens && a.quotaWindowSeconds == b.quotaWindowSeconds
        && a.ratePerSecond == b.ratePerSecond && a.burst == b.burst && a.usedRequests == b.usedRequests
        && a.usedTokens == b.usedTokens && a.lastUsedAt == b.lastUsedAt && a.revoked == b.revoked;
}

} // namespace

ApiKeyTableModel::ApiKeyTableModel(iam::IamService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &iam::IamService::apiKeysChanged, this, &ApiKeyTableModel::scheduleRefresh);
    m_keys = fetch();
}

ApiKeyTableModel::~ApiKeyTableModel() = default;

QList<iam::ApiKey> ApiKeyTableModel::fetch() const
{
    QList<iam::ApiKey> keys;
    for (const iam::ApiKey& key : m_service->apiKeys()) {
        if (m_includeRevoked || !key.revoked)
            keys.append(key);
    }
    std::stable_sort(
        keys.begin(), keys.end(), [](const iam::ApiKey& a, const iam::ApiKey& b) { return a.createdAt > b.createdAt; });
    return keys;
}

void ApiKeyTableModel::reload()
{
    syncRows(
        m_keys, fetch(), [](const iam::ApiKey& k) { return k.keyId; }, sameKey);
}

void ApiKeyTableModel::setIncludeRevoked(bool include)
{
    if (include == m_includeRevoked)
        return;
    m_includeRevoked = include;
    refresh();
}

int ApiKeyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int ApiKeyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApiKeyTableModel::modelsText(const QStringList& models)
{
    return models.isEmpty() ? tr("All models") : models.join(QStringLiteral(", "));
}

QString ApiKeyTableModel::windowText(int windowSeconds)
{
    switch (windowSeconds) {
    case 60: return tr("per minute");
    case 3600: return tr("per hour");
    case 86400: return tr("per day");
    case 7 * 86400: return tr("per week");
    case 30 * 86400: return tr("per 30 days");
    default: return tr("per %n second(s)", nullptr, windowSeconds);
    }
}

QString ApiKeyTableModel::quotaText(qint64 requests, qint64 tokens, int windowSeconds)
{
    QStringList parts;
    if (requests > 0)
        parts.append(tr("%1 requests").arg(IamFormat::count(requests)));
    if (tokens > 0)
        parts.append(tr("%1 tokens").arg(IamFormat::count(tokens)));
    if (parts.isEmpty())
        return tr("Unlimited");
    return parts.join(QStringLiteral(" · ")) + QLatin1Char(' ') + windowText(windowSeconds);
}

QString ApiKeyTableModel::rateText(double perSecond, int burst)
{
    if (perSecond <= 0)
        return tr("Unlimited");
    return tr("%1/s, burst %2").arg(QLocale().toString(perSecond, 'g', 4)).arg(burst);
}

QVariant ApiKeyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const iam::ApiKey& k = m_keys.at(index.row());
    const QString status = k.revoked ? QStringLiteral("revoked") : QStringLiteral("active");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return k.name;
        case KeyColumn: return QString(k.prefix + QStringLiteral("…"));
        case ModelsColumn: return modelsText(k.models);
        case QuotaColumn: return quotaText(k.quotaRequests, k.quotaTokens, k.quotaWindowSeconds);
        case RateLimitColumn: return rateText(k.ratePerSecond, k.burst);
        case UsageColumn:
            return tr("%1 requests · %2 tokens").arg(IamFormat::count(k.usedRequests), IamFormat::count(k.usedTokens));
        case CreatedColumn: return IamFormat::date(k.createdAt);
        case LastUsedColumn: return IamFormat::lastUsed(k.lastUsedAt, QDateTime::currentDateTimeUtc());
        case StatusColumn: return IamFormat::accessStatusText(status);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return tr("Only the beginning of the key is kept for recognising it; the key itself is stored hashed.");
        if (index.column() == UsageColumn)
            return tr("Use in the current quota window");
        if (index.column() == StatusColumn && k.revoked)
            return tr("Revoked %1").arg(IamFormat::date(k.revokedAt));
        return {};
    case SortRole:
        switch (index.column()) {
        case CreatedColumn: return k.createdAt.toMSecsSinceEpoch();
        case LastUsedColumn: return k.lastUsedAt.isValid() ? k.lastUsedAt.toMSecsSinceEpoch() : qint64(0);
        case UsageColumn: return k.usedRequests;
        case StatusColumn: return k.revoked ? 1 : 0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole:
        return QStringList { k.name, k.prefix, k.models.join(QLatin1Char(' ')) }.join(QLatin1Char(' ')).toLower();
    case IamIdRole: return k.keyId;
    case AccessStatusRole: return status;
    default: return {};
    }
}

QVariant ApiKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case KeyColumn: return tr("Key");
    case ModelsColumn: return tr("Models");
    case QuotaColumn: return tr("Quota");
    case RateLimitColumn: return tr("Rate limit");
    case UsageColumn: return tr("Used");
    case CreatedColumn: return tr("Created");
    case LastUsedColumn: return tr("Last used");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

int ApiKeyTableModel::rowOf(const QString& keyId) const
{
    for (qsizetype row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).keyId == keyId)
            return int(row);
    }
    return -1;
}

std::optional<iam::ApiKey> ApiKeyTableModel::keyAt(int row) const
{
    if (row < 0 || row >= m_keys.size())
        return std::nullopt;
    return m_keys.at(row);
}

int ApiKeyTableModel::activeCount() const
{
    return int(std::count_if(m_keys.cbegin(), m_keys.cend(), [](const iam::ApiKey& k) { return !k.revoked; }));
}

} // namespace aiops::models
