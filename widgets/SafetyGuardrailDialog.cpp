#include "widgets/SafetyGuardrailDialog.h"

#include "core/safety/GuardrailEngine.h"
#include "models/SafetyFormat.h"
#include "widgets/Theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr int kMaxName = 255;
constexpr int kMaxDescription = 1000;
constexpr int kMaxBlockMessage = 500;

QComboBox* enumBox(const QStringList& values, QString (*text)(const QString&), const QString& current, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    for (const QString& value : values)
        box->addItem(text(value), value);
    if (!current.isEmpty() && box->findData(current) < 0)
        box->addItem(text(current), current);
    box->setCurrentIndex(std::max(0, box->findData(current)));
    return box;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

QString direction(const QStringList& appliesTo)
{
    if (appliesTo.size() == 1)
        return appliesTo.first();
    return QStringLiteral("both");
}

} // namespace

SafetyGuardrailDialog::SafetyGuardrailDialog(const safety::Guardrail& initial,
                                             const QStringList& takenNames,
                                             QWidget* parent)
    : QDialog(parent)
    , m_initial(initial)
    , m_takenNames(takenNames)
    , m_engine(std::make_unique<safety::GuardrailEngine>())
    , m_name(new QLineEdit(initial.name, this))
    , m_description(new QPlainTextEdit(initial.description, this))
    , m_type(enumBox(models::SafetyFormat::guardrailTypes(),
                     &models::SafetyFormat::guardrailTypeText,
                     initial.type.isEmpty() ? QStringLiteral("content-filter") : initial.type,
                     this))
    , m_termsLabel(new QLabel(this))
    , m_terms(new QPlainTextEdit(this))
    , m_toxicityLabel(new QLabel(tr("Max &toxicity:"), this))
    , m_toxicityRow(new QWidget(this))
    , m_toxicity(new QSlider(Qt::Horizontal, m_toxicityRow))
    , m_toxicityValue(new QLabel(m_toxicityRow))
    , m_promptLabel(new QLabel(tr("LLM &check:"), this))
    , m_prompt(new QLineEdit(initial.config.value(QStringLiteral("validationPrompt")).toString(), this))
    , m_modelLabel(new QLabel(tr("Check &model:"), this))
    , m_model(new QLineEdit(initial.config.value(QStringLiteral("validationModel")).toString(), this))
    , m_action(enumBox(models::SafetyFormat::guardrailActions(),
                       &models::SafetyFormat::guardrailActionText,
                       initial.action,
                       this))
    , m_blockMessage(new QLineEdit(initial.blockMessage, this))
    , m_appliesTo(enumBox(models::SafetyFormat::directions(),
                          &models::SafetyFormat::directionText,
                          direction(initial.appliesTo),
                          this))
    , m_allAgents(new QRadioButton(tr("A&ll agents"), this))
    , m_someAgents(new QRadioButton(tr("O&nly:"), this))
    , m_agents(new QLineEdit(initial.agentIds.join(QStringLiteral(", ")), this))
    , m_severity(enumBox(models::SafetyFormat::guardrailSeverities(),
                         &models::SafetyFormat::severityText,
                         initial.severity,
                         this))
    , m_active(new QCheckBox(tr("Acti&ve: check messages against this guardrail"), this))
    , m_error(new QLabel(this))
    , m_sample(new QLineEdit(this))
    , m_sampleResult(new QLabel(this))
    , m_ok(nullptr)
{
    setWindowTitle(isNew() ? tr("Add guardrail") : tr("Edit guardrail"));
    setMinimumWidth(600);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(isNew() ? tr("Add a guardrail") : tr("Edit “%1”").arg(initial.name), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name->setObjectName(QStringLiteral("guardrailName"));
    m_name->setMaxLength(kMaxName);
    m_name->setPlaceholderText(tr("e.g. No competitor talk"));
    form->addRow(tr("&Name:"), m_name);
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(tr("What this guardrail is for (shown to other operators)"));
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 2 + 14);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Type:"), m_type);

    m_terms->setObjectName(QStringLiteral("guardrailTerms"));
    m_terms->setTabChangesFocus(true);
    m_terms->setFixedHeight(m_terms->fontMetrics().lineSpacing() * 4 + 14);
    QStringList initialTerms = stringList(initial.config.value(QStringLiteral("blockedKeywords")));
    if (initialTerms.isEmpty())
        initialTerms = stringList(initial.config.value(QStringLiteral("allowedTopics")));
    m_terms->setPlainText(initialTerms.join(QLatin1Char('\n')));
    m_termsLabel->setBuddy(m_terms);
    form->addRow(m_termsLabel, m_terms);

    auto* toxicityLayout = new QHBoxLayout(m_toxicityRow);
    toxicityLayout->setContentsMargins(0, 0, 0, 0);
    toxicityLayout->setSpacing(Theme::kSpacingM);
    m_toxicity->setRange(0, 100);
    m_toxicity->setPageStep(5);
    m_toxicity->setTickPosition(QSlider::TicksBelow);
    m_toxicity->setTickInterval(10);
    m_toxicity->setValue(qRound(initial.config.value(QStringLiteral("maxToxicity")).toDouble(0.7) * 100));
    m_toxicity->setAccessibleName(tr("Maximum toxicity score"));
    toxicityLayout->addWidget(m_toxicity, 1);
    m_toxicityValue->setMinimumWidth(m_toxicityValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 8);
    toxicityLayout->addWidget(m_toxicityValue);
    m_toxicityLabel->setBuddy(m_toxicity);
    form->addRow(m_toxicityLabel, m_toxicityRow);

    m_prompt->setPlaceholderText(tr("Optional: ask an LLM whether the message is on topic"));
    m_promptLabel->setBuddy(m_prompt);
    form->addRow(m_promptLabel, m_prompt);
    m_model->setPlaceholderText(tr("Optional: model for that check"));
    m_modelLabel->setBuddy(m_model);
    form->addRow(m_modelLabel, m_model);

    form->addRow(tr("On &violation:"), m_action);
    m_blockMessage->setMaxLength(kMaxBlockMessage);
    m_blockMessage->setPlaceholderText(tr("Shown to the user, e.g. “I can't help with that.”"));
    form->addRow(tr("&Message:"), m_blockMessage);
    form->addRow(tr("A&pplies to:"), m_appliesTo);
    auto* agentRow = new QHBoxLayout;
    agentRow->setSpacing(Theme::kSpacingS);
    auto* agentGroup = new QButtonGroup(this);
    agentGroup->addButton(m_allAgents);
    agentGroup->addButton(m_someAgents);
    (initial.agentIds.isEmpty() ? m_allAgents : m_someAgents)->setChecked(true);
    agentRow->addWidget(m_allAgents);
    agentRow->addWidget(m_someAgents);
    m_agents->setPlaceholderText(tr("agent IDs, separated by commas"));
    m_agents->setAccessibleName(tr("Agents this guardrail applies to"));
    agentRow->addWidget(m_agents, 1);
    form->addRow(tr("Agents:"), agentRow);
    form->addRow(tr("&Severity:"), m_severity);
    m_active->setChecked(initial.isActive);
    form->addRow(QString(), m_active);
    layout->addLayout(form);

    m_error->setObjectName(QStringLiteral("guardrailError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto* sampleRow = new QHBoxLayout;
    sampleRow->setSpacing(Theme::kSpacingS);
    auto* sampleLabel = new QLabel(tr("T&ry it:"), this);
    sampleLabel->setBuddy(m_sample);
    sampleRow->addWidget(sampleLabel);
    m_sample->setObjectName(QStringLiteral("guardrailSample"));
    m_sample->setPlaceholderText(tr("A message to check against this guardrail"));
    sampleRow->addWidget(m_sample, 1);
    layout->addLayout(sampleRow);
    m_sampleResult->setObjectName(QStringLiteral("guardrailSampleResult"));
    m_sampleResult->setWordWrap(true);
    m_sampleResult->setTextFormat(Qt::PlainText);
    layout->addWidget(m_sampleResult);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(isNew() ? tr("Add guardrail") : tr("Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (QLineEdit* edit : { m_name, m_prompt, m_model, m_blockMessage, m_agents, m_sample })
        connect(edit, &QLineEdit::textChanged, this, &SafetyGuardrailDialog::validate);
    for (QPlainTextEdit* edit : { m_description, m_terms })
        connect(edit, &QPlainTextEdit::textChanged, this, &SafetyGuardrailDialog::validate);
    for (QComboBox* box : { m_action, m_appliesTo, m_severity })
        connect(box, &QComboBox::currentIndexChanged, this, &SafetyGuardrailDialog::validate);
    connect(m_type, &QComboBox::currentIndexChanged, this, &SafetyGuardrailDialog::onTypeChanged);
    connect(m_toxicity, &QSlider::valueChanged, this, &SafetyGuardrailDialog::validate);
    for (QAbstractButton* button : { static_cast<QAbstractButton*>(m_allAgents),
                                     static_cast<QAbstractButton*>(m_someAgents),
                                     static_cast<QAbstractButton*>(m_active) })
        connect(button, &QAbstractButton::toggled, this, &SafetyGuardrailDialog::validate);
    onTypeChanged();
    m_name->setFocus();
}

SafetyGuardrailDialog::~SafetyGuardrailDialog() = default;

QStringList SafetyGuardrailDialog::terms() const
{
    QStringList list;
    for (const QString& line : m_terms->toPlainText().split(QLatin1Char('\n'))) {
        for (const QString& term : line.split(QLatin1Char(','))) {
            const QString trimmed = term.trimmed();
            if (!trimmed.isEmpty() && !list.contains(trimmed))
                list.append(trimmed);
        }
    }
    return list;
}

safety::Guardrail SafetyGuardrailDialog::guardrail() const
{
    safety::Guardrail g = m_initial;
    g.name = m_name->text().trimmed();
    g.description = m_description->toPlainText().trimmed();
    g.type = m_type->currentData().toString();
    QJsonObject config = m_initial.config;
    for (const char* key : { "blockedKeywords", "allowedTopics", "maxToxicity", "validationPrompt", "validationModel" })
        config.remove(QLatin1String(key));
    if (g.type == QLatin1String("content-filter"))
        config.insert(QStringLiteral("blockedKeywords"), QJsonArray::fromStringList(terms()));
    if (g.type == QLatin1String("topic-restriction")) {
        config.insert(QStringLiteral("allowedTopics"), QJsonArray::fromStringList(terms()));
        if (!m_prompt->text().trimmed().isEmpty())
            config.insert(QStringLiteral("validationPrompt"), m_prompt->text().trimmed());
        if (!m_model->text().trimmed().isEmpty())
            config.insert(QStringLiteral("validationModel"), m_model->text().trimmed());
    }
    if (g.type == QLatin1String("toxicity"))
        config.insert(QStringLiteral("maxToxicity"), m_toxicity->value() / 100.0);
    g.config = config;
    g.action = m_action->currentData().toString();
    g.blockMessage = m_blockMessage->text().trimmed();
    g.appliesTo = QStringList { m_appliesTo->currentData().toString() };
    g.agentIds.clear();
    if (m_someAgents->isChecked()) {
        for (const QString& id : m_agents->text().split(QLatin1Char(','))) {
            if (!id.trimmed().isEmpty() && !g.agentIds.contains(id.trimmed()))
                g.agentIds.append(id.trimmed());
        }
    }
    g.severity = m_severity->currentData().toString();
    g.isActive = m_active->isChecked();
    return g;
}

QString SafetyGuardrailDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString SafetyGuardrailDialog::sampleResultText() const
{
    return m_sampleResult->text();
}

void SafetyGuardrailDialog::onTypeChanged()
{
    const QString type = m_type->currentData().toString();
    const bool keywords = type == QLatin1String("content-filter");
    const bool topics = type == QLatin1String("topic-restriction");
    const bool toxicity = type == QLatin1String("toxicity");
    m_termsLabel->setText(keywords ? tr("Blocked &keywords:") : tr("Allowed &topics:"));
    m_terms->setPlaceholderText(keywords ? tr("One keyword or phrase per line; case and Vietnamese accents are ignored")
                                         : tr("One topic per line, e.g. billing, shipping, returns"));
    m_termsLabel->setVisible(keywords || topics);
    m_terms->setVisible(keywords || topics);
    m_toxicityLabel->setVisible(toxicity);
    m_toxicityRow->setVisible(toxicity);
    for (QWidget* w : { static_cast<QWidget*>(m_promptLabel),
                        static_cast<QWidget*>(m_prompt),
                        static_cast<QWidget*>(m_modelLabel),
                        static_cast<QWidget*>(m_model) })
        w->setVisible(topics);
    validate();
    adjustSize();
}

void SafetyGuardrailDialog::validate()
{
    m_agents->setEnabled(m_someAgents->isChecked());
    m_toxicityValue->setText(QLocale().toString(m_toxicity->value() / 100.0, 'f', 2));

    const safety::Guardrail g = guardrail();
    QString error;
    if (g.name.isEmpty())
        error = tr("Give the guardrail a name.");
    else if (g.name.compare(m_initial.name, Qt::CaseInsensitive) != 0
             && m_takenNames.contains(g.name, Qt::CaseInsensitive))
        error = tr("A guardrail named “%1” already exists.").arg(g.name);
    else if (g.description.isEmpty())
        error = tr("Describe what the guardrail is for.");
    else if (g.description.size() > kMaxDescription)
        error = tr("The description is too long: %1 of at most %2 characters.")
                    .arg(g.description.size())
                    .arg(kMaxDescription);
    else if (g.type == QLatin1String("content-filter") && terms().isEmpty())
        error = tr("List at least one keyword to block.");
    else if (g.type == QLatin1String("topic-restriction") && terms().isEmpty())
        error = tr("List at least one allowed topic.");
    else if (m_someAgents->isChecked() && g.agentIds.isEmpty())
        error = tr("Name the agents, or choose All agents.");
    else if (const auto valid = safety::GuardrailEngine::validateGuardrail(g); !valid)
        error = valid.error().message;
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_ok->setEnabled(error.isEmpty());

    // The sample line: what this guardrail would do to the message, as configured now.
    const QString sample = m_sample->text();
    QString result;
    QColor color = palette().color(QPalette::WindowText);
    if (!sample.trimmed().isEmpty() && error.isEmpty()) {
        safety::Guardrail probe = g;
        probe.isActive = true;
        probe.agentIds.clear();
        probe.appliesTo = QStringList { QStringLiteral("both") };
        if (m_engine->setGuardrails({ probe })) {
            const safety::GuardrailOutcome outcome = m_engine->evaluate(sample, safety::Direction::UserInput);
            if (outcome.violations.isEmpty()) {
                result = tr("Passes: the message goes through unchanged.");
                color = Theme::statusColor(QStringLiteral("online"));
            } else {
                const safety::GuardrailViolation& v = outcome.violations.first();
                result = tr("%1: %2").arg(models::SafetyFormat::violationActionText(v.actionTaken), v.detectedIssue);
                if (outcome.blocked && !outcome.blockMessage.isEmpty())
                    result += QLatin1Char('\n') + tr("The user sees: %1").arg(outcome.blockMessage);
                else if (!v.modifiedText.isEmpty())
                    result += QLatin1Char('\n') + tr("Sent as: %1").arg(v.modifiedText);
                color = outcome.blocked ? Theme::errorText(palette()) : Theme::warningText(palette());
            }
        }
    }
    if (g.type == QLatin1String("toxicity") && !sample.trimmed().isEmpty())
        result += (result.isEmpty() ? QString() : QStringLiteral("\n"))
            + tr("Toxicity score: %1").arg(QLocale().toString(safety::GuardrailEngine::toxicity(sample), 'f', 2));
    m_sampleResult->setText(result);
    m_sampleResult->setVisible(!result.isEmpty());
    QPalette p = m_sampleResult->palette();
    p.setColor(QPalette::WindowText, color);
    m_sampleResult->setPalette(p);
}

} // namespace aiops::widgets
