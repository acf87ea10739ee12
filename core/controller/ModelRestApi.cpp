#include "core/controller/ModelRestApi.h"

#include "core/controller/FileResponse.h"
#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/registry/ModelRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QUrlQuery>

namespace aiops::controller {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;
using namespace Qt::StringLiterals;

namespace {

QJsonValue dateJson(const QDateTime& dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

bool hasUniverseRole(const iam::Principal& principal)
{
    if (principal.kind == iam::PrincipalKind::System)
        return true;
    for (const QString& name : principal.roles) {
        if (const auto role = iam::roleFromName(name); role && iam::isUniverseRole(*role))
            return true;
    }
    return false;
}

QString orgOf(const registry::ModelRecord& m)
{
    return m.orgId.isEmpty() ? u"default"_s : m.orgId;
}

} // namespace

QJsonObject ModelRestApi::modelToJson(const registry::ModelRecord& m)
{
    return QJsonObject {
        { u"modelId"_s, m.modelId },
        { u"name"_s, m.name },
        { u"description"_s, m.description },
        { u"source"_s, m.source },
        { u"sourceUrl"_s, m.sourceUrl },
        { u"framework"_s, m.framework },
        { u"modelFormat"_s, m.modelFormat },
        { u"task"_s, m.task },
        { u"minioPath"_s, m.minioPath },
        { u"sizeMb"_s, double(m.sizeMb) },
        { u"version"_s, m.version },
        { u"minGpuMemory"_s, double(m.minGpuMemory) },
        { u"minVram"_s, double(m.minVram) },
        { u"metadata"_s,
          QJsonObject { { u"parameters"_s, double(m.parameters) },
                        { u"dtype"_s, m.dtype },
                        { u"contextLength"_s, double(m.contextLength) },
                        { u"languages"_s, QJsonArray::fromStringList(m.languages) },
                        { u"license"_s, m.license } } },
        { u"status"_s, m.status },
        { u"owner"_s, QJsonObject { { u"orgId"_s, orgOf(m) }, { u"userId"_s, m.userId } } },
        { u"createdAt"_s, dateJson(m.createdAt) },
        { u"changedAt"_s, dateJson(m.changedAt) },
        { u"isDeleted"_s, false },
    };
}

ModelRestApi::ModelRestApi(HttpRouter& router, registry::ModelRegistry& registry)
    : m_registry(registry)
{
    const QString tag = u"models"_s;
    const OrgResolver modelOrg = [this](const RequestContext& c) -> Result<QString> {
        const auto model = m_registry.model(c.param(u"modelId"_s));
        if (!model)
            return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(c.param(u"modelId"_s)));
        return orgOf(*model);
    };
    router.add({ .method = Method::Get,
                 .path = u"/models"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"List models (organization roles see their organization's)"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) {
                     return list(c);
                 } });
    router.add({ .method = Method::Post,
                 .path = u"/models/import"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Import an existing HuggingFace cache directory on the controller's machine"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return import(c); },
                 .maxBodyBytes = 4096,
                 .requestSchema
                 = QJsonObject { { u"type"_s, u"object"_s },
                                 { u"required"_s, QJsonArray { u"hubDir"_s } },
                                 { u"properties"_s,
                                   QJsonObject { { u"hubDir"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } },
                 .successStatus = u"202"_s });
    router.add({ .method = Method::Post,
                 .path = u"/models/download"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Download a model from HuggingFace; progress through GET /models/downloads"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return download(c); },
                 .maxBodyBytes = 4096,
                 .createsResource = true,
                 .requestSchema
                 = QJsonObject { { u"type"_s, u"object"_s },
                                 { u"required"_s, QJsonArray { u"repo"_s } },
                                 { u"properties"_s,
                                   QJsonObject { { u"repo"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                                                 { u"revision"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                                                 { u"framework"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } },
                 .successStatus = u"202"_s });
    router.add({ .method = Method::Get,
                 .path = u"/models/downloads"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Download jobs with progress (bytes, speed, ETA) and errors"_s,
                 .tag = tag,
                 .handler = [this](RequestContext&) {
                     return downloads();
                 } });
    router.add({ .method = Method::Delete,
                 .path = u"/models/downloads/:jobId"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Cancel a download (its partial files stay for a later resume)"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) {
                     return cancel(c);
                 } });
    router.add({ .method = Method::Get,
                 .path = u"/models/:modelId"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Model details with versions and files"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return get(c); },
                 .resourceOrg = modelOrg });

    // The storage route nodes fetch model files from (seed 000 "Storage URLs": /models/{modelId}/{file}
    // on the storage host). A node credential or any role may read; Range requests resume.
    router.add({ .method = Method::Get,
                 .path = u"/storage/models/:modelId/manifest"_s,
                 .permission = iam::Permission::FetchArtifacts,
                 .summary = u"A model version's files with size, sha256 and the URL to fetch each from"_s,
                 .tag = u"storage"_s,
                 .handler = [this](RequestContext& c) { return manifest(c); },
                 .resourceOrg = modelOrg });
    router.add({ .method = Method::Get,
                 .path = u"/storage/models/:modelId/blobs/:hash"_s,
                 .permission = iam::Permission::FetchArtifacts,
                 .summary = u"One model file by its blob name, streamed; supports Range and If-Range"_s,
                 .tag = u"storage"_s,
                 .resourceOrg = modelOrg,
                 .rateLimited = false, // a node resuming many files must not be throttled into failure
                 .stream = [this](RequestContext& c, QHttpServerResponder& responder) {
                     return blob(c, responder);
                 } });
    router.add({ .method = Method::Delete,
                 .path = u"/models/:modelId"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Delete a model (soft delete; frees blobs no other version references)"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return remove(c); },
                 .resourceOrg = modelOrg });
}

QJsonObject ModelRestApi::manifestToJson(const registry::ModelManifest& m)
{
    QJsonArray files;
    for (const auto& f : m.files)
        files.append(QJsonObject { { u"path"_s, f.path },
                                   { u"size"_s, double(f.size) },
                                   { u"sha256"_s, f.sha256 },
                                   { u"blobHash"_s, f.blobHash },
                                   { u"url"_s, f.url } });
    return QJsonObject { { u"modelId"_s, m.modelId },
                         { u"version"_s, m.version },
                         { u"commitSha"_s, m.commitSha },
                         { u"totalBytes"_s, double(m.totalBytes) },
                         { u"files"_s, files } };
}

QHttpServerResponse ModelRestApi::manifest(const RequestContext& context)
{
    const QString version = QUrlQuery(context.request.url()).queryItemValue(u"version"_s);
    auto manifest = m_registry.manifest(context.param(u"modelId"_s), version);
    if (!manifest)
        return errorResponse(manifest.error());
    return QHttpServerResponse(manifestToJson(*manifest));
}

std::optional<QHttpServerResponse> ModelRestApi::blob(RequestContext& context, QHttpServerResponder& responder)
{
    const QString hash = context.param(u"hash"_s);
    auto path = m_registry.blobFile(context.param(u"modelId"_s), hash);
    if (!path)
        return errorResponse(path.error());
    // Blobs are named by their content hash, so the name is a strong validator.
    return streamFile(context, responder, *path, '"' + hash.toLatin1() + '"');
}

QHttpServerResponse ModelRestApi::list(const RequestContext& context) const
{
    const bool everyOrg
        = hasUniverseRole(context.principal) && QUrlQuery(context.request.url()).queryItemValue(u"orgId"_s).isEmpty();
    QJsonArray out;
    for (const auto& m : m_registry.models()) {
        if (everyOrg || orgOf(m) == context.resourceOrgId)
            out.append(modelToJson(m));
    }
    return QHttpServerResponse(QJsonObject { { u"models"_s, out }, { u"total"_s, out.size() } });
}

QHttpServerResponse ModelRestApi::get(const RequestContext& context) const
{
    const QString modelId = context.param(u"modelId"_s);
    const auto model = m_registry.model(modelId);
    if (!model)
        return errorResponse(Error { ErrorCode::NotFound, u"No model %1"_s.arg(modelId) });
    QJsonObject body = modelToJson(*model);
    QJsonArray versions;
    for (const auto& v : m_registry.versions(modelId))
        versions.append(QJsonObject { { u"version"_s, v.version },
                                      { u"revision"_s, v.revision },
                                      { u"commitSha"_s, v.commitSha },
                                      { u"sizeBytes"_s, double(v.sizeBytes) },
                                      { u"createdAt"_s, dateJson(v.createdAt) } });
    body.insert(u"versions"_s, versions);
    QJsonArray files;
    for (const auto& f : m_registry.files(modelId))
        files.append(QJsonObject { { u"path"_s, f.path }, { u"size"_s, double(f.size) }, { u"sha256"_s, f.sha256 } });
    body.insert(u"files"_s, files);
    return QHttpServerResponse(body);
}

QHttpServerResponse ModelRestApi::remove(const RequestContext& context)
{
    const QString modelId = context.param(u"modelId"_s);
    auto removed = m_registry.removeModelNow(modelId);
    if (!removed)
        return errorResponse(removed.error());
    return QHttpServerResponse(QJsonObject { { u"modelId"_s, modelId },
                                             { u"deleted"_s, true },
                                             { u"freedBytes"_s, double(removed->freedBytes) },
                                             { u"deletedBlobs"_s, removed->deletedBlobs.size() } });
}

QHttpServerResponse ModelRestApi::import(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ u"hubDir"_s });
    const auto dir = r.string(u"hubDir"_s, Need::Required, 4096, true);
    if (r.error())
        return errorResponse(*r.error());
    if (!QDir::isAbsolutePath(*dir) || !QFileInfo(*dir).isDir())
        return errorResponse(Error { ErrorCode::InvalidValue,
                                     u"hubDir must be an existing absolute directory on the controller"_s,
                                     u"hubDir"_s });
    // Hashing the blobs of a large cache takes a while: it runs on a worker and the models appear
    // (GET /models, modelsChanged) as they are registered.
    m_registry.importCacheFor(*dir, context.resourceOrgId, context.principal.subject);
    return QHttpServerResponse(QJsonObject { { u"accepted"_s, true }, { u"hubDir"_s, *dir } }, Status::Accepted);
}

QJsonObject ModelRestApi::jobToJson(const registry::DownloadJob& j)
{
    return QJsonObject { { u"jobId"_s, j.jobId },
                         { u"repo"_s, j.repo },
                         { u"revision"_s, j.revision },
                         { u"framework"_s, j.framework },
                         { u"state"_s, j.state },
                         { u"bytesDone"_s, double(j.bytesDone) },
                         { u"bytesTotal"_s, double(j.bytesTotal) },
                         { u"bytesPerSecond"_s, j.bytesPerSecond },
                         { u"etaSeconds"_s, j.etaSeconds },
                         { u"filesDone"_s, j.filesDone },
                         { u"filesTotal"_s, j.filesTotal },
                         { u"errorCode"_s, j.errorCode },
                         { u"errorMessage"_s, j.errorMessage },
                         { u"modelId"_s, j.modelId },
                         { u"createdAt"_s, dateJson(j.createdAt) } };
}

QHttpServerResponse ModelRestApi::download(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ u"repo"_s, u"revision"_s, u"framework"_s });
    const auto repo = r.string(u"repo"_s, Need::Required, 512, true);
    const auto revision = r.string(u"revision"_s, Need::Optional, 256, true);
    const auto framework = r.oneOf(u"framework"_s, { u"vllm"_s, u"triton"_s, u"custom"_s }, Need::Optional);
    if (r.error())
        return errorResponse(*r.error());
    auto job = m_registry.startDownload(*repo, revision.value_or(QString()), framework.value_or(QString()));
    if (!job)
        return errorResponse(job.error());
    return QHttpServerResponse(QJsonObject { { u"jobId"_s, *job } }, Status::Accepted);
}

QHttpServerResponse ModelRestApi::downloads() const
{
    QJsonArray out;
    for (const auto& j : m_registry.downloads())
        out.append(jobToJson(j));
    return QHttpServerResponse(QJsonObject { { u"downloads"_s, out }, { u"total"_s, out.size() } });
}

QHttpServerResponse ModelRestApi::cancel(const RequestContext& context)
{
    const QString jobId = context.param(u"jobId"_s);
    if (auto done = m_registry.cancelDownload(jobId); !done)
        return errorResponse(done.error());
    return QHttpServerResponse(QJsonObject { { u"jobId"_s, jobId }, { u"cancelled"_s, true } });
}

} // namespace aiops::controller
