#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <functional>

namespace aiops::app {

// Local single-node mode: runs an aiops-node child next to the embedded controller, restarts it
// with exponential backoff when it dies, and stops it (SIGTERM, then SIGKILL) on quit. The node token
// travels in the child's environment (AIOPS_NODE_TOKEN): a command line is readable by every user.
// A child whose enrollment token was refused (spent: it was killed after the exchange and before
// it stored its credential) gets a fresh token from the token source and is restarted at once.
class LocalNodeSupervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalNodeSupervisor)
public:
    static constexpr int kInitialBackoffMs = 1000;
    static constexpr int kMaxBackoffMs = 30000;
    static constexpr int kStableRunMs = 60000; // a run this long resets the backoff
    static constexpr int kTerminateGraceMs = 3000;
    static constexpr int kMaxReenrollments = 3; // fresh tokens in a row before giving up

    static constexpr const char* kTokenVariable = "AIOPS_NODE_TOKEN";

    LocalNodeSupervisor(QString program, QStringList arguments, QString token, QObject* parent = nullptr);
    ~LocalNodeSupervisor() override; // stops the child

    // Where the build and the packages put aiops-node: next to the console, in ../daemon, or on PATH.
    // Empty when none is found.
    static QString findNodeExecutable();
    static QStringList
    nodeArguments(const QString& controllerUrl, const QString& name, const QString& workDir, int heartbeatIntervalMs);

    // Issues a new one-time enrollment token; empty when it cannot.
    void setTokenSource(std::function<QString()> source) { m_tokenSource = std::move(source); }

    void start();
    void stop();
    bool isRunning() const;
    QString program() const { return m_program; }
    qint64 processId() const; // 0 while no child runs
    int restartCount() const { return m_restartCount; } // restarts scheduled since start()
    int nextBackoffMs() const { return m_backoffMs; }
    int reenrollmentCount() const { return m_reenrollments; } // fresh tokens handed to the child

Q_SIGNALS:
    void nodeStarted(qint64 pid);
    void nodeExited(int exitCode, int restartInMs);
    void nodeFailedToStart(const QString& message);
    // The child's enrollment token was refused and it got a fresh one.
    void nodeReenrolled();
    // No restart will follow: the child cannot enroll (no fresh token, or refused again and again).
    void nodeGaveUp(const QString& message);

private:
    void launch();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void scheduleRestart(int exitCode);

    QString m_program;
    QStringList m_arguments;
    QString m_token;
    std::function<QString()> m_tokenSource;
    int m_reenrollments = 0;
    int m_refusalsInRow = 0;
    QProcess* m_process = nullptr;
    QTimer m_restartTimer;
    QElapsedTimer m_runTime;
    int m_backoffMs = kInitialBackoffMs;
    int m_restartCount = 0;
    bool m_stopping = false;
};

} // namespace aiops::app
