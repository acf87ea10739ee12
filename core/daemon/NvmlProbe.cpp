#include "core/daemon/NvmlProbe.h"

#include <dlfcn.h>

namespace aiops::daemon {

namespace {

// The few NVML declarations we need (nvml.h is not available at build time). Layouts and values
// are those of NVML's public header.
using nvmlReturn_t = int;
using nvmlDevice_t = struct nvmlDevice_st*;

struct nvmlMemory_t
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

struct nvmlUtilization_t
{
    unsigned int gpu;
    unsigned int memory;
};

constexpr nvmlReturn_t NvmlSuccess = 0;
constexpr nvmlReturn_t NvmlErrorNotSupported = 3;
constexpr int NvmlTemperatureGpu = 0;
constexpr unsigned int NvmlNameBufferSize = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE
constexpr unsigned int NvmlUuidBufferSize = 96; // NVML_DEVICE_UUID_V2_BUFFER_SIZE
constexpr qint64 BytesPerMib = 1024 * 1024;

} // namespace

struct NvmlProbe::Library
{
    void* handle = nullptr;
    bool initialised = false;

    nvmlReturn_t (*init)() = nullptr;
    nvmlReturn_t (*shutdown)() = nullptr;
    const char* (*errorString)(nvmlReturn_t) = nullptr;
    nvmlReturn_t (*deviceGetCount)(unsigned int*) = nullptr;
    nvmlReturn_t (*deviceGetHandleByIndex)(unsigned int, nvmlDevice_t*) = nullptr;
    nvmlReturn_t (*deviceGetName)(nvmlDevice_t, char*, unsigned int) = nullptr;
    nvmlReturn_t (*deviceGetUuid)(nvmlDevice_t, char*, unsigned int) = nullptr;
    nvmlReturn_t (*deviceGetMemoryInfo)(nvmlDevice_t, nvmlMemory_t*) = nullptr;
    nvmlReturn_t (*deviceGetUtilizationRates)(nvmlDevice_t, nvmlUtilization_t*) = nullptr;
    nvmlReturn_t (*deviceGetTemperature)(nvmlDevice_t, int, unsigned int*) = nullptr;
    nvmlReturn_t (*deviceGetPowerUsage)(nvmlDevice_t, unsigned int*) = nullptr;
    nvmlReturn_t (*deviceGetEnforcedPowerLimit)(nvmlDevice_t, unsigned int*) = nullptr;

    ~Library()
    {
        if (initialised && shutdown)
            shutdown();
        if (handle)
            dlclose(handle);
    }

    QString describe(nvmlReturn_t rc) const
    {
        const char* text = errorString ? errorString(rc) : nullptr;
        return text ? QString::fromUtf8(text) : QStringLiteral("NVML error %1").arg(rc);
    }

    template<typename Fn> bool resolve(Fn& fn, const char* symbol)
    {
        fn = reinterpret_cast<Fn>(dlsym(handle, symbol));
        return fn != nullptr;
    }
};

NvmlProbe::NvmlProbe(QString libraryPath)
    : m_libraryPath(std::move(libraryPath))
{
}

NvmlProbe::~NvmlProbe() = default;

Result<void> NvmlProbe::ensureLoaded()
{
    if (m_lib && m_lib->initialised)
        return {};

    auto lib = std::make_unique<Library>();
    lib->handle = dlopen(m_libraryPath.toLocal8Bit().constData(), RTLD_NOW | RTLD_LOCAL);
    if (!lib->handle) {
        const char* why = dlerror();
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot load %1: %2")
                             .arg(m_libraryPath, why ? QString::fromLocal8Bit(why) : QStringLiteral("unknown error")));
    }

    const bool resolved = lib->resolve(lib->init, "nvmlInit_v2") && lib->resolve(lib->shutdown, "nvmlShutdown")
        && lib->resolve(lib->errorString, "nvmlErrorString")
        && lib->resolve(lib->deviceGetCount, "nvmlDeviceGetCount_v2")
        && lib->resolve(lib->deviceGetHandleByIndex, "nvmlDeviceGetHandleByIndex_v2")
        && lib->resolve(lib->deviceGetName, "nvmlDeviceGetName")
        && lib->resolve(lib->deviceGetUuid, "nvmlDeviceGetUUID")
        && lib->resolve(lib->deviceGetMemoryInfo, "nvmlDeviceGetMemoryInfo")
        && lib->resolve(lib->deviceGetUtilizationRates, "nvmlDeviceGetUtilizationRates")
        && lib->resolve(lib->deviceGetTemperature, "nvmlDeviceGetTemperature")
        && lib->resolve(lib->deviceGetPowerUsage, "nvmlDeviceGetPowerUsage")
        && lib->resolve(lib->deviceGetEnforcedPowerLimit, "nvmlDeviceGetEnforcedPowerLimit");
    if (!resolved) {
        const char* why = dlerror();
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1 lacks an NVML symbol: %2")
                             .arg(m_libraryPath, why ? QString::fromLocal8Bit(why) : QStringLiteral("unknown")));
    }

    const nvmlReturn_t rc = lib->init();
    if (rc != NvmlSuccess)
        return makeError(ErrorCode::Unavailable, QStringLiteral("nvmlInit_v2 failed: %1").arg(lib->describe(rc)));
    lib->initialised = true;
    m_lib = std::move(lib);
    return {};
}

Result<QList<GpuReading>> NvmlProbe::read()
{
    if (auto loaded = ensureLoaded(); !loaded)
        return std::unexpected(loaded.error());
    Library& lib = *m_lib;

    // Any code but success or NOT_SUPPORTED fails the whole read: a half-answered inventory would
    // make devices appear and vanish between heartbeats.
    QString failure;
    const auto query = [&](nvmlReturn_t rc, const char* what) -> bool {
        if (rc == NvmlSuccess)
            return true;
        if (rc != NvmlErrorNotSupported && failure.isEmpty())
            failure = QStringLiteral("%1: %2").arg(QLatin1StringView(what), lib.describe(rc));
        return false;
    };

    unsigned int count = 0;
    if (const nvmlReturn_t rc = lib.deviceGetCount(&count); rc != NvmlSuccess)
        return makeError(ErrorCode::Unavailable, QStringLiteral("nvmlDeviceGetCount_v2: %1").arg(lib.describe(rc)));

    QList<GpuReading> readings;
    readings.reserve(static_cast<qsizetype>(count));
    for (unsigned int i = 0; i < count; ++i) {
        nvmlDevice_t device = nullptr;
        if (const nvmlReturn_t rc = lib.deviceGetHandleByIndex(i, &device); rc != NvmlSuccess) {
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("nvmlDeviceGetHandleByIndex_v2(%1): %2").arg(i).arg(lib.describe(rc)));
        }

        GpuReading r;
        r.index = static_cast<int>(i);
        r.deviceId = QString::number(i);
        r.vendor = QStringLiteral("nvidia");

        char text[NvmlNameBufferSize] = {};
        if (query(lib.deviceGetName(device, text, NvmlNameBufferSize), "nvmlDeviceGetName"))
            r.name = QString::fromUtf8(text, qstrnlen(text, sizeof text));
        char uuid[NvmlUuidBufferSize] = {};
        if (query(lib.deviceGetUuid(device, uuid, NvmlUuidBufferSize), "nvmlDeviceGetUUID"))
            r.uuid = QString::fromUtf8(uuid, qstrnlen(uuid, sizeof uuid));

        nvmlMemory_t memory {};
        if (query(lib.deviceGetMemoryInfo(device, &memory), "nvmlDeviceGetMemoryInfo")) {
            r.memoryTotalMb = static_cast<qint64>(memory.total / BytesPerMib);
            r.memoryFreeMb = static_cast<qint64>(memory.free / BytesPerMib);
        }
        nvmlUtilization_t utilization {};
        if (query(lib.deviceGetUtilizationRates(device, &utilization), "nvmlDeviceGetUtilizationRates"))
            r.utilization = utilization.gpu;
        unsigned int value = 0;
        if (query(lib.deviceGetTemperature(device, NvmlTemperatureGpu, &value), "nvmlDeviceGetTemperature"))
            r.temperature = value;
        if (query(lib.deviceGetPowerUsage(device, &value), "nvmlDeviceGetPowerUsage"))
            r.powerW = value / 1000.0;
        if (query(lib.deviceGetEnforcedPowerLimit(device, &value), "nvmlDeviceGetEnforcedPowerLimit"))
            r.powerLimitW = value / 1000.0;

        if (!failure.isEmpty())
            return makeError(ErrorCode::Unavailable, QStringLiteral("GPU %1: %2").arg(i).arg(failure));
        readings.append(std::move(r));
    }
    return readings;
}

} // namespace aiops::daemon
