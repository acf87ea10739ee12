#include "models/UserTableModel.h"

#include "core/iam/IamService.h"
#include "models/Format.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/ModelRoles.h"

namespace aiops::models {

namespace {

bool sameUser(const iam::User& a, const iam::User& b)
{
    return a.username == b.username && a.email == b.email && a.displayName == b.displayName && a.orgId == b.orgId
        && a.roles == b.roles && a.disabled == b.disabled && a.changedAt == b.changedAt
        && a.lastLoginAt == b.lastLoginAt;
}

QList<iam::User> sortedByName(QList<iam::User> users)
{
    std::stable_sort(users.begin(), users.end(), [](const iam::User& a, const iam::User& b) {
        return a.username.compare(b.username, Qt::CaseInsensitive) < 0;
    });
    return users;
}

} // namespace

UserTableModel::UserTableModel(iam::IamService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &iam::IamService::usersChanged, this, &UserTableModel::scheduleRefresh);
    for (const iam::Organization& org : m_service->organizations())
        m_orgNames.insert(org.orgId, org.name);
    m_users = sortedByName(m_service->users());
}

UserTableModel::~UserTableModel() = default;

void UserTableModel::reload()
{
    m_orgNames.clear();
    for (const iam::Organization& org : m_service->organizations())
        m_orgNames.insert(org.orgId, org.name);
    syncRows(
        m_users, sortedByName(m_service->users()), [](const iam::User& u) { return u.userId; }, sameUser);
}

int UserTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString UserTableModel::organizationName(const QString& orgId) const
{
    return m_orgNames.value(orgId, orgId);
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const iam::User& u = m_users.at(index.row());
    const QString status = u.disabled ? QStringLiteral("disabled") : QStringLiteral("active");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return u.displayName.isEmpty() ? u.username : u.displayName;
        case UsernameColumn: return u.username;
        case EmailColumn: return u.email.isEmpty() ? Format::dash() : u.email;
        case RoleColumn: return IamFormat::rolesText(u.roles);
        case OrganizationColumn: return organizationName(u.orgId);
        case StatusColumn: return IamFormat::accessStatusText(status);
        case LastLoginColumn: return IamFormat::lastUsed(u.lastLoginAt, QDateTime::currentDateTimeUtc());
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == RoleColumn) {
            QStringList lines;
            for (const QString& r : u.roles)
                lines.append(IamFormat::roleText(r) + QStringLiteral(": ") + IamFormat::roleDescription(r));
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == LastLoginColumn && u.lastLoginAt.isValid())
            return IamFormat::timestamp(u.lastLoginAt);
        if (index.column() == StatusColumn && u.disabled)
            return tr("A disabled user cannot sign in; their data and API keys are kept.");
        return {};
    case SortRole:
        switch (index.column()) {
        case LastLoginColumn: return u.lastLoginAt.isValid() ? u.lastLoginAt.toMSecsSinceEpoch() : qint64(0);
        case StatusColumn: return u.disabled ? 1 : 0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole:
        return QStringList {
            u.username, u.displayName, u.email, IamFormat::rolesText(u.roles), organizationName(u.orgId)
        }
            .join(QLatin1Char(' '))
            .toLower();
    case IamIdRole: return u.userId;
    case AccessStatusRole: return status;
    default: return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case UsernameColumn: return tr("Username");
    case EmailColumn: return tr("Email");
    case RoleColumn: return tr("Role");
    case OrganizationColumn: return tr("Organization");
    case StatusColumn: return tr("Status");
    case LastLoginColumn: return tr("Last sign-in");
    default: return {};
    }
}

int UserTableModel::rowOf(const QString& userId) const
{
    for (qsizetype row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).userId == userId)
            return int(row);
    }
    return -1;
}

std::optional<iam::User> UserTableModel::userAt(int row) const
{
    if (row < 0 || row >= m_users.size())
        return std::nullopt;
    return m_users.at(row);
}

} // namespace aiops::models
