#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <utility>

namespace aiops::net {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// The start line and fields of one HTTP/1.x message head, plus the framing facts the proxy needs.
// Parsing is plain scanning over the bytes: the proxy runs it for every request and every response.
struct HttpHead
{
    QByteArray method; // requests
    QByteArray target; // requests
    int status = 0; // responses
    QByteArray reason; // responses
    int minorVersion = 1; // HTTP/1.<minorVersion>
    HeaderList headers;

    qint64 contentLength = -1; // -1: no Content-Length field
    bool chunked = false; // Transfer-Encoding ends in chunked
    bool otherTransferCoding = false; // Transfer-Encoding present but not ending in chunked
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    bool expectContinue = false;
    // Field names listed in Connection (other than close and keep-alive): hop-by-hop for this message.
    QList<QByteArray> connectionTokens;

    void clear();
    // Whether the sender wants the connection kept open after this message.
    bool keepAlive() const { return minorVersion >= 1 ? !connectionClose : connectionKeepAlive; }
};

// Case-insensitive, first match, empty when absent.
QByteArray headerValue(const HeaderList& headers, QByteArrayView name);

// Length of the head at the start of data, up to and including the empty line, or -1 while it is incomplete.
qsizetype findHeadEnd(QByteArrayView data);

// Both return false for a malformed head. The view must be a whole head as findHeadEnd measured it.
bool parseRequestHead(QByteArrayView head, HttpHead& out);
bool parseResponseHead(QByteArrayView head, HttpHead& out);

// Connection, Keep-Alive, Proxy-*, TE, Trailer, Upgrade, Transfer-Encoding and Content-Length: the fields a
// proxy never copies from one hop to the next (the framing ones are written anew for the next hop).
bool isHopByHopOrFraming(QByteArrayView name);

// The size of a chunk-size line ("1a;ext=v\r\n"), or -1 when the line is malformed.
qint64 parseChunkSizeLine(QByteArrayView line);

// "Not Found" for 404; "Unknown" for codes the table does not hold.
QByteArrayView reasonPhrase(int status);

} // namespace aiops::net
