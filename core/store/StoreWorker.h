#pragma once

#include <QString>
#include <QThread>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <type_traits>

namespace aiops::store {

// One thread that owns the service's SQLite connection: QSqlDatabase may only be used on the
// thread that opened it. Tasks run in order, so a task posted after a write sees that write, and
// the queue drains before the thread ends. An optional periodic task runs when idle.
class StoreWorker final
{
public:
    explicit StoreWorker(const QString& threadName)
    {
        m_thread.reset(QThread::create([this] { loop(); }));
        m_thread->setObjectName(threadName);
        m_thread->start();
    }

    ~StoreWorker()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread->wait();
    }

    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    void post(std::function<void()> task)
    {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(task));
        }
        m_wake.notify_one();
    }

    // Runs f on the worker and waits for its result; runs it inline when already on the worker.
    template<typename F> std::invoke_result_t<F> call(F f)
    {
        using R = std::invoke_result_t<F>;
        if (QThread::currentThread() == m_thread.get())
            return f();
        std::packaged_task<R()> task(std::move(f));
        std::future<R> result = task.get_future();
        post([&task] { task(); });
        return result.get();
    }

    void setPeriodic(std::chrono::milliseconds interval, std::function<void()> task)
    {
        {
            std::lock_guard lock(m_mutex);
            m_interval = interval;
            m_periodic = std::move(task);
            m_next = std::chrono::steady_clock::now() + interval;
        }
        m_wake.notify_one();
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (!m_queue.empty()) {
                std::function<void()> task = std::move(m_queue.front());
                m_queue.pop_front();
                lock.unlock();
                task();
                lock.lock();
                continue;
            }
            if (m_stop)
                return;
            if (!m_periodic) {
                m_wake.wait(lock);
                continue;
            }
            if (m_wake.wait_until(lock, m_next) == std::cv_status::timeout && m_queue.empty() && !m_stop) {
                m_next = std::chrono::steady_clock::now() + m_interval;
                std::function<void()> periodic = m_periodic;
                lock.unlock();
                periodic();
                lock.lock();
            }
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_queue;
    bool m_stop = false;
    std::function<void()> m_periodic;
    std::chrono::milliseconds m_interval { 0 };
    std::chrono::steady_clock::time_point m_next;
    std::unique_ptr<QThread> m_thread; // last: starts after every member above exists
};

} // namespace aiops::store
