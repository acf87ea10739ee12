#include "models/ModelTableModel.h"

#include "core/registry/ModelService.h"
#include "models/Format.h"
#include "models/ModelRoles.h"

#include <QColor>
#include <QLocale>
#include <QSet>
#include <algorithm>

namespace aiops::models {

using registry::ModelRecord;

ModelTableModel::ModelTableModel(registry::ModelService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(m_service, &registry::ModelService::modelsChanged, this, &ModelTableModel::refresh);
    connect(m_service, &registry::ModelService::modelRemoved, this, &ModelTableModel::refresh);
    refresh();
}

ModelTableModel::~ModelTableModel() = default;

void ModelTableModel::refresh()
{
    const QList<ModelRecord> fresh = m_service->models();
    QSet<QString> freshIds;
    for (const ModelRecord& m : fresh)
        freshIds.insert(m.modelId);

    // Removed rows first (from the bottom), then update or append.
    for (int row = int(m_models.size()) - 1; row >= 0; --row) {
        if (!freshIds.contains(m_models.at(row).modelId)) {
            beginRemoveRows({}, row, row);
            m_models.removeAt(row);
            endRemoveRows();
        }
    }
    for (const ModelRecord& m : fresh) {
        const int row = rowOf(m.modelId);
        if (row >= 0) {
            m_models[row] = m;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            const int at = int(m_models.size());
            beginInsertRows({}, at, at);
            m_models.append(m);
            endInsertRows();
        }
    }
}

int ModelTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ModelTableModel::rowOf(const QString& modelId) const
{
    for (int row = 0; row < m_models.size(); ++row) {
        if (m_models.at(row).modelId == modelId)
            return row;
    }
    return -1;
}

std::optional<ModelRecord> ModelTableModel::modelAt(int row) const
{
    if (row < 0 || row >= m_models.size())
        return std::nullopt;
    return m_models.at(row);
}

qint64 ModelTableModel::totalSizeMb() const
{
    qint64 total = 0;
    for (const ModelRecord& m : m_models)
        total += m.sizeMb;
    return total;
}

QVariant ModelTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelRecord& m = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(m, index.column());
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return m.sourceUrl.isEmpty() ? m.name : m.sourceUrl;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == ParametersColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole: return sortData(m, index.column());
    case SearchTextRole:
        return QStringList { m.name, m.modelId, m.task, m.framework, m.license }.join(QLatin1Char(' ')).toLower();
    case StatusRole: return m.status;
    case ModelIdRole: return m.modelId;
    default: return {};
    }
}

QVariant ModelTableModel::displayData(const ModelRecord& m, int column) const
{
    switch (column) {
    case NameColumn: return m.name.isEmpty() ? m.modelId : m.name;
    case TaskColumn: return taskText(m.task);
    case FrameworkColumn: return frameworkText(m.framework);
    case SizeColumn: return sizeMbText(m.sizeMb);
    case ParametersColumn: return parametersText(m.parameters);
    case VersionColumn: return m.version.isEmpty() ? Format::dash() : m.version;
    case StatusColumn: return statusText(m.status);
    default: return {};
    }
}

QVariant ModelTableModel::sortData(const ModelRecord& m, int column) const
{
    switch (column) {
    case SizeColumn: return m.sizeMb;
    case ParametersColumn: return m.parameters;
    case NameColumn: return (m.name.isEmpty() ? m.modelId : m.name).toLower();
    default: return displayData(m, column).toString().toLower();
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return (section == SizeColumn || section == ParametersColumn)
            ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TaskColumn: return tr("Task");
    case FrameworkColumn: return tr("Framework");
    case SizeColumn: return tr("Size");
    case ParametersColumn: return tr("Parameters");
    case VersionColumn: return tr("Version");
    case StatusColumn: return tr("Status");
    default: return {};
    }
}

QString ModelTableModel::taskText(const QString& task)
{
    if (task == QLatin1String("llm"))
        return tr("LLM");
    if (task == QLatin1String("nlp"))
        return tr("NLP");
    if (task == QLatin1String("asr"))
        return tr("Speech recognition");
    if (task == QLatin1String("tts"))
        return tr("Text to speech");
    if (task == QLatin1String("cv"))
        return tr("Computer vision");
    return task.isEmpty() ? Format::dash() : task;
}

QString ModelTableModel::frameworkText(const QString& framework)
{
    if (framework == QLatin1String("vllm"))
        return QStringLiteral("vLLM");
    if (framework == QLatin1String("triton"))
        return QStringLiteral("Triton");
    if (framework == QLatin1String("custom"))
        return tr("Custom");
    return framework.isEmpty() ? Format::dash() : framework;
}

QString ModelTableModel::statusText(const QString& status)
{
    if (status == QLatin1String("ready"))
        return tr("Ready");
    if (status == QLatin1String("downloading"))
        return tr("Downloading");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("publishing"))
        return tr("Copying to S3");
    return status;
}

QString ModelTableModel::parametersText(qint64 parameters)
{
    if (parameters <= 0)
        return Format::dash();
    const QLocale locale;
    if (parameters >= 1'000'000'000)
        return tr("%1B").arg(locale.toString(double(parameters) / 1e9, 'f', 1));
    if (parameters >= 1'000'000)
        return tr("%1M").arg(locale.toString(double(parameters) / 1e6, 'f', 0));
    return locale.toString(parameters);
}

QString ModelTableModel::sizeMbText(qint64 sizeMb)
{
    if (sizeMb <= 0)
        return Format::dash();
    const QLocale locale;
    if (sizeMb < 1000)
        return tr("%1 MB").arg(locale.toString(sizeMb));
    return tr("%1 GB").arg(locale.toString(double(sizeMb) / 1000.0, 'f', 1));
}

} // namespace aiops::models
