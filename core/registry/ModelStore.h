#pragma once

#include "core/protocol/Error.h"
#include "core/registry/ModelTypes.h"

#include <QList>
#include <optional>

namespace aiops::store {
class Database;
}

namespace aiops::registry {

// Repository of the registry's tables (models, model_versions, download_jobs). Use it on the thread
// that opened the Database.
class ModelStore final
{
public:
    explicit ModelStore(store::Database& database);

    // Insert or update by modelId (clears a previous soft delete).
    Result<void> saveModel(const ModelRecord& model, const QString& repo);
    Result<QList<ModelRecord>> models() const; // not deleted, by name
    Result<std::optional<ModelRecord>> model(const QString& modelId) const;
    Result<QString> repoOf(const QString& modelId) const;
    Result<void> softDelete(const QString& modelId);
    // Only the status and minioPath columns (publication to a remote store); NotFound when the model
    // is gone, so that a late answer cannot bring a deleted model back as saveModel() would.
    Result<void> setLocation(const QString& modelId, const QString& status, const QString& minioPath);

    Result<void> addVersion(const ModelVersion& version);
    Result<QList<ModelVersion>> versions(const QString& modelId) const; // oldest first

    Result<void> saveJob(const DownloadJob& job);
    Result<QList<DownloadJob>> jobs() const; // newest first

private:
    store::Database& m_db;
};

// "Qwen/Qwen2.5-0.5B-Instruct" -> "qwen--qwen2.5-0.5b-instruct": the registry's modelId for a repo.
QString modelIdForRepo(const QString& repo);
// The next semantic version after `previous` for a new source commit ("" -> "1.0.0", "1.2.0" -> "1.3.0").
QString nextVersion(const QString& previous);

} // namespace aiops::registry
