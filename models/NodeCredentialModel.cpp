#include "models/NodeCredentialModel.h"

#include "core/iam/IamService.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/ModelRoles.h"

namespace aiops::models {

namespace {

bool sameCredential(const iam::NodeCredential& a, const iam::NodeCredential& b)
{
    return a.nodeId == b.nodeId && a.nodeName == b.nodeName && a.lastUsedAt == b.lastUsedAt && a.revoked == b.revoked;
}

} // namespace

NodeCredentialModel::NodeCredentialModel(iam::IamService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &iam::IamService::nodeCredentialsChanged, this, &NodeCredentialModel::scheduleRefresh);
    m_credentials = fetch();
}

NodeCredentialModel::~NodeCredentialModel() = default;

QList<iam::NodeCredential> NodeCredentialModel::fetch() const
{
    QList<iam::NodeCredential> credentials;
    for (const iam::NodeCredential& c : m_service->nodeCredentials()) {
        if (m_includeRevoked || !c.revoked)
            credentials.append(c);
    }
    std::stable_sort(
        credentials.begin(), credentials.end(), [](const iam::NodeCredential& a, const iam::NodeCredential& b) {
            return a.createdAt > b.createdAt;
        });
    return credentials;
}

void NodeCredentialModel::reload()
{
    syncRows(
        m_credentials, fetch(), [](const iam::NodeCredential& c) { return c.credentialId; }, sameCredential);
}

void NodeCredentialModel::setIncludeRevoked(bool include)
{
    if (include == m_includeRevoked)
        return;
    m_includeRevoked = include;
    refresh();
}

int NodeCredentialModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_credentials.size());
}

int NodeCredentialModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeCredentialModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const iam::NodeCredential& c = m_credentials.at(index.row());
    const QString status = c.revoked ? QStringLiteral("revoked") : QStringLiteral("active");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NodeNameColumn: return c.nodeName.isEmpty() ? c.nodeId : c.nodeName;
        case NodeIdColumn: return c.nodeId;
        case CreatedColumn: return IamFormat::date(c.createdAt);
        case LastUsedColumn: return IamFormat::lastUsed(c.lastUsedAt, QDateTime::currentDateTimeUtc());
        case StatusColumn: return IamFormat::accessStatusText(status);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LastUsedColumn && c.lastUsedAt.isValid())
            return IamFormat::timestamp(c.lastUsedAt);
        if (index.column() == StatusColumn && c.revoked)
            return tr("Revoked %1: the node must enroll again with a new token.").arg(IamFormat::date(c.revokedAt));
        return {};
    case SortRole:
        switch (index.column()) {
        case CreatedColumn: return c.createdAt.toMSecsSinceEpoch();
        case LastUsedColumn: return c.lastUsedAt.isValid() ? c.lastUsedAt.toMSecsSinceEpoch() : qint64(0);
        case StatusColumn: return c.revoked ? 1 : 0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole: return QStringList { c.nodeName, c.nodeId }.join(QLatin1Char(' ')).toLower();
    case IamIdRole: return c.credentialId;
    case NodeIdRole: return c.nodeId;
    case AccessStatusRole: return status;
    default: return {};
    }
}

QVariant NodeCredentialModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeNameColumn: return tr("Node");
    case NodeIdColumn: return tr("Node ID");
    case CreatedColumn: return tr("Enrolled");
    case LastUsedColumn: return tr("Last connected");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

int NodeCredentialModel::rowOf(const QString& credentialId) const
{
    for (qsizetype row = 0; row < m_credentials.size(); ++row) {
        if (m_credentials.at(row).credentialId == credentialId)
            return int(row);
    }
    return -1;
}

std::optional<iam::NodeCredential> NodeCredentialModel::credentialAt(int row) const
{
    if (row < 0 || row >= m_credentials.size())
        return std::nullopt;
    return m_credentials.at(row);
}

int NodeCredentialModel::activeCount() const
{
    return int(std::count_if(
        m_credentials.cbegin(), m_credentials.cend(), [](const iam::NodeCredential& c) { return !c.revoked; }));
}

} // namespace aiops::models
