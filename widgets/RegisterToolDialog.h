#pragma once

#include "core/agents/AgentTypes.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QFormLayout;
class QTableWidget;

namespace aiops::controller {
class AgentService;
}

namespace aiops::widgets {

// Registers an MCP server in two ways: by URL (endpoint + Streamable HTTP or SSE transport) or as
// a container (image, port and environment, deployed on the local node); both with a name,
// description and category. Fields are checked as the user types once Register was pressed, each
// with its error under it; an error of AgentService::registerTool() is shown readable and the
// dialog stays open.
class RegisterToolDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisterToolDialog)
public:
    enum class Mode { Url, Container };

    explicit RegisterToolDialog(controller::AgentService* service, QWidget* parent = nullptr);
    ~RegisterToolDialog() override;

    void setMode(Mode mode);
    Mode mode() const;
    // The tool the fields describe (what Register sends).
    agents::ToolRecord draft() const;
    // Field ("name", "description", "endpoint", "image", "path", "environment") -> readable error; empty when
    // valid.
    QHash<QString, QString> validate() const;
    QString fieldError(const QString& field) const; // as shown, "" when none
    QString errorText() const; // the service's error, "" when none
    std::optional<agents::ToolRecord> registeredTool() const { return m_registered; }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QComboBox* categoryBox() const { return m_category; }
    QRadioButton* urlModeButton() const { return m_byUrl; }
    QRadioButton* containerModeButton() const { return m_asContainer; }
    QLineEdit* endpointEdit() const { return m_endpoint; }
    QComboBox* transportBox() const { return m_transport; }
    QLineEdit* imageEdit() const { return m_image; }
    QSpinBox* portBox() const { return m_port; }
    QLineEdit* pathEdit() const { return m_path; }
    QTableWidget* environmentTable() const { return m_environment; }
    QPushButton* addVariableButton() const { return m_addVariable; }
    QPushButton* registerButton() const { return m_register; }
    // Appends an environment row.
    void addVariable(const QString& key = {}, const QString& value = {});

public Q_SLOTS:
    void accept() override; // validates and registers; stays open on an error

Q_SIGNALS:
    void toolRegistered(const aiops::agents::ToolRecord& tool);

protected:
    void changeEvent(QEvent* event) override;

private:
    void addErrorRow(const QString& field);
    void showErrors(const QHash<QString, QString>& errors);
    void revalidate();
    void updateColors();

    controller::AgentService* m_service;
    std::optional<agents::ToolRecord> m_registered;
    bool m_attempted = false;

    QLineEdit* m_name;
    QLineEdit* m_description;
    QComboBox* m_category;
    QRadioButton* m_byUrl;
    QRadioButton* m_asContainer;
    QFormLayout* m_form = nullptr;
    QList<QWidget*> m_urlRows;
    QList<QWidget*> m_containerRows;
    QLineEdit* m_endpoint;
    QComboBox* m_transport;
    QLineEdit* m_image;
    QSpinBox* m_port;
    QLineEdit* m_path;
    QTableWidget* m_environment;
    QPushButton* m_addVariable;
    QPushButton* m_removeVariable;
    QLabel* m_hint;
    QLabel* m_error;
    QPushButton* m_register = nullptr;
    QHash<QString, QLabel*> m_fieldErrors;
};

} // namespace aiops::widgets
