#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::controller {

enum class Need { Optional, Required };

// Reads a JSON object strictly. The first problem is kept and every later read returns nothing, so
// a handler reads all its fields and checks error() once.
class BodyReader
{
public:
    explicit BodyReader(const QJsonObject& object, QString prefix = {})
        : m_object(object)
        , m_prefix(std::move(prefix))
    {
    }

    void allowOnly(const QStringList& keys)
    {
        for (auto it = m_object.begin(); it != m_object.end() && !m_error; ++it) {
            if (!keys.contains(it.key()))
                fail(ErrorCode::InvalidValue,
                     QStringLiteral("Unknown or read-only field %1 (allowed: %2)")
                         .arg(path(it.key()), keys.join(QStringLiteral(", "))),
                     it.key());
        }
    }

    std::optional<QString> string(const QString& key, Need need, qsizetype maxLength, bool nonEmpty = false)
    {
        const auto value = present(key, need);
        if (!value)
            return std::nullopt;
        if (!value->isString())
            return typeError(key, QStringLiteral("a string"));
        QString text = value->toString();
        if (maxLength >= 0 && text.size() > maxLength)
            return fail(ErrorCode::OutOfRange,
                        QStringLiteral("%1 is longer than %2 characters").arg(path(key)).arg(maxLength),
                        key);
        if (nonEmpty && text.trimmed().isEmpty())
            return fail(ErrorCode::InvalidValue, QStringLiteral("%1 must not be empty").arg(path(key)), key);
        return text;
    }

    std::optional<QString> oneOf(const QString& key, const QStringList& allowed, Need need)
    {
        auto text = string(key, need, -1);
        if (text && !allowed.contains(*text))
            return fail(ErrorCode::InvalidValue,
                        QStringLiteral("%1 must be one of %2").arg(path(key), allowed.join(QStringLiteral(", "))),
                        key);
        return text;
    }

    std::optional<bool> boolean(const QString& key)
    {
        const auto value = present(key, Need::Optional);
        if (!value)
            return std::nullopt;
        if (!value->isBool())
            return typeError(key, QStringLiteral("a boolean"));
        return value->toBool();
    }

    // An array of strings; each must be one of `allowed` when that is not empty.
    std::optional<QStringList>
    strings(const QString& key, Need need, const QStringList& allowed = {}, qsizetype maxItemLength = 1000)
    {
        const auto value = present(key, need);
        if (!value)
            return std::nullopt;
        if (!value->isArray())
            return typeError(key, QStringLiteral("an array of strings"));
        QStringList list;
        const QJsonArray array = value->toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString item = QStringLiteral("%1[%2]").arg(key).arg(i);
            if (!array[i].isString())
                return fail(ErrorCode::InvalidFieldType, QStringLiteral("%1 must be a string").arg(path(item)), item);
            const QString text = array[i].toString();
            if (!allowed.isEmpty() && !allowed.contains(text))
                return fail(ErrorCode::InvalidValue,
                            QStringLiteral("%1 must be one of %2").arg(path(item), allowed.join(QStringLiteral(", "))),
                            item);
            if (text.size() > maxItemLength)
                return fail(ErrorCode::OutOfRange,
                            QStringLiteral("%1 is longer than %2 characters").arg(path(item)).arg(maxItemLength),
                            item);
            list.append(text);
        }
        return list;
    }

    // A JSON number that is a whole number within [min, max].
    std::optional<qint64> integer(const QString& key, Need need, qint64 min, qint64 max)
    {
        const auto value = present(key, need);
        if (!value)
            return std::nullopt;
        if (!value->isDouble())
            return typeError(key, QStringLiteral("a number"));
        const double number = value->toDouble();
        if (number != static_cast<double>(static_cast<qint64>(number)))
            return fail(ErrorCode::InvalidFieldType, QStringLiteral("%1 must be a whole number").arg(path(key)), key);
        if (number < static_cast<double>(min) || number > static_cast<double>(max))
            return fail(ErrorCode::OutOfRange,
                        QStringLiteral("%1 must be between %2 and %3").arg(path(key)).arg(min).arg(max),
                        key);
        return static_cast<qint64>(number);
    }

    std::optional<double> number(const QString& key, Need need, double min, double max)
    {
        const auto value = present(key, need);
        if (!value)
            return std::nullopt;
        if (!value->isDouble())
            return typeError(key, QStringLiteral("a number"));
        const double number = value->toDouble();
        if (!(number >= min && number <= max))
            return fail(ErrorCode::OutOfRange,
                        QStringLiteral("%1 must be between %2 and %3").arg(path(key)).arg(min).arg(max),
                        key);
        return number;
    }

    std::optional<QJsonObject> object(const QString& key, Need need)
    {
        const auto value = present(key, need);
        if (!value)
            return std::nullopt;
        if (!value->isObject())
            return typeError(key, QStringLiteral("an object"));
        return value->toObject();
    }

    bool isNull(const QString& key) const { return m_object.contains(key) && m_object.value(key).isNull(); }

    std::nullopt_t fail(ErrorCode code, QString message, const QString& key)
    {
        if (!m_error)
            m_error = Error { code, std::move(message), path(key) };
        return std::nullopt;
    }
    void fail(const Error& error)
    {
        if (!m_error)
            m_error = error;
    }
    const std::optional<Error>& error() const { return m_error; }

private:
    QString path(const QString& key) const { return m_prefix + key; }

    std::optional<QJsonValue> present(const QString& key, Need need)
    {
        if (m_error)
            return std::nullopt;
        if (!m_object.contains(key)) {
            if (need == Need::Required)
                fail(ErrorCode::MissingField, QStringLiteral("%1 is required").arg(path(key)), key);
            return std::nullopt;
        }
        return m_object.value(key);
    }

    std::nullopt_t typeError(const QString& key, const QString& what)
    {
        return fail(ErrorCode::InvalidFieldType, QStringLiteral("%1 must be %2").arg(path(key), what), key);
    }

    const QJsonObject& m_object;
    QString m_prefix;
    std::optional<Error> m_error;
};

// Parses a request body that must be one JSON object (size limits are the router's job).
Result<QJsonObject> parseJsonObject(const QByteArray& body);

} // namespace aiops::controller
