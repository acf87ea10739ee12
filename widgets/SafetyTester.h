#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace aiops::safety {
class PiiEngine;
}

namespace aiops::widgets {

// Live PII tester: sample text in which every match of the engine's active patterns is highlighted
// as the user types (colour and underline by severity, the pattern's name as a tooltip), a summary
// of the matches and the redacted text the message would be stored as.
class SafetyTester final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyTester)
public:
    struct Highlight
    {
        qsizetype start = 0; // UTF-16 offsets into the sample text, [start, end)
        qsizetype end = 0;
        QString patternName;
        QString severity;
    };

    explicit SafetyTester(const safety::PiiEngine* engine, QWidget* parent = nullptr);
    ~SafetyTester() override;

    // Smaller: no captions, a shorter input; for the pattern dialog.
    void setCompact(bool compact);
    void setPlaceholderText(const QString& text);
    void setText(const QString& text);
    QString text() const;

    // Rescans the text (the engine's patterns changed).
    void refresh();

    QPlainTextEdit* input() const { return m_input; }
    QPlainTextEdit* preview() const { return m_preview; }
    QString redactedText() const;
    QString summaryText() const;
    // What the input shows highlighted now, read back from its extra selections.
    QList<Highlight> highlights() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    const safety::PiiEngine* m_engine;
    QLabel* m_inputCaption;
    QPlainTextEdit* m_input;
    QLabel* m_legend;
    QLabel* m_summary;
    QLabel* m_previewCaption;
    QPlainTextEdit* m_preview;
};

} // namespace aiops::widgets
