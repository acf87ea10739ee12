#pragma once

#include "core/registry/ModelTypes.h"

#include <QHttpServerResponse>
#include <QJsonObject>

namespace aiops::registry {
class ModelRegistry;
}

namespace aiops::controller {

class HttpRouter;
struct RequestContext;

// Seed 000 "API Endpoints → Models": GET /models, GET /models/:modelId, DELETE /models/:modelId,
// plus POST /models/import (an existing HuggingFace cache on the controller's machine),
// POST /models/download, GET /models/downloads and DELETE /models/downloads/:jobId.
class ModelRestApi final
{
public:
    ModelRestApi(HttpRouter& router, registry::ModelRegistry& registry);

    static QJsonObject modelToJson(const registry::ModelRecord& model);
    static QJsonObject jobToJson(const registry::DownloadJob& job);

private:
    QHttpServerResponse list(const RequestContext& context) const;
    QHttpServerResponse get(const RequestContext& context) const;
    QHttpServerResponse remove(const RequestContext& context);
    QHttpServerResponse import(const RequestContext& context);
    QHttpServerResponse download(const RequestContext& context);
    QHttpServerResponse downloads() const;
    QHttpServerResponse cancel(const RequestContext& context);

    registry::ModelRegistry& m_registry;
};

} // namespace aiops::controller
