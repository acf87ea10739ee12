#pragma once

#include "core/registry/ModelTypes.h"

#include <QAbstractTableModel>
#include <optional>

namespace aiops::registry {
class ModelService;
}

namespace aiops::models {

// One row per registered model, fed by registry::ModelService (modelsChanged / modelRemoved).
// Rows keep their identity across refreshes: changed models update in place, so a selection survives.
class ModelTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelTableModel)
public:
    enum Column {
        NameColumn,
        TaskColumn,
        FrameworkColumn,
        SizeColumn,
        ParametersColumn,
        VersionColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // ModelRoles.h's SortRole, SearchTextRole and StatusRole (the model's status) apply too.
    static constexpr int ModelIdRole = Qt::UserRole + 64; // QString

    explicit ModelTableModel(registry::ModelService* service, QObject* parent = nullptr);
    ~ModelTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& modelId) const; // -1 when absent
    std::optional<registry::ModelRecord> modelAt(int row) const;
    qint64 totalSizeMb() const;

    // Reads the service's list again (done on modelsChanged / modelRemoved).
    void refresh();

    static QString taskText(const QString& task); // "LLM", "Speech recognition", ...
    static QString frameworkText(const QString& framework); // "vLLM", "Triton", "Custom"
    static QString statusText(const QString& status); // "Ready", "Downloading", "Failed"
    static QString parametersText(qint64 parameters); // "494M", "7.6B", "–"
    static QString sizeMbText(qint64 sizeMb); // decimal units as the Hub shows them: "988 MB", "15.2 GB"

private:
    QVariant displayData(const registry::ModelRecord& model, int column) const;
    QVariant sortData(const registry::ModelRecord& model, int column) const;

    registry::ModelService* m_service;
    QList<registry::ModelRecord> m_models;
};

} // namespace aiops::models
