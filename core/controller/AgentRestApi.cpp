#include "core/controller/AgentRestApi.h"

#include "core/agents/AgentStore.h"
#include "core/controller/ControllerAgentService.h"
#include "core/controller/FileResponse.h"
#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/iam/Permissions.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace aiops::controller {

using namespace Qt::StringLiterals;
using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

namespace {

constexpr qsizetype kMaxUploadBytes = 25 * 1024 * 1024;

QJsonObject type(const char* t)
{
    return QJsonObject { { u"type"_s, QString::fromLatin1(t) } };
}

QJsonObject stringArray()
{
    return QJsonObject { { u"type"_s, u"array"_s }, { u"items"_s, type("string") } };
}

QJsonObject toolSchema()
{
    return QJsonObject {
        { u"type"_s, u"object"_s },
        { u"required"_s, QJsonArray { u"name"_s } },
        { u"description"_s,
          u"By URL: endpoint (the server's URL) and transport. As a container on the controller's machine: "
          "dockerImage, port (1024-65535, inside the container), environment, and endpoint as the MCP "
          "path in it (default /mcp, /sse for transport sse)."_s },
        { u"properties"_s,
          QJsonObject { { u"name"_s, type("string") },
                        { u"type"_s, QJsonObject { { u"enum"_s, QJsonArray { u"mcp"_s } } } },
                        { u"description"_s, type("string") },
                        { u"category"_s, type("string") },
                        { u"transport"_s, QJsonObject { { u"enum"_s, QJsonArray { u"http"_s, u"sse"_s } } } },
                        { u"endpoint"_s, type("string") },
                        { u"dockerImage"_s, type("string") },
                        { u"port"_s, type("integer") },
                        { u"environment"_s, type("object") },
                        { u"healthEndpoint"_s, type("string") },
                        { u"scope"_s, type("string") } } }
    };
}

QJsonObject instructionSchema()
{
    return QJsonObject { { u"type"_s, u"object"_s },
                         { u"required"_s, QJsonArray { u"name"_s, u"systemPrompt"_s } },
                         { u"properties"_s,
                           QJsonObject { { u"name"_s, type("string") },
                                         { u"description"_s, type("string") },
                                         { u"systemPrompt"_s, type("string") },
                                         { u"guidelines"_s, stringArray() },
                                         { u"tags"_s, stringArray() },
                                         { u"isActive"_s, type("boolean") } } } };
}

QJsonObject agentSchema()
{
    return QJsonObject {
        { u"type"_s, u"object"_s },
        { u"required"_s, QJsonArray { u"name"_s, u"llmModel"_s } },
        { u"properties"_s,
          QJsonObject { { u"name"_s, type("string") },
                        { u"description"_s, type("string") },
                        { u"llmModel"_s,
                          QJsonObject { { u"type"_s, u"object"_s },
                                        { u"properties"_s,
                                          QJsonObject { { u"provider"_s,
                                                          QJsonObject { { u"enum"_s,
                                                                          QJsonArray { u"internal"_s,
                                                                                       u"openai"_s,
                                                                                       u"anthropic"_s,
                                                                                       u"ollama"_s,
                                                                                       u"openai-compatible"_s } } } },
                                                        { u"modelName"_s, type("string") },
                                                        { u"deploymentId"_s, type("string") },
                                                        { u"endpoint"_s, type("string") } } } } },
                        { u"apiKey"_s, type("string") },
                        { u"instructionId"_s, type("string") },
                        { u"instructionOverride"_s, type("string") },
                        { u"tools"_s, stringArray() },
                        { u"workingDir"_s, type("string") },
                        { u"privacyMode"_s,
                          QJsonObject { { u"enum"_s, QJsonArray { u"local-only"_s, u"allow-api"_s, u"hybrid"_s } } } },
                        { u"tokenCountsOnly"_s, type("boolean") } } }
    };
}

template<typename T> QHttpServerResponse jsonOr(const Result<T>& result, Status status = Status::Ok)
{
    if (!result)
        return errorResponse(result.error());
    return QHttpServerResponse(result->toJson(), status);
}

// Parses the request body as a JSON object and hands it to `respond`; a bad body is answered with its error.
template<typename F> QHttpServerResponse withJsonBody(const RequestContext& c, F&& respond)
{
    const auto body = parseJsonObject(c.request.body());
    if (!body)
        return errorResponse(body.error());
    return respond(*body);
}

QHttpServerResponse accepted(const Result<void>& result, const QJsonObject& body)
{
    if (!result)
        return errorResponse(result.error());
    return QHttpServerResponse(body, Status::Accepted);
}

QByteArray headerParam(const QByteArray& header, const QByteArray& name)
{
    for (const QByteArray& part : header.split(';')) {
        const QByteArray trimmed = part.trimmed();
        const qsizetype eq = trimmed.indexOf('=');
        if (eq <= 0 || trimmed.left(eq).trimmed().toLower() != name)
            continue;
        QByteArray value = trimmed.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

} // namespace

Result<AgentRestApi::UploadedPart> AgentRestApi::parseMultipart(const QByteArray& contentType, const QByteArray& body)
{
    const QByteArray boundary = headerParam(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200)
        return makeError(ErrorCode::BadRequest, u"multipart/form-data needs a boundary"_s, u"Content-Type"_s);
    const QByteArray delimiter = "--" + boundary;
    const QByteArray partEnd = "\r\n" + delimiter;
    qsizetype at = body.indexOf(delimiter);
    while (at >= 0) {
        qsizetype start = at + delimiter.size();
        if (body.mid(start, 2) == "--")
            break; // closing delimiter
        if (body.mid(start, 2) == "\r\n")
            start += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", start);
        if (headersEnd < 0)
            break;
        const qsizetype next = body.indexOf(partEnd, headersEnd + 4);
        if (next < 0)
            break;
        const QList<QByteArray> headers = body.mid(start, headersEnd - start).split('\n');
        QByteArray disposition;
        QByteArray partType;
        for (const QByteArray& line : headers) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (name == "content-disposition")
                disposition = line.mid(colon + 1).trimmed();
            else if (name == "content-type")
                partType = line.mid(colon + 1).trimmed();
        }
        if (headerParam(disposition, "name") == "file") {
            UploadedPart part;
            part.filename = QString::fromUtf8(headerParam(disposition, "filename"));
            part.mimetype = QString::fromLatin1(partType);
            part.content = body.mid(headersEnd + 4, next - (headersEnd + 4));
            if (part.filename.isEmpty())
                return makeError(ErrorCode::MissingField, u"The file part needs a filename"_s, u"file"_s);
            return part;
        }
        at = next + 2;
    }
    return makeError(ErrorCode::MissingField, u"No \"file\" part in the multipart body"_s, u"file"_s);
}

AgentRestApi::AgentRestApi(HttpRouter& router, ControllerAgentService& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
    const OrgResolver toolOrg = [this](const RequestContext& c) -> Result<QString> {
        auto t = m_service.tool(c.param(u"toolId"_s));
        if (!t)
            return makeError(ErrorCode::NotFound, u"No tool %1"_s.arg(c.param(u"toolId"_s)));
        return t->scope == u"public" ? c.principal.orgId : t->orgId;
    };
    const OrgResolver instructionOrg = [this](const RequestContext& c) -> Result<QString> {
        for (const agents::InstructionRecord& i : m_service.instructions()) {
            if (i.instructionId == c.param(u"instructionId"_s))
                return i.orgId;
        }
        return makeError(ErrorCode::NotFound, u"No instruction template %1"_s.arg(c.param(u"instructionId"_s)));
    };
    const OrgResolver agentOrg = [this](const RequestContext& c) -> Result<QString> {
        auto a = m_service.agent(c.param(u"agentId"_s));
        if (!a)
            return makeError(ErrorCode::NotFound, u"No agent %1"_s.arg(c.param(u"agentId"_s)));
        return a->orgId;
    };

    // --- tools ---
    router.add({ .method = Method::Get,
                 .path = u"/tools"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"MCP and built-in tools the caller may use (?type=mcp|builtin filters)"_s,
                 .tag = u"tools"_s,
                 .handler = [this](RequestContext& c) {
                     const QString kind = QUrlQuery(c.request.url()).queryItemValue(u"type"_s);
                     QJsonArray list;
                     for (const agents::ToolRecord& t : m_service.toolsFor(c.principal)) {
                         if (kind.isEmpty() || t.type == kind)
                             list.append(t.toJson());
                     }
                     return QHttpServerResponse(QJsonObject { { u"tools"_s, list } });
                 } });
    router.add({ .method = Method::Post,
                 .path = u"/tools"_s,
                 .permission = iam::Permission::DeployTools,
                 .summary
                 = u"Register an MCP server by URL (Streamable HTTP or SSE) or as a container run on the controller's "
                   "machine; its deployment and health check start at once"_s,
                 .tag = u"tools"_s,
                 .handler =
                     [this](RequestContext& c) {
                         auto body = parseJsonObject(c.request.body());
                         if (!body)
                             return errorResponse(body.error());
                         auto draft = ControllerAgentService::toolFromJson(*body, agents::ToolRecord {});
                         if (!draft)
                             return errorResponse(draft.error());
                         return jsonOr(m_service.registerToolAs(c.principal, *draft), Status::Created);
                     },
                 .createsResource = true,
                 .requestSchema = toolSchema(),
                 .successStatus = u"201"_s });
    router.add(
        { .method = Method::Get,
          .path = u"/tools/:toolId"_s,
          .permission = iam::Permission::ViewMetrics,
          .summary = u"One tool with its discovered tools and their input schemas"_s,
          .tag = u"tools"_s,
          .handler = [this](RequestContext& c) { return jsonOr(m_service.toolFor(c.principal, c.param(u"toolId"_s))); },
          .resourceOrg = toolOrg });
    router.add({ .method = Method::Patch,
                 .path = u"/tools/:toolId"_s,
                 .permission = iam::Permission::DeployTools,
                 .summary = u"Change an MCP tool (name, description, endpoint, transport, ...)"_s,
                 .tag = u"tools"_s,
                 .handler =
                     [this](RequestContext& c) {
                         return withJsonBody(c, [&](const QJsonObject& body) {
                             return jsonOr(m_service.updateToolAs(c.principal, c.param(u"toolId"_s), body));
                         });
                     },
                 .resourceOrg = toolOrg,
                 .requestSchema = toolSchema() });
    router.add(
        { .method = Method::Post,
          .path = u"/tools/:toolId/restart"_s,
          .permission = iam::Permission::DeployTools,
          .summary = u"Restart an MCP tool: a container tool's container is replaced; a tool by URL gets a fresh "
                     "session; then a health check (MCP only)"_s,
          .tag = u"tools"_s,
          .handler =
              [this](RequestContext& c) {
                  const QString toolId = c.param(u"toolId"_s);
                  if (auto restarted = m_service.restartToolAs(c.principal, toolId); !restarted)
                      return errorResponse(restarted.error());
                  return QHttpServerResponse(QJsonObject { { u"toolId"_s, toolId }, { u"status"_s, u"restarting"_s } },
                                             Status::Accepted);
              },
          .resourceOrg = toolOrg,
          .successStatus = u"202"_s });
    router.add(
        { .method = Method::Get,
          .path = u"/tools/:toolId/health"_s,
          .permission = iam::Permission::ViewMetrics,
          .summary = u"Health-check an MCP tool now (initialize + tools/list) and return the result"_s,
          .tag = u"tools"_s,
          .resourceOrg = toolOrg,
          .stream = [this](RequestContext& c, QHttpServerResponder& responder) -> std::optional<QHttpServerResponse> {
              auto t = m_service.toolFor(c.principal, c.param(u"toolId"_s));
              if (!t)
                  return errorResponse(t.error());
              auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
              const QByteArray requestId = c.requestId.toLatin1();
              c.streamedStatus = 200;
              m_service.checkToolHealthAs(
                  c.principal, t->toolId, [held, requestId](Result<agents::ToolRecord> checked) {
                      QJsonObject body;
                      auto status = QHttpServerResponder::StatusCode::Ok;
                      if (checked) {
                          body = QJsonObject { { u"toolId"_s, checked->toolId },
                                               { u"status"_s, checked->status },
                                               { u"healthy"_s, checked->status == u"active" },
                                               { u"lastHealthCheck"_s,
                                                 checked->lastHealthCheck.toString(Qt::ISODateWithMs) },
                                               { u"discoveredTools"_s, qsizetype(checked->discovered.size()) } };
                          if (!checked->lastError.isEmpty())
                              body.insert(u"error"_s, checked->lastError);
                      } else {
                          body = QJsonObject { { u"errorCode"_s, checked.error().codeName() },
                                               { u"message"_s, checked.error().message },
                                               { u"requestId"_s, QString::fromLatin1(requestId) } };
                          status = QHttpServerResponder::StatusCode(httpStatusFor(checked.error().code));
                      }
                      held->write(
                          QJsonDocument(body), { { "X-Request-Id", requestId }, { "Connection", "close" } }, status);
                  });
              return std::nullopt;
          } });

    // --- instructions ---
    router.add({ .method = Method::Get,
                 .path = u"/instructions"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Instruction templates of the organization (?tags=support,faq filters: any tag)"_s,
                 .tag = u"instructions"_s,
                 .handler = [this](RequestContext& c) {
                     const QStringList tags
                         = QUrlQuery(c.request.url()).queryItemValue(u"tags"_s).split(u',', Qt::SkipEmptyParts);
                     QJsonArray list;
                     for (const agents::InstructionRecord& i : m_service.instructionsFor(c.principal)) {
                         const bool tagged
                             = tags.isEmpty() || std::any_of(tags.cbegin(), tags.cend(), [&](const QString& t) {
                                   return i.tags.contains(t);
                               });
                         if (tagged)
                             list.append(i.toJson());
                     }
                     return QHttpServerResponse(QJsonObject { { u"instructions"_s, list } });
                 } });
    router.add({ .method = Method::Post,
                 .path = u"/instructions"_s,
                 .permission = iam::Permission::CreateAgents,
                 .summary = u"Create an instruction template {name, systemPrompt, guidelines?, tags?}"_s,
                 .tag = u"instructions"_s,
                 .handler =
                     [this](RequestContext& c) {
                         return withJsonBody(c, [&](const QJsonObject& body) {
                             return jsonOr(m_service.createInstructionAs(c.principal, body), Status::Created);
                         });
                     },
                 .createsResource = true,
                 .requestSchema = instructionSchema(),
                 .successStatus = u"201"_s });
    router.add({ .method = Method::Get,
                 .path = u"/instructions/:instructionId"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"One instruction template"_s,
                 .tag = u"instructions"_s,
                 .handler =
                     [this](RequestContext& c) {
                         return jsonOr(m_service.instructionFor(c.principal, c.param(u"instructionId"_s)));
                     },
                 .resourceOrg = instructionOrg });
    router.add({ .method = Method::Patch,
                 .path = u"/instructions/:instructionId"_s,
                 .permission = iam::Permission::CreateAgents,
                 .summary = u"Change an instruction template; running agents get it on their next start"_s,
                 .tag = u"instructions"_s,
                 .handler =
                     [this](RequestContext& c) {
                         return withJsonBody(c, [&](const QJsonObject& body) {
                             return jsonOr(
                                 m_service.updateInstructionAs(c.principal, c.param(u"instructionId"_s), body));
                         });
                     },
                 .resourceOrg = instructionOrg,
                 .requestSchema = instructionSchema() });
    router.add({ .method = Method::Get,
                 .path = u"/instructions/:instructionId/agents"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Agents that use this instruction template"_s,
                 .tag = u"instructions"_s,
                 .handler =
                     [this](RequestContext& c) {
                         auto users = m_service.agentsUsingInstructionAs(c.principal, c.param(u"instructionId"_s));
                         if (!users)
                             return errorResponse(users.error());
                         QJsonArray list;
                         for (const agents::AgentRecord& a : *users)
                             list.append(a.toJson());
                         return QHttpServerResponse(QJsonObject { { u"agents"_s, list } });
                     },
                 .resourceOrg = instructionOrg });

    // --- agents ---
    router.add({ .method = Method::Get,
                 .path = u"/agents"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Agents of the organization with their status"_s,
                 .tag = u"agents"_s,
                 .handler = [this](RequestContext& c) {
                     QJsonArray list;
                     for (const agents::AgentRecord& a : m_service.agentsFor(c.principal))
                         list.append(a.toJson());
                     return QHttpServerResponse(QJsonObject { { u"agents"_s, list } });
                 } });
    router.add(
        { .method = Method::Post,
          .path = u"/agents"_s,
          .permission = iam::Permission::CreateAgents,
          .summary = u"Create an agent {name, llmModel, instructionId?, instructionOverride?, tools[], workingDir?}"_s,
          .tag = u"agents"_s,
          .handler =
              [this](RequestContext& c) {
                  return withJsonBody(c, [&](const QJsonObject& body) {
                      return jsonOr(m_service.createAgentAs(c.principal, body), Status::Created);
                  });
              },
          .createsResource = true,
          .requestSchema = agentSchema(),
          .successStatus = u"201"_s });
    router.add({ .method = Method::Get,
                 .path = u"/agents/:agentId"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"One agent"_s,
                 .tag = u"agents"_s,
                 .handler
                 = [this](RequestContext& c) { return jsonOr(m_service.agentFor(c.principal, c.param(u"agentId"_s))); },
                 .resourceOrg = agentOrg });
    router.add({ .method = Method::Patch,
                 .path = u"/agents/:agentId"_s,
                 .permission = iam::Permission::CreateAgents,
                 .summary = u"Change an agent's configuration (takes effect on its next start)"_s,
                 .tag = u"agents"_s,
                 .handler =
                     [this](RequestContext& c) {
                         return withJsonBody(c, [&](const QJsonObject& body) {
                             return jsonOr(m_service.updateAgentAs(c.principal, c.param(u"agentId"_s), body));
                         });
                     },
                 .resourceOrg = agentOrg,
                 .requestSchema = agentSchema() });
    router.add({ .method = Method::Post,
                 .path = u"/agents/:agentId/start"_s,
                 .permission = iam::Permission::CreateAgents,
                 .summary = u"Start the agent's runtime (status starting, then running once it registers)"_s,
                 .tag = u"agents"_s,
                 .handler =
                     [this](RequestContext& c) {
                         const QString id = c.param(u"agentId"_s);
                         return accepted(m_service.startAgentAs(c.principal, id),
                                         QJsonObject { { u"agentId"_s, id }, { u"status"_s, u"starting"_s } });
                     },
                 .resourceOrg = agentOrg,
                 .successStatus = u"202"_s });
    router.add({ .method = Method::Post,
                 .path = u"/agents/:agentId/stop"_s,
                 .permission = iam::Permission::CreateAgents,
                 .summary = u"Stop the agent's runtime"_s,
                 .tag = u"agents"_s,
                 .handler =
                     [this](RequestContext& c) {
                         const QString id = c.param(u"agentId"_s);
                         return accepted(m_service.stopAgentAs(c.principal, id),
                                         QJsonObject { { u"agentId"_s, id }, { u"status"_s, u"stopped"_s } });
                     },
                 .resourceOrg = agentOrg,
                 .successStatus = u"202"_s });

    // --- conversations ---
    router.add({ .method = Method::Get,
                 .path = u"/conversations"_s,
                 .permission = iam::Permission::ChatWithAgents,
                 .summary = u"The caller's conversations, newest first (?agentId= filters)"_s,
                 .tag = u"conversations"_s,
                 .handler = [this](RequestContext& c) {
                     auto list = m_service.conversationsFor(c.principal,
                                                            QUrlQuery(c.request.url()).queryItemValue(u"agentId"_s));
                     if (!list)
                         return errorResponse(list.error());
                     QJsonArray json;
                     for (const agents::ConversationRecord& r : *list)
                         json.append(r.toJson());
                     return QHttpServerResponse(QJsonObject { { u"conversations"_s, json } });
                 } });
    router.add({ .method = Method::Post,
                 .path = u"/conversations"_s,
                 .permission = iam::Permission::ChatWithAgents,
                 .summary = u"Start a conversation with an agent {agentId, title?}"_s,
                 .tag = u"conversations"_s,
                 .handler =
                     [this](RequestContext& c) {
                         auto body = parseJsonObject(c.request.body());
                         if (!body)
                             return errorResponse(body.error());
                         BodyReader reader(*body);
                         reader.allowOnly({ u"agentId"_s, u"title"_s });
                         const auto agentId = reader.string(u"agentId"_s, Need::Required, 128, true);
                         const auto title = reader.string(u"title"_s, Need::Optional, 255);
                         if (reader.error())
                             return errorResponse(*reader.error());
                         return jsonOr(m_service.createConversationAs(c.principal, *agentId, title.value_or(QString())),
                                       Status::Created);
                     },
                 .createsResource = true,
                 .requestSchema
                 = QJsonObject { { u"type"_s, u"object"_s },
                                 { u"required"_s, QJsonArray { u"agentId"_s } },
                                 { u"properties"_s,
                                   QJsonObject { { u"agentId"_s, type("string") }, { u"title"_s, type("string") } } } },
                 .successStatus = u"201"_s });
    router.add({ .method = Method::Get,
                 .path = u"/conversations/:conversationId"_s,
                 .permission = iam::Permission::ChatWithAgents,
                 .summary = u"A conversation and its messages (tool calls included), oldest first"_s,
                 .tag = u"conversations"_s,
                 .handler = [this](RequestContext& c) {
                     const QString id = c.param(u"conversationId"_s);
                     auto conversation = m_service.conversationFor(c.principal, id);
                     if (!conversation)
                         return errorResponse(conversation.error());
                     auto messages = m_service.messagesFor(c.principal, id);
                     if (!messages)
                         return errorResponse(messages.error());
                     QJsonObject json = conversation->toJson();
                     QJsonArray list;
                     for (const agents::MessageRecord& m : *messages)
                         list.append(m.toJson());
                     json.insert(u"messages"_s, list);
                     return QHttpServerResponse(json);
                 } });

    // --- files ---
    router.add(
        { .method = Method::Post,
          .path = u"/files/upload"_s,
          .permission = iam::Permission::ChatWithAgents,
          .summary
          = u"Upload a file for a chat message (multipart/form-data part \"file\", or a raw body with ?filename=)"_s,
          .tag = u"files"_s,
          .handler =
              [this](RequestContext& c) {
                  const QByteArray contentType = c.request.value("Content-Type");
                  UploadedPart part;
                  if (contentType.toLower().startsWith("multipart/form-data")) {
                      auto parsed = parseMultipart(contentType, c.request.body());
                      if (!parsed)
                          return errorResponse(parsed.error());
                      part = *parsed;
                  } else {
                      part.filename = QUrlQuery(c.request.url()).queryItemValue(u"filename"_s, QUrl::FullyDecoded);
                      part.mimetype = QString::fromLatin1(contentType.split(';').value(0).trimmed());
                      part.content = c.request.body();
                      if (part.filename.isEmpty())
                          return errorResponse(Error { ErrorCode::MissingField,
                                                       u"Send multipart/form-data, or the raw file with ?filename="_s,
                                                       u"filename"_s });
                  }
                  auto stored = m_service.storeFileAs(c.principal, part.filename, part.mimetype, part.content);
                  if (!stored)
                      return errorResponse(stored.error());
                  QJsonObject json = stored->toJson();
                  return QHttpServerResponse(json, Status::Created);
              },
          .maxBodyBytes = kMaxUploadBytes,
          .createsResource = false,
          .successStatus = u"201"_s });
    router.add(
        { .method = Method::Get,
          .path = u"/files/:fileId"_s,
          .permission = iam::Permission::ChatWithAgents,
          .summary = u"Download an uploaded file"_s,
          .tag = u"files"_s,
          .stream = [this](RequestContext& c, QHttpServerResponder& responder) -> std::optional<QHttpServerResponse> {
              auto file = m_service.fileFor(c.principal, c.param(u"fileId"_s));
              if (!file)
                  return errorResponse(file.error());
              return streamFile(c, responder, file->path, '"' + file->ref.fileId.toLatin1() + '"');
          } });
}

void AgentRestApi::addDestructiveRoutes(HttpRouter& router)
{
    router.add({ .method = Method::Delete,
                 .path = u"/conversations/:conversationId"_s,
                 .permission = iam::Permission::ChatWithAgents,
                 .summary = u"Delete a conversation and its messages"_s,
                 .tag = u"conversations"_s,
                 .handler =
                     [this](RequestContext& c) {
                         auto removed = m_service.removeConversationAs(c.principal, c.param(u"conversationId"_s));
                         if (!removed)
                             return errorResponse(removed.error());
                         return QHttpServerResponse(Status::NoContent);
                     },
                 .successStatus = u"204"_s });
    const auto remove
        = [&](const QString& path, const QString& param, const QString& tag, auto call, iam::Permission permission) {
              router.add({ .method = Method::Delete,
                           .path = path,
                           .permission = permission,
                           .summary = u"Delete (soft) the %1"_s.arg(tag.chopped(1)),
                           .tag = tag,
                           .handler =
                               [this, param, call](RequestContext& c) {
                                   auto removed = (m_service.*call)(c.principal, c.param(param));
                                   if (!removed)
                                       return errorResponse(removed.error());
                                   return QHttpServerResponse(Status::NoContent);
                               },
                           .successStatus = u"204"_s });
          };
    remove(u"/tools/:toolId"_s,
           u"toolId"_s,
           u"tools"_s,
           &ControllerAgentService::removeToolAs,
           iam::Permission::DeployTools);
    remove(u"/instructions/:instructionId"_s,
           u"instructionId"_s,
           u"instructions"_s,
           &ControllerAgentService::removeInstructionAs,
           iam::Permission::CreateAgents);
    remove(u"/agents/:agentId"_s,
           u"agentId"_s,
           u"agents"_s,
           &ControllerAgentService::removeAgentAs,
           iam::Permission::CreateAgents);
}

} // namespace aiops::controller
