#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>
#include <memory>

namespace aiops::net {

// The output device of a download (Request::output): appends to a partial file and feeds sha256 as
// bytes arrive, so verifying costs no second read. OpenSSL's sha256 uses the CPU's SHA extensions
// where Qt's does not. Used by the controller's model downloader and the node's model cache.
//
// The file write stays on the caller's thread, so a failed write (disk full) fails writeData at once.
// The hash runs on a worker thread fed with copies of the written bytes, so receiving, writing and
// hashing overlap; hexDigest() waits for it to catch up (a few MiB at most).
class HashingFileSink final : public QIODevice
{
public:
    HashingFileSink();
    ~HashingFileSink() override;

    // Opens path for appending (creating it) and hashes what is already there: the prefix a resumed
    // download continues from. Returns the prefix length.
    Result<qint64> openAndHashPrefix(const QString& path);
    // The server sent the whole file (200 to a Range request): drops the prefix and the hash state.
    bool restart();
    // Lowercase hex sha256 of everything written since open/restart. Call once, after the last write.
    QByteArray hexDigest();
    void close() override;
    QString fileErrorString() const { return m_file.errorString(); }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override;

private:
    class Hasher;

    QFile m_file;
    std::unique_ptr<Hasher> m_hasher;
};

} // namespace aiops::net
