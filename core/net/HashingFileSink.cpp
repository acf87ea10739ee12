#include "core/net/HashingFileSink.h"

#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace aiops::net {

namespace {
EVP_MD_CTX* ctx(void* p)
{
    return static_cast<EVP_MD_CTX*>(p);
}
} // namespace

HashingFileSink::HashingFileSink()
    : m_ctx(EVP_MD_CTX_new())
{
}

HashingFileSink::~HashingFileSink()
{
    close();
    EVP_MD_CTX_free(ctx(m_ctx));
}

Result<qint64> HashingFileSink::openAndHashPrefix(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered))
        return makeError(ErrorCode::Internal, u"cannot open %1: %2"_s.arg(path, m_file.errorString()));
    EVP_DigestInit_ex(ctx(m_ctx), EVP_sha256(), nullptr);
    m_file.seek(0);
    QByteArray buffer(4 * 1024 * 1024, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = m_file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(ErrorCode::Internal, u"cannot read %1: %2"_s.arg(path, m_file.errorString()));
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx(m_ctx), buffer.constData(), static_cast<size_t>(n));
        total += n;
    }
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    return total;
}

bool HashingFileSink::restart()
{
    EVP_DigestInit_ex(ctx(m_ctx), EVP_sha256(), nullptr);
    return m_file.resize(0);
}

QByteArray HashingFileSink::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx(m_ctx), digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
}

void HashingFileSink::close()
{
    QIODevice::close();
    m_file.close();
}

qint64 HashingFileSink::writeData(const char* data, qint64 size)
{
    const qint64 written = m_file.write(data, size);
    if (written != size) {
        setErrorString(m_file.errorString());
        return -1;
    }
    EVP_DigestUpdate(ctx(m_ctx), data, static_cast<size_t>(size));
    return written;
}

} // namespace aiops::net
