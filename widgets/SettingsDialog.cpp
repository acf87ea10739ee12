#include "widgets/SettingsDialog.h"

#include "widgets/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace aiops::widgets {

SettingsDialog::SettingsDialog(const ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_listenAddress(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_heartbeat(new QDoubleSpinBox(this))
    , m_dataDir(new QLineEdit(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_redactLogs(new QCheckBox(tr("&Redact personal data and secrets in logs"), this))
    , m_tls(new QCheckBox(tr("Ser&ve over TLS (https and wss)"), this))
    , m_tlsCertificate(new QLineEdit(this))
    , m_tlsKey(new QLineEdit(this))
    , m_hfEndpoint(new QLineEdit(this))
    , m_hfToken(new QLineEdit(this))
    , m_addressError(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(520);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_listenAddress->setEditable(true);
    m_listenAddress->addItem(tr("127.0.0.1 — this computer only"), QStringLiteral("127.0.0.1"));
    m_listenAddress->addItem(tr("0.0.0.0 — all network interfaces"), QStringLiteral("0.0.0.0"));
    const int known = m_listenAddress->findData(settings.listenAddress);
    if (known >= 0)
        m_listenAddress->setCurrentIndex(known);
    else
        m_listenAddress->setEditText(settings.listenAddress);
    form->addRow(tr("&Listen address:"), m_listenAddress);
    m_addressError->setText(tr("Enter an IPv4 or IPv6 address."));
    QPalette err = m_addressError->palette();
    err.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_addressError->setPalette(err);
    m_addressError->setVisible(false);
    form->addRow(QString(), m_addressError);

    m_port->setRange(1, 65535);
    m_port->setValue(settings.port > 0 ? settings.port : 8750);
    m_port->setGroupSeparatorShown(false);
    form->addRow(tr("&Port:"), m_port);

    m_heartbeat->setRange(0.5, 60.0);
    m_heartbeat->setDecimals(1);
    m_heartbeat->setSingleStep(0.5);
    m_heartbeat->setSuffix(tr(" s"));
    m_heartbeat->setValue(settings.heartbeatIntervalMs / 1000.0);
    form->addRow(tr("&Heartbeat interval:"), m_heartbeat);

    auto* dirRow = new QHBoxLayout;
    dirRow->setSpacing(Theme::kSpacingS);
    m_dataDir->setText(settings.dataDir);
    m_dataDir->setPlaceholderText(ConsoleSettings::defaultDataDir());
    dirRow->addWidget(m_dataDir, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    dirRow->addWidget(browse);
    auto* dirLabel = new QLabel(tr("&Data directory:"), this);
    dirLabel->setBuddy(m_dataDir);
    form->addRow(dirLabel, dirRow);

    m_temperature->setRange(40.0, 120.0);
    m_temperature->setDecimals(0);
    m_temperature->setSuffix(tr(" °C"));
    m_temperature->setValue(settings.gpuTemperatureThreshold);
    form->addRow(tr("GPU &temperature alert:"), m_temperature);
    m_redactLogs->setChecked(settings.redactLogs);
    m_redactLogs->setToolTip(tr("Log lines are scanned for PII, tokens, passwords and home paths before they are "
                                "written. Turn off only to debug, and never on a shared machine."));
    form->addRow(tr("Logging:"), m_redactLogs);

    m_tls->setChecked(settings.tlsEnabled);
    m_tls->setToolTip(tr("Nodes connect over wss:// and pin the controller's certificate on first use, like SSH. "
                         "Without a certificate of your own, a self-signed one is generated."));
    form->addRow(tr("Security:"), m_tls);
    m_tlsCertificate->setText(settings.tlsCertificatePath);
    m_tlsCertificate->setPlaceholderText(tr("Self-signed (generated on first start)"));
    form->addRow(tr("&Certificate (PEM):"), m_tlsCertificate);
    m_tlsKey->setText(settings.tlsKeyPath);
    m_tlsKey->setPlaceholderText(tr("Self-signed (generated on first start)"));
    form->addRow(tr("Private &key (PEM):"), m_tlsKey);
    const auto syncTls = [this] {
        m_tlsCertificate->setEnabled(m_tls->isChecked());
        m_tlsKey->setEnabled(m_tls->isChecked());
    };
    connect(m_tls, &QCheckBox::toggled, this, syncTls);
    syncTls();

    m_hfEndpoint->setText(settings.huggingFaceEndpoint);
    m_hfEndpoint->setPlaceholderText(QStringLiteral("https://huggingface.co"));
    m_hfEndpoint->setToolTip(
        tr("A HuggingFace mirror to download models from. Empty: $HF_ENDPOINT, else huggingface.co."));
    form->addRow(tr("HuggingFace &mirror:"), m_hfEndpoint);
    m_hfToken->setEchoMode(QLineEdit::Password);
    m_hfToken->setPlaceholderText(tr("None (public models only)"));
    m_hfToken->setToolTip(tr("Needed for gated and private models. Kept in the system keychain, never in the "
                             "settings file."));
    form->addRow(tr("HuggingFace toke&n:"), m_hfToken);
    layout->addLayout(form);

    auto* note = new QLabel(tr("These settings are read when AIOps Console starts: restart it to apply a new "
                               "listen address, port, data directory, heartbeat interval, alert threshold or TLS."),
                            this);
    note->setWordWrap(true);
    QPalette subtle = note->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    note->setPalette(subtle);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::onBrowseClicked);
    connect(m_listenAddress, &QComboBox::editTextChanged, this, &SettingsDialog::onInputChanged);
    connect(m_listenAddress, &QComboBox::currentIndexChanged, this, &SettingsDialog::onInputChanged);
    onInputChanged();
}

SettingsDialog::~SettingsDialog() = default;

static QString addressOf(const QComboBox* combo)
{
    const int index = combo->findText(combo->currentText());
    if (index >= 0)
        return combo->itemData(index).toString();
    return combo->currentText().trimmed();
}

ConsoleSettings SettingsDialog::settings() const
{
    ConsoleSettings s;
    s.listenAddress = addressOf(m_listenAddress);
    s.port = m_port->value();
    s.heartbeatIntervalMs = int(m_heartbeat->value() * 1000.0);
    s.dataDir = m_dataDir->text().trimmed();
    s.gpuTemperatureThreshold = m_temperature->value();
    s.redactLogs = m_redactLogs->isChecked();
    s.tlsEnabled = m_tls->isChecked();
    s.tlsCertificatePath = m_tlsCertificate->text().trimmed();
    s.tlsKeyPath = m_tlsKey->text().trimmed();
    s.huggingFaceEndpoint = m_hfEndpoint->text().trimmed();
    return s;
}

void SettingsDialog::setHuggingFaceTokenStored(bool stored)
{
    m_hfToken->setPlaceholderText(stored ? tr("A token is stored; type a new one to replace it")
                                         : tr("None (public models only)"));
}

QString SettingsDialog::huggingFaceToken() const
{
    return m_hfToken->text().trimmed();
}

bool SettingsDialog::isValid() const
{
    return !QHostAddress(addressOf(m_listenAddress)).isNull();
}

void SettingsDialog::onBrowseClicked()
{
    const QString start = m_dataDir->text().isEmpty() ? ConsoleSettings::defaultDataDir() : m_dataDir->text();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data directory"), start);
    if (!dir.isEmpty())
        m_dataDir->setText(dir);
}

void SettingsDialog::onInputChanged()
{
    const bool valid = isValid();
    m_addressError->setVisible(!valid);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

} // namespace aiops::widgets
