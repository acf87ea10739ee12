#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace aiops::agents {

// Incremental text/event-stream parser (WHATWG "server-sent events"): feed it chunks split anywhere, get the
// complete events back. Lines end in LF, CRLF or CR; a CRLF split across two chunks counts once.
class SseParser
{
public:
    struct Event
    {
        QByteArray event = QByteArrayLiteral("message"); // the "event:" field, "message" when absent
        QByteArray data; // "data:" lines joined with '\n'
        QByteArray id; // the last "id:" seen on the stream (it carries over to later events)
    };

    QList<Event> feed(QByteArrayView chunk);
    // Drops any half-received line or event, as when the stream ends.
    void reset();

private:
    void processLine(QByteArrayView line, QList<Event>& out);

    QByteArray m_line;
    bool m_skipLf = false; // the previous chunk ended in CR: a leading LF belongs to it
    QByteArray m_event;
    QByteArray m_data;
    bool m_hasData = false;
    QByteArray m_lastId;
};

} // namespace aiops::agents
