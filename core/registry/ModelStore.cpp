#include "core/registry/ModelStore.h"

#include "core/store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace aiops::registry {

using namespace Qt::StringLiterals;

namespace {

QString iso(const QDateTime& dt)
{
    return (dt.isValid() ? dt : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs);
}

// NOT NULL text columns: a null QString would bind as SQL NULL.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QDateTime fromIso(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

std::unexpected<Error> sqlError(const QSqlQuery& q, const QString& what)
{
    return std::unexpected(Error { ErrorCode::StoreError, u"%1: %2"_s.arg(what, q.lastError().text()) });
}

ModelRecord readModel(const QSqlQuery& q)
{
    ModelRecord m;
    m.modelId = q.value(u"modelId"_s).toString();
    m.name = q.value(u"name"_s).toString();
    m.description = q.value(u"description"_s).toString();
    m.source = q.value(u"source"_s).toString();
    m.sourceUrl = q.value(u"sourceUrl"_s).toString();
    m.framework = q.value(u"framework"_s).toString();
    m.modelFormat = q.value(u"modelFormat"_s).toString();
    m.task = q.value(u"task"_s).toString();
    m.minioPath = q.value(u"minioPath"_s).toString();
    m.sizeMb = q.value(u"sizeMb"_s).toLongLong();
    m.version = q.value(u"version"_s).toString();
    m.minGpuMemory = q.value(u"minGpuMemory"_s).toLongLong();
    m.minVram = q.value(u"minVram"_s).toLongLong();
    const QJsonObject meta = QJsonDocument::fromJson(q.value(u"metadata"_s).toByteArray()).object();
    m.parameters = qint64(meta.value(u"parameters"_s).toDouble());
    m.dtype = meta.value(u"dtype"_s).toString();
    m.contextLength = qint64(meta.value(u"contextLength"_s).toDouble());
    m.license = meta.value(u"license"_s).toString();
    for (const auto& l : meta.value(u"languages"_s).toArray())
        m.languages.append(l.toString());
    m.status = q.value(u"status"_s).toString();
    m.orgId = q.value(u"ownerOrgId"_s).toString();
    m.userId = q.value(u"ownerUserId"_s).toString();
    m.createdAt = fromIso(q.value(u"createdAt"_s));
    m.changedAt = fromIso(q.value(u"changedAt"_s));
    return m;
}

DownloadJob readJob(const QSqlQuery& q)
{
    DownloadJob j;
    j.jobId = q.value(u"jobId"_s).toString();
    j.repo = q.value(u"repo"_s).toString();
    j.revision = q.value(u"revision"_s).toString();
    j.framework = q.value(u"framework"_s).toString();
    j.state = q.value(u"state"_s).toString();
    j.bytesDone = q.value(u"bytesDone"_s).toLongLong();
    j.bytesTotal = q.value(u"bytesTotal"_s).toLongLong();
    j.errorCode = q.value(u"errorCode"_s).toString();
    j.errorMessage = q.value(u"errorMessage"_s).toString();
    j.modelId = q.value(u"modelId"_s).toString();
    j.createdAt = fromIso(q.value(u"createdAt"_s));
    j.changedAt = fromIso(q.value(u"changedAt"_s));
    return j;
}

} // namespace

QString modelIdForRepo(const QString& repo)
{
    return repo.toLower().replace(u'/', u"--"_s);
}

QString nextVersion(const QString& previous)
{
    const QStringList parts = previous.split(u'.');
    if (parts.size() != 3)
        return u"1.0.0"_s;
    bool okMajor = false;
    bool okMinor = false;
    const int major = parts[0].toInt(&okMajor);
    const int minor = parts[1].toInt(&okMinor);
    if (!okMajor || !okMinor)
        return u"1.0.0"_s;
    return u"%1.%2.0"_s.arg(major).arg(minor + 1);
}

ModelStore::ModelStore(store::Database& database)
    : m_db(database)
{
}

Result<void> ModelStore::saveModel(const ModelRecord& m, const QString& repo)
{
    QJsonArray languages;
    for (const QString& l : m.languages)
        languages.append(l);
    const QJsonObject meta { { u"parameters"_s, double(m.parameters) },
                             { u"dtype"_s, m.dtype },
                             { u"contextLength"_s, double(m.contextLength) },
                             { u"license"_s, m.license },
                             { u"languages"_s, languages } };
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO models (modelId, name, description, source, sourceUrl, repo, framework, modelFormat,
                    task, minioPath, sizeMb, version, minGpuMemory, minVram, metadata, status, ownerOrgId,
                    ownerUserId, createdAt, changedAt, deletedAt, isDeleted)
                  VALUES (:id, :name, :description, :source, :sourceUrl, :repo, :framework, :format, :task,
                    :path, :size, :version, :gpu, :vram, :meta, :status, :org, :user, :created, :changed, NULL, 0)
                  ON CONFLICT(modelId) DO UPDATE SET name = excluded.name, description = excluded.description,
                    source = excluded.source, sourceUrl = excluded.sourceUrl, repo = excluded.repo,
                    framework = excluded.framework, modelFormat = excluded.modelFormat, task = excluded.task,
                    minioPath = excluded.minioPath, sizeMb = excluded.sizeMb, version = excluded.version,
                    minGpuMemory = excluded.minGpuMemory, minVram = excluded.minVram, metadata = excluded.metadata,
                    status = excluded.status, changedAt = excluded.changedAt, deletedAt = NULL, isDeleted = 0)"_s);
    q.bindValue(u":id"_s, m.modelId);
    q.bindValue(u":name"_s, m.name);
    q.bindValue(u":description"_s, text(m.description));
    q.bindValue(u":source"_s, m.source);
    q.bindValue(u":sourceUrl"_s, m.sourceUrl);
    q.bindValue(u":repo"_s, repo);
    q.bindValue(u":framework"_s, text(m.framework));
    q.bindValue(u":format"_s, text(m.modelFormat));
    q.bindValue(u":task"_s, text(m.task));
    q.bindValue(u":path"_s, text(m.minioPath));
    q.bindValue(u":size"_s, m.sizeMb);
    q.bindValue(u":version"_s, text(m.version));
    q.bindValue(u":gpu"_s, m.minGpuMemory);
    q.bindValue(u":vram"_s, m.minVram);
    q.bindValue(u":meta"_s, QJsonDocument(meta).toJson(QJsonDocument::Compact));
    q.bindValue(u":status"_s, text(m.status));
    q.bindValue(u":org"_s, m.orgId.isEmpty() ? u"default"_s : m.orgId);
    q.bindValue(u":user"_s, m.userId.isEmpty() ? u"system"_s : m.userId);
    q.bindValue(u":created"_s, iso(m.createdAt));
    q.bindValue(u":changed"_s, iso(QDateTime::currentDateTimeUtc()));
    if (!q.exec())
        return sqlError(q, u"save model"_s);
    return {};
}

Result<QList<ModelRecord>> ModelStore::models() const
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT * FROM models WHERE isDeleted = 0 ORDER BY name COLLATE NOCASE"_s))
        return sqlError(q, u"list models"_s);
    QList<ModelRecord> out;
    while (q.next())
        out.append(readModel(q));
    return out;
}

Result<std::optional<ModelRecord>> ModelStore::model(const QString& modelId) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM models WHERE modelId = :id AND isDeleted = 0"_s);
    q.bindValue(u":id"_s, modelId);
    if (!q.exec())
        return sqlError(q, u"read model"_s);
    if (!q.next())
        return std::optional<ModelRecord>();
    return std::optional<ModelRecord>(readModel(q));
}

Result<QString> ModelStore::repoOf(const QString& modelId) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT repo FROM models WHERE modelId = :id"_s);
    q.bindValue(u":id"_s, modelId);
    if (!q.exec())
        return sqlError(q, u"read model"_s);
    if (!q.next())
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    return q.value(0).toString();
}

Result<void> ModelStore::softDelete(const QString& modelId)
{
    QSqlQuery q(m_db.handle());
    q.prepare(
        u"UPDATE models SET isDeleted = 1, deletedAt = :now, changedAt = :now WHERE modelId = :id AND isDeleted = 0"_s);
    q.bindValue(u":now"_s, iso({}));
    q.bindValue(u":id"_s, modelId);
    if (!q.exec())
        return sqlError(q, u"delete model"_s);
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    return {};
}

Result<void> ModelStore::setLocation(const QString& modelId, const QString& status, const QString& minioPath)
{
    QSqlQuery q(m_db.handle());
    q.prepare(
        u"UPDATE models SET status = :status, minioPath = :path, changedAt = :now WHERE modelId = :id AND isDeleted = 0"_s);
    q.bindValue(u":status"_s, text(status));
    q.bindValue(u":path"_s, text(minioPath));
    q.bindValue(u":now"_s, iso({}));
    q.bindValue(u":id"_s, modelId);
    if (!q.exec())
        return sqlError(q, u"update model location"_s);
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    return {};
}

Result<void> ModelStore::addVersion(const ModelVersion& v)
{
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT OR REPLACE INTO model_versions (modelId, version, revision, commitSha, sizeBytes, createdAt)
                  VALUES (:id, :version, :revision, :commit, :size, :created))"_s);
    q.bindValue(u":id"_s, v.modelId);
    q.bindValue(u":version"_s, v.version);
    q.bindValue(u":revision"_s, v.revision);
    q.bindValue(u":commit"_s, v.commitSha);
    q.bindValue(u":size"_s, v.sizeBytes);
    q.bindValue(u":created"_s, iso(v.createdAt));
    if (!q.exec())
        return sqlError(q, u"save version"_s);
    return {};
}

Result<QList<ModelVersion>> ModelStore::versions(const QString& modelId) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM model_versions WHERE modelId = :id ORDER BY createdAt, version"_s);
    q.bindValue(u":id"_s, modelId);
    if (!q.exec())
        return sqlError(q, u"list versions"_s);
    QList<ModelVersion> out;
    while (q.next()) {
        ModelVersion v;
        v.modelId = q.value(u"modelId"_s).toString();
        v.version = q.value(u"version"_s).toString();
        v.revision = q.value(u"revision"_s).toString();
        v.commitSha = q.value(u"commitSha"_s).toString();
        v.sizeBytes = q.value(u"sizeBytes"_s).toLongLong();
        v.createdAt = fromIso(q.value(u"createdAt"_s));
        out.append(v);
    }
    return out;
}

Result<void> ModelStore::saveJob(const DownloadJob& j)
{
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO download_jobs (jobId, repo, revision, framework, state, bytesDone, bytesTotal,
                    errorCode, errorMessage, modelId, createdAt, changedAt)
                  VALUES (:id, :repo, :revision, :framework, :state, :done, :total, :code, :message, :model,
                    :created, :changed)
                  ON CONFLICT(jobId) DO UPDATE SET state = excluded.state, bytesDone = excluded.bytesDone,
                    bytesTotal = excluded.bytesTotal, errorCode = excluded.errorCode,
                    errorMessage = excluded.errorMessage, modelId = excluded.modelId, changedAt = excluded.changedAt)"_s);
    q.bindValue(u":id"_s, j.jobId);
    q.bindValue(u":repo"_s, text(j.repo));
    q.bindValue(u":revision"_s, text(j.revision));
    q.bindValue(u":framework"_s, text(j.framework));
    q.bindValue(u":state"_s, text(j.state));
    q.bindValue(u":done"_s, j.bytesDone);
    q.bindValue(u":total"_s, j.bytesTotal);
    q.bindValue(u":code"_s, j.errorCode);
    q.bindValue(u":message"_s, j.errorMessage);
    q.bindValue(u":model"_s, j.modelId);
    q.bindValue(u":created"_s, iso(j.createdAt));
    q.bindValue(u":changed"_s, iso({}));
    if (!q.exec())
        return sqlError(q, u"save download job"_s);
    return {};
}

Result<QList<DownloadJob>> ModelStore::jobs() const
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT * FROM download_jobs ORDER BY createdAt DESC"_s))
        return sqlError(q, u"list download jobs"_s);
    QList<DownloadJob> out;
    while (q.next())
        out.append(readJob(q));
    return out;
}

} // namespace aiops::registry
