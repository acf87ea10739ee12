#pragma once

#include <QFrame>
#include <QJsonObject>
#include <QJsonValue>
#include <QTimer>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace aiops::widgets {

// Markdown of an agent's answer as HTML for a rich-text QLabel: QTextDocument's CommonMark/GitHub
// reader, with code blocks set in the system's monospace font on a tinted block that wraps.
QString markdownToHtml(const QString& markdown, const QPalette& palette);

// One message of the transcript: a user bubble (right, accent tint, plain text), an agent bubble
// (left, markdown), an error bubble (left, error tint with an icon: never colour alone) or a
// system line. Warnings (a user message's metadata.warnings) and attached file names go under it.
class ChatBubble final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatBubble)
public:
    enum class Kind { User, Agent, Error, System };

    ChatBubble(Kind kind, const QString& messageId, QWidget* parent = nullptr);
    ~ChatBubble() override;

    Kind kind() const { return m_kind; }
    QString messageId() const { return m_messageId; }
    // Plain text for user and system messages, markdown for agent ones.
    void setContent(const QString& content);
    void appendContent(const QString& delta); // streaming; re-renders
    QString content() const { return m_content; }
    void setStreaming(bool streaming);
    bool isStreaming() const { return m_streaming; }
    void setWarnings(const QStringList& warnings);
    QStringList warnings() const { return m_warnings; }
    void setFiles(const QStringList& filenames);
    void setFooter(const QString& text); // time, model, tokens (small, subtle)
    QString renderedText() const; // what the content label shows (HTML or plain)

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void render();
    void updateColors();

    Kind m_kind;
    QString m_messageId;
    QString m_content;
    QStringList m_warnings;
    bool m_streaming = false;
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QLabel* m_files = nullptr;
    QLabel* m_warningLabel = nullptr;
    QLabel* m_footer = nullptr;
};

// A busy indicator: a turning arc in the palette's accent colour.
class Spinner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Spinner)
public:
    explicit Spinner(QWidget* parent = nullptr);
    ~Spinner() override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QTimer m_timer;
    int m_angle = 0;
};

// A tool call inside the transcript: the tool's name, its input JSON (collapsed until opened), a
// spinner while it runs, then its output, duration and a success/error cue (shape + word).
class ToolCallCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolCallCard)
public:
    ToolCallCard(const QString& callId, const QString& toolName, const QJsonObject& input, QWidget* parent = nullptr);
    ~ToolCallCard() override;

    QString callId() const { return m_callId; }
    QString toolName() const { return m_toolName; }
    // status "success" or "error"; output may be undefined (token-counts-only mode).
    void finish(const QString& status, const QJsonValue& output, const QString& error, qint64 durationMs);
    bool isRunning() const { return m_status.isEmpty(); }
    QString status() const { return m_status; } // "" while running, "success" | "error"
    QString statusText() const;
    bool isInputExpanded() const;
    void setInputExpanded(bool expanded);
    QString outputText() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    QString m_callId;
    QString m_toolName;
    QString m_status;
    Spinner* m_spinner = nullptr;
    QLabel* m_shape = nullptr;
    QLabel* m_statusLabel = nullptr;
    QToolButton* m_inputToggle = nullptr;
    QLabel* m_input = nullptr;
    QToolButton* m_outputToggle = nullptr;
    QLabel* m_output = nullptr;
};

} // namespace aiops::widgets
