#include "widgets/SafetyTester.h"

#include "core/safety/PiiEngine.h"
#include "models/SafetyFormat.h"
#include "widgets/SafetySeverityDelegate.h"
#include "widgets/Theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolTip>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr int kSeverityProperty = QTextFormat::UserProperty + 1;
constexpr int kPatternProperty = QTextFormat::UserProperty + 2;

QTextCharFormat highlightFormat(const QString& severity, const QString& tooltip, bool dark)
{
    const QColor color = SafetySeverityDelegate::color(severity);
    QColor fill = color;
    fill.setAlphaF(dark ? 0.34f : 0.22f);
    QTextCharFormat format;
    format.setBackground(fill);
    format.setUnderlineColor(color);
    // The underline style is the non-colour cue: dotted low, dashed medium, solid high, wave critical.
    if (severity == QLatin1String("critical"))
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    else if (severity == QLatin1String("high"))
        format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
    else if (severity == QLatin1String("medium"))
        format.setUnderlineStyle(QTextCharFormat::DashUnderline);
    else
        format.setUnderlineStyle(QTextCharFormat::DotLine);
    format.setToolTip(tooltip);
    format.setProperty(kSeverityProperty, severity);
    return format;
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setFont(Theme::captionFont(label->font()));
    return label;
}

} // namespace

SafetyTester::SafetyTester(const safety::PiiEngine* engine, QWidget* parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_inputCaption(caption(tr("Sample text"), this))
    , m_input(new QPlainTextEdit(this))
    , m_legend(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_previewCaption(caption(tr("Stored as"), this))
    , m_preview(new QPlainTextEdit(this))
{
    Q_ASSERT(m_engine);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingS);

    m_input->setObjectName(QStringLiteral("testerInput"));
    m_input->setPlaceholderText(tr("Type or paste a message, e.g. “my card is 4111 1111 1111 1111”"));
    m_input->setAccessibleName(tr("Sample text to test the PII patterns on"));
    m_input->setTabChangesFocus(true);
    m_input->viewport()->installEventFilter(this);
    m_inputCaption->setBuddy(m_input);
    layout->addWidget(m_inputCaption);
    layout->addWidget(m_input, 1);

    m_legend->setObjectName(QStringLiteral("testerLegend"));
    m_legend->setTextFormat(Qt::RichText);
    layout->addWidget(m_legend);

    m_summary->setObjectName(QStringLiteral("testerSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    m_preview->setObjectName(QStringLiteral("testerPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setAccessibleName(tr("Redacted preview"));
    m_preview->setTabChangesFocus(true);
    m_preview->setPlaceholderText(tr("The redacted message appears here."));
    m_previewCaption->setBuddy(m_preview);
    layout->addWidget(m_previewCaption);
    layout->addWidget(m_preview, 1);

    connect(m_input, &QPlainTextEdit::textChanged, this, &SafetyTester::refresh);
    updateColors();
    refresh();
}

SafetyTester::~SafetyTester() = default;

void SafetyTester::setCompact(bool compact)
{
    const int line = QFontMetrics(m_input->font()).lineSpacing();
    m_inputCaption->setVisible(!compact);
    m_legend->setVisible(!compact);
    if (compact) {
        m_input->setFixedHeight(line * 3 + 14);
        m_preview->setFixedHeight(QFontMetrics(m_preview->font()).lineSpacing() * 2 + 14);
    } else {
        m_input->setMinimumHeight(line * 4 + 14);
        m_input->setMaximumHeight(QWIDGETSIZE_MAX);
        m_preview->setMinimumHeight(line * 3 + 14);
        m_preview->setMaximumHeight(QWIDGETSIZE_MAX);
    }
}

void SafetyTester::setPlaceholderText(const QString& text)
{
    m_input->setPlaceholderText(text);
}

void SafetyTester::setText(const QString& text)
{
    m_input->setPlainText(text);
}

QString SafetyTester::text() const
{
    return m_input->toPlainText();
}

QString SafetyTester::redactedText() const
{
    return m_preview->toPlainText();
}

QString SafetyTester::summaryText() const
{
    return m_summary->text();
}

void SafetyTester::refresh()
{
    const QString text = m_input->toPlainText();
    QList<QTextEdit::ExtraSelection> selections;
    if (text.isEmpty()) {
        m_input->setExtraSelections(selections);
        m_preview->clear();
        m_summary->setText(tr("Matches are highlighted as you type."));
        return;
    }
    const auto outcome = m_engine->process(text);
    if (!outcome) {
        m_input->setExtraSelections(selections);
        m_preview->clear();
        m_summary->setText(tr("Cannot test this text: %1").arg(outcome.error().message));
        return;
    }
    const bool dark = Theme::isDark(palette());
    QStringList names;
    int critical = 0;
    for (const safety::PiiMatch& match : outcome->matches) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_input->document());
        selection.cursor.setPosition(int(match.start));
        selection.cursor.setPosition(int(match.end), QTextCursor::KeepAnchor);
        const QString tooltip = tr("%1 · %2 · %3")
                                    .arg(match.patternName,
                                         models::SafetyFormat::severityText(match.severity),
                                         models::SafetyFormat::patternActionText(match.action));
        selection.format = highlightFormat(match.severity, tooltip, dark);
        selection.format.setProperty(kPatternProperty, match.patternName);
        selections.append(selection);
        const QString name = tr("%1 (%2)").arg(match.patternName, models::SafetyFormat::severityText(match.severity));
        if (!names.contains(name))
            names.append(name);
        if (match.severity == QLatin1String("critical"))
            ++critical;
    }
    m_input->setExtraSelections(selections);

    QString summary = outcome->matches.isEmpty()
        ? tr("No PII found: the message is stored as written.")
        : tr("%n match(es): %1", nullptr, int(outcome->matches.size())).arg(names.join(QStringLiteral(", ")));
    if (outcome->blocked)
        summary += QLatin1Char('\n') + tr("A pattern with the Block action matches: this message would be rejected.");
    else if (outcome->alert)
        summary += QLatin1Char('\n') + tr("An administrator would be alerted about this message.");
    m_summary->setText(summary);
    QPalette p = m_summary->palette();
    p.setColor(QPalette::WindowText,
               outcome->blocked || critical > 0 ? Theme::errorText(palette()) : palette().color(QPalette::WindowText));
    m_summary->setPalette(p);
    m_preview->setPlainText(outcome->blocked ? tr("(blocked: not stored)") : outcome->redactedText);
}

QList<SafetyTester::Highlight> SafetyTester::highlights() const
{
    QList<Highlight> result;
    for (const QTextEdit::ExtraSelection& selection : m_input->extraSelections()) {
        Highlight h;
        h.start = selection.cursor.selectionStart();
        h.end = selection.cursor.selectionEnd();
        h.patternName = selection.format.property(kPatternProperty).toString();
        h.severity = selection.format.property(kSeverityProperty).toString();
        result.append(h);
    }
    return result;
}

bool SafetyTester::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_input->viewport() && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int position = m_input->cursorForPosition(help->pos()).position();
        for (const QTextEdit::ExtraSelection& selection : m_input->extraSelections()) {
            if (position >= selection.cursor.selectionStart() && position < selection.cursor.selectionEnd()) {
                QToolTip::showText(help->globalPos(), selection.format.toolTip(), m_input->viewport());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SafetyTester::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColors();
        refresh();
    }
}

void SafetyTester::updateColors()
{
    // Severity key: each word on the background and underline its matches get.
    const bool dark = Theme::isDark(palette());
    QStringList keys;
    for (const QString& severity : models::SafetyFormat::patternSeverities()) {
        QColor fill = SafetySeverityDelegate::color(severity);
        fill.setAlphaF(dark ? 0.34f : 0.22f);
        const QString style = severity == QLatin1String("low") ? QStringLiteral("dotted")
            : severity == QLatin1String("medium")              ? QStringLiteral("dashed")
            : severity == QLatin1String("high")                ? QStringLiteral("solid")
                                                               : QStringLiteral("wavy");
        keys << QStringLiteral(
                    "<span style=\"background-color: rgba(%1, %2, %3, %4); text-decoration: underline %5 %6;\">"
                    "&nbsp;%7&nbsp;</span>")
                    .arg(fill.red())
                    .arg(fill.green())
                    .arg(fill.blue())
                    .arg(fill.alphaF())
                    .arg(style,
                         SafetySeverityDelegate::color(severity).name(),
                         models::SafetyFormat::severityText(severity).toHtmlEscaped());
    }
    m_legend->setText(keys.join(QStringLiteral("&nbsp; ")));

    for (QLabel* label : { m_inputCaption, m_previewCaption }) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
        label->setPalette(p);
    }
}

} // namespace aiops::widgets
