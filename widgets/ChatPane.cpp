#include "widgets/ChatPane.h"

#include "core/controller/AgentService.h"
#include "widgets/AgentsPage.h"
#include "widgets/Card.h"
#include "widgets/ChatMessageView.h"
#include "widgets/Theme.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

using agents::MessageRecord;

namespace {

constexpr double kBubbleWidth = 0.8; // of the transcript's width

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray()) {
        if (v.isString())
            list.append(v.toString());
        else if (v.isObject())
            list.append(v.toObject().value(QStringLiteral("message")).toString());
    }
    list.removeAll(QString());
    return list;
}

QStringList fileNames(const QJsonArray& files)
{
    QStringList names;
    for (const QJsonValue& f : files)
        names.append(f.toObject().value(QStringLiteral("filename")).toString());
    names.removeAll(QString());
    return names;
}

QStringList fileNames(const QList<agents::FileRef>& files)
{
    QStringList names;
    for (const agents::FileRef& f : files)
        names.append(f.filename);
    return names;
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

ChatPane::ChatPane(controller::AgentService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);

    // Header: back, agent name and status, the Local only switch.
    auto* header = new QHBoxLayout;
    header->setSpacing(Theme::kSpacingM);
    m_back = new QToolButton(this);
    m_back->setObjectName(QStringLiteral("chatBackButton"));
    m_back->setText(tr("← Agents"));
    m_back->setToolTip(tr("Back to the list of agents (Esc)"));
    m_back->setAutoRaise(true);
    m_back->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_back, &QToolButton::clicked, this, &ChatPane::backRequested);
    header->addWidget(m_back);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("chatTitle"));
    m_title->setFont(Theme::titleFont(font()));
    header->addWidget(m_title);
    m_statusShape = new QLabel(this);
    header->addWidget(m_statusShape);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("chatAgentStatus"));
    header->addWidget(m_status);
    header->addStretch(1);
    m_localOnly = new QCheckBox(tr("&Local only"), this);
    m_localOnly->setObjectName(QStringLiteral("localOnlySwitch"));
    m_localOnly->setToolTip(tr("While on, no request leaves for a cloud provider (OpenAI, Anthropic); "
                               "agents answer from models on this cluster only. Applies to every agent."));
    m_localOnly->setChecked(m_service->localOnly());
    connect(m_localOnly, &QCheckBox::toggled, this, [this](bool on) { m_service->setLocalOnly(on); });
    header->addWidget(m_localOnly);
    layout->addLayout(header);

    // Token-counts-only banner.
    m_tokenBanner = new QWidget(this);
    m_tokenBanner->setObjectName(QStringLiteral("tokenOnlyBanner"));
    auto* bannerLayout = new QHBoxLayout(m_tokenBanner);
    bannerLayout->setContentsMargins(0, 0, 0, 0);
    bannerLayout->setSpacing(Theme::kSpacingS);
    m_tokenBannerIcon = new QLabel(m_tokenBanner);
    bannerLayout->addWidget(m_tokenBannerIcon);
    m_tokenBannerText = new QLabel(tr("Message text is not stored: this agent keeps token counts only. The "
                                      "conversation shows here while it is open and is gone when you leave it."),
                                   m_tokenBanner);
    m_tokenBannerText->setWordWrap(true);
    bannerLayout->addWidget(m_tokenBannerText, 1);
    m_tokenBanner->setVisible(false);
    layout->addWidget(m_tokenBanner);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    layout->addWidget(splitter, 1);

    // Conversations.
    auto* listCard = new Card(splitter);
    auto* listLayout = new QVBoxLayout(listCard);
    listLayout->setContentsMargins(Theme::kSpacingM, Theme::kSpacingM, Theme::kSpacingM, Theme::kSpacingM);
    listLayout->setSpacing(Theme::kSpacingS);
    auto* listHeader = new QHBoxLayout;
    listHeader->addWidget(Theme::sectionTitle(tr("Conversations"), listCard, 1.0));
    listHeader->addStretch(1);
    m_deleteConversation = new QToolButton(listCard);
    m_deleteConversation->setObjectName(QStringLiteral("deleteConversationButton"));
    m_deleteConversation->setIcon(Theme::paletteIcon(QStringLiteral("remove"), palette()));
    m_deleteConversation->setToolTip(tr("Delete the selected conversation (Del)"));
    m_deleteConversation->setAccessibleName(tr("Delete conversation"));
    m_deleteConversation->setAutoRaise(true);
    connect(m_deleteConversation, &QToolButton::clicked, this, &ChatPane::deleteConversation);
    listHeader->addWidget(m_deleteConversation);
    listLayout->addLayout(listHeader);
    m_newConversation = new QPushButton(tr("&New conversation"), listCard);
    m_newConversation->setObjectName(QStringLiteral("newConversationButton"));
    m_newConversation->setIcon(Theme::paletteIcon(QStringLiteral("add"), palette()));
    connect(m_newConversation, &QPushButton::clicked, this, &ChatPane::newConversation);
    listLayout->addWidget(m_newConversation);
    m_conversations = new QListWidget(listCard);
    m_conversations->setObjectName(QStringLiteral("conversationList"));
    m_conversations->setAccessibleName(tr("Conversations"));
    m_conversations->setFrameShape(QFrame::NoFrame);
    m_conversations->setWordWrap(true);
    m_conversations->installEventFilter(this);
    connect(m_conversations, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item && item->data(Qt::UserRole).toString() != m_conversationId)
            openConversation(item->data(Qt::UserRole).toString());
    });
    listLayout->addWidget(m_conversations, 1);
    listCard->setMinimumWidth(200);

    // Transcript and input.
    auto* chatCard = new Card(splitter);
    auto* chatLayout = new QVBoxLayout(chatCard);
    chatLayout->setContentsMargins(1, 1, 1, Theme::kSpacingM);
    chatLayout->setSpacing(Theme::kSpacingS);
    m_scroll = new QScrollArea(chatCard);
    m_scroll->setObjectName(QStringLiteral("transcript"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->viewport()->setAutoFillBackground(false);
    m_scroll->viewport()->installEventFilter(this);
    m_transcript = new QWidget;
    m_scroll->setWidget(m_transcript);
    m_transcript->setAutoFillBackground(false);
    m_transcriptLayout = new QVBoxLayout(m_transcript);
    m_transcriptLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingS);
    m_transcriptLayout->setSpacing(Theme::kSpacingM);
    m_placeholder
        = new QLabel(tr("Ask the agent something to start. Enter sends, Shift+Enter starts a new line."), m_transcript);
    m_placeholder->setObjectName(QStringLiteral("transcriptPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_subtle.append(m_placeholder);
    m_transcriptLayout->addWidget(m_placeholder);
    m_transcriptLayout->addStretch(1);
    chatLayout->addWidget(m_scroll, 1);

    auto* inner = new QVBoxLayout;
    inner->setContentsMargins(Theme::kSpacingL, 0, Theme::kSpacingL, 0);
    inner->setSpacing(Theme::kSpacingS);
    chatLayout->addLayout(inner);

    m_typing = new QWidget(chatCard);
    m_typing->setObjectName(QStringLiteral("typingIndicator"));
    auto* typingLayout = new QHBoxLayout(m_typing);
    typingLayout->setContentsMargins(0, 0, 0, 0);
    typingLayout->setSpacing(Theme::kSpacingS);
    typingLayout->addWidget(new Spinner(m_typing));
    m_typingLabel = new QLabel(m_typing);
    m_subtle.append(m_typingLabel);
    typingLayout->addWidget(m_typingLabel, 1);
    m_typing->setVisible(false);
    inner->addWidget(m_typing);

    const Theme::MessageBar bar = Theme::messageBar(chatCard, QStringLiteral("chatError"));
    m_errorBox = bar.box;
    m_errorIcon = bar.icon;
    m_error = bar.text;
    inner->addWidget(m_errorBox);

    m_chips = new QWidget(chatCard);
    m_chipsLayout = new QHBoxLayout(m_chips);
    m_chipsLayout->setContentsMargins(0, 0, 0, 0);
    m_chipsLayout->setSpacing(Theme::kSpacingS);
    m_chipsLayout->addStretch(1);
    m_chips->setVisible(false);
    inner->addWidget(m_chips);

    auto* inputRow = new QHBoxLayout;
    inputRow->setSpacing(Theme::kSpacingS);
    m_attach = new QPushButton(tr("A&ttach…"), chatCard);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setIcon(Theme::paletteIcon(QStringLiteral("attach"), palette()));
    m_attach->setToolTip(tr("Attach files to the next message"));
    connect(m_attach, &QPushButton::clicked, this, &ChatPane::chooseAttachments);
    inputRow->addWidget(m_attach, 0, Qt::AlignBottom);
    m_input = new QPlainTextEdit(chatCard);
    m_input->setObjectName(QStringLiteral("chatInput"));
    m_input->setAccessibleName(tr("Message"));
    m_input->setPlaceholderText(tr("Message the agent… (Enter sends, Shift+Enter for a new line)"));
    m_input->setTabChangesFocus(true);
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 3 + 16);
    m_input->installEventFilter(this);
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        updateSendEnabled();
        const bool typing = !m_input->toPlainText().trimmed().isEmpty();
        if (typing != m_typingSent && !m_conversationId.isEmpty()) {
            m_typingSent = typing;
            m_service->setTyping(m_conversationId, typing);
        }
    });
    inputRow->addWidget(m_input, 1);
    m_send = new QPushButton(tr("&Send"), chatCard);
    m_send->setObjectName(QStringLiteral("sendButton"));
    Theme::makePrimary(m_send, QStringLiteral("send"));
    m_send->setToolTip(tr("Send (Enter or Ctrl+Enter)"));
    connect(m_send, &QPushButton::clicked, this, &ChatPane::send);
    inputRow->addWidget(m_send, 0, Qt::AlignBottom);
    inner->addLayout(inputRow);

    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({ 240, 860 });

    connect(m_service, &controller::AgentService::conversationEvent, this, &ChatPane::onEvent);
    connect(m_service, &controller::AgentService::conversationsChanged, this, [this](const QString& agentId) {
        if (agentId.isEmpty() || agentId == m_agentId)
            refreshConversations();
    });
    connect(m_service, &controller::AgentService::agentsChanged, this, [this](const QStringList& ids) {
        if (ids.isEmpty() || ids.contains(m_agentId))
            refreshAgent();
    });
    connect(m_service, &controller::AgentService::localOnlyChanged, this, [this](bool on) {
        const QSignalBlocker blocker(m_localOnly);
        m_localOnly->setChecked(on);
    });

    updateSendEnabled();
    updateColors();
}

ChatPane::~ChatPane() = default;

void ChatPane::setBackButtonVisible(bool visible)
{
    m_back->setVisible(visible);
}

void ChatPane::setAgent(const QString& agentId)
{
    const bool changed = agentId != m_agentId;
    m_agentId = agentId;
    refreshAgent();
    if (changed) {
        m_conversationId.clear();
        clearTranscript();
        m_attachments.clear();
        updateAttachmentChips();
        m_errorBox->setVisible(false);
    }
    refreshConversations();
    if (m_conversationId.isEmpty() && m_conversations->count() > 0)
        openConversation(m_conversations->item(0)->data(Qt::UserRole).toString());
    m_input->setFocus();
}

void ChatPane::refreshAgent()
{
    m_agent = m_agentId.isEmpty() ? std::nullopt : m_service->agent(m_agentId);
    if (!m_agent) {
        m_title->setText(m_agentId.isEmpty() ? tr("Chat") : tr("Agent removed"));
        m_status->clear();
        m_statusShape->clear();
        m_tokenBanner->setVisible(false);
        m_newConversation->setEnabled(false);
        return;
    }
    m_newConversation->setEnabled(true);
    m_title->setText(m_agent->name);
    m_status->setText(AgentsPage::statusText(m_agent->status));
    m_status->setToolTip(m_agent->lastError);
    const int size = fontMetrics().height() * 2 / 3 + 2;
    m_statusShape->setPixmap(shapePixmap(AgentsPage::statusShape(m_agent->status), size, devicePixelRatioF()));
    m_tokenBanner->setVisible(m_agent->tokenCountsOnly);
    m_typingLabel->setText(tr("%1 is typing…").arg(m_agent->name));
}

void ChatPane::refreshConversations()
{
    const QSignalBlocker blocker(m_conversations);
    m_conversations->clear();
    if (m_agentId.isEmpty())
        return;
    const QLocale locale;
    bool openStillThere = false;
    for (const agents::ConversationRecord& c : m_service->conversations(m_agentId)) {
        if (c.isDeleted)
            continue;
        const QDateTime when = c.lastMessageAt.isValid() ? c.lastMessageAt : c.createdAt;
        QString title = c.title.isEmpty() ? tr("New conversation") : c.title;
        auto* item = new QListWidgetItem(title, m_conversations);
        item->setData(Qt::UserRole, c.conversationId);
        item->setSizeHint(QSize(0, fontMetrics().height() + Theme::kSpacingM));
        item->setToolTip(
            tr("%1\n%n message(s) · %2", nullptr, int(c.messageCount))
                .arg(title, when.isValid() ? locale.toString(when.toLocalTime(), QLocale::ShortFormat) : QString()));
        if (c.conversationId == m_conversationId) {
            m_conversations->setCurrentItem(item);
            openStillThere = true;
        }
    }
    m_deleteConversation->setEnabled(!m_conversationId.isEmpty() && openStillThere);
    if (!m_conversationId.isEmpty() && !openStillThere) {
        // Deleted (here or elsewhere): show the newest one, or nothing.
        m_conversationId.clear();
        clearTranscript();
        if (m_conversations->count() > 0) {
            const QString next = m_conversations->item(0)->data(Qt::UserRole).toString();
            QTimer::singleShot(0, this, [this, next] {
                if (m_conversationId.isEmpty())
                    openConversation(next);
            });
        }
    }
}

bool ChatPane::openConversation(const QString& conversationId)
{
    bool found = false;
    for (int i = 0; i < m_conversations->count(); ++i) {
        if (m_conversations->item(i)->data(Qt::UserRole).toString() == conversationId) {
            const QSignalBlocker blocker(m_conversations);
            m_conversations->setCurrentRow(i);
            found = true;
        }
    }
    if (!found)
        return false;
    if (m_typingSent && !m_conversationId.isEmpty())
        m_service->setTyping(m_conversationId, false);
    m_typingSent = false;
    m_conversationId = conversationId;
    m_deleteConversation->setEnabled(true);
    m_errorBox->setVisible(false);
    clearTranscript();
    loadHistory();
    return true;
}

void ChatPane::clearTranscript()
{
    // Rows sit between the placeholder (first) and the stretch (last).
    while (m_transcriptLayout->count() > 2) {
        QLayoutItem* item = m_transcriptLayout->takeAt(1);
        if (QWidget* row = item->widget()) {
            row->hide();
            row->deleteLater();
        }
        delete item;
    }
    m_bubbles.clear();
    m_cards.clear();
    setTypingShown(false);
    m_placeholder->setVisible(true);
}

void ChatPane::loadHistory()
{
    const auto history = m_service->messages(m_conversationId);
    if (!history) {
        showError(tr("Could not load the conversation: %1").arg(history.error().message));
        return;
    }
    const bool textless = m_agent && m_agent->tokenCountsOnly;
    for (const MessageRecord& m : *history) {
        if (m.type == QLatin1String("tool")) {
            ToolCallCard* card = addToolCard(m.messageId, m.toolName, m.toolInput);
            if (m.toolStatus != QLatin1String("pending"))
                card->finish(
                    m.toolStatus, m.toolOutput.isEmpty() ? QJsonValue() : QJsonValue(m.toolOutput), {}, m.durationMs);
            continue;
        }
        const bool user = m.type == QLatin1String("user");
        const bool system = m.type == QLatin1String("system");
        ChatBubble* bubble = addBubble(int(user         ? ChatBubble::Kind::User
                                               : system ? ChatBubble::Kind::System
                                                        : ChatBubble::Kind::Agent),
                                       m.messageId);
        QString content = m.content;
        if (content.isEmpty() && (textless || m.promptTokens + m.completionTokens > 0))
            content = user ? tr("(text not stored)") : tr("*(text not stored)*");
        bubble->setContent(content);
        bubble->setWarnings(stringList(m.metadata.value(QStringLiteral("warnings"))));
        bubble->setFiles(fileNames(m.files));
        if (!user && !system) {
            const qint64 tokens = m.promptTokens + m.completionTokens;
            QStringList footer;
            const QString model = m.metadata.value(QStringLiteral("model")).toString();
            if (!model.isEmpty())
                footer.append(model);
            if (tokens > 0)
                footer.append(tr("%n token(s)", nullptr, int(tokens)));
            bubble->setFooter(footer.join(QStringLiteral(" · ")));
        }
    }
    scrollToBottom();
}

ChatBubble* ChatPane::addBubble(int kind, const QString& messageId)
{
    const auto k = ChatBubble::Kind(kind);
    auto* bubble = new ChatBubble(k, messageId);
    if (!messageId.isEmpty())
        m_bubbles.insert(messageId, bubble);
    insertIntoTranscript(bubble,
                         k == ChatBubble::Kind::User         ? Qt::AlignRight
                             : k == ChatBubble::Kind::System ? Qt::AlignHCenter
                                                             : Qt::AlignLeft);
    return bubble;
}

ToolCallCard* ChatPane::addToolCard(const QString& callId, const QString& toolName, const QJsonObject& input)
{
    auto* card = new ToolCallCard(callId, toolName, input);
    if (!callId.isEmpty())
        m_cards.insert(callId, card);
    insertIntoTranscript(card, Qt::AlignLeft);
    return card;
}

void ChatPane::insertIntoTranscript(QWidget* widget, Qt::Alignment alignment)
{
    m_placeholder->setVisible(false);
    auto* row = new QWidget(m_transcript);
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(0);
    if (alignment != Qt::AlignLeft)
        rowLayout->addStretch(1);
    widget->setParent(row);
    widget->setMaximumWidth(int(m_scroll->viewport()->width() * kBubbleWidth));
    rowLayout->addWidget(widget);
    if (alignment != Qt::AlignRight)
        rowLayout->addStretch(1);
    m_transcriptLayout->insertWidget(m_transcriptLayout->count() - 1, row);
    row->show();
}

void ChatPane::onEvent(const QJsonObject& event)
{
    const QString conversationId = event.value(QStringLiteral("conversationId")).toString();
    if (conversationId.isEmpty() || conversationId != m_conversationId)
        return;
    const QString type = event.value(QStringLiteral("type")).toString();
    const QString messageId = event.value(QStringLiteral("messageId")).toString();
    const QJsonObject metadata = event.value(QStringLiteral("metadata")).toObject();

    if (type == QLatin1String("user.message")) {
        ChatBubble* bubble = m_bubbles.value(messageId);
        if (!bubble) {
            bubble = addBubble(int(ChatBubble::Kind::User), messageId);
            bubble->setContent(event.value(QStringLiteral("content")).toString());
            bubble->setFiles(fileNames(event.value(QStringLiteral("files")).toArray()));
        }
        bubble->setWarnings(stringList(metadata.value(QStringLiteral("warnings"))));
    } else if (type == QLatin1String("agent.typing")) {
        setTypingShown(event.value(QStringLiteral("isTyping")).toBool());
    } else if (type == QLatin1String("agent.messageDelta")) {
        ChatBubble* bubble = m_bubbles.value(messageId);
        if (!bubble) {
            bubble = addBubble(int(ChatBubble::Kind::Agent), messageId);
            bubble->setStreaming(true);
        }
        if (bubble->isStreaming())
            bubble->appendContent(event.value(QStringLiteral("delta")).toString());
        setTypingShown(false);
    } else if (type == QLatin1String("agent.toolCall.start")) {
        const QString callId
            = messageId.isEmpty() ? metadata.value(QStringLiteral("toolCallId")).toString() : messageId;
        if (!m_cards.value(callId))
            addToolCard(callId,
                        event.value(QStringLiteral("toolName")).toString(),
                        event.value(QStringLiteral("toolInput")).toObject());
    } else if (type == QLatin1String("agent.toolCall.end")) {
        const QString callId
            = messageId.isEmpty() ? metadata.value(QStringLiteral("toolCallId")).toString() : messageId;
        ToolCallCard* card = m_cards.value(callId);
        if (!card)
            card = addToolCard(callId, event.value(QStringLiteral("toolName")).toString(), {});
        card->finish(event.value(QStringLiteral("status")).toString(),
                     event.value(QStringLiteral("toolOutput")),
                     event.value(QStringLiteral("error")).toString(),
                     qint64(event.value(QStringLiteral("durationMs")).toDouble()));
    } else if (type == QLatin1String("agent.message")) {
        ChatBubble* bubble = m_bubbles.value(messageId);
        if (!bubble)
            bubble = addBubble(int(ChatBubble::Kind::Agent), messageId);
        bubble->setStreaming(false);
        QString content = event.value(QStringLiteral("content")).toString();
        if (content.isEmpty() && m_agent && m_agent->tokenCountsOnly)
            content = tr("*(text not stored)*");
        bubble->setContent(content);
        const QJsonObject usage = metadata.value(QStringLiteral("usage")).toObject();
        const qint64 tokens = qint64(usage.value(QStringLiteral("promptTokens")).toDouble()
                                     + usage.value(QStringLiteral("completionTokens")).toDouble());
        QStringList footer;
        const QString provider = metadata.value(QStringLiteral("provider")).toString();
        const QString model = metadata.value(QStringLiteral("model")).toString();
        if (!model.isEmpty())
            footer.append(provider.isEmpty() ? model : tr("%1 via %2").arg(model, provider));
        if (tokens > 0)
            footer.append(tr("%n token(s)", nullptr, int(tokens)));
        const double latency = metadata.value(QStringLiteral("latencyMs")).toDouble();
        if (latency > 0)
            footer.append(tr("%1 s").arg(QLocale().toString(latency / 1000.0, 'f', 1)));
        bubble->setFooter(footer.join(QStringLiteral(" · ")));
        setTypingShown(false);
    } else if (type == QLatin1String("agent.error")) {
        for (const auto& bubble : std::as_const(m_bubbles)) {
            if (bubble && bubble->isStreaming())
                bubble->setStreaming(false);
        }
        ChatBubble* bubble = addBubble(int(ChatBubble::Kind::Error), {});
        const QString message = event.value(QStringLiteral("message")).toString();
        bubble->setContent(message.isEmpty() ? tr("The agent could not answer.") : message);
        const QString code = event.value(QStringLiteral("errorCode")).toString();
        if (!code.isEmpty())
            bubble->setFooter(code);
        setTypingShown(false);
    } else {
        return;
    }
    scrollToBottom();
}

QList<ChatBubble*> ChatPane::bubbles() const
{
    QList<ChatBubble*> list;
    for (int i = 0; i < m_transcriptLayout->count(); ++i) {
        QWidget* row = m_transcriptLayout->itemAt(i)->widget();
        if (!row || row == m_placeholder)
            continue;
        if (auto* bubble = row->findChild<ChatBubble*>(QString(), Qt::FindDirectChildrenOnly))
            list.append(bubble);
    }
    return list;
}

QList<ToolCallCard*> ChatPane::toolCards() const
{
    QList<ToolCallCard*> list;
    for (int i = 0; i < m_transcriptLayout->count(); ++i) {
        QWidget* row = m_transcriptLayout->itemAt(i)->widget();
        if (!row || row == m_placeholder)
            continue;
        if (auto* card = row->findChild<ToolCallCard*>(QString(), Qt::FindDirectChildrenOnly))
            list.append(card);
    }
    return list;
}

bool ChatPane::isTypingShown() const
{
    return !m_typing->isHidden();
}

bool ChatPane::isTokenOnlyBannerShown() const
{
    return !m_tokenBanner->isHidden();
}

QString ChatPane::errorText() const
{
    return m_errorBox->isHidden() ? QString() : m_error->text();
}

QStringList ChatPane::attachmentNames() const
{
    return fileNames(m_attachments);
}

void ChatPane::setTypingShown(bool shown)
{
    m_typing->setVisible(shown);
}

bool ChatPane::send()
{
    const QString text = m_input->toPlainText().trimmed();
    if (text.isEmpty() || m_agentId.isEmpty())
        return false;
    m_errorBox->setVisible(false);
    if (m_conversationId.isEmpty()) {
        QString title = text.section(QLatin1Char('\n'), 0, 0);
        if (title.size() > 60)
            title = title.left(59) + QStringLiteral("…");
        const auto created = m_service->createConversation(m_agentId, title);
        if (!created) {
            showError(tr("Could not start a conversation: %1").arg(created.error().message));
            return false;
        }
        refreshConversations();
        openConversation(created->conversationId);
    }
    const auto result = m_service->sendMessage(m_conversationId, text, m_attachments);
    if (!result) {
        const Error& error = result.error();
        if (error.code == ErrorCode::Unavailable && m_agent && m_agent->status != QLatin1String("running"))
            showError(tr("Not sent: “%1” is not running. Start the agent, then send again.").arg(m_agent->name));
        else
            showError(tr("Not sent: %1").arg(error.message.isEmpty() ? error.codeName() : error.message));
        return false;
    }
    // The stored message as the pipeline returned it (masked, with warnings) is what the bubble shows,
    // whether or not its user.message event came first.
    ChatBubble* bubble = m_bubbles.value(result->messageId);
    if (!bubble)
        bubble = addBubble(int(ChatBubble::Kind::User), result->messageId);
    // Token-counts-only agents store no text: the sender still sees what they typed while the
    // conversation is open.
    bubble->setContent(result->content.isEmpty() ? text : result->content);
    bubble->setFiles(fileNames(result->files));
    bubble->setWarnings(stringList(result->metadata.value(QStringLiteral("warnings"))));
    m_input->clear();
    m_attachments.clear();
    updateAttachmentChips();
    if (m_typingSent) {
        m_typingSent = false;
        m_service->setTyping(m_conversationId, false);
    }
    scrollToBottom();
    return true;
}

void ChatPane::newConversation()
{
    if (m_agentId.isEmpty())
        return;
    const auto created = m_service->createConversation(m_agentId);
    if (!created) {
        showError(tr("Could not start a conversation: %1").arg(created.error().message));
        return;
    }
    refreshConversations();
    openConversation(created->conversationId);
    m_input->setFocus();
}

void ChatPane::deleteConversation()
{
    if (m_conversationId.isEmpty())
        return;
    QString title;
    if (QListWidgetItem* item = m_conversations->currentItem())
        title = item->text();
    const bool confirmed = Theme::confirmDestructive(this,
                                                     tr("Delete conversation"),
                                                     tr("Delete “%1”?").arg(title),
                                                     tr("Its messages are deleted too. This cannot be undone."),
                                                     tr("Delete"));
    if (!confirmed)
        return;
    if (auto result = m_service->removeConversation(m_conversationId); !result)
        showError(tr("Could not delete the conversation: %1").arg(result.error().message));
}

bool ChatPane::attachFile(const QString& localPath)
{
    const auto uploaded = m_service->uploadFile(localPath);
    if (!uploaded) {
        showError(
            tr("Could not attach “%1”: %2").arg(localPath.section(QLatin1Char('/'), -1), uploaded.error().message));
        return false;
    }
    m_attachments.append(*uploaded);
    updateAttachmentChips();
    return true;
}

void ChatPane::chooseAttachments()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach files"));
    for (const QString& path : paths)
        attachFile(path);
}

void ChatPane::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    updateAttachmentChips();
}

void ChatPane::updateAttachmentChips()
{
    while (m_chipsLayout->count() > 1) {
        QLayoutItem* item = m_chipsLayout->takeAt(0);
        if (QWidget* chip = item->widget()) {
            chip->hide();
            chip->setObjectName(QString()); // may be the sender of the click that got here: deleted later
            chip->deleteLater();
        }
        delete item;
    }
    for (int i = 0; i < m_attachments.size(); ++i) {
        auto* chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setText(tr("%1  ✕").arg(m_attachments.at(i).filename));
        chip->setIcon(Theme::paletteIcon(QStringLiteral("attach"), palette()));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setToolTip(tr("Remove “%1” from the message").arg(m_attachments.at(i).filename));
        chip->setAccessibleName(tr("Remove attachment %1").arg(m_attachments.at(i).filename));
        connect(chip, &QToolButton::clicked, this, [this, i] { removeAttachment(i); });
        m_chipsLayout->insertWidget(i, chip);
    }
    m_chips->setVisible(!m_attachments.isEmpty());
}

void ChatPane::showError(const QString& text)
{
    m_error->setText(text);
    m_errorBox->setVisible(true);
    updateColors();
}

void ChatPane::updateSendEnabled()
{
    m_send->setEnabled(!m_input->toPlainText().trimmed().isEmpty() && !m_agentId.isEmpty());
}

void ChatPane::scrollToBottom()
{
    QTimer::singleShot(0, this, [this] {
        QScrollBar* bar = m_scroll->verticalScrollBar();
        bar->setValue(bar->maximum());
    });
}

bool ChatPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            send();
            return true;
        }
    } else if (watched == m_conversations && event->type() == QEvent::KeyPress) {
        if (static_cast<QKeyEvent*>(event)->matches(QKeySequence::Delete)) {
            deleteConversation();
            return true;
        }
    } else if (m_scroll && watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        const int width = int(m_scroll->viewport()->width() * kBubbleWidth);
        for (ChatBubble* bubble : bubbles())
            bubble->setMaximumWidth(width);
        for (ToolCallCard* card : toolCards())
            card->setMaximumWidth(width);
    }
    return QWidget::eventFilter(watched, event);
}

void ChatPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void ChatPane::updateColors()
{
    const QPalette p = palette();
    for (QLabel* label : std::as_const(m_subtle))
        colorize(label, Theme::subtleText(p));
    colorize(m_error, Theme::errorText(p));
    m_errorIcon->setPixmap(Theme::icon(QStringLiteral("alert"), Theme::errorText(p)).pixmap(16, 16));
    colorize(m_tokenBannerText, Theme::warningText(p));
    m_tokenBannerIcon->setPixmap(Theme::icon(QStringLiteral("alert"), Theme::warningText(p)).pixmap(16, 16));
}

} // namespace aiops::widgets
