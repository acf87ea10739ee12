#include "core/protocol/Codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <functional>

using namespace aiops;
using namespace aiops::protocol;
using namespace Qt::StringLiterals;

namespace {

// One step of a JSON path: an object key, or an array index when key is empty.
struct PathStep
{
    QString key;
    qsizetype index = -1;
};

QList<PathStep> parsePath(const QString& path)
{
    QList<PathStep> steps;
    static const QRegularExpression stepPattern(u"([^.\\[\\]]+)|\\[(\\d+)\\]"_s);
    auto it = stepPattern.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.hasCaptured(1))
            steps.append({ m.captured(1), -1 });
        else
            steps.append({ {}, m.captured(2).toLongLong() });
    }
    return steps;
}

// Returns `node` with the value at steps[k..] replaced by `value`; Undefined removes an object key.
QJsonValue replaced(const QJsonValue& node, const QList<PathStep>& steps, qsizetype k, const QJsonValue& value)
{
    if (k == steps.size())
        return value;
    const PathStep& step = steps.at(k);
    if (step.index >= 0) {
        QJsonArray array = node.toArray();
        while (array.size() <= step.index)
            array.append(QJsonValue());
        array[step.index] = replaced(array.at(step.index), steps, k + 1, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (k == steps.size() - 1 && value.isUndefined())
        object.remove(step.key);
    else
        object[step.key] = replaced(object.value(step.key), steps, k + 1, value);
    return object;
}

QJsonObject with(const QJsonObject& base, const QString& path, const QJsonValue& value)
{
    return replaced(base, parsePath(path), 0, value).toObject();
}

QJsonObject without(const QJsonObject& base, const QString& path)
{
    return with(base, path, QJsonValue(QJsonValue::Undefined));
}

QByteArray frame(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject gpu(const QString& id, qint64 memoryTotal)
{
    return { { u"deviceId"_s, id }, { u"model"_s, u"NVIDIA A100-SXM4-80GB"_s }, { u"memoryTotal"_s, memoryTotal } };
}

QJsonObject validRegister()
{
    return { { u"type"_s, u"system.node.register"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"name"_s, u"GPU box 1"_s },
             { u"isLocal"_s, false },
             { u"gpuDevices"_s, QJsonArray { gpu(u"0"_s, 81920), gpu(u"1"_s, 81920) } },
             { u"config"_s, QJsonObject { { u"controllerEndpoint"_s, u"ws://10.8.0.1:8080"_s } } },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject sample(const QString& id)
{
    return { { u"deviceId"_s, id }, { u"memoryFree"_s, 40000 }, { u"utilization"_s, 37.5 }, { u"temperature"_s, 61 } };
}

QJsonObject validHeartbeat()
{
    return { { u"type"_s, u"system.node.heartbeat"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"timestamp"_s, qint64(1700000002000) },
             { u"metrics"_s,
               QJsonObject { { u"gpuDevices"_s, QJsonArray { sample(u"0"_s), sample(u"1"_s) } },
                             { u"ramFree"_s, 120000 },
                             { u"diskFree"_s, 900000 } } } };
}

QJsonObject validDisconnect()
{
    return { { u"type"_s, u"system.node.disconnect"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"reason"_s, u"shutdown"_s },
             { u"timestamp"_s, qint64(1700000003000) } };
}

QJsonObject validRegistered()
{
    return { { u"type"_s, u"system.node.registered"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"heartbeatIntervalMs"_s, 2000 },
             { u"timestamp"_s, qint64(1700000000100) } };
}

QJsonObject validSystemError()
{
    return { { u"type"_s, u"system.error"_s },
             { u"errorCode"_s, u"INVALID_JSON"_s },
             { u"message"_s, u"frame must be a JSON object"_s },
             { u"timestamp"_s, qint64(1700000000100) } };
}

QJsonObject validNotification()
{
    return { { u"type"_s, u"system.notification"_s },
             { u"level"_s, u"warning"_s },
             { u"title"_s, u"GPU hot"_s },
             { u"message"_s, u"GPU 0 of node-001 is at 91 °C"_s },
             { u"timestamp"_s, qint64(1700000000100) } };
}

QJsonObject validDeployModel()
{
    const QJsonObject config { { u"image"_s, u"nvcr.io/nvidia/tritonserver:24.01"_s },
                               { u"gpuDevice"_s, u"0,1"_s },
                               { u"gpuVendor"_s, u"nvidia"_s },
                               { u"memoryLimit"_s, u"8g"_s },
                               { u"ports"_s, u"8001:8000"_s },
                               { u"environment"_s, QJsonObject { { u"HF_HOME"_s, u"/models"_s } } },
                               { u"command"_s, QJsonArray { u"tritonserver"_s, u"--model-repository=/models"_s } },
                               { u"modelMount"_s, u"/models"_s } };
    const QJsonObject file { { u"path"_s, u"config.pbtxt"_s },
                             { u"size"_s, 12 },
                             { u"sha256"_s, QString(64, u'a') },
                             { u"url"_s, u"/storage/models/whisper-v3/1/config.pbtxt"_s } };
    return { { u"type"_s, u"system.node.deployModel"_s },
             { u"requestId"_s, u"req-123"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"jobId"_s, u"job-456"_s },
             { u"deploymentId"_s, u"deploy-789"_s },
             { u"modelId"_s, u"whisper-v3"_s },
             { u"framework"_s, u"triton"_s },
             { u"containerConfig"_s, config },
             { u"modelPath"_s, u"s3://mlflow-artifacts/whisper-v3"_s },
             { u"modelVersion"_s, u"1"_s },
             { u"files"_s, QJsonArray { file } },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validStopContainer()
{
    return { { u"type"_s, u"system.node.stopContainer"_s },
             { u"requestId"_s, u"req-124"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"containerId"_s, u"3f2a9c"_s },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validGetLogs()
{
    return { { u"type"_s, u"system.node.getLogs"_s },
             { u"requestId"_s, u"req-125"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"containerId"_s, u"3f2a9c"_s },
             { u"lines"_s, 100 },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validDeploymentProgress()
{
    return { { u"type"_s, u"system.node.deploymentProgress"_s },
             { u"requestId"_s, u"req-123"_s },
             { u"jobId"_s, u"job-456"_s },
             { u"deploymentId"_s, u"deploy-789"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"status"_s, u"downloading"_s },
             { u"progress"_s, 45 },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validLogsResponse()
{
    return { { u"type"_s, u"system.node.logsResponse"_s },
             { u"requestId"_s, u"req-125"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"containerId"_s, u"3f2a9c"_s },
             { u"logs"_s, u"I1124 server started\n"_s },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validContainerEvent()
{
    return { { u"type"_s, u"system.node.containerEvent"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"containerId"_s, u"3f2a9c"_s },
             { u"deploymentId"_s, u"deploy-789"_s },
             { u"event"_s, u"died"_s },
             { u"exitCode"_s, 137 },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonObject validContainers()
{
    const QJsonObject container {
        { u"containerId"_s, u"3f2a9c"_s }, { u"deploymentId"_s, u"deploy-789"_s },
        { u"requestId"_s, u"req-123"_s },  { u"image"_s, u"nvcr.io/nvidia/tritonserver:24.01"_s },
        { u"state"_s, u"running"_s },      { u"hostPort"_s, 20001 }
    };
    return { { u"type"_s, u"system.node.containers"_s },
             { u"nodeId"_s, u"node-001"_s },
             { u"containers"_s, QJsonArray { container } },
             { u"timestamp"_s, qint64(1700000000000) } };
}

QJsonArray gpuList(int count)
{
    QJsonArray list;
    for (int i = 0; i < count; ++i)
        list.append(gpu(QString::number(i), 16384));
    return list;
}

// (code, field) of a decode result; code is empty for a value.
template<typename T> std::pair<QString, QString> outcome(const Result<T>& r)
{
    if (r)
        return {};
    return { r.error().codeName(), r.error().field };
}

std::pair<QString, QString> decodeWith(const QString& decoder, const QByteArray& bytes)
{
    if (decoder == u"controller")
        return outcome(decodeControllerMessage(bytes));
    if (decoder == u"envelope")
        return outcome(decodeEnvelope(bytes));
    return outcome(decodeNodeMessage(bytes));
}

const QStringList& decodeCodes()
{
    static const QStringList codes { u"INVALID_JSON"_s,  u"FRAME_TOO_LARGE"_s,    u"UNKNOWN_MESSAGE_TYPE"_s,
                                     u"MISSING_FIELD"_s, u"INVALID_FIELD_TYPE"_s, u"OUT_OF_RANGE"_s,
                                     u"INVALID_VALUE"_s };
    return codes;
}

} // namespace

class ProtocolTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void frameSizeLimit();
    void roundTripRegister();
    void roundTripHeartbeat();
    void roundTripDisconnect();
    void roundTripControllerMessages();
    void roundTripDeployCommands();
    void roundTripDeployReports();
    void deployHelpers();
    void inboundTypesListDeployReports();
    void encodeOmitsEmptyOptionalFields();
    void decodedDefaults();
    void errorReplyCarriesCodeFieldAndRequestId();
    void correlationIdOfBadFrame();
    void robustAgainstGarbage();
};

void ProtocolTest::decode_data()
{
    QTest::addColumn<QString>("decoder");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code"); // empty: decodes to a value
    QTest::addColumn<QString>("field");

    const auto row = [](const char* name,
                        const QByteArray& bytes,
                        const QString& code = {},
                        const QString& field = {},
                        const QString& decoder = u"node"_s) {
        QTest::newRow(name) << decoder << bytes << code << field;
    };
    const QString controller = u"controller"_s;
    const QString envelope = u"envelope"_s;
    const QJsonObject reg = validRegister();
    const QJsonObject hb = validHeartbeat();
    const QJsonObject bye = validDisconnect();
    const QString longId(256, u'n');

    // Frame and type.
    row("empty frame", "", u"INVALID_JSON"_s);
    row("not json", "hello", u"INVALID_JSON"_s);
    row("json array", "[1,2,3]", u"INVALID_JSON"_s);
    row("json string", "\"system.node.register\"", u"INVALID_JSON"_s);
    row("truncated", frame(reg).left(40), u"INVALID_JSON"_s);
    row("deeply nested", QByteArray(5000, '[') + QByteArray(5000, ']'), u"INVALID_JSON"_s);
    row("trailing garbage", frame(bye) + "}", u"INVALID_JSON"_s);
    row("type missing", frame(without(reg, u"type"_s)), u"MISSING_FIELD"_s, u"type"_s);
    row("type not string", frame(with(reg, u"type"_s, 7)), u"INVALID_FIELD_TYPE"_s, u"type"_s);
    row("type empty", frame(with(reg, u"type"_s, u""_s)), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s);
    row("type unknown", frame(with(reg, u"type"_s, u"system.node.reboot"_s)), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s);
    row("type from controller", frame(validRegistered()), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s);
    row("type online not from node",
        frame(with(reg, u"type"_s, u"system.node.online"_s)),
        u"UNKNOWN_MESSAGE_TYPE"_s,
        u"type"_s);

    // system.node.register
    row("register ok", frame(reg));
    row("register no gpus", frame(with(reg, u"gpuDevices"_s, QJsonArray())));
    row("register unknown extra field", frame(with(reg, u"futureField"_s, QJsonObject { { u"x"_s, 1 } })));
    row("register all optionals",
        frame(with(with(with(with(with(with(with(reg, u"role"_s, QJsonArray { u"controller"_s, u"worker"_s }),
                                            u"cpuCores"_s,
                                            64),
                                       u"ramTotal"_s,
                                       515000),
                                  u"gpuDevices[0].uuid"_s,
                                  u"GPU-1234"_s),
                             u"gpuDevices[0].memoryFree"_s,
                             81920),
                        u"messageId"_s,
                        u"m-1"_s),
                   u"metadata"_s,
                   QJsonObject { { u"k"_s, u"v"_s } })));
    row("nodeId missing", frame(without(reg, u"nodeId"_s)), u"MISSING_FIELD"_s, u"nodeId"_s);
    row("nodeId number", frame(with(reg, u"nodeId"_s, 42)), u"INVALID_FIELD_TYPE"_s, u"nodeId"_s);
    row("nodeId null", frame(with(reg, u"nodeId"_s, QJsonValue())), u"INVALID_FIELD_TYPE"_s, u"nodeId"_s);
    row("nodeId empty", frame(with(reg, u"nodeId"_s, u""_s)), u"INVALID_VALUE"_s, u"nodeId"_s);
    row("nodeId bad chars", frame(with(reg, u"nodeId"_s, u"node 1/x"_s)), u"INVALID_VALUE"_s, u"nodeId"_s);
    row("nodeId all allowed chars", frame(with(reg, u"nodeId"_s, u"Node-01.gpu_a:7"_s)));
    row("nodeId at max length", frame(with(reg, u"nodeId"_s, QString(255, u'n'))));
    row("nodeId too long", frame(with(reg, u"nodeId"_s, longId)), u"OUT_OF_RANGE"_s, u"nodeId"_s);
    row("name missing", frame(without(reg, u"name"_s)), u"MISSING_FIELD"_s, u"name"_s);
    row("name empty", frame(with(reg, u"name"_s, u""_s)), u"INVALID_VALUE"_s, u"name"_s);
    row("name too long", frame(with(reg, u"name"_s, longId)), u"OUT_OF_RANGE"_s, u"name"_s);
    row("isLocal missing", frame(without(reg, u"isLocal"_s)), u"MISSING_FIELD"_s, u"isLocal"_s);
    row("isLocal string", frame(with(reg, u"isLocal"_s, u"yes"_s)), u"INVALID_FIELD_TYPE"_s, u"isLocal"_s);
    row("gpuDevices missing", frame(without(reg, u"gpuDevices"_s)), u"MISSING_FIELD"_s, u"gpuDevices"_s);
    row("gpuDevices object",
        frame(with(reg, u"gpuDevices"_s, QJsonObject())),
        u"INVALID_FIELD_TYPE"_s,
        u"gpuDevices"_s);
    row("gpuDevices at max count", frame(with(reg, u"gpuDevices"_s, gpuList(64))));
    row("gpuDevices over max count",
        frame(with(reg, u"gpuDevices"_s, gpuList(65))),
        u"OUT_OF_RANGE"_s,
        u"gpuDevices"_s);
    row("gpu element not object", frame(with(reg, u"gpuDevices[1]"_s, 3)), u"INVALID_FIELD_TYPE"_s, u"gpuDevices[1]"_s);
    row("gpu deviceId duplicate",
        frame(with(reg, u"gpuDevices[1].deviceId"_s, u"0"_s)),
        u"INVALID_VALUE"_s,
        u"gpuDevices[1].deviceId"_s);
    row("gpu deviceId empty",
        frame(with(reg, u"gpuDevices[0].deviceId"_s, u""_s)),
        u"INVALID_VALUE"_s,
        u"gpuDevices[0].deviceId"_s);
    row("gpu deviceId number",
        frame(with(reg, u"gpuDevices[0].deviceId"_s, 0)),
        u"INVALID_FIELD_TYPE"_s,
        u"gpuDevices[0].deviceId"_s);
    row("gpu model missing",
        frame(without(reg, u"gpuDevices[1].model"_s)),
        u"MISSING_FIELD"_s,
        u"gpuDevices[1].model"_s);
    row("gpu memoryTotal zero",
        frame(with(reg, u"gpuDevices[0].memoryTotal"_s, 0)),
        u"OUT_OF_RANGE"_s,
        u"gpuDevices[0].memoryTotal"_s);
    row("gpu memoryTotal fraction",
        frame(with(reg, u"gpuDevices[0].memoryTotal"_s, 1.5)),
        u"INVALID_FIELD_TYPE"_s,
        u"gpuDevices[0].memoryTotal"_s);
    row("gpu memoryTotal string",
        frame(with(reg, u"gpuDevices[0].memoryTotal"_s, u"80"_s)),
        u"INVALID_FIELD_TYPE"_s,
        u"gpuDevices[0].memoryTotal"_s);
    row("gpu memoryFree above total",
        frame(with(reg, u"gpuDevices[1].memoryFree"_s, 81921)),
        u"OUT_OF_RANGE"_s,
        u"gpuDevices[1].memoryFree"_s);
    row("gpu uuid number",
        frame(with(reg, u"gpuDevices[0].uuid"_s, 5)),
        u"INVALID_FIELD_TYPE"_s,
        u"gpuDevices[0].uuid"_s);
    row("config missing", frame(without(reg, u"config"_s)), u"MISSING_FIELD"_s, u"config"_s);
    row("config array", frame(with(reg, u"config"_s, QJsonArray())), u"INVALID_FIELD_TYPE"_s, u"config"_s);
    row("timestamp missing", frame(without(reg, u"timestamp"_s)), u"MISSING_FIELD"_s, u"timestamp"_s);
    row("timestamp negative", frame(with(reg, u"timestamp"_s, -1)), u"OUT_OF_RANGE"_s, u"timestamp"_s);
    row("timestamp fraction", frame(with(reg, u"timestamp"_s, 1.5)), u"INVALID_FIELD_TYPE"_s, u"timestamp"_s);
    row("timestamp string",
        frame(with(reg, u"timestamp"_s, u"1700000000000"_s)),
        u"INVALID_FIELD_TYPE"_s,
        u"timestamp"_s);
    row("timestamp huge",
        R"({"type":"system.node.disconnect","nodeId":"n1","timestamp":1e300})",
        u"OUT_OF_RANGE"_s,
        u"timestamp"_s);
    row("timestamp exponent integral", R"({"type":"system.node.disconnect","nodeId":"n1","timestamp":1e3})");
    row("role string", frame(with(reg, u"role"_s, u"worker"_s)), u"INVALID_FIELD_TYPE"_s, u"role"_s);
    row("role empty", frame(with(reg, u"role"_s, QJsonArray())), u"INVALID_VALUE"_s, u"role"_s);
    row("role unknown",
        frame(with(reg, u"role"_s, QJsonArray { u"worker"_s, u"gpu"_s })),
        u"INVALID_VALUE"_s,
        u"role[1]"_s);
    row("role element number", frame(with(reg, u"role"_s, QJsonArray { 3 })), u"INVALID_FIELD_TYPE"_s, u"role[0]"_s);
    row("role duplicate",
        frame(with(reg, u"role"_s, QJsonArray { u"proxy"_s, u"proxy"_s })),
        u"INVALID_VALUE"_s,
        u"role[1]"_s);
    row("cpuCores negative", frame(with(reg, u"cpuCores"_s, -1)), u"OUT_OF_RANGE"_s, u"cpuCores"_s);
    row("ramTotal fraction", frame(with(reg, u"ramTotal"_s, 2.5)), u"INVALID_FIELD_TYPE"_s, u"ramTotal"_s);
    row("diskTotal negative", frame(with(reg, u"diskTotal"_s, -5)), u"OUT_OF_RANGE"_s, u"diskTotal"_s);
    row("messageId number", frame(with(reg, u"messageId"_s, 5)), u"INVALID_FIELD_TYPE"_s, u"messageId"_s);
    row("requestId array", frame(with(reg, u"requestId"_s, QJsonArray())), u"INVALID_FIELD_TYPE"_s, u"requestId"_s);
    row("conversationId bool",
        frame(with(reg, u"conversationId"_s, true)),
        u"INVALID_FIELD_TYPE"_s,
        u"conversationId"_s);
    row("userId number", frame(with(reg, u"userId"_s, 1)), u"INVALID_FIELD_TYPE"_s, u"userId"_s);
    row("agentId object", frame(with(reg, u"agentId"_s, QJsonObject())), u"INVALID_FIELD_TYPE"_s, u"agentId"_s);
    row("metadata string", frame(with(reg, u"metadata"_s, u"x"_s)), u"INVALID_FIELD_TYPE"_s, u"metadata"_s);
    row("first bad field wins",
        frame(with(with(reg, u"timestamp"_s, -1), u"name"_s, 3)),
        u"INVALID_FIELD_TYPE"_s,
        u"name"_s);

    // system.node.heartbeat
    row("heartbeat ok", frame(hb));
    row("heartbeat no gpus", frame(with(hb, u"metrics.gpuDevices"_s, QJsonArray())));
    row("heartbeat all optionals",
        frame(with(with(with(with(hb, u"metrics.gpuDevices[0].powerUsage"_s, 250.5), u"metrics.cpuUtilization"_s, 12.5),
                        u"metrics.loadAverage"_s,
                        3.25),
                   u"metrics.gpuDevices[1].memoryTotal"_s,
                   81920)));
    row("metrics missing", frame(without(hb, u"metrics"_s)), u"MISSING_FIELD"_s, u"metrics"_s);
    row("metrics string", frame(with(hb, u"metrics"_s, u"x"_s)), u"INVALID_FIELD_TYPE"_s, u"metrics"_s);
    row("metrics gpuDevices missing",
        frame(without(hb, u"metrics.gpuDevices"_s)),
        u"MISSING_FIELD"_s,
        u"metrics.gpuDevices"_s);
    row("utilization above 100",
        frame(with(hb, u"metrics.gpuDevices[1].utilization"_s, 101)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[1].utilization"_s);
    row("utilization below 0",
        frame(with(hb, u"metrics.gpuDevices[0].utilization"_s, -0.1)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[0].utilization"_s);
    row("utilization at 100", frame(with(hb, u"metrics.gpuDevices[0].utilization"_s, 100)));
    row("utilization string",
        frame(with(hb, u"metrics.gpuDevices[0].utilization"_s, u"50"_s)),
        u"INVALID_FIELD_TYPE"_s,
        u"metrics.gpuDevices[0].utilization"_s);
    row("temperature above 150",
        frame(with(hb, u"metrics.gpuDevices[0].temperature"_s, 150.5)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[0].temperature"_s);
    row("temperature below -50",
        frame(with(hb, u"metrics.gpuDevices[0].temperature"_s, -51)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[0].temperature"_s);
    row("temperature at -50", frame(with(hb, u"metrics.gpuDevices[0].temperature"_s, -50)));
    row("memoryFree negative",
        frame(with(hb, u"metrics.gpuDevices[0].memoryFree"_s, -1)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[0].memoryFree"_s);
    row("memoryFree fraction",
        frame(with(hb, u"metrics.gpuDevices[0].memoryFree"_s, 1.5)),
        u"INVALID_FIELD_TYPE"_s,
        u"metrics.gpuDevices[0].memoryFree"_s);
    row("memoryFree above sample total",
        frame(with(hb, u"metrics.gpuDevices[0].memoryTotal"_s, 30000)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[0].memoryFree"_s);
    row("powerUsage negative",
        frame(with(hb, u"metrics.gpuDevices[1].powerUsage"_s, -1)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[1].powerUsage"_s);
    row("sample deviceId duplicate",
        frame(with(hb, u"metrics.gpuDevices[1].deviceId"_s, u"0"_s)),
        u"INVALID_VALUE"_s,
        u"metrics.gpuDevices[1].deviceId"_s);
    row("ramFree missing", frame(without(hb, u"metrics.ramFree"_s)), u"MISSING_FIELD"_s, u"metrics.ramFree"_s);
    row("ramFree fraction", frame(with(hb, u"metrics.ramFree"_s, 0.5)), u"INVALID_FIELD_TYPE"_s, u"metrics.ramFree"_s);
    row("diskFree negative", frame(with(hb, u"metrics.diskFree"_s, -1)), u"OUT_OF_RANGE"_s, u"metrics.diskFree"_s);
    row("cpuUtilization above 100",
        frame(with(hb, u"metrics.cpuUtilization"_s, 100.5)),
        u"OUT_OF_RANGE"_s,
        u"metrics.cpuUtilization"_s);
    row("loadAverage negative",
        frame(with(hb, u"metrics.loadAverage"_s, -0.5)),
        u"OUT_OF_RANGE"_s,
        u"metrics.loadAverage"_s);
    row("heartbeat nodeId bad", frame(with(hb, u"nodeId"_s, u"a b"_s)), u"INVALID_VALUE"_s, u"nodeId"_s);

    // system.node.disconnect
    row("disconnect ok", frame(bye));
    row("disconnect without reason", frame(without(bye, u"reason"_s)));
    row("disconnect reason null", frame(with(bye, u"reason"_s, QJsonValue())));
    row("disconnect reason number", frame(with(bye, u"reason"_s, 5)), u"INVALID_FIELD_TYPE"_s, u"reason"_s);

    // Controller -> daemon.
    row("registered ok", frame(validRegistered()), {}, {}, controller);
    row("registered interval zero",
        frame(with(validRegistered(), u"heartbeatIntervalMs"_s, 0)),
        u"OUT_OF_RANGE"_s,
        u"heartbeatIntervalMs"_s,
        controller);
    row("system.error ok", frame(with(validSystemError(), u"retryAfter"_s, 5)), {}, {}, controller);
    row("system.error errorCode missing",
        frame(without(validSystemError(), u"errorCode"_s)),
        u"MISSING_FIELD"_s,
        u"errorCode"_s,
        controller);
    row("notification ok", frame(validNotification()), {}, {}, controller);
    row("notification level unknown",
        frame(with(validNotification(), u"level"_s, u"fatal"_s)),
        u"INVALID_VALUE"_s,
        u"level"_s,
        controller);
    row("controller decoder refuses register", frame(reg), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s, controller);

    // system.node.deployModel (controller -> daemon)
    const QJsonObject deploy = validDeployModel();
    row("deploy ok", frame(deploy), {}, {}, controller);
    row("deploy minimal",
        frame(without(without(without(deploy, u"files"_s), u"modelVersion"_s), u"modelPath"_s)),
        {},
        {},
        controller);
    row("deploy port only", frame(with(deploy, u"containerConfig.ports"_s, u"8000"_s)), {}, {}, controller);
    row("deploy no memory limit", frame(with(deploy, u"containerConfig.memoryLimit"_s, u""_s)), {}, {}, controller);
    row("deploy from node refused", frame(deploy), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s);
    row("deploy jobId missing", frame(without(deploy, u"jobId"_s)), u"MISSING_FIELD"_s, u"jobId"_s, controller);
    row("deploy deploymentId missing",
        frame(without(deploy, u"deploymentId"_s)),
        u"MISSING_FIELD"_s,
        u"deploymentId"_s,
        controller);
    row("deploy deploymentId unsafe",
        frame(with(deploy, u"deploymentId"_s, u"../etc"_s)),
        u"INVALID_VALUE"_s,
        u"deploymentId"_s,
        controller);
    row("deploy framework unknown",
        frame(with(deploy, u"framework"_s, u"tgi"_s)),
        u"INVALID_VALUE"_s,
        u"framework"_s,
        controller);
    row("deploy config missing",
        frame(without(deploy, u"containerConfig"_s)),
        u"MISSING_FIELD"_s,
        u"containerConfig"_s,
        controller);
    row("deploy image missing",
        frame(without(deploy, u"containerConfig.image"_s)),
        u"MISSING_FIELD"_s,
        u"containerConfig.image"_s,
        controller);
    row("deploy image with space",
        frame(with(deploy, u"containerConfig.image"_s, u"busybox latest"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.image"_s,
        controller);
    row("deploy memory limit unit",
        frame(with(deploy, u"containerConfig.memoryLimit"_s, u"8 gigabytes"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.memoryLimit"_s,
        controller);
    row("deploy memory limit zero",
        frame(with(deploy, u"containerConfig.memoryLimit"_s, u"0g"_s)),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.memoryLimit"_s,
        controller);
    row("deploy ports missing",
        frame(without(deploy, u"containerConfig.ports"_s)),
        u"MISSING_FIELD"_s,
        u"containerConfig.ports"_s,
        controller);
    row("deploy ports not numeric",
        frame(with(deploy, u"containerConfig.ports"_s, u"http:8000"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.ports"_s,
        controller);
    row("deploy host port too large",
        frame(with(deploy, u"containerConfig.ports"_s, u"65536:8000"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.ports"_s,
        controller);
    row("deploy container port zero",
        frame(with(deploy, u"containerConfig.ports"_s, u"8001:0"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.ports"_s,
        controller);
    row("deploy gpu vendor unknown",
        frame(with(deploy, u"containerConfig.gpuVendor"_s, u"intel"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.gpuVendor"_s,
        controller);
    row("deploy gpu device list",
        frame(with(deploy, u"containerConfig.gpuDevice"_s, u"0;rm -rf"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.gpuDevice"_s,
        controller);
    row("deploy environment not object",
        frame(with(deploy, u"containerConfig.environment"_s, QJsonArray { u"A=1"_s })),
        u"INVALID_FIELD_TYPE"_s,
        u"containerConfig.environment"_s,
        controller);
    row("deploy environment value not string",
        frame(with(deploy, u"containerConfig.environment"_s, QJsonObject { { u"PORT"_s, 8000 } })),
        u"INVALID_FIELD_TYPE"_s,
        u"containerConfig.environment.PORT"_s,
        controller);
    row("deploy environment name with =",
        frame(with(deploy, u"containerConfig.environment"_s, QJsonObject { { u"A=B"_s, u"1"_s } })),
        u"INVALID_VALUE"_s,
        u"containerConfig.environment.A=B"_s,
        controller);
    QJsonObject manyVariables;
    for (int i = 0; i <= Limits {}.maxEnvironment; ++i)
        manyVariables.insert(u"V%1"_s.arg(i), u"x"_s);
    row("deploy environment too many",
        frame(with(deploy, u"containerConfig.environment"_s, manyVariables)),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.environment"_s,
        controller);
    row("deploy environment value too long",
        frame(with(deploy,
                   u"containerConfig.environment"_s,
                   QJsonObject { { u"A"_s, QString(Limits {}.maxTextLength + 1, u'x') } })),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.environment.A"_s,
        controller);
    row("deploy command element not string",
        frame(with(deploy, u"containerConfig.command"_s, QJsonArray { u"serve"_s, 1 })),
        u"INVALID_FIELD_TYPE"_s,
        u"containerConfig.command[1]"_s,
        controller);
    row("deploy entrypoint not array",
        frame(with(deploy, u"containerConfig.entrypoint"_s, u"/bin/sh"_s)),
        u"INVALID_FIELD_TYPE"_s,
        u"containerConfig.entrypoint"_s,
        controller);
    row("deploy health timeout zero",
        frame(with(deploy, u"containerConfig.healthTimeoutSeconds"_s, 0)),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.healthTimeoutSeconds"_s,
        controller);
    row("deploy health timeout too long",
        frame(with(deploy, u"containerConfig.healthTimeoutSeconds"_s, 3601)),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.healthTimeoutSeconds"_s,
        controller);
    row("deploy health path relative",
        frame(with(deploy, u"containerConfig.healthPath"_s, u"health"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.healthPath"_s,
        controller);
    row("deploy model mount relative",
        frame(with(deploy, u"containerConfig.modelMount"_s, u"models"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.modelMount"_s,
        controller);
    row("deploy model mount with colon",
        frame(with(deploy, u"containerConfig.modelMount"_s, u"/models:rw"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.modelMount"_s,
        controller);
    row("deploy model mount escapes",
        frame(with(deploy, u"containerConfig.modelMount"_s, u"/models/../etc"_s)),
        u"INVALID_VALUE"_s,
        u"containerConfig.modelMount"_s,
        controller);
    row("deploy ipcHost not boolean",
        frame(with(deploy, u"containerConfig.ipcHost"_s, u"yes"_s)),
        u"INVALID_FIELD_TYPE"_s,
        u"containerConfig.ipcHost"_s,
        controller);
    row("deploy shm negative",
        frame(with(deploy, u"containerConfig.shmSizeMb"_s, -1)),
        u"OUT_OF_RANGE"_s,
        u"containerConfig.shmSizeMb"_s,
        controller);
    row("deploy files without version",
        frame(without(deploy, u"modelVersion"_s)),
        u"MISSING_FIELD"_s,
        u"modelVersion"_s,
        controller);
    row("deploy file sha256 bad",
        frame(with(deploy, u"files[0].sha256"_s, u"xyz"_s)),
        u"INVALID_VALUE"_s,
        u"files[0].sha256"_s,
        controller);

    // system.node.stopContainer, system.node.getLogs (controller -> daemon)
    const QJsonObject stop = validStopContainer();
    row("stop ok", frame(stop), {}, {}, controller);
    row("stop by deployment",
        frame(with(without(stop, u"containerId"_s), u"deploymentId"_s, u"deploy-789"_s)),
        {},
        {},
        controller);
    row("stop neither id", frame(without(stop, u"containerId"_s)), u"MISSING_FIELD"_s, u"containerId"_s, controller);
    row("stop requestId missing", frame(without(stop, u"requestId"_s)), u"MISSING_FIELD"_s, u"requestId"_s, controller);
    const QJsonObject logs = validGetLogs();
    row("getLogs ok", frame(logs), {}, {}, controller);
    row("getLogs default lines", frame(without(logs, u"lines"_s)), {}, {}, controller);
    row("getLogs lines zero", frame(with(logs, u"lines"_s, 0)), u"OUT_OF_RANGE"_s, u"lines"_s, controller);
    row("getLogs lines too many", frame(with(logs, u"lines"_s, 10001)), u"OUT_OF_RANGE"_s, u"lines"_s, controller);
    row("getLogs lines fraction", frame(with(logs, u"lines"_s, 1.5)), u"INVALID_FIELD_TYPE"_s, u"lines"_s, controller);
    row("getLogs since negative", frame(with(logs, u"since"_s, -1)), u"OUT_OF_RANGE"_s, u"since"_s, controller);
    row("getLogs containerId missing",
        frame(without(logs, u"containerId"_s)),
        u"MISSING_FIELD"_s,
        u"containerId"_s,
        controller);

    // system.node.deploymentProgress (daemon -> controller)
    const QJsonObject progress = validDeploymentProgress();
    row("progress ok", frame(progress));
    for (const char* status :
         { "downloading", "extracting", "pulling", "starting", "health-check", "running", "failed", "stopped" })
        row(qPrintable(u"progress status "_s + QLatin1String(status)),
            frame(with(progress, u"status"_s, QLatin1String(status))));
    row("progress status unknown", frame(with(progress, u"status"_s, u"deploying"_s)), u"INVALID_VALUE"_s, u"status"_s);
    row("progress over 100", frame(with(progress, u"progress"_s, 101)), u"OUT_OF_RANGE"_s, u"progress"_s);
    row("progress host port too large", frame(with(progress, u"hostPort"_s, 65536)), u"OUT_OF_RANGE"_s, u"hostPort"_s);
    row("progress requestId missing", frame(without(progress, u"requestId"_s)), u"MISSING_FIELD"_s, u"requestId"_s);
    row("progress log tail too long",
        frame(with(progress, u"logTail"_s, QString(Limits {}.maxLogBytes + 1, u'x'))),
        u"OUT_OF_RANGE"_s,
        u"logTail"_s);
    row("progress from controller refused", frame(progress), u"UNKNOWN_MESSAGE_TYPE"_s, u"type"_s, controller);

    // system.node.logsResponse
    const QJsonObject logsResponse = validLogsResponse();
    row("logsResponse ok", frame(logsResponse));
    row("logsResponse empty logs", frame(with(logsResponse, u"logs"_s, u""_s)));
    row("logsResponse logs missing", frame(without(logsResponse, u"logs"_s)), u"MISSING_FIELD"_s, u"logs"_s);
    row("logsResponse logs not string",
        frame(with(logsResponse, u"logs"_s, QJsonArray { u"a"_s })),
        u"INVALID_FIELD_TYPE"_s,
        u"logs"_s);
    row("logsResponse logs too long",
        frame(with(logsResponse, u"logs"_s, QString(Limits {}.maxLogBytes + 1, u'x'))),
        u"OUT_OF_RANGE"_s,
        u"logs"_s);

    // system.node.containerEvent
    const QJsonObject event = validContainerEvent();
    row("event ok", frame(event));
    row("event without exit code", frame(without(event, u"exitCode"_s)));
    row("event unknown", frame(with(event, u"event"_s, u"paused"_s)), u"INVALID_VALUE"_s, u"event"_s);
    row("event exit code fraction", frame(with(event, u"exitCode"_s, 1.5)), u"INVALID_FIELD_TYPE"_s, u"exitCode"_s);
    row("event containerId missing", frame(without(event, u"containerId"_s)), u"MISSING_FIELD"_s, u"containerId"_s);

    // system.node.containers
    const QJsonObject containers = validContainers();
    row("containers ok", frame(containers));
    row("containers empty", frame(with(containers, u"containers"_s, QJsonArray())));
    row("containers not array",
        frame(with(containers, u"containers"_s, QJsonObject())),
        u"INVALID_FIELD_TYPE"_s,
        u"containers"_s);
    row("containers element image missing",
        frame(without(containers, u"containers[0].image"_s)),
        u"MISSING_FIELD"_s,
        u"containers[0].image"_s);
    row("containers element host port",
        frame(with(containers, u"containers[0].hostPort"_s, -1)),
        u"OUT_OF_RANGE"_s,
        u"containers[0].hostPort"_s);

    // Envelope: known types are validated fully, other families pass through.
    row("envelope other family",
        R"({"type":"user.message","messageId":"m1","userId":"u1","timestamp":5,"content":"hi"})",
        {},
        {},
        envelope);
    row("envelope validates known body",
        frame(with(hb, u"metrics.gpuDevices[1].utilization"_s, 101)),
        u"OUT_OF_RANGE"_s,
        u"metrics.gpuDevices[1].utilization"_s,
        envelope);
    row("envelope bad optional field",
        R"({"type":"user.message","messageId":7})",
        u"INVALID_FIELD_TYPE"_s,
        u"messageId"_s,
        envelope);
    row("envelope online validated",
        frame(QJsonObject { { u"type"_s, u"system.node.online"_s } }),
        u"MISSING_FIELD"_s,
        u"nodeId"_s,
        envelope);
}

void ProtocolTest::decode()
{
    QFETCH(QString, decoder);
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, field);

    const auto [gotCode, gotField] = decodeWith(decoder, frame);
    QCOMPARE(gotCode, code);
    QCOMPARE(gotField, field);
}

void ProtocolTest::frameSizeLimit()
{
    Limits limits;
    limits.maxFrameBytes = 512;
    QByteArray exact = frame(validDisconnect());
    exact.append(QByteArray(limits.maxFrameBytes - exact.size(), ' ')); // JSON allows trailing whitespace
    QCOMPARE(exact.size(), limits.maxFrameBytes);
    QVERIFY(decodeNodeMessage(exact, limits).has_value());

    const QByteArray oneOver = exact + ' ';
    const auto r = decodeNodeMessage(oneOver, limits);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::FrameTooLarge);

    // The size check comes first: an oversized frame is refused without being parsed.
    const QByteArray garbage(Limits {}.maxFrameBytes + 1, 'x');
    QCOMPARE(decodeNodeMessage(garbage).error().code, ErrorCode::FrameTooLarge);
    QCOMPARE(decodeEnvelope(garbage).error().code, ErrorCode::FrameTooLarge);
    QCOMPARE(decodeControllerMessage(garbage).error().code, ErrorCode::FrameTooLarge);
}

void ProtocolTest::roundTripRegister()
{
    NodeRegister m;
    m.nodeId = u"node-007"_s;
    m.name = u"Rack 7 / slot 3"_s;
    m.isLocal = true;
    m.gpuDevices = { { u"0"_s, u"NVIDIA A100-SXM4-80GB"_s, 81920, u"GPU-aaaa"_s, u"nvidia"_s },
                     { u"1"_s, u"AMD MI250X"_s, 65536, {}, u"amd"_s } };
    m.config = QJsonObject { { u"controllerEndpoint"_s, u"ws://10.8.0.1:8080"_s }, { u"httpPort"_s, 9100 } };
    m.timestamp = 1700000000123;
    m.role = { u"controller"_s, u"worker"_s };
    m.cpuCores = 128;
    m.ramTotal = 1031000;
    m.diskTotal = 7600000;
    m.hostname = u"gpu7.lab"_s;
    m.version = u"0.1.0"_s;

    const auto decoded = decodeNodeMessage(encode(m));
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QVERIFY(std::holds_alternative<NodeRegister>(*decoded));
    QCOMPARE(std::get<NodeRegister>(*decoded), m);
    QCOMPARE(parseNodeRegister(toJson(m)).value(), m);
}

void ProtocolTest::roundTripHeartbeat()
{
    NodeHeartbeat m;
    m.nodeId = u"node-007"_s;
    m.timestamp = 1700000002000;
    m.metrics.gpuDevices = { { u"0"_s, 1024, 99.75, -12.5, 301.25 }, { u"1"_s, 0, 0, 150, std::nullopt } };
    m.metrics.ramFree = 4096;
    m.metrics.diskFree = 123456789012;
    m.metrics.cpuUtilization = 0.1;
    m.metrics.loadAverage = 17.03;

    const auto decoded = decodeNodeMessage(encode(m));
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QVERIFY(std::holds_alternative<NodeHeartbeat>(*decoded));
    QCOMPARE(std::get<NodeHeartbeat>(*decoded), m);
}

void ProtocolTest::roundTripDisconnect()
{
    for (const QString& reason : { u"operator requested shutdown"_s, QString() }) {
        const NodeDisconnect m { u"node-007"_s, reason, 1700000003000 };
        const auto decoded = decodeNodeMessage(encode(m));
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(std::get<NodeDisconnect>(*decoded), m);
    }
}

void ProtocolTest::roundTripControllerMessages()
{
    const NodeRegistered registered { u"node-007"_s, 5000, 1700000000100 };
    QCOMPARE(std::get<NodeRegistered>(decodeControllerMessage(encode(registered)).value()), registered);

    SystemError error;
    error.errorCode = u"OUT_OF_RANGE"_s;
    error.message = u"metrics.ramFree: must be >= 0"_s;
    error.context = QJsonObject { { u"field"_s, u"metrics.ramFree"_s } };
    error.retryAfter = 30;
    error.requestId = u"req-9"_s;
    error.timestamp = 1700000000200;
    QCOMPARE(std::get<SystemError>(decodeControllerMessage(encode(error)).value()), error);

    Notification note;
    note.level = u"success"_s;
    note.title = u"Node online"_s;
    note.message = u"node-007 registered"_s;
    note.action = u"nodeOnline"_s;
    note.metadata = QJsonObject { { u"nodeId"_s, u"node-007"_s } };
    note.timestamp = 1700000000300;
    QCOMPARE(std::get<Notification>(decodeControllerMessage(encode(note)).value()), note);

    // Online/offline are only encoded by the controller; decodeEnvelope still validates them.
    const NodeOnline online { u"node-007"_s, u"Rack 7"_s, 2, 1700000000400 };
    QCOMPARE(parseNodeOnline(toJson(online)).value(), online);
    const NodeOffline offline { u"node-007"_s, u"heartbeat timeout"_s, 1700000000000, 1700000000500 };
    QCOMPARE(parseNodeOffline(toJson(offline)).value(), offline);
    QCOMPARE(decodeEnvelope(encode(offline)).value().type, u"system.node.offline"_s);
}

void ProtocolTest::roundTripDeployCommands()
{
    NodeDeployModel deploy;
    deploy.requestId = u"req-123"_s;
    deploy.nodeId = u"node-007"_s;
    deploy.jobId = u"job-456"_s;
    deploy.deploymentId = u"deploy-789"_s;
    deploy.modelId = u"llama-3-8b"_s;
    deploy.framework = u"vllm"_s;
    deploy.containerConfig.image = u"vllm/vllm-openai:v0.6.3"_s;
    deploy.containerConfig.gpuDevice = u"0,1"_s;
    deploy.containerConfig.gpuVendor = u"nvidia"_s;
    deploy.containerConfig.memoryLimit = u"64g"_s;
    deploy.containerConfig.ports = u"0:8000"_s;
    deploy.containerConfig.environment = { { u"HF_HUB_OFFLINE"_s, u"1"_s }, { u"VLLM_PORT"_s, u"8000"_s } };
    deploy.containerConfig.entrypoint = { u"python3"_s, u"-m"_s, u"vllm.entrypoints.openai.api_server"_s };
    deploy.containerConfig.command = { u"--model"_s, u"/models"_s, u"--tensor-parallel-size"_s, u"2"_s };
    deploy.containerConfig.healthPath = u"/v1/models"_s;
    deploy.containerConfig.healthTimeoutSeconds = 1800;
    deploy.containerConfig.ipcHost = true;
    deploy.containerConfig.shmSizeMb = 16384;
    deploy.containerConfig.modelMount = u"/models"_s;
    deploy.modelPath = u"s3://aiops-models/llama-3-8b/1"_s;
    deploy.modelVersion = u"1"_s;
    deploy.files = { { u"config.json"_s, 654, QString(64, u'b'), u"/storage/models/llama-3-8b/1/config.json"_s },
                     { u"model.safetensors"_s, 16000000000, QString(64, u'c'), u"https://s3.example/x?sig=1"_s } };
    deploy.timestamp = 1700000000000;
    const auto decodedDeploy = decodeControllerMessage(encode(deploy));
    QVERIFY2(decodedDeploy, qPrintable(decodedDeploy ? QString() : decodedDeploy.error().message));
    QCOMPARE(std::get<NodeDeployModel>(*decodedDeploy), deploy);
    QCOMPARE(parseDeployContainerConfig(toJson(deploy.containerConfig)).value(), deploy.containerConfig);

    // Defaults survive the trip and an empty config stays minimal.
    NodeDeployModel minimal;
    minimal.requestId = u"r"_s;
    minimal.nodeId = u"n"_s;
    minimal.jobId = u"j"_s;
    minimal.deploymentId = u"d"_s;
    minimal.modelId = u"m"_s;
    minimal.framework = u"custom"_s;
    minimal.containerConfig.image = u"localhost/aiops-test-engine:1"_s;
    minimal.containerConfig.ports = u"8080"_s;
    const QJsonObject minimalJson = toJson(minimal);
    QCOMPARE(std::get<NodeDeployModel>(decodeControllerMessage(encode(minimal)).value()), minimal);
    for (const auto key : { u"files", u"modelVersion", u"modelPath" })
        QVERIFY2(!minimalJson.contains(key), qPrintable(QStringView(key).toString()));
    const QJsonObject minimalConfig = minimalJson.value(u"containerConfig").toObject();
    for (const auto key : { u"gpuDevice",
                            u"gpuVendor",
                            u"memoryLimit",
                            u"environment",
                            u"entrypoint",
                            u"command",
                            u"ipcHost",
                            u"shmSizeMb",
                            u"modelMount" })
        QVERIFY2(!minimalConfig.contains(key), qPrintable(QStringView(key).toString()));
    // Absent healthPath/healthTimeoutSeconds decode to the struct's defaults.
    QJsonObject bare = minimalConfig;
    bare.remove(u"healthPath"_s);
    bare.remove(u"healthTimeoutSeconds"_s);
    const DeployContainerConfig defaults = parseDeployContainerConfig(bare).value();
    QCOMPARE(defaults.healthPath, u"/health"_s);
    QCOMPARE(defaults.healthTimeoutSeconds, 600);

    for (const NodeStopContainer& stop : { NodeStopContainer { u"req-2"_s, u"node-007"_s, u"3f2a"_s, {}, 5 },
                                           NodeStopContainer { u"req-3"_s, u"node-007"_s, {}, u"deploy-789"_s, 6 },
                                           NodeStopContainer { u"req-4"_s, u"node-007"_s, u"3f2a"_s, u"d-1"_s, 7 } }) {
        const auto decoded = decodeControllerMessage(encode(stop));
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(std::get<NodeStopContainer>(*decoded), stop);
    }

    const NodeGetLogs getLogs { u"req-5"_s, u"node-007"_s, u"3f2a"_s, 10000, 1700000000, 8 };
    QCOMPARE(std::get<NodeGetLogs>(decodeControllerMessage(encode(getLogs)).value()), getLogs);
    NodeGetLogs defaultLogs { u"req-6"_s, u"node-007"_s, u"3f2a"_s };
    defaultLogs.timestamp = 9;
    QCOMPARE(std::get<NodeGetLogs>(decodeControllerMessage(encode(defaultLogs)).value()).lines, 200);
}

void ProtocolTest::roundTripDeployReports()
{
    NodeDeploymentProgress failed;
    failed.requestId = u"req-123"_s;
    failed.jobId = u"job-456"_s;
    failed.deploymentId = u"deploy-789"_s;
    failed.nodeId = u"node-007"_s;
    failed.status = u"failed"_s;
    failed.progress = 100;
    failed.containerId = u"3f2a"_s;
    failed.error = u"health check timed out after 600 s"_s;
    failed.errorCode = u"SERVICE_UNAVAILABLE"_s;
    failed.logTail = u"line 1\nline 2 ünïcode\n"_s;
    failed.timestamp = 1700000000000;
    const auto decodedFailed = decodeNodeMessage(encode(failed));
    QVERIFY2(decodedFailed, qPrintable(decodedFailed ? QString() : decodedFailed.error().message));
    QCOMPARE(std::get<NodeDeploymentProgress>(*decodedFailed), failed);

    NodeDeploymentProgress running;
    running.requestId = u"req-123"_s;
    running.nodeId = u"node-007"_s;
    running.status = u"running"_s;
    running.containerId = u"3f2a"_s;
    running.hostPort = 20001;
    running.timestamp = 1700000000001;
    QCOMPARE(std::get<NodeDeploymentProgress>(decodeNodeMessage(encode(running)).value()), running);
    const QJsonObject runningJson = toJson(running);
    for (const auto key : { u"jobId", u"deploymentId", u"error", u"errorCode", u"logTail" })
        QVERIFY2(!runningJson.contains(key), qPrintable(QStringView(key).toString()));

    NodeLogsResponse logs { u"req-5"_s, u"node-007"_s, u"3f2a"_s, QString(Limits {}.maxLogBytes, u'x'), {}, {}, 3 };
    QCOMPARE(std::get<NodeLogsResponse>(decodeNodeMessage(encode(logs)).value()), logs);
    const NodeLogsResponse noLogs {
        u"req-6"_s, u"node-007"_s, u"gone"_s, {}, u"no such container"_s, u"NOT_FOUND"_s, 4
    };
    QCOMPARE(std::get<NodeLogsResponse>(decodeNodeMessage(encode(noLogs)).value()), noLogs);

    NodeContainerEvent died;
    died.nodeId = u"node-007"_s;
    died.containerId = u"3f2a"_s;
    died.deploymentId = u"deploy-789"_s;
    died.event = u"died"_s;
    died.exitCode = 0; // an exit code of 0 is still sent
    died.logTail = u"bye\n"_s;
    died.timestamp = 5;
    QCOMPARE(std::get<NodeContainerEvent>(decodeNodeMessage(encode(died)).value()), died);
    QVERIFY(toJson(died).contains(u"exitCode"));
    NodeContainerEvent started { u"node-007"_s, u"3f2a"_s, {}, u"started"_s, std::nullopt, {}, {}, 6 };
    QCOMPARE(std::get<NodeContainerEvent>(decodeNodeMessage(encode(started)).value()), started);
    QVERIFY(!toJson(started).contains(u"exitCode"));

    NodeContainers containers;
    containers.nodeId = u"node-007"_s;
    containers.containers
        = { { u"3f2a"_s, u"deploy-789"_s, u"req-123"_s, u"vllm/vllm-openai:v0.6.3"_s, u"running"_s, 20001 },
            { u"9b1c"_s, {}, {}, u"localhost/aiops-test-engine:1"_s, u"exited"_s, 0 } };
    containers.timestamp = 7;
    QCOMPARE(std::get<NodeContainers>(decodeNodeMessage(encode(containers)).value()), containers);
    QCOMPARE(parseManagedContainer(toJson(containers.containers.at(0))).value(), containers.containers.at(0));
    const NodeContainers none { u"node-007"_s, {}, 8 };
    QCOMPARE(std::get<NodeContainers>(decodeNodeMessage(encode(none)).value()), none);
}

void ProtocolTest::deployHelpers()
{
    QCOMPARE(parseMemoryLimit(u""_s).value(), 0);
    QCOMPARE(parseMemoryLimit(u"8g"_s).value(), 8LL << 30);
    QCOMPARE(parseMemoryLimit(u"8G"_s).value(), 8LL << 30);
    QCOMPARE(parseMemoryLimit(u"512m"_s).value(), 512LL << 20);
    QCOMPARE(parseMemoryLimit(u"64k"_s).value(), 64LL << 10);
    QCOMPARE(parseMemoryLimit(u"1048576"_s).value(), 1048576);
    QCOMPARE(parseMemoryLimit(u"100b"_s).value(), 100);
    for (const QString& bad : { u"g"_s, u"8gb"_s, u"-8g"_s, u"8.5g"_s, u" 8g"_s, u"8x"_s })
        QVERIFY2(!parseMemoryLimit(bad), qPrintable(bad));
    QCOMPARE(parseMemoryLimit(u"0"_s).error().code, ErrorCode::OutOfRange);
    QCOMPARE(parseMemoryLimit(u"999999999999999t"_s).error().code, ErrorCode::OutOfRange);

    const auto mapped = parsePortMapping(u"8001:8000"_s).value();
    QCOMPARE(mapped.hostPort, 8001);
    QCOMPARE(mapped.containerPort, 8000);
    const auto allocated = parsePortMapping(u"8000"_s).value();
    QCOMPARE(allocated.hostPort, 0);
    QCOMPARE(allocated.containerPort, 8000);
    QCOMPARE(parsePortMapping(u"0:8000"_s).value().hostPort, 0);
    QCOMPARE(parsePortMapping(u"65535:65535"_s).value().hostPort, 65535);
    for (const QString& bad : { u""_s,
                                u":"_s,
                                u"8000:"_s,
                                u":8000"_s,
                                u"1:2:3"_s,
                                u"a:8000"_s,
                                u"65536"_s,
                                u"0"_s,
                                u"-1:80"_s,
                                u"8000/tcp"_s,
                                u"000008000"_s })
        QVERIFY2(!parsePortMapping(bad), qPrintable(bad));
}

void ProtocolTest::inboundTypesListDeployReports()
{
    for (const QString& t : { u"system.node.deploymentProgress"_s,
                              u"system.node.logsResponse"_s,
                              u"system.node.containerEvent"_s,
                              u"system.node.containers"_s })
        QVERIFY2(inboundNodeTypes().contains(t), qPrintable(t));
    // Commands are not inbound: a daemon may not send them.
    for (const QString& t : { u"system.node.deployModel"_s, u"system.node.stopContainer"_s, u"system.node.getLogs"_s })
        QVERIFY2(!inboundNodeTypes().contains(t), qPrintable(t));
}

void ProtocolTest::encodeOmitsEmptyOptionalFields()
{
    const QJsonObject bye = toJson(NodeDisconnect { u"n1"_s, {}, 1 });
    QVERIFY(!bye.contains(u"reason"));
    QCOMPARE(bye.value(u"type").toString(), u"system.node.disconnect"_s);

    NodeHeartbeat hb;
    hb.nodeId = u"n1"_s;
    hb.metrics.gpuDevices = { GpuSample { u"0"_s, 1, 2, 3, std::nullopt } };
    const QJsonObject metrics = toJson(hb).value(u"metrics").toObject();
    QVERIFY(!metrics.contains(u"cpuUtilization"));
    QVERIFY(!metrics.contains(u"loadAverage"));
    QVERIFY(!metrics.value(u"gpuDevices").toArray().at(0).toObject().contains(u"powerUsage"));

    NodeRegister reg;
    reg.nodeId = u"n1"_s;
    reg.name = u"n1"_s;
    reg.gpuDevices = { GpuInventory { u"0"_s, u"T4"_s, 15360, {}, {} } };
    const QJsonObject regJson = toJson(reg);
    for (const auto key : { u"cpuCores", u"ramTotal", u"diskTotal", u"hostname", u"version" })
        QVERIFY2(!regJson.contains(key), qPrintable(QStringView(key).toString()));
    const QJsonObject device = regJson.value(u"gpuDevices").toArray().at(0).toObject();
    QVERIFY(!device.contains(u"uuid"));
    QVERIFY(!device.contains(u"vendor"));

    const QJsonObject err = toJson(SystemError { u"INTERNAL_ERROR"_s, u"x"_s, {}, std::nullopt, {}, 1 });
    QVERIFY(!err.contains(u"context"));
    QVERIFY(!err.contains(u"retryAfter"));
    QVERIFY(!err.contains(u"requestId"));
}

void ProtocolTest::decodedDefaults()
{
    const auto reg = parseNodeRegister(validRegister());
    QVERIFY(reg);
    QCOMPARE(reg->role, QStringList { u"worker"_s });
    QCOMPARE(reg->gpuDevices.size(), 2);
    QCOMPARE(reg->gpuDevices.at(1).memoryTotal, qint64(81920));

    const auto registered = decodeControllerMessage(frame(without(validRegistered(), u"heartbeatIntervalMs"_s)));
    QCOMPARE(std::get<NodeRegistered>(registered.value()).heartbeatIntervalMs, 2000);

    const auto envelope = decodeEnvelope(
        frame(with(with(validHeartbeat(), u"requestId"_s, u"r-1"_s), u"metadata"_s, QJsonObject { { u"a"_s, 1 } })));
    QVERIFY(envelope);
    QCOMPARE(envelope->type, u"system.node.heartbeat"_s);
    QCOMPARE(envelope->nodeId, u"node-001"_s);
    QCOMPARE(envelope->timestamp, qint64(1700000002000));
    QCOMPARE(envelope->requestId, u"r-1"_s);
    QCOMPARE(envelope->metadata.value(u"a").toInt(), 1);
}

void ProtocolTest::errorReplyCarriesCodeFieldAndRequestId()
{
    const auto failed = decodeNodeMessage(frame(with(validHeartbeat(), u"metrics.gpuDevices[1].utilization"_s, 101)));
    QVERIFY(!failed);
    const qint64 before = nowMs();
    const SystemError reply = errorReply(failed.error(), u"req-42"_s);
    QCOMPARE(reply.errorCode, u"OUT_OF_RANGE"_s);
    QCOMPARE(reply.message, failed.error().message);
    QVERIFY(!reply.message.isEmpty());
    QCOMPARE(reply.context.value(u"field").toString(), u"metrics.gpuDevices[1].utilization"_s);
    QCOMPARE(reply.requestId, u"req-42"_s);
    QVERIFY(reply.timestamp >= before && reply.timestamp <= nowMs());

    const SystemError noField = errorReply(Error { ErrorCode::InvalidJson, u"bad"_s, {} });
    QVERIFY(!noField.context.contains(u"field"));
    QVERIFY(noField.requestId.isEmpty());
}

void ProtocolTest::correlationIdOfBadFrame()
{
    QCOMPARE(correlationId(R"({"type":"x","requestId":"r-1","messageId":"m-1","timestamp":-1})"), u"r-1"_s);
    QCOMPARE(correlationId(R"({"type":"x","messageId":"m-1"})"), u"m-1"_s);
    QCOMPARE(correlationId(R"({"type":"x","requestId":5})"), QString());
    QCOMPARE(correlationId("{\"requestId\":\"r-1\""), QString());
}

void ProtocolTest::robustAgainstGarbage()
{
    QRandomGenerator rng(20240601); // fixed seed: a failure is reproducible
    const QList<QByteArray> seeds { frame(validRegister()),     frame(validHeartbeat()),
                                    frame(validDisconnect()),   frame(validRegistered()),
                                    frame(validSystemError()),  frame(validNotification()),
                                    frame(validDeployModel()),  frame(validStopContainer()),
                                    frame(validGetLogs()),      frame(validDeploymentProgress()),
                                    frame(validLogsResponse()), frame(validContainerEvent()),
                                    frame(validContainers()) };
    const QList<QJsonValue> oddValues { QJsonValue(),  true,
                                        QJsonValue(0), -1,
                                        1.5,           1e300,
                                        -1e300,        u""_s,
                                        u"x"_s,        QString(300, u'z'),
                                        QJsonArray(),  QJsonArray { 1, u"a"_s },
                                        QJsonObject(), qint64(9007199254740993),
                                        101,           QJsonValue(QJsonValue::Undefined) };

    // Every key path of a JSON value, for structural mutations.
    std::function<void(const QJsonValue&, const QString&, QStringList&)> collect
        = [&collect](const QJsonValue& v, const QString& path, QStringList& out) {
              if (v.isObject()) {
                  const QJsonObject o = v.toObject();
                  for (auto it = o.begin(); it != o.end(); ++it) {
                      const QString child = path.isEmpty() ? it.key() : path + u'.' + it.key();
                      out.append(child);
                      collect(it.value(), child, out);
                  }
              } else if (v.isArray()) {
                  const QJsonArray a = v.toArray();
                  for (qsizetype i = 0; i < a.size(); ++i) {
                      const QString child = path + u'[' + QString::number(i) + u']';
                      out.append(child);
                      collect(a.at(i), child, out);
                  }
              }
          };

    int values = 0;
    int errors = 0;
    const int iterations = 4000;
    for (int i = 0; i < iterations; ++i) {
        const QByteArray& seed = seeds.at(rng.bounded(int(seeds.size())));
        QByteArray bytes;
        switch (i % 5) {
        case 0: { // random bytes
            bytes.resize(rng.bounded(200));
            for (char& c : bytes)
                c = char(rng.bounded(256));
            break;
        }
        case 1: // truncated
            bytes = seed.left(rng.bounded(int(seed.size()) + 1));
            break;
        case 2: { // a few bytes flipped, inserted or deleted
            bytes = seed;
            const int edits = 1 + rng.bounded(4);
            for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
                const qsizetype pos = rng.bounded(int(bytes.size()));
                switch (rng.bounded(3)) {
                case 0: bytes[pos] = char(rng.bounded(256)); break;
                case 1: bytes.insert(pos, char(rng.bounded(256))); break;
                default: bytes.remove(pos, 1); break;
                }
            }
            break;
        }
        default: { // one or two fields replaced by odd values or removed
            QJsonObject o = QJsonDocument::fromJson(seed).object();
            const int edits = 1 + rng.bounded(2);
            for (int e = 0; e < edits; ++e) {
                QStringList paths;
                collect(o, {}, paths);
                const QString& path = paths.at(rng.bounded(int(paths.size())));
                o = with(o, path, oddValues.at(rng.bounded(int(oddValues.size()))));
            }
            bytes = frame(o);
            break;
        }
        }

        const auto check = [&](const auto& result) {
            if (result) {
                ++values;
                return;
            }
            ++errors;
            const Error& e = result.error();
            QVERIFY2(decodeCodes().contains(e.codeName()),
                     qPrintable(e.codeName() + u" for "_s + QString::fromUtf8(bytes.toPercentEncoding())));
            QVERIFY(!e.message.isEmpty());
            // Every error past the frame level names the field it is about.
            if (e.code != ErrorCode::InvalidJson && e.code != ErrorCode::FrameTooLarge)
                QVERIFY2(!e.field.isEmpty(), qPrintable(e.message));
        };
        const auto inbound = decodeNodeMessage(bytes);
        check(inbound);
        const auto outbound = decodeControllerMessage(bytes);
        check(outbound);
        check(decodeEnvelope(bytes));
        // Whatever decodes re-encodes to the same message.
        if (inbound) {
            std::visit(
                [](const auto& m) {
                    const auto again = decodeNodeMessage(encode(m));
                    QVERIFY(again);
                    QVERIFY(std::get<std::decay_t<decltype(m)>>(*again) == m);
                },
                *inbound);
        }
        if (outbound) {
            std::visit(
                [](const auto& m) {
                    const auto again = decodeControllerMessage(encode(m));
                    QVERIFY(again);
                    QVERIFY(std::get<std::decay_t<decltype(m)>>(*again) == m);
                },
                *outbound);
        }
        if (QTest::currentTestFailed())
            return;
    }
    // The generator must exercise both outcomes, or the test proves little.
    QVERIFY(values > 100);
    QVERIFY(errors > 1000);
}

QTEST_GUILESS_MAIN(ProtocolTest)
#include "ProtocolTest.moc"
