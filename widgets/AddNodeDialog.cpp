#include "widgets/AddNodeDialog.h"

#include "core/controller/NodeService.h"
#include "widgets/Theme.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

QString shellQuoted(const QString& value)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:@%+=,-]+$"));
    if (safe.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QLabel* wrappedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

AddNodeDialog::AddNodeDialog(controller::NodeService* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_endpoint(service->nodeEndpointUrl())
    , m_tokenPanel(new QWidget(this))
    , m_nameEdit(new QLineEdit(m_tokenPanel))
    , m_tokenField(new QLineEdit(m_tokenPanel))
    , m_commandField(new QPlainTextEdit(m_tokenPanel))
    , m_copyButton(new QPushButton(m_tokenPanel))
    , m_expiry(new QLabel(m_tokenPanel))
    , m_newTokenButton(new QPushButton(this))
    , m_error(new QLabel(this))
    , m_loopbackWarning(new QLabel(this))
{
    setWindowTitle(tr("Add node"));
    setMinimumWidth(640);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(tr("Add a GPU machine"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);
    layout->addWidget(wrappedLabel(tr("Install aiops-node on the machine, then run the command below there. The "
                                      "daemon connects to this controller, enrolls with the token and appears in "
                                      "the Nodes list within a few seconds."),
                                   this));

    // Everything that needs a token; hidden while the dialog shows why there is none.
    auto* panel = new QVBoxLayout(m_tokenPanel);
    panel->setContentsMargins(0, 0, 0, 0);
    panel->setSpacing(Theme::kSpacingM);
    layout->addWidget(m_tokenPanel);
    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    m_nameEdit->setText(QStringLiteral("gpu-node-%1").arg(service->nodes().size() + 1));
    m_nameEdit->setPlaceholderText(tr("defaults to the machine's hostname"));
    form->addRow(tr("Node &name:"), m_nameEdit);
    panel->addLayout(form);
    m_tokenField->setObjectName(QStringLiteral("tokenField"));
    m_tokenField->setReadOnly(true);
    m_tokenField->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tokenField->setAccessibleName(tr("Enrollment token"));
    form->addRow(tr("Enrollment &token:"), m_tokenField);

    auto* commandRow = new QHBoxLayout;
    commandRow->setSpacing(Theme::kSpacingS);
    // One line of shell, wrapped anywhere so the whole command stays visible; Copy copies it unwrapped.
    m_commandField->setReadOnly(true);
    m_commandField->setObjectName(QStringLiteral("commandField"));
    m_commandField->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandField->setAccessibleName(tr("Command to run on the GPU machine"));
    m_commandField->setWordWrapMode(QTextOption::WrapAnywhere);
    m_commandField->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_commandField->setTabChangesFocus(true);
    m_commandField->setFixedHeight(QFontMetrics(m_commandField->font()).lineSpacing() * 3 + 16);
    commandRow->addWidget(m_commandField, 1);
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setIcon(Theme::paletteIcon(QStringLiteral("copy"), palette()));
    m_copyButton->setDefault(true);
    commandRow->addWidget(m_copyButton, 0, Qt::AlignTop);
    panel->addLayout(commandRow);

    m_expiry->setObjectName(QStringLiteral("tokenExpiry"));
    m_expiry->setWordWrap(true);
    QPalette subtle = m_expiry->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_expiry->setPalette(subtle);
    panel->addWidget(m_expiry);

    m_error->setObjectName(QStringLiteral("tokenError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    const QHostAddress host(QUrl(m_endpoint).host());
    m_loopbackWarning->setText(tr("The controller only listens on this computer (%1), so only a node on this "
                                  "computer can connect. To add other machines, set the listen address in "
                                  "Settings and restart the console.")
                                   .arg(QUrl(m_endpoint).host()));
    m_loopbackWarning->setWordWrap(true);
    QPalette warn = m_loopbackWarning->palette();
    warn.setColor(QPalette::WindowText, Theme::warningText(palette()));
    m_loopbackWarning->setPalette(warn);
    m_loopbackWarning->setVisible(host.isLoopback());
    layout->addWidget(m_loopbackWarning);

    layout->addSpacing(Theme::kSpacingS);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_newTokenButton->setText(tr("&New token"));
    m_newTokenButton->setObjectName(QStringLiteral("newTokenButton"));
    m_newTokenButton->setToolTip(tr("Issue another one-time token, for example for a second machine."));
    m_newTokenButton->setAutoDefault(false);
    buttons->addButton(m_newTokenButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_copyFeedback.setSingleShot(true);
    m_copyFeedback.setInterval(2000);
    connect(&m_copyFeedback, &QTimer::timeout, this, &AddNodeDialog::onCopyFeedbackTimeout);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &AddNodeDialog::onNameChanged);
    connect(m_copyButton, &QPushButton::clicked, this, &AddNodeDialog::onCopyClicked);
    connect(m_newTokenButton, &QPushButton::clicked, this, &AddNodeDialog::issueToken);
    issueToken();
    adjustSize();
}

AddNodeDialog::~AddNodeDialog() = default;

QString AddNodeDialog::commandLine(const QString& endpoint, const QString& token, const QString& name)
{
    QStringList parts { QStringLiteral("aiops-node"),
                        QStringLiteral("--controller"),
                        shellQuoted(endpoint),
                        QStringLiteral("--token"),
                        shellQuoted(token) };
    const QString trimmed = name.trimmed();
    if (!trimmed.isEmpty())
        parts << QStringLiteral("--name") << shellQuoted(trimmed);
    return parts.join(QLatin1Char(' '));
}

QString AddNodeDialog::command() const
{
    return m_commandField->toPlainText();
}

QString AddNodeDialog::expiryText() const
{
    return m_expiry->text();
}

bool AddNodeDialog::isShowingError() const
{
    return !m_error->isHidden();
}

QString AddNodeDialog::errorText() const
{
    return isShowingError() ? m_error->text() : QString();
}

void AddNodeDialog::issueToken()
{
    const auto issued = m_service->issueEnrollmentToken();
    if (!issued) {
        m_token.clear();
        m_expiresAt = {};
        m_error->setText(issued.error().code == ErrorCode::Forbidden
                             ? tr("You may not add nodes: %1").arg(issued.error().message)
                             : tr("Could not create an enrollment token: %1").arg(issued.error().message));
        m_error->setVisible(true);
        m_tokenPanel->setVisible(false);
        m_newTokenButton->setText(tr("&Try again"));
        onNameChanged();
        return;
    }
    m_token = issued->token;
    m_expiresAt = issued->expiresAt;
    m_error->setVisible(false);
    m_tokenPanel->setVisible(true);
    m_newTokenButton->setText(tr("&New token"));
    m_tokenField->setText(m_token);
    m_tokenField->setCursorPosition(0);
    m_expiry->setText(tr("Valid until %1, single use. Keep it private: anyone who has it can add a machine to this "
                         "controller.")
                          .arg(QLocale().toString(m_expiresAt.toLocalTime().time(), QLocale::ShortFormat)));
    m_expiry->setToolTip(QLocale().toString(m_expiresAt.toLocalTime(), QLocale::LongFormat));
    onNameChanged();
}

bool AddNodeDialog::isShowingLoopbackWarning() const
{
    return !m_loopbackWarning->isHidden();
}

void AddNodeDialog::onNameChanged()
{
    m_commandField->setPlainText(m_token.isEmpty() ? QString() : commandLine(m_endpoint, m_token, m_nameEdit->text()));
}

void AddNodeDialog::onCopyClicked()
{
    QGuiApplication::clipboard()->setText(command());
    m_copyButton->setText(tr("Copied"));
    m_copyButton->setIcon(Theme::icon(QStringLiteral("check"), Theme::statusColor(QStringLiteral("online"))));
    m_copyFeedback.start();
}

void AddNodeDialog::onCopyFeedbackTimeout()
{
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setIcon(Theme::paletteIcon(QStringLiteral("copy"), palette()));
}

} // namespace aiops::widgets
