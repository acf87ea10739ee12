#include "widgets/ApiKeyDialog.h"

#include "models/ApiKeyTableModel.h"
#include "widgets/Theme.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace aiops::widgets {

ApiKeyDialog::ApiKeyDialog(QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_allModels(new QRadioButton(tr("&All models"), this))
    , m_someModels(new QRadioButton(tr("&Only these models:"), this))
    , m_models(new QPlainTextEdit(this))
    , m_requests(new QSpinBox(this))
    , m_tokens(new QSpinBox(this))
    , m_window(new QComboBox(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_burst(new QSpinBox(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Create API key"));
    setMinimumWidth(540);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(tr("Create an API key"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto* intro = new QLabel(tr("Inference clients send the key as a bearer token to the OpenAI-compatible routes. "
                                "It acts for you, limited to the models and quota set here."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name->setObjectName(QStringLiteral("keyName"));
    m_name->setMaxLength(120);
    m_name->setPlaceholderText(tr("e.g. support-chatbot"));
    form->addRow(tr("&Name:"), m_name);

    auto* scope = new QVBoxLayout;
    scope->setSpacing(Theme::kSpacingS / 2);
    auto* group = new QButtonGroup(this);
    group->addButton(m_allModels);
    group->addButton(m_someModels);
    m_allModels->setChecked(true);
    scope->addWidget(m_allModels);
    scope->addWidget(m_someModels);
    m_models->setObjectName(QStringLiteral("keyModels"));
    m_models->setPlaceholderText(tr("One model per line, e.g. llama-3-8b-instruct"));
    m_models->setTabChangesFocus(true);
    m_models->setFixedHeight(m_models->fontMetrics().lineSpacing() * 3 + 14);
    m_models->setAccessibleName(tr("Allowed models"));
    scope->addWidget(m_models);
    form->addRow(tr("Models:"), scope);

    auto unlimitedSpin = [this](QSpinBox* box, const QString& suffix) {
        box->setRange(0, 2'000'000'000);
        box->setSingleStep(1000);
        box->setSpecialValueText(tr("Unlimited"));
        box->setSuffix(suffix);
        box->setGroupSeparatorShown(true);
    };
    unlimitedSpin(m_requests, tr(" requests"));
    m_requests->setSingleStep(100);
    unlimitedSpin(m_tokens, tr(" tokens"));
    for (const int seconds : { 60, 3600, 86400, 7 * 86400, 30 * 86400 })
        m_window->addItem(models::ApiKeyTableModel::windowText(seconds), seconds);
    m_window->setCurrentIndex(m_window->findData(86400));
    m_window->setAccessibleName(tr("Quota window"));
    auto* quota = new QHBoxLayout;
    quota->setSpacing(Theme::kSpacingS);
    quota->addWidget(m_requests, 1);
    quota->addWidget(m_tokens, 1);
    quota->addWidget(m_window);
    auto* quotaLabel = new QLabel(tr("&Quota:"), this);
    quotaLabel->setBuddy(m_requests);
    form->addRow(quotaLabel, quota);

    m_rate->setRange(0, 100000);
    m_rate->setDecimals(1);
    m_rate->setSingleStep(1);
    m_rate->setSpecialValueText(tr("Unlimited"));
    m_rate->setSuffix(tr(" requests/s"));
    m_burst->setRange(1, 100000);
    m_burst->setValue(10);
    m_burst->setPrefix(tr("burst "));
    m_burst->setAccessibleName(tr("Burst"));
    m_burst->setToolTip(tr("How many requests may arrive at once before the rate limit applies."));
    auto* rate = new QHBoxLayout;
    rate->setSpacing(Theme::kSpacingS);
    rate->addWidget(m_rate, 1);
    rate->addWidget(m_burst, 1);
    auto* rateLabel = new QLabel(tr("&Rate limit:"), this);
    rateLabel->setBuddy(m_rate);
    form->addRow(rateLabel, rate);
    layout->addLayout(form);

    auto* hint
        = new QLabel(tr("Over the quota or the rate, requests get 429 Too Many Requests with Retry-After."), this);
    hint->setWordWrap(true);
    QPalette subtle = hint->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    hint->setPalette(subtle);
    layout->addWidget(hint);

    m_error->setObjectName(QStringLiteral("keyError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Create key"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &ApiKeyDialog::validate);
    connect(m_models, &QPlainTextEdit::textChanged, this, &ApiKeyDialog::validate);
    connect(m_someModels, &QRadioButton::toggled, this, &ApiKeyDialog::validate);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &ApiKeyDialog::validate);
    validate();
    m_name->setFocus();
}

ApiKeyDialog::~ApiKeyDialog() = default;

iam::ApiKeySpec ApiKeyDialog::spec() const
{
    iam::ApiKeySpec spec;
    spec.name = m_name->text().trimmed();
    if (m_someModels->isChecked()) {
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        spec.models = m_models->toPlainText().split(separators, Qt::SkipEmptyParts);
        spec.models.removeDuplicates();
    }
    spec.quotaRequests = m_requests->value();
    spec.quotaTokens = m_tokens->value();
    spec.quotaWindowSeconds = m_window->currentData().toInt();
    spec.ratePerSecond = m_rate->value();
    spec.burst = m_burst->value();
    return spec;
}

QString ApiKeyDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ApiKeyDialog::validate()
{
    m_models->setEnabled(m_someModels->isChecked());
    m_burst->setEnabled(m_rate->value() > 0);
    const iam::ApiKeySpec s = spec();
    QString error;
    if (s.name.isEmpty())
        error = tr("Give the key a name, so you recognise it in the list.");
    else if (m_someModels->isChecked() && s.models.isEmpty())
        error = tr("List at least one model, or allow all models.");
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_ok->setEnabled(error.isEmpty());
}

} // namespace aiops::widgets
