#include "widgets/ConsoleSettings.h"

#include <QSettings>
#include <QStandardPaths>

namespace aiops::widgets {

ConsoleSettings ConsoleSettings::load(const QSettings& settings)
{
    const ConsoleSettings defaults;
    ConsoleSettings s;
    s.listenAddress = settings.value(listenAddressKey(), defaults.listenAddress).toString();
    s.port = settings.value(portKey(), defaults.port).toInt();
    s.heartbeatIntervalMs = settings.value(heartbeatIntervalKey(), defaults.heartbeatIntervalMs).toInt();
    s.dataDir = settings.value(dataDirKey(), defaults.dataDir).toString();
    s.gpuTemperatureThreshold
        = settings.value(gpuTemperatureThresholdKey(), defaults.gpuTemperatureThreshold).toDouble();
    s.redactLogs = settings.value(redactLogsKey(), defaults.redactLogs).toBool();
    s.tlsEnabled = settings.value(tlsEnabledKey(), defaults.tlsEnabled).toBool();
    s.tlsCertificatePath = settings.value(tlsCertificateKey()).toString();
    s.tlsKeyPath = settings.value(tlsKeyKey()).toString();
    s.huggingFaceEndpoint = settings.value(huggingFaceEndpointKey()).toString();
    s.s3Endpoint = settings.value(s3EndpointKey()).toString();
    s.s3Bucket = settings.value(s3BucketKey()).toString();
    s.s3Region = settings.value(s3RegionKey(), s.s3Region).toString();
    s.s3Prefix = settings.value(s3PrefixKey()).toString();
    if (s.port < 0 || s.port > 65535)
        s.port = defaults.port;
    if (s.heartbeatIntervalMs < 250)
        s.heartbeatIntervalMs = defaults.heartbeatIntervalMs;
    return s;
}

void ConsoleSettings::save(QSettings& settings) const
{
    settings.setValue(listenAddressKey(), listenAddress);
    settings.setValue(portKey(), port);
    settings.setValue(heartbeatIntervalKey(), heartbeatIntervalMs);
    settings.setValue(dataDirKey(), dataDir);
    settings.setValue(gpuTemperatureThresholdKey(), gpuTemperatureThreshold);
    settings.setValue(redactLogsKey(), redactLogs);
    settings.setValue(tlsEnabledKey(), tlsEnabled);
    settings.setValue(tlsCertificateKey(), tlsCertificatePath);
    settings.setValue(tlsKeyKey(), tlsKeyPath);
    settings.setValue(huggingFaceEndpointKey(), huggingFaceEndpoint);
    settings.setValue(s3EndpointKey(), s3Endpoint);
    settings.setValue(s3BucketKey(), s3Bucket);
    settings.setValue(s3RegionKey(), s3Region);
    settings.setValue(s3PrefixKey(), s3Prefix);
}

QString ConsoleSettings::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace aiops::widgets
