#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace aiops::registry {

// Seed 000 `models` record (one per model; versions below).
struct ModelRecord
{
    QString modelId; // "qwen2.5-0.5b-instruct"
    QString name; // "Qwen/Qwen2.5-0.5B-Instruct"
    QString description;
    QString source = QStringLiteral("huggingface"); // huggingface | custom
    QString sourceUrl; // https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct
    QString framework; // triton | vllm | custom
    QString modelFormat; // pytorch | onnx | tensorrt
    QString task; // asr | tts | cv | llm | nlp
    QString minioPath; // where the artifacts live: "local://models--Qwen--..." or "s3://bucket/path"
    qint64 sizeMb = 0;
    QString version; // semantic version of the latest version, "1.0.0"
    qint64 minGpuMemory = 0; // MiB
    qint64 minVram = 0; // MiB
    qint64 parameters = 0;
    QString dtype;
    qint64 contextLength = 0;
    QStringList languages;
    QString license;
    QString orgId;
    QString userId;
    QString status = QStringLiteral("ready"); // downloading | ready | failed
    QDateTime createdAt;
    QDateTime changedAt;
};

// One version of a model: a semantic version plus the source commit it was taken from.
struct ModelVersion
{
    QString modelId;
    QString version; // "1.0.0", then "1.1.0" for a newer source commit
    QString revision; // requested revision ("main")
    QString commitSha; // resolved source commit
    qint64 sizeBytes = 0;
    QDateTime createdAt;
};

struct ModelFile
{
    QString path; // "model.safetensors"
    qint64 size = 0;
    QString sha256; // LFS files; empty for small git files (their etag is used)
};

// One file of a model version as a node fetches it (system.node.cacheModel, GET /storage/.../manifest).
struct ManifestFile
{
    QString path; // relative path in the snapshot
    qint64 size = 0;
    QString sha256; // always set: what the node verifies while streaming
    QString blobHash; // the object store's name for it (sha256, or the git sha1 of a small file)
    // Where to GET it: a controller-relative storage route ("/storage/models/m/blobs/<hash>", needs the
    // caller's bearer credential) or an absolute presigned S3 URL (needs nothing).
    QString url;
};

struct ModelManifest
{
    QString modelId;
    QString version;
    QString commitSha;
    QList<ManifestFile> files;
    qint64 totalBytes = 0;
};

// What the "Add from HuggingFace" dialog shows before anything is downloaded.
struct ModelPreview
{
    QString repo; // "Qwen/Qwen2.5-0.5B-Instruct"
    QString revision; // as asked
    QString commitSha; // resolved
    QList<ModelFile> files;
    qint64 totalBytes = 0;
    qint64 parameters = 0;
    QString dtype;
    qint64 contextLength = 0;
    QString task;
    QString framework;
    QString modelFormat;
    qint64 minGpuMemoryMb = 0;
    QString license;
    bool gated = false;
};

// A download job (persistent: survives a restart and resumes).
struct DownloadJob
{
    QString jobId;
    QString repo;
    QString revision;
    QString framework; // requested override, else the suggested one
    QString state; // queued | running | paused | completed | failed | cancelled
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    double bytesPerSecond = 0;
    int etaSeconds = -1; // unknown
    int filesDone = 0;
    int filesTotal = 0;
    QString currentFile;
    QString errorCode; // set when failed: UNAUTHORIZED, FORBIDDEN (gated), NOT_FOUND, INSUFFICIENT_STORAGE...
    QString errorMessage;
    QString modelId; // set when completed
    QDateTime createdAt;
    QDateTime changedAt;
};

} // namespace aiops::registry

Q_DECLARE_METATYPE(aiops::registry::DownloadJob)
Q_DECLARE_METATYPE(aiops::registry::ModelPreview)
