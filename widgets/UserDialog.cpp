#include "widgets/UserDialog.h"

#include "core/iam/Permissions.h"
#include "models/IamFormat.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace aiops::widgets {

using models::IamFormat;

UserDialog::UserDialog(const QList<iam::Organization>& organizations,
                       const std::optional<iam::User>& existing,
                       const QStringList& takenUsernames,
                       QWidget* parent)
    : QDialog(parent)
    , m_existing(existing)
    , m_taken(takenUsernames)
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_organization(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_roleDescription(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(isNew() ? tr("Add user") : tr("Edit user"));
    setMinimumWidth(520);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(isNew() ? tr("Add a user") : tr("Edit “%1”").arg(existing->username), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto* intro = new QLabel(isNew() ? tr("The user signs in with this username and password. Their role decides "
                                          "what they may change; every role can see the fleet.")
                                     : tr("Changes apply from the user's next request. Leave the password empty to "
                                          "keep it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setMaxLength(64);
    m_username->setPlaceholderText(tr("e.g. linh.nguyen"));
    form->addRow(tr("&Username:"), m_username);
    m_displayName->setMaxLength(255);
    m_displayName->setPlaceholderText(tr("e.g. Linh Nguyen"));
    form->addRow(tr("&Display name:"), m_displayName);
    m_email->setMaxLength(255);
    m_email->setPlaceholderText(tr("name@example.com"));
    form->addRow(tr("&Email:"), m_email);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(isNew() ? tr("at least %n character(s)", nullptr, kMinPasswordLength)
                                           : tr("unchanged"));
    form->addRow(isNew() ? tr("&Password:") : tr("New &password:"), m_password);
    for (const iam::Organization& org : organizations)
        m_organization->addItem(org.name, org.orgId);
    form->addRow(tr("&Organization:"), m_organization);
    for (const iam::Role role : iam::allRoles()) {
        const QString name = iam::roleName(role);
        m_role->addItem(IamFormat::roleText(name), name);
        m_role->setItemData(m_role->count() - 1, IamFormat::roleDescription(name), Qt::ToolTipRole);
    }
    form->addRow(tr("&Role:"), m_role);
    m_roleDescription->setWordWrap(true);
    QPalette subtle = m_roleDescription->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_roleDescription->setPalette(subtle);
    form->addRow(QString(), m_roleDescription);
    layout->addLayout(form);

    m_error->setObjectName(QStringLiteral("userError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(isNew() ? tr("Add user") : tr("Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    if (m_existing) {
        m_username->setText(m_existing->username);
        m_username->setReadOnly(true);
        m_displayName->setText(m_existing->displayName);
        m_email->setText(m_existing->email);
        if (const int org = m_organization->findData(m_existing->orgId); org >= 0)
            m_organization->setCurrentIndex(org);
        if (!m_existing->roles.isEmpty()) {
            if (const int r = m_role->findData(m_existing->roles.first()); r >= 0)
                m_role->setCurrentIndex(r);
        }
    } else {
        m_organization->setCurrentIndex(std::max(0, m_organization->findData(QStringLiteral("default"))));
        m_role->setCurrentIndex(m_role->findData(iam::roleName(iam::Role::OrganizationViewer)));
    }

    for (QLineEdit* edit : { m_username, m_displayName, m_email, m_password })
        connect(edit, &QLineEdit::textChanged, this, &UserDialog::validate);
    connect(m_role, &QComboBox::currentIndexChanged, this, &UserDialog::validate);
    connect(m_organization, &QComboBox::currentIndexChanged, this, &UserDialog::validate);
    validate();
    (isNew() ? m_username : m_displayName)->setFocus();
}

UserDialog::~UserDialog() = default;

iam::NewUser UserDialog::newUser() const
{
    iam::NewUser user;
    user.username = m_username->text().trimmed();
    user.password = m_password->text();
    user.email = m_email->text().trimmed();
    user.displayName = m_displayName->text().trimmed();
    user.orgId = m_organization->currentData().toString();
    user.roles = QStringList { m_role->currentData().toString() };
    return user;
}

QJsonObject UserDialog::changes() const
{
    QJsonObject changes;
    if (!m_existing)
        return changes;
    const iam::NewUser edited = newUser();
    if (edited.displayName != m_existing->displayName)
        changes.insert(QStringLiteral("displayName"), edited.displayName);
    if (edited.email != m_existing->email)
        changes.insert(QStringLiteral("email"), edited.email);
    if (!edited.orgId.isEmpty() && edited.orgId != m_existing->orgId)
        changes.insert(QStringLiteral("orgId"), edited.orgId);
    // Only a changed role replaces the list, so extra roles given elsewhere survive an edit of the name.
    if (m_existing->roles.isEmpty() || edited.roles.first() != m_existing->roles.first())
        changes.insert(QStringLiteral("roles"), QJsonArray::fromStringList(edited.roles));
    if (!edited.password.isEmpty())
        changes.insert(QStringLiteral("password"), edited.password);
    return changes;
}

QString UserDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void UserDialog::validate()
{
    m_roleDescription->setText(IamFormat::roleDescription(m_role->currentData().toString()));
    static const QRegularExpression usernamePattern(QStringLiteral("^[A-Za-z0-9._@-]+$"));
    const iam::NewUser user = newUser();
    QString error;
    if (user.username.isEmpty())
        error = tr("Enter a username.");
    else if (!usernamePattern.match(user.username).hasMatch())
        error = tr("A username may contain letters, digits and . _ @ - only.");
    else if (isNew() && m_taken.contains(user.username, Qt::CaseInsensitive))
        error = tr("The username “%1” is taken.").arg(user.username);
    else if (!user.email.isEmpty() && !user.email.contains(QLatin1Char('@')))
        error = tr("Enter a valid email address, or leave it empty.");
    else if ((isNew() || !user.password.isEmpty()) && user.password.size() < kMinPasswordLength)
        error = tr("The password needs at least %n character(s).", nullptr, kMinPasswordLength);
    else if (user.orgId.isEmpty())
        error = tr("Choose an organization.");
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_ok->setEnabled(error.isEmpty() && (isNew() || !changes().isEmpty()));
}

} // namespace aiops::widgets
