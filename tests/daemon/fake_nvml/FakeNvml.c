/* Test double of the NVIDIA driver's libnvidia-ml.so: exports the NVML entry points NvmlProbe
 * resolves and answers with fixed values for two GPUs. It is not NVML; it only lets the probe's
 * dlopen/dlsym path, unit conversions and NOT_SUPPORTED handling run on machines without a GPU.
 *   GPU 0: "NVIDIA A100-SXM4-80GB", 80 GiB total, 75 GiB free, 37 %, 45 °C, 123.456 W of 400 W.
 *   GPU 1: "Tesla T4", 15 GiB total, 14 GiB free, 0 %, 33 °C, power NOT_SUPPORTED.
 * FAKE_NVML_INIT_FAIL=1 in the environment makes nvmlInit_v2 fail as with no driver loaded. */

#include <stdlib.h>
#include <string.h>

#define FAKE_EXPORT __attribute__((visibility("default")))

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st* nvmlDevice_t;
typedef struct
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;
typedef struct
{
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
};

struct nvmlDevice_st
{
    const char* name;
    const char* uuid;
    unsigned long long totalBytes;
    unsigned long long freeBytes;
    unsigned int utilization;
    unsigned int temperature;
    int powerSupported;
    unsigned int powerMilliwatts;
    unsigned int powerLimitMilliwatts;
};

#define GIB (1024ULL * 1024ULL * 1024ULL)

static struct nvmlDevice_st devices[2] = {
    { "NVIDIA A100-SXM4-80GB",
      "GPU-6f1c2d3e-0000-4000-8000-000000000001",
      80 * GIB,
      75 * GIB,
      37,
      45,
      1,
      123456,
      400000 },
    { "Tesla T4", "GPU-6f1c2d3e-0000-4000-8000-000000000002", 15 * GIB, 14 * GIB, 0, 33, 0, 0, 0 },
};

static int initialised = 0;

static nvmlReturn_t checkDevice(nvmlDevice_t device)
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    if (device != &devices[0] && device != &devices[1])
        return NVML_ERROR_INVALID_ARGUMENT;
    return NVML_SUCCESS;
}

static nvmlReturn_t copyString(const char* value, char* out, unsigned int length)
{
    if (!out || strlen(value) + 1 > length)
        return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(out, value, strlen(value) + 1);
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlInit_v2(void)
{
    const char* fail = getenv("FAKE_NVML_INIT_FAIL");
    if (fail && strcmp(fail, "1") == 0)
        return NVML_ERROR_DRIVER_NOT_LOADED;
    initialised = 1;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlShutdown(void)
{
    initialised = 0;
    return NVML_SUCCESS;
}

FAKE_EXPORT const char* nvmlErrorString(nvmlReturn_t result)
{
    switch (result) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    default: return "Unknown Error";
    }
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int* count)
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    *count = 2;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t* device)
{
    if (!initialised)
        return NVML_ERROR_UNINITIALIZED;
    if (index >= 2 || !device)
        return NVML_ERROR_INVALID_ARGUMENT;
    *device = &devices[index];
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char* name, unsigned int length)
{
    nvmlReturn_t rc = checkDevice(device);
    return rc != NVML_SUCCESS ? rc : copyString(device->name, name, length);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char* uuid, unsigned int length)
{
    nvmlReturn_t rc = checkDevice(device);
    return rc != NVML_SUCCESS ? rc : copyString(device->uuid, uuid, length);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t* memory)
{
    nvmlReturn_t rc = checkDevice(device);
    if (rc != NVML_SUCCESS)
        return rc;
    memory->total = device->totalBytes;
    memory->free = device->freeBytes;
    memory->used = device->totalBytes - device->freeBytes;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t* utilization)
{
    nvmlReturn_t rc = checkDevice(device);
    if (rc != NVML_SUCCESS)
        return rc;
    utilization->gpu = device->utilization;
    utilization->memory = device->utilization / 2;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor, unsigned int* temperature)
{
    nvmlReturn_t rc = checkDevice(device);
    if (rc != NVML_SUCCESS)
        return rc;
    if (sensor != 0) /* NVML_TEMPERATURE_GPU */
        return NVML_ERROR_INVALID_ARGUMENT;
    *temperature = device->temperature;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int* milliwatts)
{
    nvmlReturn_t rc = checkDevice(device);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!device->powerSupported)
        return NVML_ERROR_NOT_SUPPORTED;
    *milliwatts = device->powerMilliwatts;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int* milliwatts)
{
    nvmlReturn_t rc = checkDevice(device);
    if (rc != NVML_SUCCESS)
        return rc;
    if (!device->powerSupported)
        return NVML_ERROR_NOT_SUPPORTED;
    *milliwatts = device->powerLimitMilliwatts;
    return NVML_SUCCESS;
}
