#include "widgets/SafetyPatternDialog.h"

#include "core/safety/PiiEngine.h"
#include "models/SafetyFormat.h"
#include "widgets/SafetyTester.h"
#include "widgets/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

QComboBox* enumBox(const QStringList& values, QString (*text)(const QString&), const QString& current, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    for (const QString& value : values)
        box->addItem(text(value), value);
    if (box->findData(current) < 0)
        box->addItem(current, current);
    box->setCurrentIndex(box->findData(current));
    return box;
}

} // namespace

SafetyPatternDialog::SafetyPatternDialog(const safety::PiiPattern& initial,
                                         const QStringList& takenNames,
                                         QWidget* parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_takenNames(takenNames)
    , m_engine(std::make_unique<safety::PiiEngine>(safety::PiiEngine::Options {}))
    , m_name(new QLineEdit(initial.name, this))
    , m_regex(new QLineEdit(initial.regex, this))
    , m_caseInsensitive(new QCheckBox(tr("&Ignore case"), this))
    , m_category(
          enumBox(models::SafetyFormat::categories(), &models::SafetyFormat::categoryText, initial.category, this))
    , m_severity(enumBox(models::SafetyFormat::patternSeverities(),
                         &models::SafetyFormat::severityText,
                         initial.severity,
                         this))
    , m_method(enumBox(models::SafetyFormat::redactionMethods(),
                       &models::SafetyFormat::methodText,
                       initial.redactionMethod,
                       this))
    , m_maskChar(new QLineEdit(initial.maskChar, this))
    , m_preserveLength(new QCheckBox(tr("&Keep the original length"), this))
    , m_action(enumBox(models::SafetyFormat::patternActions(),
                       &models::SafetyFormat::patternActionText,
                       initial.action,
                       this))
    , m_active(new QCheckBox(tr("Acti&ve: detect matches of this pattern"), this))
    , m_error(new QLabel(this))
    , m_tester(new SafetyTester(m_engine.get(), this))
    , m_ok(nullptr)
{
    setWindowTitle(isNew() ? tr("Add PII pattern") : tr("Edit PII pattern"));
    setMinimumWidth(560);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(isNew() ? tr("Add a PII pattern") : tr("Edit “%1”").arg(initial.name), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto* intro = new QLabel(initial.builtIn ? tr("This pattern ships with the console: its name and expression are "
                                                  "fixed, how its matches are handled can change.")
                                             : tr("Matches of the expression are found in every chat message before it "
                                                  "is stored, then handled as set below."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name->setObjectName(QStringLiteral("patternName"));
    m_name->setMaxLength(255);
    m_name->setPlaceholderText(tr("e.g. Employee ID"));
    form->addRow(tr("&Name:"), m_name);
    m_regex->setObjectName(QStringLiteral("patternRegex"));
    m_regex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_regex->setPlaceholderText(tr("RE2 expression, e.g. \\bEMP-\\d{6}\\b"));
    m_regex->setToolTip(tr("RE2 syntax: no backreferences or lookaround, so every pattern runs in linear time."));
    form->addRow(tr("&Expression:"), m_regex);
    m_caseInsensitive->setChecked(initial.flags.contains(QLatin1Char('i')));
    form->addRow(QString(), m_caseInsensitive);
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("&Severity:"), m_severity);
    form->addRow(tr("&Redaction:"), m_method);
    auto* maskRow = new QHBoxLayout;
    maskRow->setSpacing(Theme::kSpacingM);
    m_maskChar->setObjectName(QStringLiteral("maskChar"));
    m_maskChar->setMaxLength(1);
    m_maskChar->setFixedWidth(m_maskChar->fontMetrics().horizontalAdvance(QStringLiteral("MMM")) + 16);
    m_maskChar->setAlignment(Qt::AlignCenter);
    m_maskChar->setAccessibleName(tr("Mask character"));
    maskRow->addWidget(m_maskChar);
    m_preserveLength->setChecked(initial.preserveLength);
    maskRow->addWidget(m_preserveLength);
    maskRow->addStretch(1);
    auto* maskLabel = new QLabel(tr("&Mask with:"), this);
    maskLabel->setBuddy(m_maskChar);
    form->addRow(maskLabel, maskRow);
    form->addRow(tr("&Action:"), m_action);
    m_active->setChecked(initial.isActive);
    form->addRow(QString(), m_active);
    layout->addLayout(form);

    m_error->setObjectName(QStringLiteral("patternError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto* tryLabel = new QLabel(tr("&Try it:"), this);
    tryLabel->setFont(Theme::captionFont(tryLabel->font()));
    tryLabel->setBuddy(m_tester->input());
    layout->addWidget(tryLabel);
    m_tester->setCompact(true);
    m_tester->setPlaceholderText(tr("Sample text: what this pattern matches is highlighted"));
    layout->addWidget(m_tester);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(isNew() ? tr("Add pattern") : tr("Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    if (initial.builtIn) {
        m_name->setReadOnly(true);
        m_regex->setReadOnly(true);
        m_caseInsensitive->setEnabled(false);
    }
    for (QLineEdit* edit : { m_name, m_regex, m_maskChar })
        connect(edit, &QLineEdit::textChanged, this, &SafetyPatternDialog::validate);
    for (QComboBox* box : { m_category, m_severity, m_method, m_action })
        connect(box, &QComboBox::currentIndexChanged, this, &SafetyPatternDialog::validate);
    for (QCheckBox* box : { m_caseInsensitive, m_preserveLength, m_active })
        connect(box, &QCheckBox::toggled, this, &SafetyPatternDialog::validate);
    validate();
    m_name->setFocus();
}

SafetyPatternDialog::~SafetyPatternDialog() = default;

safety::PiiPattern SafetyPatternDialog::pattern() const
{
    safety::PiiPattern p = m_initial;
    p.name = m_name->text().trimmed();
    p.regex = m_regex->text();
    p.flags = m_caseInsensitive->isChecked() ? QStringLiteral("i") : QString();
    p.category = m_category->currentData().toString();
    p.severity = m_severity->currentData().toString();
    p.redactionMethod = m_method->currentData().toString();
    p.maskChar = m_maskChar->text().isEmpty() ? QStringLiteral("*") : m_maskChar->text();
    p.preserveLength = m_preserveLength->isChecked();
    p.action = m_action->currentData().toString();
    p.isActive = m_active->isChecked();
    return p;
}

QString SafetyPatternDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SafetyPatternDialog::validate()
{
    const bool masking = m_method->currentData().toString() == QLatin1String("mask");
    m_maskChar->setEnabled(masking);
    m_preserveLength->setEnabled(masking);

    const safety::PiiPattern p = pattern();
    QString error;
    if (p.name.isEmpty())
        error = tr("Give the pattern a name.");
    else if (p.name.compare(m_initial.name, Qt::CaseInsensitive) != 0
             && m_takenNames.contains(p.name, Qt::CaseInsensitive))
        error = tr("A pattern named “%1” already exists.").arg(p.name);
    else if (p.regex.isEmpty())
        error = tr("Enter the expression to look for.");
    else if (const auto valid = safety::PiiEngine::validatePattern(p); !valid)
        error = valid.error().message;

    // The sample box runs the pattern as it stands, even while another field is incomplete.
    safety::PiiPattern sample = p;
    sample.isActive = true;
    if (sample.name.isEmpty())
        sample.name = tr("This pattern");
    if (sample.patternId.isEmpty())
        sample.patternId = QStringLiteral("preview");
    if (sample.regex.isEmpty() || !m_engine->setPatterns({ sample }))
        (void)m_engine->setPatterns({});
    m_tester->refresh();

    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_ok->setEnabled(error.isEmpty());
}

} // namespace aiops::widgets
