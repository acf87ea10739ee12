#include "core/agents/SseParser.h"

namespace aiops::agents {

QList<SseParser::Event> SseParser::feed(QByteArrayView chunk)
{
    QList<Event> out;
    qsizetype start = 0;
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        const char c = chunk.at(i);
        if (m_skipLf) {
            m_skipLf = false;
            if (c == '\n') {
                start = i + 1;
                continue;
            }
        }
        if (c != '\n' && c != '\r') {
            continue;
        }
        m_line.append(chunk.sliced(start, i - start));
        processLine(m_line, out);
        m_line.clear();
        m_skipLf = c == '\r';
        start = i + 1;
    }
    m_line.append(chunk.sliced(start));
    return out;
}

void SseParser::reset()
{
    m_line.clear();
    m_skipLf = false;
    m_event.clear();
    m_data.clear();
    m_hasData = false;
}

void SseParser::processLine(QByteArrayView line, QList<Event>& out)
{
    if (line.isEmpty()) {
        if (m_hasData) {
            Event event;
            if (!m_event.isEmpty()) {
                event.event = m_event;
            }
            event.data = m_data;
            event.id = m_lastId;
            out.append(std::move(event));
        }
        m_event.clear();
        m_data.clear();
        m_hasData = false;
        return;
    }
    if (line.startsWith(':')) {
        return; // comment, e.g. a keep-alive
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' ')) {
        value = value.sliced(1);
    }
    if (field == "data") {
        if (m_hasData) {
            m_data.append('\n');
        }
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_lastId = value.toByteArray();
        }
    }
}

} // namespace aiops::agents
