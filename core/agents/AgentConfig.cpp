#include "core/agents/AgentConfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace aiops::agents {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("aiops::agents::AgentConfig", text);
}

QString join(const QString& prefix, const QString& key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

// Reads the fields of one JSON object, recording the first error with its path.
class Reader
{
public:
    Reader(const QJsonObject& object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    {
    }

    Result<QString> string(const QString& key, bool required, bool allowEmpty = false) const
    {
        const QString field = join(m_path, key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                return makeError(ErrorCode::MissingField, tr("%1 is missing").arg(field), field);
            }
            return QString();
        }
        if (!value.isString()) {
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be a string").arg(field), field);
        }
        if (!allowEmpty && required && value.toString().trimmed().isEmpty()) {
            return makeError(ErrorCode::InvalidValue, tr("%1 must not be empty").arg(field), field);
        }
        return value.toString();
    }

    Result<QString> oneOf(const QString& key, const QStringList& allowed, const QString& fallback = {}) const
    {
        auto value = string(key, fallback.isEmpty());
        if (!value) {
            return value;
        }
        if (value->isEmpty() && !fallback.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(*value)) {
            const QString field = join(m_path, key);
            return makeError(
                ErrorCode::InvalidValue,
                tr("%1 must be one of %2, not \"%3\"").arg(field, allowed.join(QStringLiteral(", ")), *value),
                field);
        }
        return value;
    }

    Result<QUrl> url(const QString& key, const QStringList& schemes) const
    {
        auto text = string(key, true);
        if (!text) {
            return std::unexpected(text.error());
        }
        const QUrl url(*text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !schemes.contains(url.scheme())) {
            const QString field = join(m_path, key);
            return makeError(ErrorCode::InvalidValue,
                             tr("%1 must be a %2 URL, not \"%3\"").arg(field, schemes.join(QStringLiteral("/")), *text),
                             field);
        }
        return url;
    }

    Result<int> integer(const QString& key, int fallback, int min, int max) const
    {
        const QString field = join(m_path, key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return fallback;
        }
        const double number = value.toDouble();
        if (!value.isDouble() || number != double(qint64(number))) {
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an integer").arg(field), field);
        }
        if (number < min || number > max) {
            return makeError(
                ErrorCode::OutOfRange, tr("%1 must be between %2 and %3").arg(field).arg(min).arg(max), field);
        }
        return int(number);
    }

    Result<bool> boolean(const QString& key, bool fallback) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return fallback;
        }
        if (!value.isBool()) {
            const QString field = join(m_path, key);
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be true or false").arg(field), field);
        }
        return value.toBool();
    }

    Result<QJsonObject> object(const QString& key, bool required) const
    {
        const QString field = join(m_path, key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                return makeError(ErrorCode::MissingField, tr("%1 is missing").arg(field), field);
            }
            return QJsonObject();
        }
        if (!value.isObject()) {
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an object").arg(field), field);
        }
        return value.toObject();
    }

    Result<QJsonArray> array(const QString& key, bool required) const
    {
        const QString field = join(m_path, key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required) {
                return makeError(ErrorCode::MissingField, tr("%1 is missing").arg(field), field);
            }
            return QJsonArray();
        }
        if (!value.isArray()) {
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an array").arg(field), field);
        }
        return value.toArray();
    }

    QString path(const QString& key) const { return join(m_path, key); }

private:
    QJsonObject m_object;
    QString m_path;
};

#define AIOPS_TRY(target, expression)                                                                                  \
    do {                                                                                                               \
        auto _value = (expression);                                                                                    \
        if (!_value) {                                                                                                 \
            return std::unexpected(_value.error());                                                                    \
        }                                                                                                              \
        target = std::move(*_value);                                                                                   \
    } while (false)

Result<AgentConfig::Provider> parseProvider(const QJsonValue& value, const QString& path)
{
    if (!value.isObject()) {
        return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an object").arg(path), path);
    }
    const Reader reader(value.toObject(), path);
    AgentConfig::Provider provider;
    AIOPS_TRY(provider.name, reader.string(QStringLiteral("name"), true));
    QString kind;
    AIOPS_TRY(kind, reader.oneOf(QStringLiteral("kind"), { QStringLiteral("local"), QStringLiteral("cloud") }));
    provider.kind = kind == QLatin1String("cloud") ? LlmProvider::Kind::Cloud : LlmProvider::Kind::Local;
    AIOPS_TRY(provider.api,
              reader.oneOf(QStringLiteral("api"),
                           { QStringLiteral("openai"), QStringLiteral("anthropic") },
                           QStringLiteral("openai")));
    AIOPS_TRY(provider.baseUrl,
              reader.url(QStringLiteral("baseUrl"), { QStringLiteral("http"), QStringLiteral("https") }));
    QString apiKey;
    AIOPS_TRY(apiKey, reader.string(QStringLiteral("apiKey"), false));
    provider.apiKey = apiKey.toUtf8();
    AIOPS_TRY(provider.model, reader.string(QStringLiteral("model"), true));
    return provider;
}

Result<AgentConfig::Tool> parseTool(const QJsonValue& value, const QString& path)
{
    if (!value.isObject()) {
        return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an object").arg(path), path);
    }
    const Reader reader(value.toObject(), path);
    AgentConfig::Tool tool;
    AIOPS_TRY(tool.toolId, reader.string(QStringLiteral("toolId"), true));
    AIOPS_TRY(tool.name, reader.string(QStringLiteral("name"), true));
    AIOPS_TRY(tool.transport,
              reader.oneOf(QStringLiteral("transport"),
                           { QStringLiteral("http"), QStringLiteral("sse") },
                           QStringLiteral("http")));
    AIOPS_TRY(tool.endpoint,
              reader.url(QStringLiteral("endpoint"), { QStringLiteral("http"), QStringLiteral("https") }));
    QJsonObject headers;
    AIOPS_TRY(headers, reader.object(QStringLiteral("headers"), false));
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!it.value().isString()) {
            const QString field = reader.path(QStringLiteral("headers.") + it.key());
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be a string").arg(field), field);
        }
        tool.headers.insert(it.key(), it.value().toString());
    }
    const QJsonValue allow = value.toObject().value(QStringLiteral("allow"));
    if (!allow.isUndefined()) {
        const QString field = reader.path(QStringLiteral("allow"));
        if (!allow.isArray())
            return makeError(ErrorCode::InvalidFieldType, tr("%1 must be an array of tool names").arg(field), field);
        for (const QJsonValue& name : allow.toArray()) {
            if (!name.isString())
                return makeError(
                    ErrorCode::InvalidFieldType, tr("%1 must be an array of tool names").arg(field), field);
            tool.allow.append(name.toString());
        }
    }
    return tool;
}

} // namespace

QByteArray AgentConfig::Tool::bearerToken() const
{
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(QLatin1String("authorization"), Qt::CaseInsensitive) == 0) {
            const QString value = it.value().trimmed();
            if (value.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)) {
                return value.mid(7).trimmed().toUtf8();
            }
        }
    }
    return {};
}

Result<AgentConfig> AgentConfig::fromJson(const QJsonObject& json)
{
    const Reader root(json, {});
    AgentConfig config;
    AIOPS_TRY(config.agentId, root.string(QStringLiteral("agentId"), true));
    AIOPS_TRY(config.name, root.string(QStringLiteral("name"), false));
    AIOPS_TRY(config.gatewayUrl,
              root.url(QStringLiteral("gatewayUrl"), { QStringLiteral("ws"), QStringLiteral("wss") }));
    QString token;
    AIOPS_TRY(token, root.string(QStringLiteral("token"), true));
    config.token = token.toUtf8();
    AIOPS_TRY(config.systemPrompt, root.string(QStringLiteral("systemPrompt"), false));

    QJsonObject llm;
    AIOPS_TRY(llm, root.object(QStringLiteral("llm"), true));
    const Reader llmReader(llm, QStringLiteral("llm"));
    QJsonObject policy;
    AIOPS_TRY(policy, llmReader.object(QStringLiteral("policy"), false));
    const Reader policyReader(policy, QStringLiteral("llm.policy"));
    QString mode;
    AIOPS_TRY(
        mode,
        policyReader.oneOf(QStringLiteral("mode"),
                           { QStringLiteral("local-only"), QStringLiteral("allow-api"), QStringLiteral("hybrid") },
                           QStringLiteral("hybrid")));
    config.policy.mode = mode == QLatin1String("local-only") ? ProviderRouter::PrivacyMode::LocalOnly
        : mode == QLatin1String("allow-api")                 ? ProviderRouter::PrivacyMode::AllowApi
                                                             : ProviderRouter::PrivacyMode::Hybrid;
    AIOPS_TRY(config.policy.preferLocal, policyReader.boolean(QStringLiteral("preferLocal"), true));
    AIOPS_TRY(config.localOnly, llmReader.boolean(QStringLiteral("localOnly"), false));
    QJsonArray providers;
    AIOPS_TRY(providers, llmReader.array(QStringLiteral("providers"), true));
    if (providers.isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         tr("llm.providers must name at least one provider"),
                         QStringLiteral("llm.providers"));
    }
    QSet<QString> providerNames;
    for (qsizetype i = 0; i < providers.size(); ++i) {
        const QString path = QStringLiteral("llm.providers[%1]").arg(i);
        Provider provider;
        AIOPS_TRY(provider, parseProvider(providers.at(i), path));
        if (providerNames.contains(provider.name)) {
            return makeError(ErrorCode::InvalidValue,
                             tr("%1.name \"%2\" is used twice").arg(path, provider.name),
                             path + QStringLiteral(".name"));
        }
        providerNames.insert(provider.name);
        config.providers.append(std::move(provider));
    }

    QJsonArray tools;
    AIOPS_TRY(tools, root.array(QStringLiteral("tools"), false));
    for (qsizetype i = 0; i < tools.size(); ++i) {
        Tool tool;
        AIOPS_TRY(tool, parseTool(tools.at(i), QStringLiteral("tools[%1]").arg(i)));
        config.tools.append(std::move(tool));
    }

    AIOPS_TRY(config.heartbeatIntervalMs, root.integer(QStringLiteral("heartbeatIntervalMs"), 10'000, 50, 3'600'000));
    AIOPS_TRY(config.maxToolRounds, root.integer(QStringLiteral("maxToolRounds"), 8, 1, 100));
    AIOPS_TRY(config.requestTimeoutMs, root.integer(QStringLiteral("requestTimeoutMs"), 120'000, 100, 3'600'000));
    return config;
}

Result<AgentConfig> AgentConfig::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, tr("cannot read %1: %2").arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(
            ErrorCode::InvalidJson,
            tr("%1 is not valid JSON: %2 at offset %3").arg(path, parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isObject()) {
        return makeError(ErrorCode::InvalidJson, tr("%1 must hold a JSON object").arg(path));
    }
    return fromJson(document.object());
}

#undef AIOPS_TRY

} // namespace aiops::agents
