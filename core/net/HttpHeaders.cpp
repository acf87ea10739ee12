#include "core/net/HttpHeaders.h"

namespace aiops::net {

namespace {

bool sameName(const QByteArray& a, const QByteArray& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

void HttpHeaders::add(const QByteArray& name, const QByteArray& value)
{
    m_fields.append({ name, value });
}

void HttpHeaders::set(const QByteArray& name, const QByteArray& value)
{
    remove(name);
    add(name, value);
}

void HttpHeaders::remove(const QByteArray& name)
{
    m_fields.removeIf([&](const Field& f) { return sameName(f.first, name); });
}

bool HttpHeaders::contains(const QByteArray& name) const
{
    for (const auto& f : m_fields) {
        if (sameName(f.first, name)) {
            return true;
        }
    }
    return false;
}

QByteArray HttpHeaders::value(const QByteArray& name, const QByteArray& defaultValue) const
{
    for (const auto& f : m_fields) {
        if (sameName(f.first, name)) {
            return f.second;
        }
    }
    return defaultValue;
}

QList<QByteArray> HttpHeaders::values(const QByteArray& name) const
{
    QList<QByteArray> out;
    for (const auto& f : m_fields) {
        if (sameName(f.first, name)) {
            out.append(f.second);
        }
    }
    return out;
}

bool HttpHeaders::addRawLine(QByteArrayView line)
{
    const auto colon = line.indexOf(':');
    if (colon <= 0) {
        return false;
    }
    const QByteArray name = line.first(colon).trimmed().toByteArray();
    const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
    if (name.isEmpty() || name.contains(' ')) {
        return false;
    }
    add(name, value);
    return true;
}

} // namespace aiops::net
