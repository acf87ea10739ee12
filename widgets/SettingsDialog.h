#pragma once

#include "widgets/ConsoleSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace aiops::widgets {

// Edits ConsoleSettings. The values are read when the console starts, so they apply after a restart.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(const ConsoleSettings& settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    ConsoleSettings settings() const;
    // The HuggingFace token lives in the keychain, not in the settings: `stored` tells the dialog
    // whether one is there; huggingFaceToken() is what was typed (empty = leave it as it is).
    void setHuggingFaceTokenStored(bool stored);
    QString huggingFaceToken() const;
    // The S3 keys, likewise kept in the keychain: typed values (empty = leave the stored ones).
    void setS3KeysStored(bool stored);
    QString s3AccessKeyId() const;
    QString s3SecretAccessKey() const;
    bool isValid() const;

private:
    void onBrowseClicked();
    void onInputChanged();

    QComboBox* m_listenAddress;
    QSpinBox* m_port;
    QDoubleSpinBox* m_heartbeat;
    QLineEdit* m_dataDir;
    QDoubleSpinBox* m_temperature;
    QCheckBox* m_redactLogs;
    QCheckBox* m_tls;
    QLineEdit* m_tlsCertificate;
    QLineEdit* m_tlsKey;
    QLineEdit* m_hfEndpoint;
    QLineEdit* m_hfToken;
    QLineEdit* m_s3Endpoint;
    QLineEdit* m_s3Bucket;
    QLineEdit* m_s3Region;
    QLineEdit* m_s3Prefix;
    QLineEdit* m_s3AccessKey;
    QLineEdit* m_s3SecretKey;
    QLabel* m_s3Error;
    QLabel* m_addressError;
    QDialogButtonBox* m_buttons;
};

} // namespace aiops::widgets
