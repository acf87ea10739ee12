#include "core/protocol/Codec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSet>
#include <cmath>
#include <limits>

namespace aiops::protocol {

using namespace Qt::StringLiterals;

namespace {

enum class Presence { Required, Optional };

constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();
constexpr qint64 kMaxInt = std::numeric_limits<int>::max();
constexpr double kMaxDouble = std::numeric_limits<double>::max();
// 2^63: the first double that no longer fits in qint64.
constexpr double kInt64Bound = 9223372036854775808.0;

const QStringList& knownRoles()
{
    static const QStringList roles { u"controller"_s, u"worker"_s, u"proxy"_s, u"storage"_s };
    return roles;
}

const QStringList& knownLevels()
{
    static const QStringList levels { u"info"_s, u"warning"_s, u"error"_s, u"success"_s };
    return levels;
}

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"boolean"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Object: return u"object"_s;
    case QJsonValue::Undefined: break;
    }
    return u"undefined"_s;
}

bool isValidNodeId(QStringView id)
{
    if (id.isEmpty())
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'.' || u == u'_' || u == u':' || u == u'-';
        if (!allowed)
            return false;
    }
    return true;
}

QString rangeText(double min, double max)
{
    if (max >= kMaxDouble || max >= double(kMaxInt64))
        return u">= %1"_s.arg(min);
    return u"between %1 and %2"_s.arg(min).arg(max);
}

// Keeps only the first error: once a read failed, later reads are no-ops, so the reported field is
// the first bad one in reading order.
class Context
{
public:
    explicit Context(const Limits& limits)
        : m_limits(limits)
    {
    }

    const Limits& limits() const { return m_limits; }
    bool failed() const { return m_error.has_value(); }
    Error error() const { return m_error.value_or(Error {}); }

    void fail(ErrorCode code, const QString& path, const QString& message)
    {
        if (!m_error)
            m_error = Error { code, path.isEmpty() ? message : path + u": "_s + message, path };
    }

private:
    const Limits& m_limits;
    std::optional<Error> m_error;
};

template<typename T> Result<T> finish(const Context& ctx, T&& value)
{
    if (ctx.failed())
        return std::unexpected(ctx.error());
    return std::forward<T>(value);
}

// Typed, validated reads of one JSON object; `path` is the object's JSON path ("" at the root).
class Reader
{
public:
    Reader(Context& ctx, QJsonObject object, QString path = {})
        : m_ctx(ctx)
        , m_object(std::move(object))
        , m_path(std::move(path))
    {
    }

    Context& context() { return m_ctx; }
    const Limits& limits() const { return m_ctx.limits(); }

    QString path(QStringView key) const { return m_path.isEmpty() ? key.toString() : m_path + u'.' + key; }

    // The value when present. Optional fields treat null as absent.
    std::optional<QJsonValue> value(QStringView key, Presence presence)
    {
        if (m_ctx.failed())
            return std::nullopt;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || (v.isNull() && presence == Presence::Optional)) {
            if (presence == Presence::Required)
                m_ctx.fail(ErrorCode::MissingField, path(key), u"required field is missing"_s);
            return std::nullopt;
        }
        return v;
    }

    QString string(QStringView key, Presence presence, int maxLength, bool nonEmpty = false)
    {
        const auto v = value(key, presence);
        if (!v)
            return {};
        if (!v->isString()) {
            typeError(key, u"string"_s, *v);
            return {};
        }
        QString s = v->toString();
        if (nonEmpty && s.isEmpty())
            m_ctx.fail(ErrorCode::InvalidValue, path(key), u"must not be empty"_s);
        else if (s.size() > maxLength)
            m_ctx.fail(ErrorCode::OutOfRange, path(key), u"longer than %1 characters"_s.arg(maxLength));
        return s;
    }

    QString name(QStringView key, Presence presence = Presence::Required)
    {
        return string(key, presence, limits().maxStringLength, true);
    }

    QString text(QStringView key, Presence presence) { return string(key, presence, limits().maxTextLength); }

    QString nodeId(QStringView key, Presence presence = Presence::Required)
    {
        QString id = name(key, presence);
        if (!m_ctx.failed() && !id.isEmpty() && !isValidNodeId(id))
            m_ctx.fail(ErrorCode::InvalidValue, path(key), u"may only contain A-Z a-z 0-9 . _ : -"_s);
        return id;
    }

    bool boolean(QStringView key, Presence presence)
    {
        const auto v = value(key, presence);
        if (!v)
            return false;
        if (!v->isBool()) {
            typeError(key, u"boolean"_s, *v);
            return false;
        }
        return v->toBool();
    }

    std::optional<qint64> integer(QStringView key, Presence presence, qint64 min, qint64 max)
    {
        const auto v = value(key, presence);
        if (!v)
            return std::nullopt;
        const double d = v->toDouble();
        if (!v->isDouble() || !std::isfinite(d) || std::trunc(d) != d) {
            typeError(key, u"integer"_s, *v);
            return std::nullopt;
        }
        if (d < -kInt64Bound || d >= kInt64Bound) {
            m_ctx.fail(ErrorCode::OutOfRange, path(key), u"must be %1"_s.arg(rangeText(double(min), double(max))));
            return std::nullopt;
        }
        // toInteger() is exact for integers beyond 2^53, which the double above is not.
        const qint64 i = v->toInteger();
        if (i < min || i > max) {
            m_ctx.fail(ErrorCode::OutOfRange, path(key), u"must be %1"_s.arg(rangeText(double(min), double(max))));
            return std::nullopt;
        }
        return i;
    }

    std::optional<double> number(QStringView key, Presence presence, double min, double max)
    {
        const auto v = value(key, presence);
        if (!v)
            return std::nullopt;
        const double d = v->toDouble();
        if (!v->isDouble() || !std::isfinite(d)) {
            typeError(key, u"number"_s, *v);
            return std::nullopt;
        }
        if (d < min || d > max) {
            m_ctx.fail(ErrorCode::OutOfRange, path(key), u"must be %1"_s.arg(rangeText(min, max)));
            return std::nullopt;
        }
        return d;
    }

    qint64 timestamp() { return integer(u"timestamp", Presence::Required, 0, kMaxInt64).value_or(0); }

    QJsonObject object(QStringView key, Presence presence)
    {
        const auto v = value(key, presence);
        if (!v)
            return {};
        if (!v->isObject()) {
            typeError(key, u"object"_s, *v);
            return {};
        }
        return v->toObject();
    }

    std::optional<Reader> objectReader(QStringView key, Presence presence)
    {
        const auto v = value(key, presence);
        if (!v)
            return std::nullopt;
        if (!v->isObject()) {
            typeError(key, u"object"_s, *v);
            return std::nullopt;
        }
        return Reader(m_ctx, v->toObject(), path(key));
    }

    std::optional<QJsonArray> array(QStringView key, Presence presence, qsizetype maxSize)
    {
        const auto v = value(key, presence);
        if (!v)
            return std::nullopt;
        if (!v->isArray()) {
            typeError(key, u"array"_s, *v);
            return std::nullopt;
        }
        QJsonArray a = v->toArray();
        if (a.size() > maxSize) {
            m_ctx.fail(ErrorCode::OutOfRange, path(key), u"more than %1 elements"_s.arg(maxSize));
            return std::nullopt;
        }
        return a;
    }

    // Element i of the array at `key`, which must be an object.
    std::optional<Reader> elementReader(const QJsonArray& array, QStringView key, qsizetype i)
    {
        if (m_ctx.failed())
            return std::nullopt;
        const QString elementPath = path(key) + u'[' + QString::number(i) + u']';
        const QJsonValue v = array.at(i);
        if (!v.isObject()) {
            m_ctx.fail(ErrorCode::InvalidFieldType, elementPath, u"must be an object, got %1"_s.arg(jsonTypeName(v)));
            return std::nullopt;
        }
        return Reader(m_ctx, v.toObject(), elementPath);
    }

private:
    void typeError(QStringView key, const QString& expected, const QJsonValue& got)
    {
        m_ctx.fail(ErrorCode::InvalidFieldType,
                   path(key),
                   u"must be %1 %2, got %3"_s.arg(
                       u"aeiou"_s.contains(expected.front()) ? u"an"_s : u"a"_s, expected, jsonTypeName(got)));
    }

    Context& m_ctx;
    QJsonObject m_object;
    QString m_path;
};

QString readDeviceId(Reader& device, QSet<QString>& seen)
{
    QString id = device.name(u"deviceId");
    if (device.context().failed())
        return id;
    if (seen.contains(id))
        device.context().fail(
            ErrorCode::InvalidValue, device.path(u"deviceId"), u"duplicate deviceId \"%1\""_s.arg(id));
    seen.insert(id);
    return id;
}

QList<GpuInventory> readGpuInventory(Reader& r)
{
    QList<GpuInventory> devices;
    const auto array = r.array(u"gpuDevices", Presence::Required, r.limits().maxGpuDevices);
    if (!array)
        return devices;
    QSet<QString> seen;
    for (qsizetype i = 0; i < array->size(); ++i) {
        auto d = r.elementReader(*array, u"gpuDevices", i);
        if (!d)
            break;
        GpuInventory g;
        g.deviceId = readDeviceId(*d, seen);
        g.model = d->string(u"model", Presence::Required, r.limits().maxStringLength);
        g.memoryTotal = d->integer(u"memoryTotal", Presence::Required, 1, kMaxInt64).value_or(0);
        // Not stored, but a register that reports it must be consistent.
        d->integer(u"memoryFree", Presence::Optional, 0, g.memoryTotal);
        g.uuid = d->string(u"uuid", Presence::Optional, r.limits().maxStringLength);
        g.vendor = d->string(u"vendor", Presence::Optional, r.limits().maxStringLength);
        devices.append(g);
    }
    return devices;
}

QList<GpuSample> readGpuSamples(Reader& metrics)
{
    QList<GpuSample> samples;
    const auto array = metrics.array(u"gpuDevices", Presence::Required, metrics.limits().maxGpuDevices);
    if (!array)
        return samples;
    QSet<QString> seen;
    for (qsizetype i = 0; i < array->size(); ++i) {
        auto d = metrics.elementReader(*array, u"gpuDevices", i);
        if (!d)
            break;
        GpuSample s;
        s.deviceId = readDeviceId(*d, seen);
        // memoryTotal is optional in a sample; when present it bounds memoryFree.
        const auto total = d->integer(u"memoryTotal", Presence::Optional, 1, kMaxInt64);
        s.memoryFree = d->integer(u"memoryFree", Presence::Required, 0, total.value_or(kMaxInt64)).value_or(0);
        s.utilization = d->number(u"utilization", Presence::Required, 0, 100).value_or(0);
        s.temperature = d->number(u"temperature", Presence::Required, -50, 150).value_or(0);
        s.powerUsage = d->number(u"powerUsage", Presence::Optional, 0, kMaxDouble);
        samples.append(s);
    }
    return samples;
}

QStringList readRoles(Reader& r)
{
    const auto array = r.array(u"role", Presence::Optional, knownRoles().size());
    if (!array)
        return { u"worker"_s };
    Context& ctx = r.context();
    if (array->isEmpty())
        ctx.fail(ErrorCode::InvalidValue, r.path(u"role"), u"must name at least one role"_s);
    QStringList roles;
    for (qsizetype i = 0; i < array->size() && !ctx.failed(); ++i) {
        const QString elementPath = r.path(u"role") + u'[' + QString::number(i) + u']';
        const QJsonValue v = array->at(i);
        if (!v.isString()) {
            ctx.fail(ErrorCode::InvalidFieldType, elementPath, u"must be a string, got %1"_s.arg(jsonTypeName(v)));
        } else if (!knownRoles().contains(v.toString())) {
            ctx.fail(ErrorCode::InvalidValue, elementPath, u"must be one of %1"_s.arg(knownRoles().join(u", ")));
        } else if (roles.contains(v.toString())) {
            ctx.fail(ErrorCode::InvalidValue, elementPath, u"duplicate role"_s);
        }
        roles.append(v.toString());
    }
    return roles;
}

// The optional base fields; nodeId/timestamp are validated here only when a type does not require them.
Envelope readEnvelope(Reader& r, QString typeName)
{
    Envelope e;
    e.type = std::move(typeName);
    e.timestamp = r.integer(u"timestamp", Presence::Optional, 0, kMaxInt64).value_or(0);
    e.nodeId = r.nodeId(u"nodeId", Presence::Optional);
    const int max = r.limits().maxStringLength;
    e.messageId = r.string(u"messageId", Presence::Optional, max);
    e.requestId = r.string(u"requestId", Presence::Optional, max);
    e.conversationId = r.string(u"conversationId", Presence::Optional, max);
    e.userId = r.string(u"userId", Presence::Optional, max);
    e.agentId = r.string(u"agentId", Presence::Optional, max);
    e.metadata = r.object(u"metadata", Presence::Optional);
    return e;
}

Result<QJsonObject> parseFrame(QByteArrayView frame, const Limits& limits)
{
    if (frame.size() > limits.maxFrameBytes) {
        return makeError(
            ErrorCode::FrameTooLarge,
            u"frame of %1 bytes exceeds the limit of %2 bytes"_s.arg(frame.size()).arg(limits.maxFrameBytes));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::InvalidJson,
                         u"invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidJson, u"frame must be a JSON object"_s);
    return doc.object();
}

Result<QString> readType(const QJsonObject& o)
{
    const QJsonValue v = o.value(u"type");
    if (v.isUndefined())
        return makeError(ErrorCode::MissingField, u"type: required field is missing"_s, u"type"_s);
    if (!v.isString())
        return makeError(
            ErrorCode::InvalidFieldType, u"type: must be a string, got %1"_s.arg(jsonTypeName(v)), u"type"_s);
    if (v.toString().isEmpty())
        return makeError(ErrorCode::UnknownType, u"type: must not be empty"_s, u"type"_s);
    return v.toString();
}

Error unknownType(const QString& typeName, const QString& direction)
{
    return Error { ErrorCode::UnknownType,
                   u"type: \"%1\" is not a message %2"_s.arg(typeName.left(64), direction),
                   u"type"_s };
}

template<typename Variant, typename T> Result<Variant> widen(Result<T>&& r)
{
    if (!r)
        return std::unexpected(r.error());
    return Variant(std::move(*r));
}

// Decodes frame → object → type → body (parse) → optional envelope fields.
template<typename Variant>
Result<Variant> decodeWith(QByteArrayView frame,
                           const Limits& limits,
                           const QString& direction,
                           Result<Variant> (*parseBody)(const QString&, const QJsonObject&, const Limits&))
{
    const auto object = parseFrame(frame, limits);
    if (!object)
        return std::unexpected(object.error());
    const auto typeName = readType(*object);
    if (!typeName)
        return std::unexpected(typeName.error());
    auto message = parseBody(*typeName, *object, limits);
    if (!message) {
        if (message.error().code == ErrorCode::UnknownType && message.error().field.isEmpty())
            return std::unexpected(unknownType(*typeName, direction));
        return message;
    }
    Context ctx(limits);
    Reader reader(ctx, *object);
    readEnvelope(reader, *typeName);
    if (ctx.failed())
        return std::unexpected(ctx.error());
    return message;
}

Result<NodeInbound> parseInbound(const QString& typeName, const QJsonObject& o, const Limits& limits)
{
    if (typeName == QLatin1String(type::NodeCommandAck))
        return widen<NodeInbound>(parseNodeCommandAck(o, limits));
    if (typeName == QLatin1String(type::NodeModelCacheProgress))
        return widen<NodeInbound>(parseNodeModelCacheProgress(o, limits));
    if (typeName == QLatin1String(type::NodeModelCache))
        return widen<NodeInbound>(parseNodeModelCache(o, limits));
    if (typeName == QLatin1String(type::NodeDeploymentProgress))
        return widen<NodeInbound>(parseNodeDeploymentProgress(o, limits));
    if (typeName == QLatin1String(type::NodeLogsResponse))
        return widen<NodeInbound>(parseNodeLogsResponse(o, limits));
    if (typeName == QLatin1String(type::NodeContainerEvent))
        return widen<NodeInbound>(parseNodeContainerEvent(o, limits));
    if (typeName == QLatin1String(type::NodeContainers))
        return widen<NodeInbound>(parseNodeContainers(o, limits));
    if (typeName == QLatin1String(type::NodeRegister))
        return widen<NodeInbound>(parseNodeRegister(o, limits));
    if (typeName == QLatin1String(type::NodeHeartbeat))
        return widen<NodeInbound>(parseNodeHeartbeat(o, limits));
    if (typeName == QLatin1String(type::NodeDisconnect))
        return widen<NodeInbound>(parseNodeDisconnect(o, limits));
    return makeError(ErrorCode::UnknownType, {});
}

Result<NodeOutbound> parseOutbound(const QString& typeName, const QJsonObject& o, const Limits& limits)
{
    if (typeName == QLatin1String(type::NodeRegistered))
        return widen<NodeOutbound>(parseNodeRegistered(o, limits));
    if (typeName == QLatin1String(type::SystemError))
        return widen<NodeOutbound>(parseSystemError(o, limits));
    if (typeName == QLatin1String(type::Notification))
        return widen<NodeOutbound>(parseNotification(o, limits));
    if (typeName == QLatin1String(type::NodeCacheModel))
        return widen<NodeOutbound>(parseNodeCacheModel(o, limits));
    if (typeName == QLatin1String(type::NodeEvictModel))
        return widen<NodeOutbound>(parseNodeEvictModel(o, limits));
    if (typeName == QLatin1String(type::NodeDeployModel))
        return widen<NodeOutbound>(parseNodeDeployModel(o, limits));
    if (typeName == QLatin1String(type::NodeStopContainer))
        return widen<NodeOutbound>(parseNodeStopContainer(o, limits));
    if (typeName == QLatin1String(type::NodeGetLogs))
        return widen<NodeOutbound>(parseNodeGetLogs(o, limits));
    return makeError(ErrorCode::UnknownType, {});
}

// Envelope decoding validates the body of every type this codec knows; other types pass through.
using AnyKnown = std::variant<std::monostate, NodeInbound, NodeOutbound, NodeOnline, NodeOffline>;

Result<AnyKnown> parseAny(const QString& typeName, const QJsonObject& o, const Limits& limits)
{
    if (auto in = parseInbound(typeName, o, limits); in || in.error().code != ErrorCode::UnknownType)
        return widen<AnyKnown>(std::move(in));
    if (auto out = parseOutbound(typeName, o, limits); out || out.error().code != ErrorCode::UnknownType)
        return widen<AnyKnown>(std::move(out));
    if (typeName == QLatin1String(type::NodeOnline))
        return widen<AnyKnown>(parseNodeOnline(o, limits));
    if (typeName == QLatin1String(type::NodeOffline))
        return widen<AnyKnown>(parseNodeOffline(o, limits));
    return AnyKnown {};
}

QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

void insertIfSet(QJsonObject& o, const QString& key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

void insertIfSet(QJsonObject& o, const QString& key, const QJsonObject& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

void insertIfSet(QJsonObject& o, const QString& key, const std::optional<double>& value)
{
    if (value)
        o.insert(key, *value);
}

void insertIfPositive(QJsonObject& o, const QString& key, qint64 value)
{
    if (value > 0)
        o.insert(key, value);
}

} // namespace

const QStringList& inboundNodeTypes()
{
    static const QStringList types {
        QLatin1String(type::NodeRegister),           QLatin1String(type::NodeHeartbeat),
        QLatin1String(type::NodeDisconnect),         QLatin1String(type::NodeCommandAck),
        QLatin1String(type::NodeModelCacheProgress), QLatin1String(type::NodeModelCache),
        QLatin1String(type::NodeDeploymentProgress), QLatin1String(type::NodeLogsResponse),
        QLatin1String(type::NodeContainerEvent),     QLatin1String(type::NodeContainers),
    };
    return types;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Result<NodeRegister> parseNodeRegister(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeRegister m;
    m.nodeId = r.nodeId(u"nodeId");
    m.name = r.name(u"name");
    m.isLocal = r.boolean(u"isLocal", Presence::Required);
    m.gpuDevices = readGpuInventory(r);
    m.config = r.object(u"config", Presence::Required);
    m.timestamp = r.timestamp();
    m.role = readRoles(r);
    m.cpuCores = int(r.integer(u"cpuCores", Presence::Optional, 0, kMaxInt).value_or(0));
    m.ramTotal = r.integer(u"ramTotal", Presence::Optional, 0, kMaxInt64).value_or(0);
    m.diskTotal = r.integer(u"diskTotal", Presence::Optional, 0, kMaxInt64).value_or(0);
    m.hostname = r.string(u"hostname", Presence::Optional, limits.maxStringLength);
    m.version = r.string(u"version", Presence::Optional, limits.maxStringLength);
    return finish(ctx, std::move(m));
}

Result<NodeHeartbeat> parseNodeHeartbeat(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeHeartbeat m;
    m.nodeId = r.nodeId(u"nodeId");
    m.timestamp = r.timestamp();
    if (auto metrics = r.objectReader(u"metrics", Presence::Required)) {
        m.metrics.gpuDevices = readGpuSamples(*metrics);
        m.metrics.ramFree = metrics->integer(u"ramFree", Presence::Required, 0, kMaxInt64).value_or(0);
        m.metrics.diskFree = metrics->integer(u"diskFree", Presence::Required, 0, kMaxInt64).value_or(0);
        m.metrics.cpuUtilization = metrics->number(u"cpuUtilization", Presence::Optional, 0, 100);
        m.metrics.loadAverage = metrics->number(u"loadAverage", Presence::Optional, 0, kMaxDouble);
    }
    return finish(ctx, std::move(m));
}

Result<NodeDisconnect> parseNodeDisconnect(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeDisconnect m;
    m.nodeId = r.nodeId(u"nodeId");
    m.reason = r.text(u"reason", Presence::Optional);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeOnline> parseNodeOnline(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeOnline m;
    m.nodeId = r.nodeId(u"nodeId");
    m.nodeName = r.name(u"nodeName");
    m.gpuCount = int(r.integer(u"gpuCount", Presence::Required, 0, kMaxInt).value_or(0));
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeOffline> parseNodeOffline(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeOffline m;
    m.nodeId = r.nodeId(u"nodeId");
    m.reason = r.text(u"reason", Presence::Optional);
    m.lastSeen = r.integer(u"lastSeen", Presence::Required, 0, kMaxInt64).value_or(0);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeRegistered> parseNodeRegistered(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeRegistered m;
    m.nodeId = r.nodeId(u"nodeId");
    // Bounded so that a bad controller cannot make a daemon spin or go silent for days.
    m.heartbeatIntervalMs
        = int(r.integer(u"heartbeatIntervalMs", Presence::Optional, 100, 3'600'000).value_or(m.heartbeatIntervalMs));
    m.nodeCredential = r.string(u"nodeCredential", Presence::Optional, limits.maxStringLength);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<Notification> parseNotification(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    Notification m;
    m.level = r.string(u"level", Presence::Required, limits.maxStringLength);
    if (!ctx.failed() && !knownLevels().contains(m.level))
        ctx.fail(ErrorCode::InvalidValue, u"level"_s, u"must be one of %1"_s.arg(knownLevels().join(u", ")));
    m.title = r.text(u"title", Presence::Required);
    m.message = r.text(u"message", Presence::Required);
    m.action = r.string(u"action", Presence::Optional, limits.maxStringLength);
    m.metadata = r.object(u"metadata", Presence::Optional);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<SystemError> parseSystemError(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    SystemError m;
    m.errorCode = r.name(u"errorCode");
    m.message = r.text(u"message", Presence::Required);
    m.context = r.object(u"context", Presence::Optional);
    m.retryAfter = r.integer(u"retryAfter", Presence::Optional, 0, kMaxInt64);
    m.requestId = r.string(u"requestId", Presence::Optional, limits.maxStringLength);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

namespace {

bool isLowerHex(QStringView s, qsizetype length)
{
    if (s.size() != length)
        return false;
    for (QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

// Model ids become folder names on the node: the node-id alphabet keeps them safe.
QString readModelId(Reader& r)
{
    QString id = r.name(u"modelId");
    if (!r.context().failed() && !isValidNodeId(id))
        r.context().fail(ErrorCode::InvalidValue, r.path(u"modelId"), u"may only contain A-Z a-z 0-9 . _ : -"_s);
    return id;
}

QList<CacheFileRef> readCacheFiles(Reader& r, Presence presence = Presence::Required)
{
    QList<CacheFileRef> files;
    const auto array = r.array(u"files", presence, r.limits().maxModelFiles);
    if (!array)
        return files;
    for (qsizetype i = 0; i < array->size(); ++i) {
        auto file = r.elementReader(*array, u"files", i);
        if (!file)
            break;
        CacheFileRef f;
        f.path = file->string(u"path", Presence::Required, 1024, true);
        f.size = file->integer(u"size", Presence::Required, 0, kMaxInt64).value_or(0);
        f.sha256 = file->name(u"sha256");
        if (!r.context().failed() && !isLowerHex(f.sha256, 64))
            r.context().fail(ErrorCode::InvalidValue, file->path(u"sha256"), u"must be 64 lowercase hex digits"_s);
        f.url = file->string(u"url", Presence::Required, r.limits().maxUrlLength, true);
        files.append(std::move(f));
    }
    return files;
}

} // namespace

Result<NodeCacheModel> parseNodeCacheModel(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeCacheModel m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.modelId = readModelId(r);
    m.version = r.name(u"version");
    m.commitSha = r.string(u"commitSha", Presence::Optional, 64);
    m.files = readCacheFiles(r);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeEvictModel> parseNodeEvictModel(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeEvictModel m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.modelId = readModelId(r);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeCommandAck> parseNodeCommandAck(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeCommandAck m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.status = r.name(u"status");
    if (!ctx.failed() && m.status != u"accepted" && m.status != u"rejected")
        ctx.fail(ErrorCode::InvalidValue, u"status"_s, u"must be \"accepted\" or \"rejected\""_s);
    m.reason = r.text(u"reason", Presence::Optional);
    m.errorCode = r.string(u"errorCode", Presence::Optional, limits.maxStringLength);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeModelCacheProgress> parseNodeModelCacheProgress(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeModelCacheProgress m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.modelId = readModelId(r);
    m.status = r.name(u"status");
    static const QStringList statuses { u"downloading"_s, u"ready"_s, u"failed"_s, u"cancelled"_s };
    if (!ctx.failed() && !statuses.contains(m.status))
        ctx.fail(ErrorCode::InvalidValue, u"status"_s, u"must be one of %1"_s.arg(statuses.join(u", ")));
    m.bytesDone = r.integer(u"bytesDone", Presence::Optional, 0, kMaxInt64).value_or(0);
    m.bytesTotal = r.integer(u"bytesTotal", Presence::Optional, 0, kMaxInt64).value_or(0);
    m.progress = int(r.integer(u"progress", Presence::Optional, 0, 100).value_or(0));
    m.error = r.text(u"error", Presence::Optional);
    m.errorCode = r.string(u"errorCode", Presence::Optional, limits.maxStringLength);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeModelCache> parseNodeModelCache(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeModelCache m;
    m.nodeId = r.nodeId(u"nodeId");
    m.capacityMb = r.integer(u"capacityMb", Presence::Required, 0, kMaxInt64).value_or(0);
    m.usedMb = r.integer(u"usedMb", Presence::Required, 0, kMaxInt64).value_or(0);
    if (const auto array = r.array(u"models", Presence::Required, limits.maxCachedModels)) {
        for (qsizetype i = 0; i < array->size(); ++i) {
            auto model = r.elementReader(*array, u"models", i);
            if (!model)
                break;
            CachedModelInfo info;
            info.modelId = readModelId(*model);
            info.version = model->name(u"version");
            info.sizeMb = model->integer(u"sizeMb", Presence::Required, 0, kMaxInt64).value_or(0);
            info.lastUsedAt = model->integer(u"lastUsedAt", Presence::Optional, 0, kMaxInt64).value_or(0);
            info.pinned = model->boolean(u"pinned", Presence::Optional);
            m.models.append(std::move(info));
        }
    }
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<qint64> parseMemoryLimit(const QString& text)
{
    if (text.isEmpty())
        return 0;
    qsizetype digits = 0;
    while (digits < text.size() && text.at(digits) >= u'0' && text.at(digits) <= u'9')
        ++digits;
    const QString unit = text.mid(digits).toLower();
    qint64 multiplier = 0;
    if (unit.isEmpty() || unit == u"b")
        multiplier = 1;
    else if (unit == u"k")
        multiplier = 1LL << 10;
    else if (unit == u"m")
        multiplier = 1LL << 20;
    else if (unit == u"g")
        multiplier = 1LL << 30;
    else if (unit == u"t")
        multiplier = 1LL << 40;
    if (digits == 0 || digits > 15 || multiplier == 0)
        return makeError(ErrorCode::InvalidValue, u"must be a size like \"8g\", \"512m\", \"64k\" or bytes"_s);
    const qint64 amount = text.left(digits).toLongLong();
    if (amount <= 0)
        return makeError(ErrorCode::OutOfRange, u"must be greater than 0"_s);
    if (amount > kMaxInt64 / multiplier)
        return makeError(ErrorCode::OutOfRange, u"is too large"_s);
    return amount * multiplier;
}

Result<PortMapping> parsePortMapping(const QString& text)
{
    const auto port = [](QStringView s, int min) -> std::optional<int> {
        if (s.isEmpty() || s.size() > 5)
            return std::nullopt;
        for (const QChar c : s) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
        }
        const int value = s.toInt();
        if (value < min || value > 65535)
            return std::nullopt;
        return value;
    };
    const QStringList parts = text.split(u':');
    std::optional<int> host = 0;
    std::optional<int> container;
    if (parts.size() == 1) {
        container = port(parts.at(0), 1);
    } else if (parts.size() == 2) {
        host = port(parts.at(0), 0);
        container = port(parts.at(1), 1);
    }
    if (!host || !container) {
        return makeError(ErrorCode::InvalidValue,
                         u"must be \"hostPort:containerPort\" or \"containerPort\" (host 0-65535, container "
                         u"1-65535)"_s);
    }
    return PortMapping { *host, *container };
}

namespace {

// An image reference: printable ASCII without spaces (the allowlist decides what may run).
bool isImageReference(QStringView image)
{
    for (const QChar c : image) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

// Container paths end up in a bind "source:target:ro": absolute, no "..", no ':' or ','.
bool isContainerPath(QStringView path)
{
    if (!path.startsWith(u'/') || path.contains(u':') || path.contains(u',') || path.contains(QChar(0)))
        return false;
    for (const auto segment : path.split(u'/')) {
        if (segment == u"..")
            return false;
    }
    return true;
}

// "0", "0,1" or GPU UUIDs ("GPU-…", "MIG-…"); "" = no GPU.
bool isGpuDeviceList(QStringView list)
{
    if (list.isEmpty())
        return true;
    for (const auto device : list.split(u',')) {
        if (!isValidNodeId(device))
            return false;
    }
    return true;
}

void checkEnum(Reader& r, QStringView key, const QString& value, const QStringList& allowed)
{
    if (!r.context().failed() && !allowed.contains(value))
        r.context().fail(ErrorCode::InvalidValue, r.path(key), u"must be one of %1"_s.arg(allowed.join(u", ")));
}

QStringList readStringArray(Reader& r, QStringView key, qsizetype maxSize, int maxLength)
{
    QStringList list;
    const auto array = r.array(key, Presence::Optional, maxSize);
    if (!array)
        return list;
    Context& ctx = r.context();
    for (qsizetype i = 0; i < array->size() && !ctx.failed(); ++i) {
        const QString elementPath = r.path(key) + u'[' + QString::number(i) + u']';
        const QJsonValue v = array->at(i);
        if (!v.isString())
            ctx.fail(ErrorCode::InvalidFieldType, elementPath, u"must be a string, got %1"_s.arg(jsonTypeName(v)));
        else if (v.toString().size() > maxLength)
            ctx.fail(ErrorCode::OutOfRange, elementPath, u"longer than %1 characters"_s.arg(maxLength));
        else
            list.append(v.toString());
    }
    return list;
}

QMap<QString, QString> readEnvironment(Reader& r)
{
    QMap<QString, QString> environment;
    const QJsonObject object = r.object(u"environment", Presence::Optional);
    Context& ctx = r.context();
    if (ctx.failed())
        return environment;
    if (object.size() > r.limits().maxEnvironment) {
        ctx.fail(
            ErrorCode::OutOfRange, r.path(u"environment"), u"more than %1 variables"_s.arg(r.limits().maxEnvironment));
        return environment;
    }
    for (auto it = object.begin(); it != object.end() && !ctx.failed(); ++it) {
        const QString key = it.key();
        const QString path = r.path(u"environment") + u'.' + key;
        if (key.isEmpty() || key.size() > r.limits().maxStringLength || key.contains(u'=') || key.contains(QChar(0)))
            ctx.fail(ErrorCode::InvalidValue, path, u"variable names must be 1-255 characters without '='"_s);
        else if (!it.value().isString())
            ctx.fail(ErrorCode::InvalidFieldType, path, u"must be a string, got %1"_s.arg(jsonTypeName(it.value())));
        else if (it.value().toString().size() > r.limits().maxTextLength)
            ctx.fail(ErrorCode::OutOfRange, path, u"longer than %1 characters"_s.arg(r.limits().maxTextLength));
        else
            environment.insert(key, it.value().toString());
    }
    return environment;
}

DeployContainerConfig readContainerConfig(Reader& c)
{
    Context& ctx = c.context();
    const Limits& limits = c.limits();
    DeployContainerConfig m;
    m.image = c.string(u"image", Presence::Required, 1024, true);
    if (!ctx.failed() && !isImageReference(m.image))
        ctx.fail(ErrorCode::InvalidValue, c.path(u"image"), u"must not contain spaces or control characters"_s);
    m.gpuDevice = c.string(u"gpuDevice", Presence::Optional, limits.maxStringLength);
    if (!ctx.failed() && !isGpuDeviceList(m.gpuDevice))
        ctx.fail(ErrorCode::InvalidValue, c.path(u"gpuDevice"), u"must be device ids like \"0\" or \"0,1\""_s);
    m.gpuVendor = c.string(u"gpuVendor", Presence::Optional, limits.maxStringLength);
    if (!m.gpuVendor.isEmpty())
        checkEnum(c, u"gpuVendor", m.gpuVendor, { u"nvidia"_s, u"amd"_s });
    m.memoryLimit = c.string(u"memoryLimit", Presence::Optional, 32);
    if (!ctx.failed()) {
        if (const auto bytes = parseMemoryLimit(m.memoryLimit); !bytes)
            ctx.fail(bytes.error().code, c.path(u"memoryLimit"), bytes.error().message);
    }
    m.ports = c.string(u"ports", Presence::Required, 32, true);
    if (!ctx.failed()) {
        if (const auto ports = parsePortMapping(m.ports); !ports)
            ctx.fail(ports.error().code, c.path(u"ports"), ports.error().message);
    }
    m.environment = readEnvironment(c);
    m.entrypoint = readStringArray(c, u"entrypoint", limits.maxArguments, limits.maxTextLength);
    m.command = readStringArray(c, u"command", limits.maxArguments, limits.maxTextLength);
    if (const auto v = c.value(u"healthPath", Presence::Optional)) {
        m.healthPath = c.string(u"healthPath", Presence::Optional, 1024);
        if (!ctx.failed() && !m.healthPath.isEmpty() && !m.healthPath.startsWith(u'/'))
            ctx.fail(ErrorCode::InvalidValue, c.path(u"healthPath"), u"must start with '/' (or be empty)"_s);
    }
    m.healthTimeoutSeconds
        = int(c.integer(u"healthTimeoutSeconds", Presence::Optional, 1, 3600).value_or(m.healthTimeoutSeconds));
    m.ipcHost = c.boolean(u"ipcHost", Presence::Optional);
    m.shmSizeMb = c.integer(u"shmSizeMb", Presence::Optional, 0, 1LL << 20).value_or(0);
    m.modelMount = c.string(u"modelMount", Presence::Optional, 1024);
    if (!ctx.failed() && !m.modelMount.isEmpty() && !isContainerPath(m.modelMount))
        ctx.fail(
            ErrorCode::InvalidValue, c.path(u"modelMount"), u"must be an absolute path without \"..\", ':' or ','"_s);
    return m;
}

// Ids that become container labels and names: the node-id alphabet.
QString readSafeId(Reader& r, QStringView key, Presence presence)
{
    return r.nodeId(key, presence);
}

QString readLog(Reader& r, QStringView key, Presence presence)
{
    return r.string(key, presence, r.limits().maxLogBytes);
}

const QStringList& deploymentStatuses()
{
    static const QStringList statuses { u"downloading"_s,  u"extracting"_s, u"pulling"_s, u"starting"_s,
                                        u"health-check"_s, u"running"_s,    u"failed"_s,  u"stopped"_s };
    return statuses;
}

ManagedContainer readManagedContainer(Reader& c)
{
    ManagedContainer m;
    m.containerId = c.name(u"containerId");
    m.deploymentId = c.string(u"deploymentId", Presence::Optional, c.limits().maxStringLength);
    m.requestId = c.string(u"requestId", Presence::Optional, c.limits().maxStringLength);
    m.image = c.string(u"image", Presence::Required, 1024);
    m.state = c.string(u"state", Presence::Optional, c.limits().maxStringLength);
    m.hostPort = int(c.integer(u"hostPort", Presence::Optional, 0, 65535).value_or(0));
    return m;
}

} // namespace

Result<DeployContainerConfig> parseDeployContainerConfig(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    DeployContainerConfig m = readContainerConfig(r);
    return finish(ctx, std::move(m));
}

Result<NodeDeployModel> parseNodeDeployModel(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeDeployModel m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.jobId = r.name(u"jobId");
    m.deploymentId = readSafeId(r, u"deploymentId", Presence::Required);
    m.modelId = readModelId(r);
    m.framework = r.name(u"framework");
    checkEnum(r, u"framework", m.framework, { u"triton"_s, u"vllm"_s, u"custom"_s });
    if (auto config = r.objectReader(u"containerConfig", Presence::Required))
        m.containerConfig = readContainerConfig(*config);
    m.modelPath = r.string(u"modelPath", Presence::Optional, limits.maxUrlLength);
    m.modelVersion = r.string(u"modelVersion", Presence::Optional, limits.maxStringLength);
    m.files = readCacheFiles(r, Presence::Optional);
    // The cache keys a model by id and version.
    if (!ctx.failed() && !m.files.isEmpty() && m.modelVersion.isEmpty())
        ctx.fail(ErrorCode::MissingField, u"modelVersion"_s, u"required when files are given"_s);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeStopContainer> parseNodeStopContainer(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeStopContainer m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.containerId = r.string(u"containerId", Presence::Optional, limits.maxStringLength);
    m.deploymentId = readSafeId(r, u"deploymentId", Presence::Optional);
    if (!ctx.failed() && m.containerId.isEmpty() && m.deploymentId.isEmpty())
        ctx.fail(ErrorCode::MissingField, u"containerId"_s, u"containerId or deploymentId is required"_s);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeGetLogs> parseNodeGetLogs(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeGetLogs m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.containerId = r.name(u"containerId");
    m.lines = int(r.integer(u"lines", Presence::Optional, 1, 10000).value_or(m.lines));
    m.since = r.integer(u"since", Presence::Optional, 0, kMaxInt64).value_or(0);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeDeploymentProgress> parseNodeDeploymentProgress(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeDeploymentProgress m;
    m.requestId = r.name(u"requestId");
    m.jobId = r.string(u"jobId", Presence::Optional, limits.maxStringLength);
    m.deploymentId = readSafeId(r, u"deploymentId", Presence::Optional);
    m.nodeId = r.nodeId(u"nodeId");
    m.status = r.name(u"status");
    checkEnum(r, u"status", m.status, deploymentStatuses());
    m.progress = int(r.integer(u"progress", Presence::Optional, 0, 100).value_or(0));
    m.containerId = r.string(u"containerId", Presence::Optional, limits.maxStringLength);
    m.hostPort = int(r.integer(u"hostPort", Presence::Optional, 0, 65535).value_or(0));
    m.error = r.text(u"error", Presence::Optional);
    m.errorCode = r.string(u"errorCode", Presence::Optional, limits.maxStringLength);
    m.logTail = readLog(r, u"logTail", Presence::Optional);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeLogsResponse> parseNodeLogsResponse(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeLogsResponse m;
    m.requestId = r.name(u"requestId");
    m.nodeId = r.nodeId(u"nodeId");
    m.containerId = r.name(u"containerId");
    m.logs = readLog(r, u"logs", Presence::Required);
    m.error = r.text(u"error", Presence::Optional);
    m.errorCode = r.string(u"errorCode", Presence::Optional, limits.maxStringLength);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<NodeContainerEvent> parseNodeContainerEvent(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeContainerEvent m;
    m.nodeId = r.nodeId(u"nodeId");
    m.containerId = r.name(u"containerId");
    m.deploymentId = readSafeId(r, u"deploymentId", Presence::Optional);
    m.event = r.name(u"event");
    checkEnum(r, u"event", m.event, { u"started"_s, u"stopped"_s, u"died"_s, u"oom"_s });
    if (const auto exitCode = r.integer(u"exitCode", Presence::Optional, std::numeric_limits<int>::min(), kMaxInt))
        m.exitCode = int(*exitCode);
    m.error = r.text(u"error", Presence::Optional);
    m.logTail = readLog(r, u"logTail", Presence::Optional);
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<ManagedContainer> parseManagedContainer(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    ManagedContainer m = readManagedContainer(r);
    return finish(ctx, std::move(m));
}

Result<NodeContainers> parseNodeContainers(const QJsonObject& o, const Limits& limits)
{
    Context ctx(limits);
    Reader r(ctx, o);
    NodeContainers m;
    m.nodeId = r.nodeId(u"nodeId");
    if (const auto array = r.array(u"containers", Presence::Required, limits.maxContainers)) {
        for (qsizetype i = 0; i < array->size(); ++i) {
            auto container = r.elementReader(*array, u"containers", i);
            if (!container)
                break;
            m.containers.append(readManagedContainer(*container));
        }
    }
    m.timestamp = r.timestamp();
    return finish(ctx, std::move(m));
}

Result<Envelope> decodeEnvelope(QByteArrayView frame, const Limits& limits)
{
    const auto object = parseFrame(frame, limits);
    if (!object)
        return std::unexpected(object.error());
    const auto typeName = readType(*object);
    if (!typeName)
        return std::unexpected(typeName.error());
    if (const auto body = parseAny(*typeName, *object, limits); !body)
        return std::unexpected(body.error());
    Context ctx(limits);
    Reader reader(ctx, *object);
    Envelope envelope = readEnvelope(reader, *typeName);
    return finish(ctx, std::move(envelope));
}

Result<NodeInbound> decodeNodeMessage(QByteArrayView frame, const Limits& limits)
{
    return decodeWith<NodeInbound>(frame, limits, u"a node may send"_s, &parseInbound);
}

Result<NodeOutbound> decodeControllerMessage(QByteArrayView frame, const Limits& limits)
{
    return decodeWith<NodeOutbound>(frame, limits, u"the controller sends"_s, &parseOutbound);
}

QJsonObject toJson(const NodeRegister& m)
{
    QJsonArray devices;
    for (const GpuInventory& g : m.gpuDevices) {
        QJsonObject d { { u"deviceId"_s, g.deviceId }, { u"model"_s, g.model }, { u"memoryTotal"_s, g.memoryTotal } };
        insertIfSet(d, u"uuid"_s, g.uuid);
        insertIfSet(d, u"vendor"_s, g.vendor);
        devices.append(d);
    }
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeRegister) },
                    { u"nodeId"_s, m.nodeId },
                    { u"name"_s, m.name },
                    { u"isLocal"_s, m.isLocal },
                    { u"gpuDevices"_s, devices },
                    { u"config"_s, m.config },
                    { u"timestamp"_s, m.timestamp } };
    if (!m.role.isEmpty())
        o.insert(u"role"_s, toJsonArray(m.role));
    insertIfPositive(o, u"cpuCores"_s, m.cpuCores);
    insertIfPositive(o, u"ramTotal"_s, m.ramTotal);
    insertIfPositive(o, u"diskTotal"_s, m.diskTotal);
    insertIfSet(o, u"hostname"_s, m.hostname);
    insertIfSet(o, u"version"_s, m.version);
    return o;
}

QJsonObject toJson(const NodeHeartbeat& m)
{
    QJsonArray devices;
    for (const GpuSample& s : m.metrics.gpuDevices) {
        QJsonObject d { { u"deviceId"_s, s.deviceId },
                        { u"memoryFree"_s, s.memoryFree },
                        { u"utilization"_s, s.utilization },
                        { u"temperature"_s, s.temperature } };
        insertIfSet(d, u"powerUsage"_s, s.powerUsage);
        devices.append(d);
    }
    QJsonObject metrics { { u"gpuDevices"_s, devices },
                          { u"ramFree"_s, m.metrics.ramFree },
                          { u"diskFree"_s, m.metrics.diskFree } };
    insertIfSet(metrics, u"cpuUtilization"_s, m.metrics.cpuUtilization);
    insertIfSet(metrics, u"loadAverage"_s, m.metrics.loadAverage);
    return QJsonObject { { u"type"_s, QLatin1String(type::NodeHeartbeat) },
                         { u"nodeId"_s, m.nodeId },
                         { u"timestamp"_s, m.timestamp },
                         { u"metrics"_s, metrics } };
}

QJsonObject toJson(const NodeDisconnect& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeDisconnect) },
                    { u"nodeId"_s, m.nodeId },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"reason"_s, m.reason);
    return o;
}

QJsonObject toJson(const NodeOnline& m)
{
    return QJsonObject { { u"type"_s, QLatin1String(type::NodeOnline) },
                         { u"nodeId"_s, m.nodeId },
                         { u"nodeName"_s, m.nodeName },
                         { u"gpuCount"_s, m.gpuCount },
                         { u"timestamp"_s, m.timestamp } };
}

QJsonObject toJson(const NodeOffline& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeOffline) },
                    { u"nodeId"_s, m.nodeId },
                    { u"lastSeen"_s, m.lastSeen },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"reason"_s, m.reason);
    return o;
}

QJsonObject toJson(const NodeRegistered& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeRegistered) },
                    { u"nodeId"_s, m.nodeId },
                    { u"heartbeatIntervalMs"_s, m.heartbeatIntervalMs },
                    { u"timestamp"_s, m.timestamp } };
    if (!m.nodeCredential.isEmpty())
        o.insert(u"nodeCredential"_s, m.nodeCredential);
    return o;
}

QJsonObject toJson(const Notification& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::Notification) },
                    { u"level"_s, m.level },
                    { u"title"_s, m.title },
                    { u"message"_s, m.message },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"action"_s, m.action);
    insertIfSet(o, u"metadata"_s, m.metadata);
    return o;
}

QJsonObject toJson(const SystemError& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::SystemError) },
                    { u"errorCode"_s, m.errorCode },
                    { u"message"_s, m.message },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"context"_s, m.context);
    if (m.retryAfter)
        o.insert(u"retryAfter"_s, *m.retryAfter);
    insertIfSet(o, u"requestId"_s, m.requestId);
    return o;
}

QJsonObject toJson(const NodeCacheModel& m)
{
    QJsonArray files;
    for (const CacheFileRef& f : m.files)
        files.append(QJsonObject {
            { u"path"_s, f.path }, { u"size"_s, f.size }, { u"sha256"_s, f.sha256 }, { u"url"_s, f.url } });
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeCacheModel) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"modelId"_s, m.modelId },
                    { u"version"_s, m.version },
                    { u"files"_s, files },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"commitSha"_s, m.commitSha);
    return o;
}

QJsonObject toJson(const NodeEvictModel& m)
{
    return QJsonObject { { u"type"_s, QLatin1String(type::NodeEvictModel) },
                         { u"requestId"_s, m.requestId },
                         { u"nodeId"_s, m.nodeId },
                         { u"modelId"_s, m.modelId },
                         { u"timestamp"_s, m.timestamp } };
}

QJsonObject toJson(const NodeCommandAck& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeCommandAck) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"status"_s, m.status },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"reason"_s, m.reason);
    insertIfSet(o, u"errorCode"_s, m.errorCode);
    return o;
}

QJsonObject toJson(const NodeModelCacheProgress& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeModelCacheProgress) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"modelId"_s, m.modelId },
                    { u"status"_s, m.status },
                    { u"bytesDone"_s, m.bytesDone },
                    { u"bytesTotal"_s, m.bytesTotal },
                    { u"progress"_s, m.progress },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"error"_s, m.error);
    insertIfSet(o, u"errorCode"_s, m.errorCode);
    return o;
}

QJsonObject toJson(const NodeModelCache& m)
{
    QJsonArray models;
    for (const CachedModelInfo& info : m.models)
        models.append(QJsonObject { { u"modelId"_s, info.modelId },
                                    { u"version"_s, info.version },
                                    { u"sizeMb"_s, info.sizeMb },
                                    { u"lastUsedAt"_s, info.lastUsedAt },
                                    { u"pinned"_s, info.pinned } });
    return QJsonObject { { u"type"_s, QLatin1String(type::NodeModelCache) },
                         { u"nodeId"_s, m.nodeId },
                         { u"capacityMb"_s, m.capacityMb },
                         { u"usedMb"_s, m.usedMb },
                         { u"models"_s, models },
                         { u"timestamp"_s, m.timestamp } };
}

QJsonObject toJson(const DeployContainerConfig& m)
{
    QJsonObject o { { u"image"_s, m.image },
                    { u"ports"_s, m.ports },
                    { u"healthPath"_s, m.healthPath },
                    { u"healthTimeoutSeconds"_s, m.healthTimeoutSeconds } };
    insertIfSet(o, u"gpuDevice"_s, m.gpuDevice);
    insertIfSet(o, u"gpuVendor"_s, m.gpuVendor);
    insertIfSet(o, u"memoryLimit"_s, m.memoryLimit);
    if (!m.environment.isEmpty()) {
        QJsonObject environment;
        for (auto it = m.environment.begin(); it != m.environment.end(); ++it)
            environment.insert(it.key(), it.value());
        o.insert(u"environment"_s, environment);
    }
    if (!m.entrypoint.isEmpty())
        o.insert(u"entrypoint"_s, toJsonArray(m.entrypoint));
    if (!m.command.isEmpty())
        o.insert(u"command"_s, toJsonArray(m.command));
    if (m.ipcHost)
        o.insert(u"ipcHost"_s, true);
    insertIfPositive(o, u"shmSizeMb"_s, m.shmSizeMb);
    insertIfSet(o, u"modelMount"_s, m.modelMount);
    return o;
}

QJsonObject toJson(const NodeDeployModel& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeDeployModel) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"jobId"_s, m.jobId },
                    { u"deploymentId"_s, m.deploymentId },
                    { u"modelId"_s, m.modelId },
                    { u"framework"_s, m.framework },
                    { u"containerConfig"_s, toJson(m.containerConfig) },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"modelPath"_s, m.modelPath);
    insertIfSet(o, u"modelVersion"_s, m.modelVersion);
    if (!m.files.isEmpty()) {
        QJsonArray files;
        for (const CacheFileRef& f : m.files)
            files.append(QJsonObject {
                { u"path"_s, f.path }, { u"size"_s, f.size }, { u"sha256"_s, f.sha256 }, { u"url"_s, f.url } });
        o.insert(u"files"_s, files);
    }
    return o;
}

QJsonObject toJson(const NodeStopContainer& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeStopContainer) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"containerId"_s, m.containerId);
    insertIfSet(o, u"deploymentId"_s, m.deploymentId);
    return o;
}

QJsonObject toJson(const NodeGetLogs& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeGetLogs) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"containerId"_s, m.containerId },
                    { u"lines"_s, m.lines },
                    { u"timestamp"_s, m.timestamp } };
    insertIfPositive(o, u"since"_s, m.since);
    return o;
}

QJsonObject toJson(const NodeDeploymentProgress& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeDeploymentProgress) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"status"_s, m.status },
                    { u"progress"_s, m.progress },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"jobId"_s, m.jobId);
    insertIfSet(o, u"deploymentId"_s, m.deploymentId);
    insertIfSet(o, u"containerId"_s, m.containerId);
    insertIfPositive(o, u"hostPort"_s, m.hostPort);
    insertIfSet(o, u"error"_s, m.error);
    insertIfSet(o, u"errorCode"_s, m.errorCode);
    insertIfSet(o, u"logTail"_s, m.logTail);
    return o;
}

QJsonObject toJson(const NodeLogsResponse& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeLogsResponse) },
                    { u"requestId"_s, m.requestId },
                    { u"nodeId"_s, m.nodeId },
                    { u"containerId"_s, m.containerId },
                    { u"logs"_s, m.logs },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"error"_s, m.error);
    insertIfSet(o, u"errorCode"_s, m.errorCode);
    return o;
}

QJsonObject toJson(const NodeContainerEvent& m)
{
    QJsonObject o { { u"type"_s, QLatin1String(type::NodeContainerEvent) },
                    { u"nodeId"_s, m.nodeId },
                    { u"containerId"_s, m.containerId },
                    { u"event"_s, m.event },
                    { u"timestamp"_s, m.timestamp } };
    insertIfSet(o, u"deploymentId"_s, m.deploymentId);
    if (m.exitCode)
        o.insert(u"exitCode"_s, *m.exitCode);
    insertIfSet(o, u"error"_s, m.error);
    insertIfSet(o, u"logTail"_s, m.logTail);
    return o;
}

QJsonObject toJson(const ManagedContainer& m)
{
    QJsonObject o { { u"containerId"_s, m.containerId }, { u"image"_s, m.image } };
    insertIfSet(o, u"deploymentId"_s, m.deploymentId);
    insertIfSet(o, u"requestId"_s, m.requestId);
    insertIfSet(o, u"state"_s, m.state);
    insertIfPositive(o, u"hostPort"_s, m.hostPort);
    return o;
}

QJsonObject toJson(const NodeContainers& m)
{
    QJsonArray containers;
    for (const ManagedContainer& c : m.containers)
        containers.append(toJson(c));
    return QJsonObject { { u"type"_s, QLatin1String(type::NodeContainers) },
                         { u"nodeId"_s, m.nodeId },
                         { u"containers"_s, containers },
                         { u"timestamp"_s, m.timestamp } };
}

template<typename T> QByteArray encode(const T& message)
{
    return QJsonDocument(toJson(message)).toJson(QJsonDocument::Compact);
}

template QByteArray encode<NodeRegister>(const NodeRegister&);
template QByteArray encode<NodeHeartbeat>(const NodeHeartbeat&);
template QByteArray encode<NodeDisconnect>(const NodeDisconnect&);
template QByteArray encode<NodeOnline>(const NodeOnline&);
template QByteArray encode<NodeOffline>(const NodeOffline&);
template QByteArray encode<NodeRegistered>(const NodeRegistered&);
template QByteArray encode<Notification>(const Notification&);
template QByteArray encode<SystemError>(const SystemError&);
template QByteArray encode<NodeCacheModel>(const NodeCacheModel&);
template QByteArray encode<NodeEvictModel>(const NodeEvictModel&);
template QByteArray encode<NodeCommandAck>(const NodeCommandAck&);
template QByteArray encode<NodeModelCacheProgress>(const NodeModelCacheProgress&);
template QByteArray encode<NodeModelCache>(const NodeModelCache&);
template QByteArray encode<NodeDeployModel>(const NodeDeployModel&);
template QByteArray encode<NodeStopContainer>(const NodeStopContainer&);
template QByteArray encode<NodeGetLogs>(const NodeGetLogs&);
template QByteArray encode<NodeDeploymentProgress>(const NodeDeploymentProgress&);
template QByteArray encode<NodeLogsResponse>(const NodeLogsResponse&);
template QByteArray encode<NodeContainerEvent>(const NodeContainerEvent&);
template QByteArray encode<NodeContainers>(const NodeContainers&);

SystemError errorReply(const Error& error, const QString& requestId)
{
    SystemError reply;
    reply.errorCode = error.codeName();
    reply.message = error.message;
    if (!error.field.isEmpty())
        reply.context.insert(u"field"_s, error.field);
    reply.requestId = requestId;
    reply.timestamp = nowMs();
    return reply;
}

QString correlationId(QByteArrayView frame, const Limits& limits)
{
    const auto object = parseFrame(frame, limits);
    if (!object)
        return {};
    for (const QString& key : { u"requestId"_s, u"messageId"_s }) {
        const QJsonValue v = object->value(key);
        if (v.isString() && !v.toString().isEmpty() && v.toString().size() <= limits.maxStringLength)
            return v.toString();
    }
    return {};
}

} // namespace aiops::protocol
