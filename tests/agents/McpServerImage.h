#pragma once

#include "tests/daemon/PodmanService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>

namespace aiops::testing {

// An MCP server image for container-tool tests: the machine's node binary with the shared libraries ldd names,
// and tests/peers/node_modules (the real @modelcontextprotocol/server-everything), started in its
// streamableHttp mode on $PORT.
inline constexpr auto kMcpEverythingImage = "localhost/aiops-test-mcp-everything:1";

// Builds the image into the Podman service's storage. Empty on success, else what went wrong.
inline QString importMcpEverythingImage(const PodmanService& podman, const QString& sourceDir)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return QStringLiteral("node is not on PATH: install nodejs 20");
    const QString modules = sourceDir + QStringLiteral("/tests/peers/node_modules");
    if (!QFileInfo::exists(modules + QStringLiteral("/@modelcontextprotocol/server-everything/dist/index.js")))
        return QStringLiteral("%1 lacks server-everything: run scripts/install-peers").arg(modules);
    const QString rootfs = podman.dir() + QStringLiteral("/mcp-rootfs");
    for (const char* sub : { "/usr/bin", "/app", "/tmp" })
        QDir().mkpath(rootfs + QString::fromLatin1(sub));

    // node and the libraries it loads, at the same paths.
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), { node });
    if (!ldd.waitForFinished(10'000) || ldd.exitCode() != 0)
        return QStringLiteral("ldd %1 failed").arg(node);
    QStringList files { node };
    static const QRegularExpression path(QStringLiteral("(/\\S+)"));
    for (const QString& line : QString::fromLocal8Bit(ldd.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const auto match = path.match(line.section(QStringLiteral("=>"), -1));
        if (match.hasMatch())
            files.append(match.captured(1));
    }
    for (const QString& file : std::as_const(files)) {
        const QString target = rootfs + file;
        QDir().mkpath(QFileInfo(target).path());
        if (!QFileInfo::exists(target) && !QFile::copy(QFileInfo(file).canonicalFilePath(), target))
            return QStringLiteral("cannot copy %1").arg(file);
        QFile::setPermissions(target, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    }
    if (QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-a"), modules, rootfs + QStringLiteral("/app/") })
        != 0)
        return QStringLiteral("cannot copy node_modules");

    const QString imported = podman.importRootfs(
        rootfs,
        QString::fromLatin1(kMcpEverythingImage),
        QStringLiteral("CMD [\"/usr/bin/node\", "
                       "\"/app/node_modules/@modelcontextprotocol/server-everything/dist/index.js\", "
                       "\"streamableHttp\"]"));
    QDir(rootfs).removeRecursively();
    return imported;
}

} // namespace aiops::testing
