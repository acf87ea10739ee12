#include "widgets/RegisterToolDialog.h"

#include "core/controller/AgentService.h"
#include "widgets/Theme.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr int kNameMax = 100;
constexpr int kDescriptionMax = 500;

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

} // namespace

RegisterToolDialog::RegisterToolDialog(controller::AgentService* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_byUrl(new QRadioButton(tr("By &URL"), this))
    , m_asContainer(new QRadioButton(tr("As a &container"), this))
    , m_endpoint(new QLineEdit(this))
    , m_transport(new QComboBox(this))
    , m_image(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_path(new QLineEdit(this))
    , m_environment(new QTableWidget(0, 2, this))
    , m_addVariable(new QPushButton(tr("Add variable"), this))
    , m_removeVariable(new QPushButton(tr("Remove"), this))
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Register MCP server"));
    setMinimumWidth(580);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* title = new QLabel(tr("Register an MCP server"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* modeRow = new QHBoxLayout;
    modeRow->setSpacing(Theme::kSpacingL);
    auto* modes = new QButtonGroup(this);
    m_byUrl->setObjectName(QStringLiteral("modeUrl"));
    m_byUrl->setToolTip(tr("A server that already runs somewhere the controller can reach"));
    m_asContainer->setObjectName(QStringLiteral("modeContainer"));
    m_asContainer->setToolTip(tr("The controller runs the server's image on the local node"));
    modes->addButton(m_byUrl);
    modes->addButton(m_asContainer);
    m_byUrl->setChecked(true);
    modeRow->addWidget(m_byUrl);
    modeRow->addWidget(m_asContainer);
    modeRow->addStretch(1);
    layout->addLayout(modeRow);

    // One form for both modes, so the fields line up; the rows of the other mode are hidden.
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(Theme::kSpacingM);
    m_form->setVerticalSpacing(Theme::kSpacingS);
    m_name->setObjectName(QStringLiteral("toolName"));
    m_name->setPlaceholderText(tr("e.g. GitHub"));
    m_name->setMaxLength(kNameMax);
    m_form->addRow(tr("&Name"), m_name);
    addErrorRow(QStringLiteral("name"));
    m_description->setObjectName(QStringLiteral("toolDescription"));
    m_description->setPlaceholderText(tr("What the server's tools are for (optional)"));
    m_form->addRow(tr("&Description"), m_description);
    addErrorRow(QStringLiteral("description"));
    m_category->setObjectName(QStringLiteral("toolCategory"));
    m_category->addItem(tr("Productivity"), QStringLiteral("productivity"));
    m_category->addItem(tr("Data"), QStringLiteral("data"));
    m_category->addItem(tr("System"), QStringLiteral("system"));
    m_category->addItem(tr("Communication"), QStringLiteral("communication"));
    m_form->addRow(tr("Ca&tegory"), m_category);

    // By URL.
    m_endpoint->setObjectName(QStringLiteral("toolEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("http://localhost:3001/mcp"));
    m_form->addRow(tr("&Endpoint URL"), m_endpoint);
    addErrorRow(QStringLiteral("endpoint"));
    m_transport->setObjectName(QStringLiteral("toolTransport"));
    m_transport->addItem(tr("Streamable HTTP"), QStringLiteral("http"));
    m_transport->addItem(tr("SSE (legacy)"), QStringLiteral("sse"));
    m_form->addRow(tr("T&ransport"), m_transport);
    m_urlRows = { m_endpoint };

    // As a container.
    m_image->setObjectName(QStringLiteral("toolImage"));
    m_image->setPlaceholderText(QStringLiteral("ghcr.io/example/mcp-server:1.0"));
    m_form->addRow(tr("&Image"), m_image);
    addErrorRow(QStringLiteral("image"));
    m_port->setObjectName(QStringLiteral("toolPort"));
    m_port->setRange(1024, 65535);
    m_port->setValue(3000);
    m_port->setToolTip(tr("The port the server listens on inside the container (1024–65535)"));
    m_form->addRow(tr("&Port"), m_port);
    m_path->setObjectName(QStringLiteral("toolPath"));
    m_path->setPlaceholderText(QStringLiteral("/mcp"));
    m_path->setToolTip(tr("Where the server answers MCP inside the container; empty: /mcp (/sse for SSE)"));
    m_form->addRow(tr("MCP pat&h"), m_path);
    addErrorRow(QStringLiteral("path"));
    m_environment->setObjectName(QStringLiteral("toolEnvironment"));
    m_environment->setHorizontalHeaderLabels({ tr("Variable"), tr("Value") });
    m_environment->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_environment->verticalHeader()->setVisible(false);
    m_environment->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_environment->setMinimumHeight(110);
    m_environment->setAccessibleName(tr("Environment variables"));
    m_form->addRow(tr("En&vironment"), m_environment);
    addErrorRow(QStringLiteral("environment"));
    auto* envButtons = new QWidget(this);
    auto* envLayout = new QHBoxLayout(envButtons);
    envLayout->setContentsMargins(0, 0, 0, 0);
    m_addVariable->setObjectName(QStringLiteral("addVariable"));
    m_addVariable->setIcon(Theme::paletteIcon(QStringLiteral("add"), palette()));
    m_removeVariable->setObjectName(QStringLiteral("removeVariable"));
    m_removeVariable->setIcon(Theme::paletteIcon(QStringLiteral("remove"), palette()));
    envLayout->addWidget(m_addVariable);
    envLayout->addWidget(m_removeVariable);
    envLayout->addStretch(1);
    m_form->addRow(QString(), envButtons);
    m_containerRows = { m_image, m_port, m_path, m_environment, envButtons };
    layout->addLayout(m_form);

    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);

    m_error->setObjectName(QStringLiteral("registerError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_register = buttons->addButton(tr("Register"), QDialogButtonBox::AcceptRole);
    m_register->setObjectName(QStringLiteral("registerButton"));
    m_register->setDefault(true);
    Theme::makePrimary(m_register);
    connect(buttons, &QDialogButtonBox::accepted, this, &RegisterToolDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RegisterToolDialog::reject);
    layout->addWidget(buttons);

    connect(m_byUrl, &QRadioButton::toggled, this, [this](bool on) { setMode(on ? Mode::Url : Mode::Container); });
    connect(m_addVariable, &QPushButton::clicked, this, [this] {
        addVariable();
        m_environment->setCurrentCell(m_environment->rowCount() - 1, 0);
        m_environment->editItem(m_environment->item(m_environment->rowCount() - 1, 0));
    });
    connect(m_removeVariable, &QPushButton::clicked, this, [this] {
        const int row = m_environment->currentRow();
        if (row >= 0)
            m_environment->removeRow(row);
        revalidate();
    });
    connect(m_transport, &QComboBox::currentIndexChanged, this, [this] {
        m_path->setPlaceholderText(m_transport->currentData().toString() == QLatin1String("sse")
                                       ? QStringLiteral("/sse")
                                       : QStringLiteral("/mcp"));
    });
    for (QLineEdit* edit : { m_name, m_description, m_endpoint, m_image, m_path })
        connect(edit, &QLineEdit::textChanged, this, &RegisterToolDialog::revalidate);
    connect(m_environment, &QTableWidget::itemChanged, this, &RegisterToolDialog::revalidate);

    setMode(Mode::Url);
    updateColors();
    m_name->setFocus();
}

RegisterToolDialog::~RegisterToolDialog() = default;

void RegisterToolDialog::addErrorRow(const QString& field)
{
    auto* label = new QLabel(this);
    label->setObjectName(QStringLiteral("error-") + field);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    m_form->addRow(QString(), label);
    m_form->setRowVisible(label, false);
    m_fieldErrors.insert(field, label);
}

void RegisterToolDialog::setMode(Mode mode)
{
    const bool url = mode == Mode::Url;
    if (m_byUrl->isChecked() != url)
        (url ? m_byUrl : m_asContainer)->setChecked(true);
    for (QWidget* row : std::as_const(m_urlRows))
        m_form->setRowVisible(row, url);
    for (QWidget* row : std::as_const(m_containerRows))
        m_form->setRowVisible(row, !url);
    // The container rows are taller than the URL ones: grow to fit them rather than squeeze the table.
    if (isVisible() && layout()) {
        layout()->activate();
        resize(width(), qMax(height(), sizeHint().height()));
    }
    showErrors(m_attempted ? validate() : QHash<QString, QString> {});
    m_hint->setText(url ? tr("The controller connects to the server and lists its tools; the first health check "
                             "starts at once.")
                        : tr("The controller runs the image on this machine (Docker or Podman), publishes the port on "
                             "127.0.0.1 only and lists the server's tools once it answers. PORT is set to the "
                             "container port unless you set it below."));
}

RegisterToolDialog::Mode RegisterToolDialog::mode() const
{
    return m_byUrl->isChecked() ? Mode::Url : Mode::Container;
}

void RegisterToolDialog::addVariable(const QString& key, const QString& value)
{
    const int row = m_environment->rowCount();
    m_environment->insertRow(row);
    m_environment->setItem(row, 0, new QTableWidgetItem(key));
    m_environment->setItem(row, 1, new QTableWidgetItem(value));
}

agents::ToolRecord RegisterToolDialog::draft() const
{
    agents::ToolRecord tool;
    tool.type = QStringLiteral("mcp");
    tool.name = m_name->text().trimmed();
    tool.description = m_description->text().trimmed();
    tool.category = m_category->currentData().toString();
    if (mode() == Mode::Url) {
        tool.endpoint = m_endpoint->text().trimmed();
        tool.transport = m_transport->currentData().toString();
    } else {
        tool.transport = m_transport->currentData().toString();
        tool.endpoint = m_path->text().trimmed(); // empty: the transport's usual path
        tool.dockerImage = m_image->text().trimmed();
        tool.port = m_port->value();
        for (int row = 0; row < m_environment->rowCount(); ++row) {
            const QTableWidgetItem* key = m_environment->item(row, 0);
            const QTableWidgetItem* value = m_environment->item(row, 1);
            const QString k = key ? key->text().trimmed() : QString();
            if (!k.isEmpty())
                tool.environment.insert(k, value ? value->text() : QString());
        }
    }
    return tool;
}

QHash<QString, QString> RegisterToolDialog::validate() const
{
    QHash<QString, QString> errors;
    const agents::ToolRecord tool = draft();
    if (tool.name.isEmpty())
        errors.insert(QStringLiteral("name"), tr("Enter a name."));
    if (tool.description.size() > kDescriptionMax)
        errors.insert(
            QStringLiteral("description"),
            tr("Keep the description under %1 characters (now %2).").arg(kDescriptionMax).arg(tool.description.size()));
    if (mode() == Mode::Url) {
        const QUrl url(tool.endpoint, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (tool.endpoint.isEmpty())
            errors.insert(QStringLiteral("endpoint"), tr("Enter the server's URL, e.g. http://localhost:3001/mcp."));
        else if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
                 || url.host().isEmpty())
            errors.insert(
                QStringLiteral("endpoint"),
                tr("“%1” is not an http:// or https:// URL, e.g. http://localhost:3001/mcp.").arg(tool.endpoint));
    } else {
        static const QRegularExpression whitespace(QStringLiteral("\\s"));
        static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (tool.dockerImage.isEmpty())
            errors.insert(QStringLiteral("image"), tr("Enter the image, e.g. ghcr.io/example/mcp-server:1.0."));
        else if (tool.dockerImage.contains(whitespace))
            errors.insert(QStringLiteral("image"), tr("An image name has no spaces."));
        if (!tool.endpoint.isEmpty()
            && (!tool.endpoint.startsWith(QLatin1Char('/')) || tool.endpoint.contains(whitespace)))
            errors.insert(QStringLiteral("path"), tr("Enter a path such as /mcp, or leave it empty."));
        QStringList seen;
        for (int row = 0; row < m_environment->rowCount(); ++row) {
            const QTableWidgetItem* key = m_environment->item(row, 0);
            const QTableWidgetItem* value = m_environment->item(row, 1);
            const QString k = key ? key->text().trimmed() : QString();
            const QString v = value ? value->text() : QString();
            QString problem;
            if (k.isEmpty() && !v.isEmpty())
                problem = tr("Row %1: the variable has a value but no name.").arg(row + 1);
            else if (!k.isEmpty() && !variable.match(k).hasMatch())
                problem = tr("Row %1: “%2” is not a variable name (letters, digits and _, not starting with a "
                             "digit).")
                              .arg(row + 1)
                              .arg(k);
            else if (!k.isEmpty() && seen.contains(k))
                problem = tr("Row %1: “%2” is set twice.").arg(row + 1).arg(k);
            if (!problem.isEmpty()) {
                errors.insert(QStringLiteral("environment"), problem);
                break;
            }
            seen.append(k);
        }
    }
    return errors;
}

QString RegisterToolDialog::fieldError(const QString& field) const
{
    const QLabel* label = m_fieldErrors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString RegisterToolDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RegisterToolDialog::showErrors(const QHash<QString, QString>& errors)
{
    for (auto it = m_fieldErrors.begin(); it != m_fieldErrors.end(); ++it) {
        const QString text = errors.value(it.key());
        it.value()->setText(text);
        // A wrapped line in a form row may get less height than it needs: ask for it up front.
        const int width = m_name->width() > 0 ? m_name->width() : 400;
        it.value()->setMinimumHeight(text.isEmpty() ? 0 : it.value()->heightForWidth(width));
        m_form->setRowVisible(it.value(), !text.isEmpty());
    }
}

void RegisterToolDialog::revalidate()
{
    if (m_attempted)
        showErrors(validate());
}

void RegisterToolDialog::accept()
{
    m_attempted = true;
    const auto errors = validate();
    showErrors(errors);
    if (!errors.isEmpty()) {
        m_error->setVisible(false);
        for (const char* field : { "name", "description", "endpoint", "image", "path" }) {
            if (errors.contains(QLatin1String(field))) {
                QWidget* widget = QLatin1String(field) == QLatin1String("name") ? static_cast<QWidget*>(m_name)
                    : QLatin1String(field) == QLatin1String("description")      ? m_description
                    : QLatin1String(field) == QLatin1String("endpoint")         ? m_endpoint
                    : QLatin1String(field) == QLatin1String("path")             ? m_path
                                                                                : m_image;
                widget->setFocus(Qt::OtherFocusReason);
                break;
            }
        }
        return;
    }
    auto result = m_service->registerTool(draft());
    if (!result) {
        const Error& error = result.error();
        // Point at the field the service named, when it is one of ours.
        QString field = error.field;
        if (field == QLatin1String("dockerImage"))
            field = QStringLiteral("image");
        else if (field == QLatin1String("endpoint") && mode() == Mode::Container)
            field = QStringLiteral("path");
        if (m_fieldErrors.contains(field)) {
            QHash<QString, QString> serviceErrors;
            serviceErrors.insert(field, error.message);
            showErrors(serviceErrors);
        }
        m_error->setText(error.code == ErrorCode::Conflict
                             ? tr("Could not register the server: %1 Choose another name or remove the other one.")
                                   .arg(error.message)
                             : tr("Could not register the server: %1").arg(error.message));
        m_error->setVisible(true);
        return;
    }
    m_registered = *result;
    Q_EMIT toolRegistered(*result);
    QDialog::accept();
}

void RegisterToolDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void RegisterToolDialog::updateColors()
{
    const QColor error = Theme::errorText(palette());
    colorize(m_error, error);
    for (QLabel* label : std::as_const(m_fieldErrors))
        colorize(label, error);
    colorize(m_hint, Theme::subtleText(palette()));
}

} // namespace aiops::widgets
