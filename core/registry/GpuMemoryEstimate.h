#pragma once

#include <QString>
#include <QtGlobal>

namespace aiops::registry {

// Inputs of the minimum-GPU-memory estimate. Zero layers or heads means the model has no KV cache
// worth reserving (encoders, CNNs): only weights and runtime overhead count.
struct GpuMemoryInput
{
    qint64 parameters = 0;
    qint64 weightBytes = 0; // when known exactly (per-dtype histogram); else parameters x bytesPerElement(dtype)
    QString dtype; // torch_dtype or safetensors dtype of the weights
    qint64 numHiddenLayers = 0;
    qint64 numKeyValueHeads = 0;
    qint64 headDim = 0;
    qint64 contextLength = 0; // the model's maximum; the estimate reserves min(this, kDefaultContext)
    qint64 batch = 1;
};

struct GpuMemoryEstimate
{
    qint64 weightBytes = 0;
    qint64 kvCacheBytes = 0;
    qint64 overheadBytes = 0;
    qint64 totalBytes = 0;
    qint64 minGpuMemoryMb = 0; // totalBytes rounded up to MiB
};

inline constexpr qint64 kDefaultContext = 4096;
inline constexpr qint64 kRuntimeBaseBytes = 1024LL * 1024 * 1024;
inline constexpr int kRuntimeOverheadPercent = 10;

// The formula (all in bytes, then rounded up to MiB):
//   weights  = parameters x bytes per element of the weight dtype (or the exact per-dtype sum)
//   context  = min(model context, kDefaultContext), kDefaultContext when the model does not say
//   kvCache  = 2 (K and V) x layers x kvHeads x headDim x context x kvBytes x batch
//              kvBytes = 4 for fp32 models, else 2 (quantised weights still keep a 16-bit cache)
//   overhead = kRuntimeBaseBytes (CUDA context, allocator, kernels)
//              + ceil(kRuntimeOverheadPercent % of (weights + kvCache)) for activations and fragmentation
//   total    = weights + kvCache + overhead
// It is the least a single GPU needs to load the model and serve one request at the default context;
// a serving engine configured for more concurrency needs more.
GpuMemoryEstimate estimateGpuMemory(const GpuMemoryInput& input);

} // namespace aiops::registry
