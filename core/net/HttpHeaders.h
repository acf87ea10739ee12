#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace aiops::net {

// HTTP header fields in arrival order. Names compare case-insensitively; a name may repeat
// (Set-Cookie, Link), so this is a multi-map.
class HttpHeaders
{
public:
    using Field = std::pair<QByteArray, QByteArray>;

    void add(const QByteArray& name, const QByteArray& value);
    // Replaces every field of that name with one field.
    void set(const QByteArray& name, const QByteArray& value);
    void remove(const QByteArray& name);
    void clear() { m_fields.clear(); }

    bool contains(const QByteArray& name) const;
    // The first value of that name, or defaultValue.
    QByteArray value(const QByteArray& name, const QByteArray& defaultValue = {}) const;
    QList<QByteArray> values(const QByteArray& name) const;

    const QList<Field>& fields() const { return m_fields; }
    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }

    // Parses one raw header line ("Name: value\r\n"); returns false for lines that are not a field.
    bool addRawLine(QByteArrayView line);

private:
    QList<Field> m_fields;
};

} // namespace aiops::net
