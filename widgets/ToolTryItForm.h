#pragma once

#include "core/agents/AgentTypes.h"
#include "core/protocol/Error.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace aiops::controller {
class AgentService;
}

namespace aiops::widgets {

// "Try it" for one tool an MCP server offers: a form generated from the tool's JSON Schema
// inputSchema (string: line edit, number/integer: spin box with the schema's bounds, boolean:
// check box, enum: combo box, object/array: JSON text with validation; required fields are
// marked), a Run button that calls AgentService::tryTool() and the answer of that request
// (toolCallFinished) as text or pretty-printed JSON, or its error.
class ToolTryItForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolTryItForm)
public:
    explicit ToolTryItForm(controller::AgentService* service, QWidget* parent = nullptr);
    ~ToolTryItForm() override;

    // Rebuilds the form for `tool` of the registry entry toolId (and forgets a pending call).
    void setTool(const QString& toolId, const agents::DiscoveredTool& tool);
    void clear();
    QString toolId() const { return m_toolId; }
    QString toolName() const { return m_tool.name; }

    // The input widget of a schema property (null when there is none), and all property names.
    QWidget* fieldWidget(const QString& property) const { return m_fields.value(property); }
    QStringList fieldNames() const { return m_order; }
    bool isRequired(const QString& property) const { return m_required.contains(property); }
    // The typed arguments the form holds; InvalidValue naming the field when one is missing or bad.
    // Optional fields the user left alone are left out.
    Result<QJsonObject> arguments() const;

    QPushButton* runButton() const { return m_run; }
    bool isRunning() const { return !m_requestId.isEmpty(); }
    QString pendingRequestId() const { return m_requestId; }
    QString resultText() const; // the shown result, "" when none
    QString errorText() const; // the shown error (form or call), "" when none
    // A readable rendering of a tools/call result: its text content (JSON text pretty-printed),
    // else the whole result as indented JSON.
    static QString formatResult(const QJsonObject& result);

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void finished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onToolCallFinished(const QString& requestId, const QJsonObject& result, const aiops::Error& error);
    QWidget* buildField(const QString& name, const QJsonObject& schema, bool required);
    void showError(const QString& text);
    void setRunning(bool running);
    void updateColors();

    controller::AgentService* m_service;
    QString m_toolId;
    agents::DiscoveredTool m_tool;
    QString m_requestId;
    QHash<QString, QWidget*> m_fields;
    QHash<QString, QJsonObject> m_schemas;
    QHash<QString, QLabel*> m_jsonErrors;
    QStringList m_order;
    QStringList m_required;

    QLabel* m_description = nullptr;
    QWidget* m_formBox = nullptr;
    QFormLayout* m_form = nullptr;
    QLabel* m_noInputs = nullptr;
    QPushButton* m_run = nullptr;
    QProgressBar* m_spinner = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QPlainTextEdit* m_result = nullptr;
};

} // namespace aiops::widgets
