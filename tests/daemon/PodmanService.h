#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <sys/stat.h>

namespace aiops::testing {

// A private `podman system service` for one test: its own containers.conf, vfs storage, runtime and temp
// directories under a temporary directory, so it neither sees nor disturbs other containers on the machine.
// Every podman command the test runs (image import, cleanup) goes through env() to reach the same storage.
class PodmanService
{
public:
    PodmanService() = default;
    PodmanService(const PodmanService&) = delete;
    PodmanService& operator=(const PodmanService&) = delete;
    ~PodmanService() { stop(); }

    static QString podmanPath() { return QStandardPaths::findExecutable(QStringLiteral("podman")); }

    // Empty on success, else what went wrong.
    QString start()
    {
        if (podmanPath().isEmpty()) {
            return QStringLiteral("podman is not installed (scripts/install-deps --test installs it)");
        }
        // Short base path: the socket path must fit sockaddr_un (108 bytes).
        m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/aiops-podman-XXXXXX"));
        if (!m_dir->isValid()) {
            return QStringLiteral("cannot create a temporary directory");
        }
        const QString root = m_dir->path();
        for (const char* sub : { "storage", "run", "tmp" }) {
            QDir(root).mkpath(QString::fromLatin1(sub));
        }
        // default_ulimits = []: Podman's default nofile limit is above what a sandboxed CI runner allows, and runc
        // then fails with "error setting rlimit type 7"; containers inherit the service's limits instead.
        // events_logger = "file": journald is not there in CI containers, and /events needs a backend.
        // static_dir and volume_path stay at their defaults under graphroot: the `podman container cleanup` that
        // conmon runs when a container exits gets --root but not those, and records "die" only if it finds the
        // container in the same database.
        const QString conf = QStringLiteral("[containers]\n"
                                            "default_ulimits = []\n"
                                            "\n"
                                            "[engine]\n"
                                            "runtime = \"runc\"\n"
                                            "cgroup_manager = \"cgroupfs\"\n"
                                            "events_logger = \"file\"\n"
                                            "tmp_dir = \"%1/tmp\"\n")
                                 .arg(root);
        const QString storage = QStringLiteral("[storage]\n"
                                               "driver = \"vfs\"\n"
                                               "graphroot = \"%1/storage\"\n"
                                               "runroot = \"%1/run\"\n")
                                    .arg(root);
        if (!writeFile(root + QStringLiteral("/containers.conf"), conf.toUtf8())
            || !writeFile(root + QStringLiteral("/storage.conf"), storage.toUtf8())) {
            return QStringLiteral("cannot write the podman configuration");
        }
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("CONTAINERS_CONF"), root + QStringLiteral("/containers.conf"));
        m_env.insert(QStringLiteral("CONTAINERS_STORAGE_CONF"), root + QStringLiteral("/storage.conf"));

        m_socketPath = root + QStringLiteral("/podman.sock");
        return startServiceProcess();
    }

    // Stops the service process only (the containers live on under conmon) and starts it again on the same socket
    // and storage: a runtime restart as its clients see it, their streams cut. Empty on success.
    QString restartService()
    {
        if (!m_process) {
            return QStringLiteral("the service was not started");
        }
        m_process->terminate();
        if (!m_process->waitForFinished(10'000)) {
            m_process->kill();
            m_process->waitForFinished();
        }
        QFile::remove(m_socketPath);
        return startServiceProcess();
    }

private:
    QString startServiceProcess()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(m_env);
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // A test that crashes takes its service down with it.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start(podmanPath(),
                         { QStringLiteral("system"),
                           QStringLiteral("service"),
                           QStringLiteral("--time=0"),
                           QStringLiteral("unix://") + m_socketPath });
        if (!m_process->waitForStarted(10'000)) {
            return QStringLiteral("podman system service did not start: ") + m_process->errorString();
        }
        QDeadlineTimer deadline(20'000);
        while (!isSocket(m_socketPath)) {
            if (m_process->state() != QProcess::Running || deadline.hasExpired()) {
                return QStringLiteral("podman system service did not open its socket: ")
                    + QString::fromLocal8Bit(m_process->readAll());
            }
            QThread::msleep(50);
        }
        return {};
    }

public:
    // Runs podman with this service's configuration; returns its exit code, output in *output.
    int podman(const QStringList& arguments, QString* output = nullptr, int timeoutMs = 60'000) const
    {
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(podmanPath(), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            if (output) {
                *output = QStringLiteral("timed out: ") + QString::fromLocal8Bit(process.readAll());
            }
            return -1;
        }
        if (output) {
            *output = QString::fromLocal8Bit(process.readAll());
        }
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    // Packs the directory rootfs into image (tar, then podman import). change: one Dockerfile instruction
    // such as CMD [...], or empty. Empty on success, else what went wrong.
    QString
    importRootfs(const QString& rootfs, const QString& image, const QString& change = {}, int timeoutMs = 180'000) const
    {
        const QString tarball = rootfs + QStringLiteral(".tar");
        QProcess tar;
        tar.start(QStringLiteral("tar"),
                  { QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), tarball, QStringLiteral(".") });
        if (!tar.waitForFinished(timeoutMs) || tar.exitCode() != 0) {
            return QStringLiteral("tar failed: ") + QString::fromLocal8Bit(tar.readAllStandardError());
        }
        QStringList arguments { QStringLiteral("import") };
        if (!change.isEmpty()) {
            arguments << QStringLiteral("--change") << change;
        }
        arguments << tarball << image;
        QString output;
        const int code = podman(arguments, &output, timeoutMs);
        QFile::remove(tarball);
        return code == 0 ? QString() : QStringLiteral("podman import failed: ") + output;
    }

    // Imports a busybox image as image: /bin/engine-double prints a line on stdout and on stderr, then serves
    // /www (where /health answers "ok") with busybox httpd on $PORT. Empty on success, else what went wrong.
    QString importEngineDoubleImage(const QString& image) const
    {
        const QString busybox = QStringLiteral("/bin/busybox");
        if (!QFileInfo::exists(busybox)) {
            return QStringLiteral("busybox-static is not installed (/bin/busybox)");
        }
        const QString rootfs = dir() + QStringLiteral("/engine-double-rootfs");
        for (const char* sub : { "/bin", "/www", "/tmp" }) {
            if (!QDir().mkpath(rootfs + QString::fromLatin1(sub))) {
                return QStringLiteral("cannot create ") + rootfs;
            }
        }
        if (!QFileInfo::exists(rootfs + QStringLiteral("/bin/busybox"))
            && !QFile::copy(busybox, rootfs + QStringLiteral("/bin/busybox"))) {
            return QStringLiteral("cannot copy busybox");
        }
        for (const char* applet : { "sh", "httpd", "sleep", "echo", "cat" }) {
            const QString link = rootfs + QStringLiteral("/bin/") + QString::fromLatin1(applet);
            if (!QFileInfo(link).isSymLink() && !QFile::link(QStringLiteral("busybox"), link)) {
                return QStringLiteral("cannot link ") + link;
            }
        }
        const QString script = rootfs + QStringLiteral("/bin/engine-double");
        if (!writeFile(rootfs + QStringLiteral("/www/health"), "ok\n")
            || !writeFile(script,
                          "#!/bin/sh\n"
                          "echo \"engine double listening on $PORT greeting=$GREETING\"\n"
                          "echo \"engine double stderr line\" >&2\n"
                          "exec httpd -f -p \"$PORT\" -h /www\n")
            || !QFile::setPermissions(script,
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                          | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther)) {
            return QStringLiteral("cannot write the image's files");
        }
        return importRootfs(rootfs, image);
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            // Containers outlive the service (conmon holds them): remove ours before it goes.
            podman({ QStringLiteral("rm"),
                     QStringLiteral("--all"),
                     QStringLiteral("--force"),
                     QStringLiteral("--time=0") });
            m_process->terminate();
            if (!m_process->waitForFinished(10'000)) {
                m_process->kill();
                m_process->waitForFinished();
            }
        }
        m_process.reset();
        m_dir.reset();
    }

    QString socketPath() const { return m_socketPath; }
    QString dir() const { return m_dir ? m_dir->path() : QString(); }
    QString log() const { return m_process ? QString::fromLocal8Bit(m_process->readAll()) : QString(); }

    static bool isSocket(const QString& path)
    {
        struct stat info
        {
        };
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
    }

private:
    static bool writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QProcessEnvironment m_env;
    QString m_socketPath;
};

} // namespace aiops::testing
