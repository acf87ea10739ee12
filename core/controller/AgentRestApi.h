#pragma once

#include "core/protocol/Error.h"

#include <QObject>

namespace aiops::controller {

class ControllerAgentService;
class HttpRouter;
struct RequestContext;

// Seed 000's Tools, Instructions, Agents, Conversations and Files routes:
//   GET  /tools[?type=mcp|builtin]   POST /tools   GET|PATCH|DELETE /tools/:toolId
//   POST /tools/:toolId/restart (202)   GET /tools/:toolId/health (runs a check now)
//   GET  /instructions[?tags=a,b]   POST /instructions   GET|PATCH|DELETE /instructions/:instructionId
//   GET  /instructions/:instructionId/agents
//   GET  /agents   POST /agents   GET|PATCH|DELETE /agents/:agentId   POST /agents/:agentId/start|stop
//   GET  /conversations[?agentId=]   POST /conversations {agentId, title?}
//   GET|DELETE /conversations/:conversationId (GET includes its messages)
//   POST /files/upload (multipart/form-data "file" part, or a raw body with ?filename=) -> {fileId, url, filename,
//   size} GET  /files/:fileId
class AgentRestApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentRestApi)
public:
    AgentRestApi(HttpRouter& router, ControllerAgentService& service, QObject* parent = nullptr);
    // DELETE routes go last: the RBAC matrix test walks the table in order.
    void addDestructiveRoutes(HttpRouter& router);

    // The file part of a multipart/form-data body: its filename, content type and bytes.
    struct UploadedPart
    {
        QString filename;
        QString mimetype;
        QByteArray content;
    };
    static Result<UploadedPart> parseMultipart(const QByteArray& contentType, const QByteArray& body);

private:
    ControllerAgentService& m_service;
};

} // namespace aiops::controller
