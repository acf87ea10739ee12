#pragma once

#include "core/iam/IamTypes.h"
#include "models/SafetyTableModel.h"

#include <optional>

namespace aiops::iam {
class IamService;
}

namespace aiops::models {

// The API keys of the IamService (all organizations), newest first. Revoked keys are left out
// unless setIncludeRevoked(true). Reloads, coalesced, on apiKeysChanged.
class ApiKeyTableModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyTableModel)
public:
    enum Column {
        NameColumn,
        KeyColumn,
        ModelsColumn,
        QuotaColumn,
        RateLimitColumn,
        UsageColumn,
        CreatedColumn,
        LastUsedColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ApiKeyTableModel(iam::IamService* service, QObject* parent = nullptr);
    ~ApiKeyTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setIncludeRevoked(bool include);
    bool includesRevoked() const { return m_includeRevoked; }
    int rowOf(const QString& keyId) const; // -1 when absent
    std::optional<iam::ApiKey> keyAt(int row) const;
    int activeCount() const;

    // "All models" or the list; "1,000 requests · 50,000 tokens per day" or "Unlimited"; "5/s, burst 10".
    static QString modelsText(const QStringList& models);
    static QString quotaText(qint64 requests, qint64 tokens, int windowSeconds);
    static QString rateText(double perSecond, int burst);
    static QString windowText(int windowSeconds);

protected:
    void reload() override;

private:
    QList<iam::ApiKey> fetch() const;

    iam::IamService* m_service;
    QList<iam::ApiKey> m_keys;
    bool m_includeRevoked = false;
};

} // namespace aiops::models
