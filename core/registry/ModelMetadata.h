#pragma once

#include "core/protocol/Error.h"

#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::registry {

// The fields of a HuggingFace config.json that the registry uses. Zero means "not in the config".
struct ModelConfig
{
    QStringList architectures;
    QString modelType;
    QString torchDtype; // "bfloat16", "float16", "float32", ... as written by transformers
    qint64 contextLength = 0; // max_position_embeddings, else n_positions / seq_length / n_ctx
    qint64 hiddenSize = 0;
    qint64 numHiddenLayers = 0;
    qint64 numAttentionHeads = 0;
    qint64 numKeyValueHeads = 0; // defaults to numAttentionHeads when the config omits it (no GQA)
    qint64 headDim = 0; // explicit head_dim, else hiddenSize / numAttentionHeads
    qint64 vocabSize = 0;
    qint64 intermediateSize = 0;
};

Result<ModelConfig> parseModelConfig(QByteArrayView json);

// Refused above this: a safetensors header is a few MiB even for the largest shards, and the length
// comes from an untrusted 8-byte prefix.
inline constexpr qint64 kMaxSafetensorsHeaderBytes = 100LL * 1024 * 1024;

struct SafetensorsHeader
{
    qint64 headerLength = 0; // the JSON length from the 8-byte prefix
    qint64 dataBytes = 0; // size of the tensor data section (largest data_offsets end)
    int tensorCount = 0;
    qint64 parameterCount = 0; // sum over tensors of the product of the shape
    QMap<QString, qint64> dtypeHistogram; // safetensors dtype ("BF16", "F32", ...) -> parameters
    QMap<QString, QString> metadata; // the optional __metadata__ string map

    qint64 fileSize() const { return 8 + headerLength + dataBytes; }
};

// Bytes per element of a safetensors dtype ("BF16" -> 2) or a torch_dtype ("bfloat16" -> 2); 0 when unknown.
int bytesPerElement(const QString& dtype);

// Reads the little-endian u64 prefix: the number of bytes to Range-request after the first 8.
Result<qint64> safetensorsHeaderLength(QByteArrayView firstBytes);
// Parses a header given the start of the file (prefix + JSON, weights not needed).
Result<SafetensorsHeader> parseSafetensorsHeader(QByteArrayView fileStart);
// Parses the JSON part alone; headerLength is set to its size.
Result<SafetensorsHeader> parseSafetensorsJson(QByteArrayView json);
// Reads only the header of a local file and checks that the data section fits the file.
Result<SafetensorsHeader> readSafetensorsFile(const QString& path);

struct ModelFileInfo
{
    QString path; // relative path in the repo
    qint64 size = 0;
};

// What the registry shows before downloading: derived from config.json, safetensors headers and
// the file list. The string values follow seed 000's `models` enums.
struct ModelMetadata
{
    std::optional<ModelConfig> config;
    qint64 parameters = 0;
    QMap<QString, qint64> dtypeHistogram;
    QString dtype; // torch_dtype when given, else the dominant weight dtype in torch naming
    qint64 weightBytes = 0; // parameters x bytes per element, summed per dtype
    qint64 contextLength = 0;
    QString pipelineTag; // HuggingFace pipeline: "text-generation", "automatic-speech-recognition", ...
    QString task; // seed enum: llm | asr | tts | cv | nlp (empty when nothing tells)
    QString framework; // seed enum: vllm | triton | custom
    QString modelFormat; // seed enum: pytorch | onnx | tensorrt
    qint64 sizeBytes = 0;
    qint64 sizeMb = 0; // total file size in MiB, rounded up
    qint64 minGpuMemoryMb = 0; // see GpuMemoryEstimate.h
};

ModelMetadata deriveModelMetadata(const std::optional<ModelConfig>& config,
                                  const QList<SafetensorsHeader>& headers,
                                  const QList<ModelFileInfo>& files);

} // namespace aiops::registry
