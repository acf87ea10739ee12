#include "widgets/LoginDialog.h"

#include "core/iam/SecretStore.h"
#include "models/RemoteSession.h"
#include "widgets/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

QString recentKey()
{
    return QStringLiteral("remote/recentControllers");
}

QString lastUsernameKey()
{
    return QStringLiteral("remote/lastUsername");
}

QString pinKey(const QUrl& url)
{
    // host_port: QSettings treats '/' as a group separator and ':' badly in INI keys.
    return QStringLiteral("remote/pinnedCertificates/%1_%2").arg(url.host()).arg(url.port(443));
}

QString formatFingerprint(const QByteArray& sha256)
{
    QStringList pairs;
    const QByteArray hex = sha256.toHex().toUpper();
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs.append(QString::fromLatin1(hex.mid(i, 2)));
    return pairs.join(u':');
}

void setTextColor(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

} // namespace

LoginDialog::LoginDialog(iam::SecretStore* secrets, QSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_settings(settings)
    , m_url(new QComboBox(this))
    , m_plainHttpWarning(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_error(new QLabel(this))
    , m_trust(new QPushButton(this))
    , m_busyBar(new QProgressBar(this))
    , m_signIn(nullptr)
    , m_cancel(nullptr)
{
    setWindowTitle(tr("Sign in to a controller"));
    setMinimumWidth(480);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(tr("Sign in to a remote controller"), this);
    title->setFont(Theme::titleFont(title->font()));
    layout->addWidget(title);
    auto* intro = new QLabel(tr("Manage a fleet run by another AIOps controller. Your role on that controller "
                                "decides what you can change."),
                             this);
    intro->setWordWrap(true);
    setTextColor(intro, Theme::subtleText(palette()));
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->addItems(recentControllers(*m_settings));
    m_url->lineEdit()->setPlaceholderText(tr("https://controller.example.org:8750"));
    m_url->setAccessibleName(tr("Controller address"));
    form->addRow(tr("&Controller:"), m_url);
    m_plainHttpWarning->setText(tr("Not encrypted: the password would cross the network in clear text. Use "
                                   "https:// unless this is a trusted network."));
    m_plainHttpWarning->setWordWrap(true);
    setTextColor(m_plainHttpWarning, Theme::warningText(palette()));
    m_plainHttpWarning->setVisible(false);
    form->addRow(QString(), m_plainHttpWarning);

    m_username->setText(m_settings->value(lastUsernameKey()).toString());
    m_username->setAccessibleName(tr("User name"));
    form->addRow(tr("&User name:"), m_username);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("&Password:"), m_password);
    m_remember->setText(tr("&Remember me on this computer"));
    m_remember->setToolTip(
        secrets
            ? tr("Keeps a sign-in token in the system keychain (%1), not your password.").arg(secrets->backendName())
            : tr("No keychain is available on this computer."));
    m_remember->setEnabled(secrets != nullptr);
    form->addRow(QString(), m_remember);
    layout->addLayout(form);

    auto* errorRow = new QVBoxLayout;
    errorRow->setSpacing(Theme::kSpacingS);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAccessibleName(tr("Sign-in error"));
    setTextColor(m_error, Theme::errorText(palette()));
    m_error->setVisible(false);
    errorRow->addWidget(m_error);
    m_trust->setText(tr("&Trust this certificate"));
    m_trust->setVisible(false);
    errorRow->addWidget(m_trust, 0, Qt::AlignLeft);
    layout->addLayout(errorRow);

    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setFixedHeight(4);
    m_busyBar->setAccessibleName(tr("Signing in"));
    // Keeps its place while hidden so the dialog does not jump when it appears.
    QSizePolicy keep = m_busyBar->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_busyBar->setSizePolicy(keep);
    m_busyBar->setVisible(false);
    layout->addWidget(m_busyBar);

    auto* buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    Theme::makePrimary(m_signIn, QStringLiteral("key"));
    m_signIn->setDefault(true);
    m_signIn->setAutoDefault(true);
    layout->addWidget(buttons);

    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::onSignInClicked);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(m_trust, &QPushButton::clicked, this, &LoginDialog::onTrustClicked);
    connect(m_url, &QComboBox::editTextChanged, this, &LoginDialog::onUrlEdited);
    onUrlEdited();

    if (m_url->currentText().isEmpty())
        m_url->setFocus();
    else if (m_username->text().isEmpty())
        m_username->setFocus();
    else
        m_password->setFocus();
    adjustSize();
}

LoginDialog::~LoginDialog() = default;

QStringList LoginDialog::recentControllers(const QSettings& settings)
{
    QStringList urls = settings.value(recentKey()).toStringList();
    urls.removeAll(QString());
    return urls.mid(0, kMaxRecent);
}

QSslCertificate LoginDialog::pinnedCertificate(const QSettings& settings, const QUrl& controllerUrl)
{
    const QByteArray pem = settings.value(pinKey(controllerUrl)).toByteArray();
    return pem.isEmpty() ? QSslCertificate() : QSslCertificate(pem, QSsl::Pem);
}

QString LoginDialog::lockoutMessage(int retryAfterSeconds)
{
    if (retryAfterSeconds <= 0)
        return tr("Too many attempts; try again later.");
    const int minutes = (retryAfterSeconds + 59) / 60;
    // Two strings rather than %n: the message must read right without a loaded English translation.
    if (minutes == 1)
        return tr("Too many attempts; try again in 1 minute.");
    return tr("Too many attempts; try again in %1 minutes.").arg(minutes);
}

std::unique_ptr<models::RemoteSession> LoginDialog::takeSession()
{
    if (m_session)
        m_session->disconnect(this);
    return std::move(m_session);
}

void LoginDialog::setControllerUrl(const QString& url)
{
    m_url->setEditText(url);
}

QString LoginDialog::errorText() const
{
    return m_error->text();
}

bool LoginDialog::isShowingError() const
{
    return !m_error->isHidden();
}

void LoginDialog::reject()
{
    dropSession();
    setBusy(false);
    QDialog::reject();
}

void LoginDialog::onSignInClicked()
{
    if (m_busy)
        return;
    clearError();
    const auto url = models::RemoteSession::normalizeUrl(m_url->currentText());
    if (!url) {
        showError(url.error().message, m_url);
        return;
    }
    if (m_username->text().trimmed().isEmpty()) {
        showError(tr("Enter your user name."), m_username);
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."), m_password);
        return;
    }
    dropSession();
    m_session = std::make_unique<models::RemoteSession>(*url, m_secrets);
    m_session->pinCertificate(pinnedCertificate(*m_settings, *url));
    connect(m_session.get(), &models::RemoteSession::signedIn, this, &LoginDialog::onSignedIn);
    connect(m_session.get(), &models::RemoteSession::errorOccurred, this, &LoginDialog::onError);
    connect(m_session.get(), &models::RemoteSession::tlsErrorsOccurred, this, &LoginDialog::onTlsErrors);
    m_tlsProblems.clear();
    m_tlsFingerprint.clear();
    setBusy(true);
    m_session->login(m_username->text().trimmed(), m_password->text(), m_remember->isChecked() && m_secrets);
}

void LoginDialog::onSignedIn()
{
    setBusy(false);
    rememberController(m_session->controllerUrl().toString());
    m_settings->setValue(lastUsernameKey(), m_username->text().trimmed());
    m_password->clear();
    accept();
}

void LoginDialog::onError(const aiops::Error& error)
{
    setBusy(false);
    switch (error.code) {
    case ErrorCode::Unauthorized:
        showError(tr("Wrong user name or password."), m_password);
        m_password->selectAll();
        return;
    case ErrorCode::RateLimited: showError(lockoutMessage(error.retryAfterSeconds), m_password); return;
    case ErrorCode::Forbidden: showError(tr("This account may not sign in: %1").arg(error.message), m_username); return;
    default: break;
    }
    if (!m_tlsProblems.isEmpty()) {
        QString text
            = tr("The controller's certificate is not trusted: %1.").arg(m_tlsProblems.join(QStringLiteral("; ")));
        if (!m_tlsFingerprint.isEmpty()) {
            text += QLatin1Char('\n')
                + tr("SHA-256 fingerprint: %1. Trust it only if it matches the fingerprint shown on the controller.")
                      .arg(formatFingerprint(m_tlsFingerprint));
        }
        showError(text, m_url);
        m_trust->setVisible(!m_tlsFingerprint.isEmpty());
        adjustSize();
        return;
    }
    showError(error.message, m_url);
}

void LoginDialog::onTlsErrors(const QStringList& problems, const QByteArray& sha256)
{
    m_tlsProblems = problems;
    m_tlsFingerprint = sha256;
}

void LoginDialog::onTrustClicked()
{
    if (!m_session || m_session->lastPeerCertificate().isNull())
        return;
    m_settings->setValue(pinKey(m_session->controllerUrl()), m_session->lastPeerCertificate().toPem());
    onSignInClicked();
}

void LoginDialog::onUrlEdited()
{
    const auto url = models::RemoteSession::normalizeUrl(m_url->currentText());
    bool plain = false;
    if (url && url->scheme() == u"http") {
        const QString host = url->host();
        plain = host != u"localhost" && !QHostAddress(host).isLoopback();
    }
    m_plainHttpWarning->setVisible(plain);
}

void LoginDialog::showError(const QString& text, QWidget* focus)
{
    m_error->setText(text);
    m_error->setVisible(true);
    m_trust->setVisible(false);
    adjustSize(); // grow to the wrapped message instead of squeezing the form
    if (focus)
        focus->setFocus();
}

void LoginDialog::clearError()
{
    m_error->clear();
    m_error->setVisible(false);
    m_trust->setVisible(false);
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("&Sign in"));
    m_signIn->setEnabled(!busy);
    for (QWidget* w : { static_cast<QWidget*>(m_url),
                        static_cast<QWidget*>(m_username),
                        static_cast<QWidget*>(m_password),
                        static_cast<QWidget*>(m_trust) })
        w->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_secrets);
}

void LoginDialog::rememberController(const QString& url)
{
    QStringList urls = recentControllers(*m_settings);
    urls.removeAll(url);
    urls.prepend(url);
    m_settings->setValue(recentKey(), urls.mid(0, kMaxRecent));
}

void LoginDialog::dropSession()
{
    // Deleted later: this may run inside one of the session's own signals.
    if (m_session) {
        m_session->disconnect(this);
        m_session.release()->deleteLater();
    }
}

} // namespace aiops::widgets
