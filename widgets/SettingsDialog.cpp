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
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

// Gives the label columns of forms stacked in one layout the same width, so their fields line up.
void alignLabelColumns(const QList<QFormLayout*>& forms)
{
    int widest = 0;
    QList<QWidget*> labels;
    for (QFormLayout* form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels.append(item->widget());
                widest = std::max(widest, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget* label : std::as_const(labels))
        label->setMinimumWidth(widest);
}

} // namespace

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
    , m_s3Endpoint(new QLineEdit(this))
    , m_s3Bucket(new QLineEdit(this))
    , m_s3Region(new QLineEdit(this))
    , m_s3Prefix(new QLineEdit(this))
    , m_s3AccessKey(new QLineEdit(this))
    , m_s3SecretKey(new QLineEdit(this))
    , m_s3Error(new QLabel(this))
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

    // Models and their storage on a second tab, so that neither tab scrolls.
    auto* controllerTab = new QWidget(this);
    controllerTab->setLayout(form);
    form->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    auto* modelsTab = new QWidget(this);
    // Wrapped text goes in the box layout, not in a form row, where it would get too little height.
    auto* modelsLayout = new QVBoxLayout(modelsTab);
    modelsLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    modelsLayout->setSpacing(Theme::kSpacingS);
    const auto newForm = [] {
        auto* f = new QFormLayout;
        f->setHorizontalSpacing(Theme::kSpacingM);
        f->setVerticalSpacing(Theme::kSpacingS);
        return f;
    };
    auto* modelsForm = newForm();
    modelsLayout->addLayout(modelsForm);
    auto* tabs = new QTabWidget(this);
    tabs->addTab(controllerTab, tr("&Controller"));
    tabs->addTab(modelsTab, tr("&Models && storage"));
    form = modelsForm;

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
    m_hfToken->setObjectName(QStringLiteral("hfToken"));

    auto* s3Title = new QLabel(tr("S3 / MinIO model storage"), this);
    QFont titleFont = s3Title->font();
    titleFont.setBold(true);
    s3Title->setFont(titleFont);
    modelsLayout->addSpacing(Theme::kSpacingS);
    modelsLayout->addWidget(s3Title);
    auto* s3Help = new QLabel(tr("Optional. Downloaded models are copied to this bucket and nodes fetch them "
                                 "through short-lived presigned links, so nodes never hold storage keys. Leave the "
                                 "endpoint empty to serve models from this machine."),
                              this);
    s3Help->setWordWrap(true);
    modelsLayout->addWidget(s3Help);
    auto* s3Form = newForm();
    form = s3Form;
    modelsLayout->addLayout(form);
    modelsLayout->addStretch(1);
    m_s3Endpoint->setText(settings.s3Endpoint);
    m_s3Endpoint->setPlaceholderText(QStringLiteral("http://minio.local:9000"));
    form->addRow(tr("&Endpoint:"), m_s3Endpoint);
    m_s3Bucket->setText(settings.s3Bucket);
    m_s3Bucket->setPlaceholderText(QStringLiteral("aiops-models"));
    form->addRow(tr("&Bucket:"), m_s3Bucket);
    m_s3Region->setText(settings.s3Region);
    m_s3Region->setPlaceholderText(QStringLiteral("us-east-1"));
    form->addRow(tr("&Region:"), m_s3Region);
    m_s3Prefix->setText(settings.s3Prefix);
    m_s3Prefix->setPlaceholderText(tr("None (bucket root)"));
    form->addRow(tr("Key &prefix:"), m_s3Prefix);
    m_s3AccessKey->setPlaceholderText(tr("Not set"));
    m_s3AccessKey->setObjectName(QStringLiteral("s3AccessKey"));
    form->addRow(tr("&Access key ID:"), m_s3AccessKey);
    m_s3SecretKey->setEchoMode(QLineEdit::Password);
    m_s3SecretKey->setPlaceholderText(tr("Not set"));
    m_s3SecretKey->setObjectName(QStringLiteral("s3SecretKey"));
    m_s3SecretKey->setToolTip(tr("Kept in the system keychain, never in the settings file."));
    form->addRow(tr("&Secret access key:"), m_s3SecretKey);
    QPalette errorPalette = m_s3Error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_s3Error->setPalette(errorPalette);
    m_s3Error->setWordWrap(true);
    m_s3Error->setVisible(false);
    form->addRow(QString(), m_s3Error);
    layout->addWidget(tabs);
    alignLabelColumns({ modelsForm, s3Form });

    auto* note = new QLabel(tr("These settings are read when AIOps Console starts: restart it to apply a new "
                               "listen address, port, data directory, heartbeat interval, alert threshold, TLS or "
                               "model storage."),
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
    connect(m_s3Endpoint, &QLineEdit::textChanged, this, &SettingsDialog::onInputChanged);
    connect(m_s3Bucket, &QLineEdit::textChanged, this, &SettingsDialog::onInputChanged);
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
    s.s3Endpoint = m_s3Endpoint->text().trimmed();
    s.s3Bucket = m_s3Bucket->text().trimmed();
    s.s3Region = m_s3Region->text().trimmed().isEmpty() ? QStringLiteral("us-east-1") : m_s3Region->text().trimmed();
    s.s3Prefix = m_s3Prefix->text().trimmed();
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

void SettingsDialog::setS3KeysStored(bool stored)
{
    const QString text = stored ? tr("Stored; type a new one to replace it") : tr("Not set");
    m_s3AccessKey->setPlaceholderText(text);
    m_s3SecretKey->setPlaceholderText(text);
}

QString SettingsDialog::s3AccessKeyId() const
{
    return m_s3AccessKey->text().trimmed();
}

QString SettingsDialog::s3SecretAccessKey() const
{
    return m_s3SecretKey->text().trimmed();
}

// Why the S3 fields cannot be saved as they are; empty when they can (all empty counts: local only).
static QString s3Problem(const QString& endpoint, const QString& bucket)
{
    if (endpoint.isEmpty())
        return bucket.isEmpty() ? QString() : SettingsDialog::tr("Enter the S3 endpoint for this bucket.");
    const QUrl url(endpoint, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return SettingsDialog::tr("The endpoint must be an http:// or https:// address.");
    if (bucket.isEmpty())
        return SettingsDialog::tr("Enter the bucket to keep models in.");
    return {};
}

bool SettingsDialog::isValid() const
{
    return !QHostAddress(addressOf(m_listenAddress)).isNull()
        && s3Problem(m_s3Endpoint->text().trimmed(), m_s3Bucket->text().trimmed()).isEmpty();
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
    m_addressError->setVisible(QHostAddress(addressOf(m_listenAddress)).isNull());
    const QString s3 = s3Problem(m_s3Endpoint->text().trimmed(), m_s3Bucket->text().trimmed());
    m_s3Error->setText(s3);
    m_s3Error->setVisible(!s3.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

} // namespace aiops::widgets
