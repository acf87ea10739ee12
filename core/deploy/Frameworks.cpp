#include "core/deploy/Frameworks.h"

namespace aiops::deploy {

Result<FrameworkDefaults> frameworkDefaults(const QString& framework)
{
    if (framework == u"triton")
        return FrameworkDefaults {
            QStringLiteral("nvcr.io/nvidia/tritonserver:24.08-py3"), 8000, QStringLiteral("/v2/health/ready"), false
        };
    if (framework == u"vllm")
        return FrameworkDefaults { QStringLiteral("vllm/vllm-openai:latest"), 8000, QStringLiteral("/health"), true };
    if (framework == u"custom")
        return FrameworkDefaults { QString(), 8080, QStringLiteral("/health"), false };
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("Unknown framework “%1”: use triton, vllm or custom").arg(framework),
                     QStringLiteral("framework"));
}

QString memoryLimitText(qint64 megabytes)
{
    if (megabytes <= 0)
        return {};
    if (megabytes % 1024 == 0)
        return QStringLiteral("%1g").arg(megabytes / 1024);
    return QStringLiteral("%1m").arg(megabytes);
}

Result<QStringList> splitArguments(const QString& line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar ch = line.at(i);
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
            else if (ch == u'\\' && quote == u'"' && i + 1 < line.size())
                word += line.at(++i);
            else
                word += ch;
            continue;
        }
        if (ch == u'"' || ch == u'\'') {
            quote = ch;
            inWord = true;
        } else if (ch == u'\\' && i + 1 < line.size()) {
            word += line.at(++i);
            inWord = true;
        } else if (ch.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("Unterminated %1 quote in the arguments").arg(quote),
                         QStringLiteral("args"));
    if (inWord)
        words << word;
    return words;
}

Result<protocol::DeployContainerConfig> buildContainerConfig(const FrameworkInput& in)
{
    auto defaults = frameworkDefaults(in.framework);
    if (!defaults)
        return std::unexpected(defaults.error());
    const int port = in.containerPort > 0 ? in.containerPort : defaults->containerPort;
    if (port > 65535 || in.containerPort < 0)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("The container port must be 1-65535"),
                         QStringLiteral("containerPort"));
    const QString health = in.healthPath.isEmpty() ? defaults->healthPath : in.healthPath;
    if (!health.startsWith(u'/'))
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("The health path must start with “/”"),
                         QStringLiteral("healthPath"));
    if (in.healthTimeoutSeconds < 1 || in.healthTimeoutSeconds > 3600)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("The health timeout must be 1-3600 seconds"),
                         QStringLiteral("healthTimeoutSeconds"));
    if (in.memoryLimitMb < 0)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("The memory limit cannot be negative"),
                         QStringLiteral("memoryLimitMb"));

    protocol::DeployContainerConfig c;
    c.image = in.image.isEmpty() ? defaults->image : in.image;
    if (in.framework == u"vllm" && in.image.isEmpty() && in.gpuVendor == u"amd")
        c.image = QStringLiteral("rocm/vllm:latest");
    if (c.image.isEmpty())
        return makeError(
            ErrorCode::InvalidValue, QStringLiteral("A custom deployment needs an image"), QStringLiteral("image"));
    c.gpuDevice = in.gpuDeviceIds.join(u',');
    c.gpuVendor = in.gpuDeviceIds.isEmpty() ? QString() : in.gpuVendor;
    c.memoryLimit = memoryLimitText(in.memoryLimitMb);
    c.ports = QString::number(port); // the node allocates the host side on its loopback
    c.environment = in.environment;
    c.healthPath = health;
    c.healthTimeoutSeconds = in.healthTimeoutSeconds;
    if (!in.modelDirName.isEmpty())
        c.modelMount = QString::fromLatin1(kModelMount);

    if (in.framework == u"triton") {
        c.command = { QStringLiteral("tritonserver"),
                      QStringLiteral("--model-repository=%1").arg(QString::fromLatin1(kModelMount)),
                      QStringLiteral("--http-port=%1").arg(port) };
        c.command << in.extraArgs;
        c.shmSizeMb = 1024; // Triton's Python backend passes tensors through shared memory
    } else if (in.framework == u"vllm") {
        if (!(in.gpuMemoryUtilization >= 0.1 && in.gpuMemoryUtilization <= 1.0))
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("The GPU memory utilization must be between 0.1 and 1.0"),
                             QStringLiteral("gpuMemoryUtilization"));
        c.entrypoint
            = { QStringLiteral("python3"), QStringLiteral("-m"), QStringLiteral("vllm.entrypoints.openai.api_server") };
        c.command = { QStringLiteral("--model"),
                      QString::fromLatin1(kModelMount),
                      QStringLiteral("--served-model-name"),
                      in.modelId,
                      QStringLiteral("--port"),
                      QString::number(port),
                      QStringLiteral("--tensor-parallel-size"),
                      QString::number(std::max<qsizetype>(1, in.gpuDeviceIds.size())),
                      QStringLiteral("--gpu-memory-utilization"),
                      QString::number(in.gpuMemoryUtilization, 'g', 3) };
        c.command << in.extraArgs;
        c.ipcHost = true; // NCCL between tensor-parallel workers needs the host's shared memory
    } else {
        c.command = in.command;
        c.command << in.extraArgs;
    }
    return c;
}

} // namespace aiops::deploy
