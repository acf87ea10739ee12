#include "core/net/HashingFileSink.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <openssl/evp.h>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace aiops::net {

namespace {
// libcurl hands over up to 512 KiB per callback; a block gathers them for one queue handoff.
constexpr qsizetype kBlockBytes = 1024 * 1024;
// Blocks waiting for the worker. When it falls this far behind, the writer waits for one block to be
// hashed, which costs the writer what hashing that block inline would have cost.
constexpr std::size_t kMaxQueued = 8;
} // namespace

// sha256 on a worker thread, started with the first full block: a small file is hashed inline by
// finish(). The EVP context is touched by the worker only, except while the queue is empty and the
// worker idle, which the caller's thread establishes under the mutex before using it.
class HashingFileSink::Hasher
{
public:
    Hasher()
        : m_ctx(EVP_MD_CTX_new())
    {
        EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
    }

    ~Hasher()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        EVP_MD_CTX_free(m_ctx);
    }

    // Drops whatever was queued and starts a new hash.
    void reset()
    {
        {
            std::unique_lock lock(m_mutex);
            while (!m_queue.empty()) {
                recycle(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            waitIdle(lock);
        }
        m_current.size = 0;
        EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
    }

    void update(const char* data, qint64 size)
    {
        while (size > 0) {
            if (!m_current.data)
                m_current = takeBlock();
            const qsizetype n = static_cast<qsizetype>(std::min<qint64>(size, kBlockBytes - m_current.size));
            std::memcpy(m_current.data.get() + m_current.size, data, static_cast<size_t>(n));
            m_current.size += n;
            data += n;
            size -= n;
            if (m_current.size == kBlockBytes)
                submit();
        }
    }

    QByteArray finish()
    {
        {
            std::unique_lock lock(m_mutex);
            waitIdle(lock);
        }
        if (m_current.size > 0)
            EVP_DigestUpdate(m_ctx, m_current.data.get(), static_cast<size_t>(m_current.size));
        m_current.size = 0;
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_ctx, digest, &length);
        return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
    }

private:
    struct Block
    {
        std::unique_ptr<char[]> data;
        qsizetype size = 0;
    };

    Block takeBlock()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                Block block = std::move(m_free.back());
                m_free.pop_back();
                return block;
            }
        }
        return Block { std::make_unique_for_overwrite<char[]>(kBlockBytes), 0 };
    }

    // Called with the mutex held.
    void recycle(Block block)
    {
        block.size = 0;
        m_free.push_back(std::move(block));
    }

    void waitIdle(std::unique_lock<std::mutex>& lock)
    {
        m_hashed.wait(lock, [this] { return m_queue.empty() && !m_busy; });
    }

    void submit()
    {
        {
            std::unique_lock lock(m_mutex);
            if (!m_thread.joinable())
                m_thread = std::thread([this] { run(); });
            m_hashed.wait(lock, [this] { return m_queue.size() < kMaxQueued; });
            m_queue.push_back(std::move(m_current));
        }
        m_current = {};
        m_wake.notify_one();
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            Block block = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
            lock.unlock();
            EVP_DigestUpdate(m_ctx, block.data.get(), static_cast<size_t>(block.size));
            lock.lock();
            m_busy = false;
            recycle(std::move(block));
            m_hashed.notify_all();
        }
    }

    EVP_MD_CTX* m_ctx;
    Block m_current; // being filled; the caller's thread only
    std::mutex m_mutex;
    std::condition_variable m_wake; // for the worker: a block was queued, or stop
    std::condition_variable m_hashed; // for the caller: a block was hashed
    std::deque<Block> m_queue;
    std::vector<Block> m_free;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread;
};

HashingFileSink::HashingFileSink()
    : m_hasher(std::make_unique<Hasher>())
{
}

HashingFileSink::~HashingFileSink()
{
    close();
}

Result<qint64> HashingFileSink::openAndHashPrefix(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered))
        return makeError(ErrorCode::Internal, u"cannot open %1: %2"_s.arg(path, m_file.errorString()));
    m_hasher->reset();
    m_file.seek(0);
    QByteArray buffer(4 * 1024 * 1024, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = m_file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(ErrorCode::Internal, u"cannot read %1: %2"_s.arg(path, m_file.errorString()));
        if (n == 0)
            break;
        m_hasher->update(buffer.constData(), n);
        total += n;
    }
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    return total;
}

bool HashingFileSink::restart()
{
    m_hasher->reset();
    return m_file.resize(0);
}

QByteArray HashingFileSink::hexDigest()
{
    return m_hasher->finish();
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
    m_hasher->update(data, size);
    return written;
}

} // namespace aiops::net
