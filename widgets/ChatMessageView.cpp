#include "widgets/ChatMessageView.h"

#include "widgets/Theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextTable>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

constexpr int kMaxShownJson = 4000; // characters of a tool's input or output shown in the card

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(
        a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t, a.blueF() * (1 - t) + b.blueF() * t);
}

QColor codeBackground(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), Theme::isDark(palette) ? 0.10 : 0.06);
}

bool isCodeBlock(const QTextBlock& block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage)
        || block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

QString prettyJson(const QJsonValue& value)
{
    QString text;
    if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    else if (value.isString())
        text = value.toString();
    else if (!value.isUndefined() && !value.isNull())
        text = value.toVariant().toString();
    if (text.size() > kMaxShownJson)
        text = text.left(kMaxShownJson) + QStringLiteral("\n…");
    return text;
}

QPixmap shapePixmap(const QString& shape, int size, qreal dpr)
{
    QPixmap pixmap(int(size * dpr), int(size * dpr));
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Theme::paintStatusShape(&painter, QRectF(1, 1, size - 2, size - 2), shape);
    return pixmap;
}

} // namespace

QString markdownToHtml(const QString& markdown, const QPalette& palette)
{
    QTextDocument doc;
    doc.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QColor background = codeBackground(palette);

    // Inline code: a tinted background in the monospace font.
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        if (isCodeBlock(block))
            continue;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid() || !fragment.charFormat().fontFixedPitch())
                continue;
            QTextCursor cursor(&doc);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            QTextCharFormat format;
            format.setBackground(background);
            format.setFontFamilies(mono.families());
            cursor.mergeCharFormat(format);
        }
    }

    // Code blocks: runs of consecutive code blocks go into a tinted frame with padding; long lines wrap.
    QList<QPair<int, int>> runs;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        if (!isCodeBlock(block))
            continue;
        const int start = block.position();
        QTextBlock last = block;
        while (last.next().isValid() && isCodeBlock(last.next()))
            last = last.next();
        runs.append({ start, last.position() + last.length() - 1 });
        block = last;
    }
    for (auto run = runs.crbegin(); run != runs.crend(); ++run) {
        // A one-cell table carries the tint and the padding (a block background has no padding).
        QTextCursor cursor(&doc);
        cursor.setPosition(run->first);
        cursor.setPosition(run->second, QTextCursor::KeepAnchor);
        const QString code = cursor.selection().toPlainText();
        cursor.removeSelectedText();
        cursor.setBlockFormat(QTextBlockFormat());
        QTextTableFormat table;
        table.setBackground(background);
        table.setBorder(0);
        table.setCellPadding(8);
        table.setCellSpacing(0);
        table.setTopMargin(2);
        table.setBottomMargin(6);
        table.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        cursor.insertTable(1, 1, table);
        QTextCharFormat charFormat;
        charFormat.setFontFamilies(mono.families());
        charFormat.setFontFixedPitch(true);
        const QStringList lines = code.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                cursor.insertBlock(QTextBlockFormat(), charFormat);
            cursor.insertText(lines.at(i), charFormat);
        }
    }
    return doc.toHtml();
}

// --- ChatBubble ---

ChatBubble::ChatBubble(Kind kind, const QString& messageId, QWidget* parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_messageId(messageId)
{
    setObjectName(kind == Kind::User        ? QStringLiteral("userBubble")
                      : kind == Kind::Agent ? QStringLiteral("agentBubble")
                      : kind == Kind::Error ? QStringLiteral("errorBubble")
                                            : QStringLiteral("systemLine"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingM, Theme::kSpacingS, Theme::kSpacingM, Theme::kSpacingS);
    layout->setSpacing(4);
    auto* row = new QHBoxLayout;
    row->setSpacing(Theme::kSpacingS);
    if (kind == Kind::Error) {
        m_icon = new QLabel(this);
        row->addWidget(m_icon, 0, Qt::AlignTop);
    }
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("bubbleText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse
                                    | Qt::TextSelectableByKeyboard);
    m_text->setOpenExternalLinks(true);
    m_text->setTextFormat(kind == Kind::Agent ? Qt::RichText : Qt::PlainText);
    m_text->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    row->addWidget(m_text, 1);
    layout->addLayout(row);
    m_files = new QLabel(this);
    m_files->setObjectName(QStringLiteral("bubbleFiles"));
    m_files->setWordWrap(true);
    m_files->setVisible(false);
    layout->addWidget(m_files);
    m_warningLabel = new QLabel(this);
    m_warningLabel->setObjectName(QStringLiteral("bubbleWarnings"));
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setVisible(false);
    layout->addWidget(m_warningLabel);
    m_footer = new QLabel(this);
    m_footer->setObjectName(QStringLiteral("bubbleFooter"));
    m_footer->setFont(Theme::captionFont(font()));
    m_footer->setVisible(false);
    layout->addWidget(m_footer);
    if (kind == Kind::System) {
        m_text->setAlignment(Qt::AlignCenter);
        layout->setContentsMargins(0, 0, 0, 0);
    }
    updateColors();
}

ChatBubble::~ChatBubble() = default;

void ChatBubble::setContent(const QString& content)
{
    m_content = content;
    render();
}

void ChatBubble::appendContent(const QString& delta)
{
    m_content += delta;
    render();
}

void ChatBubble::setStreaming(bool streaming)
{
    m_streaming = streaming;
    render();
}

void ChatBubble::setWarnings(const QStringList& warnings)
{
    m_warnings = warnings;
    m_warningLabel->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral("\n⚠ ")));
    m_warningLabel->setVisible(!warnings.isEmpty());
}

void ChatBubble::setFiles(const QStringList& filenames)
{
    m_files->setText(tr("Attached: %1").arg(filenames.join(QStringLiteral(", "))));
    m_files->setVisible(!filenames.isEmpty());
}

void ChatBubble::setFooter(const QString& text)
{
    m_footer->setText(text);
    m_footer->setVisible(!text.isEmpty());
}

QString ChatBubble::renderedText() const
{
    return m_text->text();
}

void ChatBubble::render()
{
    if (m_kind != Kind::Agent) {
        m_text->setText(m_content);
        return;
    }
    QString markdown = m_content;
    if (m_streaming)
        markdown += QStringLiteral(" ▍");
    m_text->setText(markdownToHtml(markdown, palette()));
}

void ChatBubble::paintEvent(QPaintEvent* event)
{
    if (m_kind == Kind::System) {
        QFrame::paintEvent(event);
        return;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette p = palette();
    QColor fill;
    QColor border = Theme::cardBorder(p);
    switch (m_kind) {
    case Kind::User: {
        QColor accent = Theme::accentColor(p);
        fill = mix(p.color(QPalette::Base), accent, Theme::isDark(p) ? 0.28 : 0.12);
        border = mix(p.color(QPalette::Base), accent, 0.35);
        break;
    }
    case Kind::Error:
        fill = mix(p.color(QPalette::Base), Theme::errorText(p), Theme::isDark(p) ? 0.18 : 0.08);
        border = mix(p.color(QPalette::Base), Theme::errorText(p), 0.45);
        break;
    default: fill = p.color(QPalette::Base); break;
    }
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), Theme::kCardRadius, Theme::kCardRadius);
    painter.fillPath(path, fill);
    painter.setPen(QPen(border, 1));
    painter.drawPath(path);
}

void ChatBubble::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColors();
        render();
    }
}

void ChatBubble::updateColors()
{
    const QPalette p = palette();
    colorize(m_footer, Theme::subtleText(p));
    colorize(m_files, Theme::subtleText(p));
    colorize(m_warningLabel, Theme::warningText(p));
    if (m_kind == Kind::System)
        colorize(m_text, Theme::subtleText(p));
    if (m_kind == Kind::Error) {
        colorize(m_text, Theme::errorText(p));
        m_icon->setPixmap(Theme::icon(QStringLiteral("alert"), Theme::errorText(p)).pixmap(16, 16));
    }
}

// --- Spinner ---

Spinner::Spinner(QWidget* parent)
    : QWidget(parent)
{
    m_timer.setInterval(60);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        update();
    });
    setAccessibleName(tr("Running"));
}

Spinner::~Spinner() = default;

QSize Spinner::sizeHint() const
{
    const int d = fontMetrics().height();
    return { d, d };
}

void Spinner::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal d = std::min(width(), height()) - 3;
    const QRectF r((width() - d) / 2, (height() - d) / 2, d, d);
    QColor track = Theme::accentColor(palette());
    track.setAlphaF(0.2f);
    painter.setPen(QPen(track, 2));
    painter.drawEllipse(r);
    painter.setPen(QPen(Theme::accentColor(palette()), 2, Qt::SolidLine, Qt::RoundCap));
    painter.drawArc(r, -m_angle * 16, 100 * 16);
}

void Spinner::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
}

void Spinner::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

// --- ToolCallCard ---

ToolCallCard::ToolCallCard(const QString& callId, const QString& toolName, const QJsonObject& input, QWidget* parent)
    : QFrame(parent)
    , m_callId(callId)
    , m_toolName(toolName)
{
    setObjectName(QStringLiteral("toolCallCard"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingM, Theme::kSpacingS, Theme::kSpacingM, Theme::kSpacingS);
    layout->setSpacing(4);

    auto* header = new QHBoxLayout;
    header->setSpacing(Theme::kSpacingS);
    auto* icon = new QLabel(this);
    icon->setPixmap(Theme::icon(QStringLiteral("tool"), Theme::subtleText(palette())).pixmap(16, 16));
    header->addWidget(icon);
    auto* name = new QLabel(this);
    name->setObjectName(QStringLiteral("toolName"));
    name->setText(tr("Tool: %1").arg(toolName));
    QFont bold = name->font();
    bold.setWeight(QFont::DemiBold);
    name->setFont(bold);
    header->addWidget(name);
    header->addStretch(1);
    m_spinner = new Spinner(this);
    header->addWidget(m_spinner);
    m_shape = new QLabel(this);
    m_shape->setVisible(false);
    header->addWidget(m_shape);
    m_statusLabel = new QLabel(tr("Running…"), this);
    m_statusLabel->setObjectName(QStringLiteral("toolStatus"));
    header->addWidget(m_statusLabel);
    layout->addLayout(header);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto makeToggle = [this](const QString& text) {
        auto* toggle = new QToolButton(this);
        toggle->setText(text);
        toggle->setCheckable(true);
        toggle->setAutoRaise(true);
        toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        toggle->setArrowType(Qt::RightArrow);
        toggle->setStyleSheet(QStringLiteral("QToolButton { border: none; padding: 2px 0px; }"));
        connect(toggle, &QToolButton::toggled, toggle, [toggle](bool on) {
            toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        });
        return toggle;
    };
    auto makeJson = [this, &mono](const QString& objectName) {
        auto* label = new QLabel(this);
        label->setObjectName(objectName);
        label->setFont(mono);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setContentsMargins(Theme::kSpacingL, 0, 0, 0);
        label->setVisible(false);
        return label;
    };
    m_inputToggle = makeToggle(tr("Input"));
    m_inputToggle->setObjectName(QStringLiteral("toolInputToggle"));
    layout->addWidget(m_inputToggle, 0, Qt::AlignLeft);
    m_input = makeJson(QStringLiteral("toolInput"));
    m_input->setText(input.isEmpty() ? tr("(no arguments)") : prettyJson(input));
    layout->addWidget(m_input);
    connect(m_inputToggle, &QToolButton::toggled, m_input, &QWidget::setVisible);

    m_outputToggle = makeToggle(tr("Output"));
    m_outputToggle->setObjectName(QStringLiteral("toolOutputToggle"));
    m_outputToggle->setVisible(false);
    layout->addWidget(m_outputToggle, 0, Qt::AlignLeft);
    m_output = makeJson(QStringLiteral("toolOutput"));
    layout->addWidget(m_output);
    connect(m_outputToggle, &QToolButton::toggled, m_output, &QWidget::setVisible);
    updateColors();
}

ToolCallCard::~ToolCallCard() = default;

void ToolCallCard::finish(const QString& status, const QJsonValue& output, const QString& error, qint64 durationMs)
{
    m_status = status == QLatin1String("error") ? QStringLiteral("error") : QStringLiteral("success");
    m_spinner->setVisible(false);
    m_shape->setVisible(true);
    const QString duration = durationMs < 1000 ? tr("%1 ms").arg(durationMs)
                                               : tr("%1 s").arg(QLocale().toString(durationMs / 1000.0, 'f', 1));
    if (m_status == QLatin1String("error"))
        m_statusLabel->setText(tr("Failed after %1").arg(duration));
    else
        m_statusLabel->setText(tr("Succeeded in %1").arg(duration));
    QString text;
    if (!error.isEmpty())
        text = error;
    else
        text = prettyJson(output);
    if (!text.isEmpty()) {
        m_output->setText(text);
        m_outputToggle->setVisible(true);
        m_outputToggle->setChecked(true);
    }
    updateColors();
}

QString ToolCallCard::statusText() const
{
    return m_statusLabel->text();
}

bool ToolCallCard::isInputExpanded() const
{
    return m_inputToggle->isChecked();
}

void ToolCallCard::setInputExpanded(bool expanded)
{
    m_inputToggle->setChecked(expanded);
}

QString ToolCallCard::outputText() const
{
    return m_output->text();
}

void ToolCallCard::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette p = palette();
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    painter.fillPath(path, mix(p.color(QPalette::Base), p.color(QPalette::Window), 0.5));
    painter.setPen(QPen(m_status == QLatin1String("error") ? mix(p.color(QPalette::Base), Theme::errorText(p), 0.5)
                                                           : Theme::cardBorder(p),
                        1));
    painter.drawPath(path);
}

void ToolCallCard::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void ToolCallCard::updateColors()
{
    const QPalette p = palette();
    colorize(m_input, Theme::subtleText(p));
    colorize(m_output, m_status == QLatin1String("error") ? Theme::errorText(p) : p.color(QPalette::WindowText));
    colorize(m_statusLabel, m_status == QLatin1String("error") ? Theme::errorText(p) : Theme::subtleText(p));
    const int size = fontMetrics().height() * 2 / 3 + 2;
    if (!m_status.isEmpty())
        m_shape->setPixmap(
            shapePixmap(m_status == QLatin1String("error") ? QStringLiteral("offline") : QStringLiteral("online"),
                        size,
                        devicePixelRatioF()));
}

} // namespace aiops::widgets
