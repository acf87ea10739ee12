#include "widgets/SecretRevealDialog.h"

#include "widgets/Theme.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace aiops::widgets {

SecretRevealDialog::SecretRevealDialog(const QString& title,
                                       const QString& intro,
                                       const QString& secret,
                                       QWidget* parent)
    : QDialog(parent)
    , m_field(new QLineEdit(secret, this))
    , m_copy(new QPushButton(this))
    , m_warning(new QLabel(this))
{
    setWindowTitle(title);
    setMinimumWidth(560);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* heading = new QLabel(title, this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);
    layout->addWidget(heading);
    auto* introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    layout->addWidget(introLabel);

    auto* row = new QHBoxLayout;
    row->setSpacing(Theme::kSpacingS);
    m_field->setObjectName(QStringLiteral("secretField"));
    m_field->setReadOnly(true);
    m_field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_field->setAccessibleName(tr("Secret"));
    m_field->setCursorPosition(0);
    row->addWidget(m_field, 1);
    m_copy->setText(tr("&Copy"));
    m_copy->setIcon(Theme::paletteIcon(QStringLiteral("copy"), palette()));
    row->addWidget(m_copy);
    layout->addLayout(row);

    auto* warningRow = new QHBoxLayout;
    warningRow->setSpacing(Theme::kSpacingS);
    auto* warningIcon = new QLabel(this);
    warningIcon->setPixmap(Theme::icon(QStringLiteral("alert"), Theme::warningText(palette())).pixmap(20, 20));
    warningRow->addWidget(warningIcon, 0, Qt::AlignTop);
    m_warning->setObjectName(QStringLiteral("secretWarning"));
    m_warning->setText(tr("Copy it now: you will not see it again. Only a hash is stored, so a lost key cannot be "
                          "recovered, only revoked and replaced."));
    m_warning->setWordWrap(true);
    QFont bold = m_warning->font();
    bold.setWeight(QFont::DemiBold);
    m_warning->setFont(bold);
    QPalette warn = m_warning->palette();
    warn.setColor(QPalette::WindowText, Theme::warningText(palette()));
    m_warning->setPalette(warn);
    warningRow->addWidget(m_warning, 1);
    layout->addLayout(warningRow);

    layout->addSpacing(Theme::kSpacingS);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I have copied it"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);

    m_copyFeedback.setSingleShot(true);
    m_copyFeedback.setInterval(2000);
    connect(&m_copyFeedback, &QTimer::timeout, this, [this] {
        m_copy->setText(tr("&Copy"));
        m_copy->setIcon(Theme::paletteIcon(QStringLiteral("copy"), palette()));
    });
    connect(m_copy, &QPushButton::clicked, this, &SecretRevealDialog::onCopyClicked);
    m_copy->setDefault(true);
    m_copy->setFocus();
    adjustSize();
}

SecretRevealDialog::~SecretRevealDialog() = default;

QString SecretRevealDialog::secret() const
{
    return m_field->text();
}

QString SecretRevealDialog::warningText() const
{
    return m_warning->text();
}

void SecretRevealDialog::onCopyClicked()
{
    QGuiApplication::clipboard()->setText(m_field->text());
    m_copy->setText(tr("Copied"));
    m_copy->setIcon(Theme::icon(QStringLiteral("check"), Theme::statusColor(QStringLiteral("online"))));
    m_copyFeedback.start();
}

} // namespace aiops::widgets
