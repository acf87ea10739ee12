#pragma once

#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace aiops::deploy {

// What a framework needs by default (issue "Deploy" §4).
struct FrameworkDefaults
{
    QString image;
    int containerPort = 8000;
    QString healthPath;
    bool speaksOpenAi = false; // serves /v1/chat/completions and /v1/models
};

// triton, vllm and custom; InvalidValue (field "framework") for anything else.
Result<FrameworkDefaults> frameworkDefaults(const QString& framework);

// The container for one deployment, before the node fills in the host port.
struct FrameworkInput
{
    QString framework; // triton | vllm | custom
    QString image; // "" = the framework's default
    QString modelId; // served model name (vLLM) and Triton model name
    QString modelDirName; // the model's folder name in the node cache ("models--org--name"); "" = no files
    QStringList gpuDeviceIds;
    QString gpuVendor; // nvidia | amd | ""
    qint64 memoryLimitMb = 0;
    QMap<QString, QString> environment;
    QStringList extraArgs;
    QStringList command; // custom only: the whole command
    int containerPort = 0; // 0 = the framework's
    QString healthPath; // "" = the framework's
    double gpuMemoryUtilization = 0.9; // vLLM, 0.1..1.0
    int healthTimeoutSeconds = 600;
};

// Where the model folder is mounted inside the container.
inline constexpr auto kModelMount = "/models";

// Builds system.node.deployModel's containerConfig:
//   triton  image nvcr.io/nvidia/tritonserver:24.08-py3, command
//           tritonserver --model-repository=/models --http-port=8000 [extra args], health /v2/health/ready
//   vllm    image vllm/vllm-openai:latest (rocm/vllm on AMD), explicit entrypoint
//           python3 -m vllm.entrypoints.openai.api_server, args --model /models --served-model-name <modelId>
//           --port 8000 --tensor-parallel-size <GPUs> --gpu-memory-utilization <u> [extra args], IPC host,
//           health /health
//   custom  the image (required), the command as given, health path (default /health), port 8080
// InvalidValue (with the field) for an unknown framework, a custom deployment without an image, a port
// outside 1..65535, a health path not starting with "/", or a GPU memory utilization outside 0.1..1.
Result<protocol::DeployContainerConfig> buildContainerConfig(const FrameworkInput& input);

// "8g" for 8192 MiB, "512m" otherwise; "" for 0.
QString memoryLimitText(qint64 megabytes);

// Splits a command line the way a shell would for words and quotes ("a 'b c'" -> a, "b c");
// InvalidValue for an unterminated quote.
Result<QStringList> splitArguments(const QString& line);

} // namespace aiops::deploy
