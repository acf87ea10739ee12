#pragma once

#include <QString>

class QSettings;

namespace aiops::widgets {

// The console's persistent settings (QSettings), read by the app at start-up to configure the
// embedded controller and edited in SettingsDialog.
struct ConsoleSettings
{
    QString listenAddress = QStringLiteral("127.0.0.1");
    int port = 8750;
    int heartbeatIntervalMs = 2000;
    QString dataDir; // empty = defaultDataDir()
    double gpuTemperatureThreshold = 85.0;
    bool redactLogs = true; // seed 004 DEBUG_REDACTED_MODE; off shows a warning in the status bar
    // TLS for the controller's port (https + wss). Without a certificate a self-signed one is made
    // on first enable; node daemons pin it on first use.
    bool tlsEnabled = false;
    QString huggingFaceEndpoint; // a HuggingFace mirror; empty = $HF_ENDPOINT or huggingface.co
    QString tlsCertificatePath;
    QString tlsKeyPath;
    // S3/MinIO model storage (empty endpoint: local only); the keys live in the keychain.
    QString s3Endpoint;
    QString s3Bucket;
    QString s3Region = QStringLiteral("us-east-1");
    QString s3Prefix;

    static ConsoleSettings load(const QSettings& settings);
    void save(QSettings& settings) const;
    static QString defaultDataDir();
    QString effectiveDataDir() const { return dataDir.isEmpty() ? defaultDataDir() : dataDir; }
    bool operator==(const ConsoleSettings&) const = default;

    // Keys, also used by the app for one-off flags.
    static QString listenAddressKey() { return QStringLiteral("controller/listenAddress"); }
    static QString portKey() { return QStringLiteral("controller/port"); }
    static QString heartbeatIntervalKey() { return QStringLiteral("controller/heartbeatIntervalMs"); }
    static QString dataDirKey() { return QStringLiteral("controller/dataDir"); }
    static QString gpuTemperatureThresholdKey() { return QStringLiteral("alerts/gpuTemperatureThreshold"); }
    static QString redactLogsKey() { return QStringLiteral("logging/redact"); }
    static QString tlsEnabledKey() { return QStringLiteral("controller/tls"); }
    static QString tlsCertificateKey() { return QStringLiteral("controller/tlsCertificate"); }
    static QString tlsKeyKey() { return QStringLiteral("controller/tlsKey"); }
    static QString huggingFaceEndpointKey() { return QStringLiteral("models/huggingFaceEndpoint"); }
    static QString s3EndpointKey() { return QStringLiteral("storage/s3Endpoint"); }
    static QString s3BucketKey() { return QStringLiteral("storage/s3Bucket"); }
    static QString s3RegionKey() { return QStringLiteral("storage/s3Region"); }
    static QString s3PrefixKey() { return QStringLiteral("storage/s3Prefix"); }
};

} // namespace aiops::widgets
