#include "core/store/AsyncStatusWriter.h"

#include "core/store/Database.h"
#include "core/store/NodeRepository.h"

namespace aiops::store {

// Lives on the writer thread; owns that thread's connection.
class AsyncStatusWriter::Worker final : public QObject
{
    Q_DISABLE_COPY_MOVE(Worker)
public:
    Worker() = default;
    std::unique_ptr<Database> database;
    std::unique_ptr<NodeRepository> repository;
};

AsyncStatusWriter::AsyncStatusWriter()
{
    m_thread.setObjectName(QStringLiteral("aiops-status-writer"));
}

Result<std::unique_ptr<AsyncStatusWriter>> AsyncStatusWriter::open(const QString& databasePath)
{
    std::unique_ptr<AsyncStatusWriter> writer(new AsyncStatusWriter);
    writer->m_worker = new Worker;
    writer->m_worker->moveToThread(&writer->m_thread);
    writer->m_thread.start();
    Result<void> opened;
    Worker* worker = writer->m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, databasePath, &opened] {
            auto db = Database::openSqlite(databasePath);
            if (!db) {
                opened = std::unexpected(db.error());
                return;
            }
            worker->database = std::move(*db);
            worker->repository = std::make_unique<NodeRepository>(*worker->database);
        },
        Qt::BlockingQueuedConnection);
    if (!opened)
        return std::unexpected(opened.error()); // the destructor stops the thread
    return writer;
}

AsyncStatusWriter::~AsyncStatusWriter()
{
    if (m_worker) {
        Worker* worker = m_worker;
        // Runs after every queued batch (events between two threads keep their order).
        QMetaObject::invokeMethod(
            worker,
            [worker] {
                worker->repository.reset();
                worker->database.reset();
                delete worker;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
}

void AsyncStatusWriter::write(QList<NodeStatusUpdate> batch)
{
    if (batch.isEmpty())
        return;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [this, worker, batch = std::move(batch)] {
        if (!worker->repository)
            return;
        auto rows = worker->repository->saveStatusBatch(batch);
        if (rows)
            Q_EMIT written(*rows);
        else
            Q_EMIT failed(rows.error());
    });
}

void AsyncStatusWriter::waitForIdle()
{
    QMetaObject::invokeMethod(
        m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace aiops::store
