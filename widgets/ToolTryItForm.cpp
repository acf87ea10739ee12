#include "widgets/ToolTryItForm.h"

#include "core/controller/AgentService.h"
#include "widgets/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

namespace aiops::widgets {

namespace {

constexpr char kTouched[] = "aiopsTouched";

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

// The JSON Schema type of a property: the first non-null one of a type list; "object"/"array"
// guessed from properties/items when type is missing.
QString schemaType(const QJsonObject& schema)
{
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (type.isString())
        return type.toString();
    if (type.isArray()) {
        for (const QJsonValue& t : type.toArray()) {
            if (t.toString() != QLatin1String("null"))
                return t.toString();
        }
    }
    if (schema.contains(QLatin1String("properties")))
        return QStringLiteral("object");
    if (schema.contains(QLatin1String("items")))
        return QStringLiteral("array");
    return {};
}

// Any JSON value (also a bare string, number or literal) from text; nullopt when it does not parse.
std::optional<QJsonValue> parseJsonValue(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().first();
}

QString indented(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

void markTouched(QWidget* widget)
{
    widget->setProperty(kTouched, true);
}

} // namespace

ToolTryItForm::ToolTryItForm(controller::AgentService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingS);

    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("tryItDescription"));
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    layout->addWidget(m_description);

    m_formBox = new QWidget(this);
    m_form = new QFormLayout(m_formBox);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(Theme::kSpacingM);
    m_form->setVerticalSpacing(Theme::kSpacingS);
    layout->addWidget(m_formBox);

    m_noInputs = new QLabel(tr("This tool takes no inputs."), this);
    m_noInputs->setObjectName(QStringLiteral("tryItNoInputs"));
    layout->addWidget(m_noInputs);

    auto* runRow = new QHBoxLayout;
    runRow->setSpacing(Theme::kSpacingS);
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("tryItRun"));
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_run->setToolTip(tr("Call the tool with these arguments (Ctrl+Enter)"));
    Theme::makePrimary(m_run, QStringLiteral("run"));
    connect(m_run, &QPushButton::clicked, this, &ToolTryItForm::run);
    runRow->addWidget(m_run);
    m_spinner = new QProgressBar(this);
    m_spinner->setObjectName(QStringLiteral("tryItSpinner"));
    m_spinner->setRange(0, 0); // busy
    m_spinner->setTextVisible(false);
    m_spinner->setMaximumSize(120, 8);
    m_spinner->setAccessibleName(tr("Waiting for the tool"));
    m_spinner->setVisible(false);
    runRow->addWidget(m_spinner, 0, Qt::AlignVCenter);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("tryItStatus"));
    runRow->addWidget(m_status, 1);
    layout->addLayout(runRow);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("tryItError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    m_result = new QPlainTextEdit(this);
    m_result->setObjectName(QStringLiteral("tryItResult"));
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setAccessibleName(tr("Result"));
    m_result->setMinimumHeight(90);
    m_result->setVisible(false);
    layout->addWidget(m_result, 1);
    layout->addStretch(0);

    connect(m_service, &controller::AgentService::toolCallFinished, this, &ToolTryItForm::onToolCallFinished);
    clear();
    updateColors();
}

ToolTryItForm::~ToolTryItForm() = default;

void ToolTryItForm::clear()
{
    setTool({}, {});
}

void ToolTryItForm::setTool(const QString& toolId, const agents::DiscoveredTool& tool)
{
    m_toolId = toolId;
    m_tool = tool;
    m_requestId.clear();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_schemas.clear();
    m_jsonErrors.clear();
    m_order.clear();
    m_required.clear();

    const QJsonObject properties = tool.inputSchema.value(QLatin1String("properties")).toObject();
    for (const QJsonValue& r : tool.inputSchema.value(QLatin1String("required")).toArray()) {
        if (properties.contains(r.toString()))
            m_required.append(r.toString());
    }
    // Required fields first, each group in the schema's (alphabetical) order.
    m_order = m_required;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (!m_required.contains(it.key()))
            m_order.append(it.key());
    }
    for (const QString& name : std::as_const(m_order)) {
        const QJsonObject schema = properties.value(name).toObject();
        m_schemas.insert(name, schema);
        const bool required = m_required.contains(name);
        QWidget* field = buildField(name, schema, required);
        m_fields.insert(name, field);
        const QString title = schema.value(QLatin1String("title")).toString(name);
        auto* label = new QLabel(required ? tr("%1 *").arg(title) : title, m_formBox);
        label->setBuddy(field);
        label->setToolTip(required ? tr("Required") : QString());
        QString description = schema.value(QLatin1String("description")).toString();
        field->setToolTip(description);
        field->setAccessibleName(required ? tr("%1 (required)").arg(title) : title);
        field->setAccessibleDescription(description);
        if (QLabel* jsonError = m_jsonErrors.value(name)) {
            auto* box = new QWidget(m_formBox);
            auto* boxLayout = new QVBoxLayout(box);
            boxLayout->setContentsMargins(0, 0, 0, 0);
            boxLayout->setSpacing(2);
            field->setParent(box);
            boxLayout->addWidget(field);
            jsonError->setParent(box);
            boxLayout->addWidget(jsonError);
            m_form->addRow(label, box);
        } else {
            m_form->addRow(label, field);
        }
    }
    const bool hasTool = !toolId.isEmpty() && !tool.name.isEmpty();
    m_description->setText(tool.description);
    m_description->setVisible(!tool.description.isEmpty());
    m_formBox->setVisible(!m_order.isEmpty());
    m_noInputs->setVisible(hasTool && m_order.isEmpty());
    m_run->setEnabled(hasTool);
    m_error->clear();
    m_error->setVisible(false);
    m_result->clear();
    m_result->setVisible(false);
    m_status->clear();
    setRunning(false);
    updateColors();
}

QWidget* ToolTryItForm::buildField(const QString& name, const QJsonObject& schema, bool required)
{
    const QString type = schemaType(schema);
    const QJsonValue defaultValue = schema.value(QLatin1String("default"));
    const QJsonArray choices = schema.value(QLatin1String("enum")).toArray();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(m_formBox);
        if (!required)
            combo->addItem(tr("(not set)"));
        for (const QJsonValue& choice : choices)
            combo->addItem(indented(choice), choice.toVariant());
        if (!defaultValue.isUndefined()) {
            const int index = combo->findData(defaultValue.toVariant());
            if (index >= 0)
                combo->setCurrentIndex(index);
        }
        return combo;
    }
    if (type == QLatin1String("integer")) {
        auto* spin = new QSpinBox(m_formBox);
        double low = std::numeric_limits<int>::min();
        double high = std::numeric_limits<int>::max();
        if (schema.contains(QLatin1String("minimum")))
            low = schema.value(QLatin1String("minimum")).toDouble();
        else if (schema.value(QLatin1String("exclusiveMinimum")).isDouble())
            low = schema.value(QLatin1String("exclusiveMinimum")).toDouble() + 1;
        if (schema.contains(QLatin1String("maximum")))
            high = schema.value(QLatin1String("maximum")).toDouble();
        else if (schema.value(QLatin1String("exclusiveMaximum")).isDouble())
            high = schema.value(QLatin1String("exclusiveMaximum")).toDouble() - 1;
        spin->setRange(int(std::clamp<double>(low, std::numeric_limits<int>::min(), std::numeric_limits<int>::max())),
                       int(std::clamp<double>(high, std::numeric_limits<int>::min(), std::numeric_limits<int>::max())));
        spin->setValue(defaultValue.isDouble() ? defaultValue.toInt()
                                               : std::clamp(0, spin->minimum(), spin->maximum()));
        connect(spin, &QSpinBox::valueChanged, spin, [spin] { markTouched(spin); });
        return spin;
    }
    if (type == QLatin1String("number")) {
        auto* spin = new QDoubleSpinBox(m_formBox);
        spin->setDecimals(3);
        double low = -1e12;
        double high = 1e12;
        if (schema.contains(QLatin1String("minimum")))
            low = schema.value(QLatin1String("minimum")).toDouble();
        else if (schema.value(QLatin1String("exclusiveMinimum")).isDouble())
            low = schema.value(QLatin1String("exclusiveMinimum")).toDouble();
        if (schema.contains(QLatin1String("maximum")))
            high = schema.value(QLatin1String("maximum")).toDouble();
        else if (schema.value(QLatin1String("exclusiveMaximum")).isDouble())
            high = schema.value(QLatin1String("exclusiveMaximum")).toDouble();
        spin->setRange(low, high);
        spin->setValue(defaultValue.isDouble() ? defaultValue.toDouble() : std::clamp(0.0, low, high));
        connect(spin, &QDoubleSpinBox::valueChanged, spin, [spin] { markTouched(spin); });
        return spin;
    }
    if (type == QLatin1String("boolean")) {
        auto* check = new QCheckBox(m_formBox);
        check->setChecked(defaultValue.toBool());
        connect(check, &QCheckBox::toggled, check, [check] { markTouched(check); });
        return check;
    }
    if (type == QLatin1String("string")) {
        auto* edit = new QLineEdit(m_formBox);
        if (defaultValue.isString())
            edit->setText(defaultValue.toString());
        edit->setPlaceholderText(schema.value(QLatin1String("description")).toString());
        edit->setClearButtonEnabled(true);
        return edit;
    }
    // object, array or anything else: JSON text, checked as it is typed.
    auto* edit = new QPlainTextEdit(m_formBox);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(fontMetrics().height() * 3 + 14);
    if (!defaultValue.isUndefined())
        edit->setPlainText(indented(defaultValue));
    edit->setPlaceholderText(type == QLatin1String("array")        ? tr("JSON array, e.g. [\"a\", \"b\"]")
                                 : type == QLatin1String("object") ? tr("JSON object, e.g. {\"key\": \"value\"}")
                                                                   : tr("A JSON value"));
    auto* error = new QLabel(m_formBox);
    error->setObjectName(QStringLiteral("jsonError-") + name);
    error->setWordWrap(true);
    error->setVisible(false);
    colorize(error, Theme::errorText(palette()));
    m_jsonErrors.insert(name, error);
    connect(edit, &QPlainTextEdit::textChanged, error, [edit, error, type] {
        const QString text = edit->toPlainText().trimmed();
        QString message;
        if (!text.isEmpty()) {
            const auto value = parseJsonValue(text);
            if (!value)
                message = ToolTryItForm::tr("Not valid JSON.");
            else if (type == QLatin1String("object") && !value->isObject())
                message = ToolTryItForm::tr("Enter a JSON object ({…}).");
            else if (type == QLatin1String("array") && !value->isArray())
                message = ToolTryItForm::tr("Enter a JSON array ([…]).");
        }
        error->setText(message);
        error->setVisible(!message.isEmpty());
    });
    return edit;
}

Result<QJsonObject> ToolTryItForm::arguments() const
{
    QJsonObject args;
    for (const QString& name : m_order) {
        QWidget* widget = m_fields.value(name);
        const QJsonObject schema = m_schemas.value(name);
        const bool required = m_required.contains(name);
        const bool hasDefault = schema.contains(QLatin1String("default"));
        const bool touched = widget->property(kTouched).toBool();
        const QString title = schema.value(QLatin1String("title")).toString(name);
        if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            const QVariant data = combo->currentData();
            if (!data.isValid()) {
                if (required)
                    return makeError(ErrorCode::InvalidValue, tr("Choose a value for “%1”.").arg(title), name);
                continue;
            }
            args.insert(name, QJsonValue::fromVariant(data));
        } else if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
            if (required || touched || hasDefault)
                args.insert(name, spin->value());
        } else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(widget)) {
            if (required || touched || hasDefault)
                args.insert(name, dspin->value());
        } else if (auto* check = qobject_cast<QCheckBox*>(widget)) {
            if (required || touched || hasDefault)
                args.insert(name, check->isChecked());
        } else if (auto* line = qobject_cast<QLineEdit*>(widget)) {
            if (line->text().isEmpty()) {
                if (required)
                    return makeError(ErrorCode::InvalidValue, tr("Enter a value for “%1”.").arg(title), name);
                continue;
            }
            args.insert(name, line->text());
        } else if (auto* text = qobject_cast<QPlainTextEdit*>(widget)) {
            const QString json = text->toPlainText().trimmed();
            if (json.isEmpty()) {
                if (required)
                    return makeError(ErrorCode::InvalidValue, tr("Enter a value for “%1”.").arg(title), name);
                continue;
            }
            const auto value = parseJsonValue(json);
            const QString type = schemaType(schema);
            if (!value || (type == QLatin1String("object") && !value->isObject())
                || (type == QLatin1String("array") && !value->isArray()))
                return makeError(ErrorCode::InvalidValue,
                                 type == QLatin1String("array")        ? tr("“%1” must be a JSON array.").arg(title)
                                     : type == QLatin1String("object") ? tr("“%1” must be a JSON object.").arg(title)
                                                                       : tr("“%1” is not valid JSON.").arg(title),
                                 name);
            args.insert(name, *value);
        }
    }
    return args;
}

void ToolTryItForm::run()
{
    if (m_toolId.isEmpty() || m_tool.name.isEmpty() || isRunning())
        return;
    const auto args = arguments();
    m_result->clear();
    m_result->setVisible(false);
    if (!args) {
        showError(args.error().message);
        if (QWidget* field = m_fields.value(args.error().field))
            field->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_error->setVisible(false);
    m_requestId = m_service->tryTool(m_toolId, m_tool.name, *args);
    if (m_requestId.isEmpty()) {
        showError(tr("The call could not be sent."));
        return;
    }
    setRunning(true);
}

void ToolTryItForm::onToolCallFinished(const QString& requestId, const QJsonObject& result, const aiops::Error& error)
{
    if (requestId.isEmpty() || requestId != m_requestId)
        return;
    m_requestId.clear();
    setRunning(false);
    if (!error.message.isEmpty()) {
        showError(tr("The call failed: %1").arg(error.message));
        Q_EMIT finished(false);
        return;
    }
    const bool toolError = result.value(QLatin1String("isError")).toBool();
    const QString text = formatResult(result);
    if (toolError) {
        showError(tr("The tool reported an error: %1").arg(text));
        Q_EMIT finished(false);
        return;
    }
    m_error->setVisible(false);
    m_result->setPlainText(text);
    m_result->setVisible(true);
    m_status->setText(tr("Done"));
    Q_EMIT finished(true);
}

QString ToolTryItForm::formatResult(const QJsonObject& result)
{
    QStringList parts;
    for (const QJsonValue& item : result.value(QLatin1String("content")).toArray()) {
        const QJsonObject content = item.toObject();
        const QString type = content.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            const QString text = content.value(QLatin1String("text")).toString();
            const auto json = parseJsonValue(text.trimmed());
            parts.append(json && (json->isObject() || json->isArray()) ? indented(*json) : text);
        } else if (type == QLatin1String("image") || type == QLatin1String("audio")) {
            parts.append(tr("[%1, %2]").arg(type, content.value(QLatin1String("mimeType")).toString()));
        } else if (type == QLatin1String("resource")) {
            const QJsonObject resource = content.value(QLatin1String("resource")).toObject();
            parts.append(resource.contains(QLatin1String("text")) ? resource.value(QLatin1String("text")).toString()
                                                                  : resource.value(QLatin1String("uri")).toString());
        } else {
            parts.append(indented(content));
        }
    }
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("\n\n"));
    if (result.value(QLatin1String("structuredContent")).isObject())
        return indented(result.value(QLatin1String("structuredContent")));
    return indented(result);
}

QString ToolTryItForm::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->toPlainText();
}

QString ToolTryItForm::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ToolTryItForm::showError(const QString& text)
{
    m_status->clear();
    m_error->setText(text);
    m_error->setVisible(true);
    updateColors();
}

void ToolTryItForm::setRunning(bool running)
{
    m_spinner->setVisible(running);
    m_run->setEnabled(!running && !m_toolId.isEmpty() && !m_tool.name.isEmpty());
    if (running)
        m_status->setText(tr("Waiting for %1…").arg(m_tool.name));
}

void ToolTryItForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void ToolTryItForm::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    colorize(m_description, subtle);
    colorize(m_noInputs, subtle);
    colorize(m_status, subtle);
    colorize(m_error, error);
    for (QLabel* label : std::as_const(m_jsonErrors))
        colorize(label, error);
}

} // namespace aiops::widgets
