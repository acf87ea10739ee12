#pragma once

#include "core/registry/ModelTypes.h"

#include <QHttpServerResponse>
#include <QJsonObject>
#include <optional>

class QHttpServerResponder;

namespace aiops::registry {
class ModelRegistry;
}

namespace aiops::controller {

class HttpRouter;
struct RequestContext;

// Seed 000 "API Endpoints → Models": GET /models, GET /models/:modelId, DELETE /models/:modelId,
// plus POST /models/import (an existing HuggingFace cache on the controller's machine),
// POST /models/download, GET /models/downloads and DELETE /models/downloads/:jobId; and the storage
// route nodes fetch model files from: GET /storage/models/:modelId/manifest and .../blobs/:hash.
class ModelRestApi final
{
public:
    ModelRestApi(HttpRouter& router, registry::ModelRegistry& registry);

    static QJsonObject modelToJson(const registry::ModelRecord& model);
    static QJsonObject jobToJson(const registry::DownloadJob& job);
    static QJsonObject manifestToJson(const registry::ModelManifest& manifest);

private:
    QHttpServerResponse list(const RequestContext& context) const;
    QHttpServerResponse get(const RequestContext& context) const;
    QHttpServerResponse remove(const RequestContext& context);
    QHttpServerResponse import(const RequestContext& context);
    QHttpServerResponse download(const RequestContext& context);
    QHttpServerResponse downloads() const;
    QHttpServerResponse cancel(const RequestContext& context);
    QHttpServerResponse manifest(const RequestContext& context);
    std::optional<QHttpServerResponse> blob(RequestContext& context, QHttpServerResponder& responder);

    registry::ModelRegistry& m_registry;
};

} // namespace aiops::controller
