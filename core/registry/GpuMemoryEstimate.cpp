#include "core/registry/GpuMemoryEstimate.h"

#include "core/registry/ModelMetadata.h"

#include <algorithm>

namespace aiops::registry {

namespace {

constexpr qint64 kMiB = 1024LL * 1024;

qint64 ceilDiv(qint64 value, qint64 divisor)
{
    return (value + divisor - 1) / divisor;
}

} // namespace

GpuMemoryEstimate estimateGpuMemory(const GpuMemoryInput& input)
{
    GpuMemoryEstimate estimate;
    const int elementBytes = bytesPerElement(input.dtype);
    estimate.weightBytes = input.weightBytes > 0
        ? input.weightBytes
        : std::max<qint64>(0, input.parameters) * (elementBytes > 0 ? elementBytes : 2);

    if (input.numHiddenLayers > 0 && input.numKeyValueHeads > 0 && input.headDim > 0) {
        const qint64 context
            = input.contextLength > 0 ? std::min(input.contextLength, kDefaultContext) : kDefaultContext;
        const qint64 kvBytes = elementBytes >= 4 ? 4 : 2;
        estimate.kvCacheBytes = 2 * input.numHiddenLayers * input.numKeyValueHeads * input.headDim * context * kvBytes
            * std::max<qint64>(1, input.batch);
    }

    const qint64 loaded = estimate.weightBytes + estimate.kvCacheBytes;
    estimate.overheadBytes = kRuntimeBaseBytes + ceilDiv(loaded * kRuntimeOverheadPercent, 100);
    estimate.totalBytes = loaded + estimate.overheadBytes;
    estimate.minGpuMemoryMb = ceilDiv(estimate.totalBytes, kMiB);
    return estimate;
}

} // namespace aiops::registry
