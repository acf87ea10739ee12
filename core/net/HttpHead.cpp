#include "core/net/HttpHead.h"

namespace aiops::net {

namespace {

constexpr qsizetype kMaxHeaderCount = 256;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (char c : s) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t')) {
        s = s.sliced(1);
    }
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t')) {
        s.chop(1);
    }
    return s;
}

// Splits the head into lines without their line ending; calls f(line) and stops at the empty line.
template<typename F> bool forEachLine(QByteArrayView head, F&& f)
{
    qsizetype pos = 0;
    while (pos < head.size()) {
        const qsizetype nl = head.indexOf('\n', pos);
        if (nl < 0) {
            return false;
        }
        QByteArrayView line = head.sliced(pos, nl - pos);
        if (!line.isEmpty() && line.back() == '\r') {
            line.chop(1);
        }
        pos = nl + 1;
        if (line.isEmpty()) {
            return true;
        }
        if (!f(line)) {
            return false;
        }
    }
    return false;
}

bool parseVersion(QByteArrayView v, int& minor)
{
    if (v.size() != 8 || !v.startsWith("HTTP/1.") || v[7] < '0' || v[7] > '9') {
        return false;
    }
    minor = v[7] - '0';
    return true;
}

bool parseDecimal(QByteArrayView s, qint64& out)
{
    if (s.isEmpty() || s.size() > 18) {
        return false;
    }
    qint64 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// Comma-separated list elements, trimmed, empties skipped.
template<typename F> void forEachListElement(QByteArrayView value, F&& f)
{
    qsizetype pos = 0;
    while (pos <= value.size()) {
        qsizetype comma = value.indexOf(',', pos);
        if (comma < 0) {
            comma = value.size();
        }
        const QByteArrayView element = trimmed(value.sliced(pos, comma - pos));
        if (!element.isEmpty()) {
            f(element);
        }
        pos = comma + 1;
    }
}

// Parses the fields after the start line and derives the framing facts.
bool parseFields(QByteArrayView head, HttpHead& out)
{
    bool first = true;
    bool ok = true;
    const bool complete = forEachLine(head, [&](QByteArrayView line) {
        if (first) {
            first = false;
            return true;
        }
        if (line.front() == ' ' || line.front() == '\t' || out.headers.size() >= kMaxHeaderCount) {
            ok = false; // obsolete line folding is refused (RFC 9112 5.2)
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            ok = false;
            return false;
        }
        const QByteArrayView name = line.first(colon);
        if (!isToken(name)) {
            ok = false;
            return false;
        }
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (char c : value) {
            if (c == '\0' || c == '\r' || c == '\n') {
                ok = false;
                return false;
            }
        }
        if (equalsNoCase(name, "content-length")) {
            qint64 length = 0;
            if (!parseDecimal(value, length) || (out.contentLength >= 0 && out.contentLength != length)) {
                ok = false;
                return false;
            }
            out.contentLength = length;
        } else if (equalsNoCase(name, "transfer-encoding")) {
            bool lastChunked = false;
            forEachListElement(value, [&](QByteArrayView coding) { lastChunked = equalsNoCase(coding, "chunked"); });
            out.chunked = lastChunked;
            out.otherTransferCoding = !lastChunked;
        } else if (equalsNoCase(name, "connection")) {
            forEachListElement(value, [&](QByteArrayView token) {
                if (equalsNoCase(token, "close")) {
                    out.connectionClose = true;
                } else if (equalsNoCase(token, "keep-alive")) {
                    out.connectionKeepAlive = true;
                } else {
                    out.connectionTokens.append(token.toByteArray());
                }
            });
        } else if (equalsNoCase(name, "expect")) {
            out.expectContinue = equalsNoCase(value, "100-continue");
        }
        out.headers.append({ name.toByteArray(), value.toByteArray() });
        return true;
    });
    return complete && ok;
}

QByteArrayView firstLine(QByteArrayView head)
{
    const qsizetype nl = head.indexOf('\n');
    if (nl < 0) {
        return {};
    }
    QByteArrayView line = head.first(nl);
    if (!line.isEmpty() && line.back() == '\r') {
        line.chop(1);
    }
    return line;
}

} // namespace

void HttpHead::clear()
{
    method.clear();
    target.clear();
    status = 0;
    reason.clear();
    minorVersion = 1;
    headers.clear();
    contentLength = -1;
    chunked = false;
    otherTransferCoding = false;
    connectionClose = false;
    connectionKeepAlive = false;
    expectContinue = false;
    connectionTokens.clear();
}

QByteArray headerValue(const HeaderList& headers, QByteArrayView name)
{
    for (const auto& [fieldName, value] : headers) {
        if (equalsNoCase(fieldName, name)) {
            return value;
        }
    }
    return {};
}

qsizetype findHeadEnd(QByteArrayView data)
{
    qsizetype pos = 0;
    while (true) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0) {
            return -1;
        }
        // An empty line: "\n" right after the previous "\n", optionally with a "\r" between.
        if (nl > 0 && (data[nl - 1] == '\n' || (nl > 1 && data[nl - 1] == '\r' && data[nl - 2] == '\n'))) {
            return nl + 1;
        }
        pos = nl + 1;
    }
}

bool parseRequestHead(QByteArrayView head, HttpHead& out)
{
    out.clear();
    const QByteArrayView line = firstLine(head);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0) {
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    if (!isToken(method) || !parseVersion(line.sliced(sp2 + 1), out.minorVersion)) {
        return false;
    }
    for (char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            return false;
        }
    }
    out.method = method.toByteArray();
    out.target = target.toByteArray();
    if (!parseFields(head, out)) {
        return false;
    }
    // Both framings at once is how requests get smuggled past proxies: refuse it (RFC 9112 6.1).
    if (out.otherTransferCoding || (out.chunked && out.contentLength >= 0)) {
        return false;
    }
    return true;
}

bool parseResponseHead(QByteArrayView head, HttpHead& out)
{
    out.clear();
    const QByteArrayView line = firstLine(head);
    if (line.size() < 12 || line[8] != ' ' || !parseVersion(line.first(8), out.minorVersion)) {
        return false;
    }
    qint64 status = 0;
    if (!parseDecimal(line.sliced(9, 3), status) || status < 100 || status > 999) {
        return false;
    }
    if (line.size() > 12 && line[12] != ' ') {
        return false;
    }
    out.status = static_cast<int>(status);
    out.reason = line.size() > 13 ? line.sliced(13).toByteArray() : QByteArray();
    if (!parseFields(head, out)) {
        return false;
    }
    if (out.chunked) {
        out.contentLength = -1; // Transfer-Encoding overrides Content-Length
    }
    return true;
}

bool isHopByHopOrFraming(QByteArrayView name)
{
    switch (name.size()) {
    case 2: return equalsNoCase(name, "te");
    case 7: return equalsNoCase(name, "trailer") || equalsNoCase(name, "upgrade");
    case 10: return equalsNoCase(name, "connection") || equalsNoCase(name, "keep-alive");
    case 14: return equalsNoCase(name, "content-length");
    case 17: return equalsNoCase(name, "transfer-encoding");
    default: break;
    }
    return name.size() > 6 && equalsNoCase(name.first(6), "proxy-");
}

qint64 parseChunkSizeLine(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r')) {
        line.chop(1);
    }
    const qsizetype semicolon = line.indexOf(';');
    if (semicolon >= 0) {
        line = line.first(semicolon);
    }
    line = trimmed(line);
    if (line.isEmpty() || line.size() > 15) {
        return -1;
    }
    qint64 size = 0;
    for (char c : line) {
        int digit = 0;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
        } else {
            return -1;
        }
        size = size * 16 + digit;
    }
    return size;
}

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
    }
}

} // namespace aiops::net
