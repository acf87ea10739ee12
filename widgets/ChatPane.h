#pragma once

#include "core/agents/AgentTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QToolButton;
class QVBoxLayout;
class QHBoxLayout;

namespace aiops::controller {
class AgentService;
}

namespace aiops::widgets {

class ChatBubble;
class ToolCallCard;

// Chat with one agent: its conversations on the left (new, delete, reopen with the stored history)
// and the open conversation on the right: user bubbles, agent answers rendered from markdown and
// streamed as they arrive, tool-call cards, a typing indicator and error bubbles, all from
// AgentService::conversationEvent for the open conversation only. The input sends on Enter
// (Shift+Enter: new line), takes attachments, and keeps the text when the send is refused.
class ChatPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPane)
public:
    explicit ChatPane(controller::AgentService* service, QWidget* parent = nullptr);
    ~ChatPane() override;

    // Shows the agent's conversations and opens the newest (none: an empty transcript; the first
    // send creates one).
    void setAgent(const QString& agentId);
    QString agentId() const { return m_agentId; }
    bool openConversation(const QString& conversationId);
    QString conversationId() const { return m_conversationId; }
    void setBackButtonVisible(bool visible);

    // For tests and the page.
    QPlainTextEdit* input() const { return m_input; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* attachButton() const { return m_attach; }
    QPushButton* newConversationButton() const { return m_newConversation; }
    QToolButton* deleteConversationButton() const { return m_deleteConversation; }
    QListWidget* conversationList() const { return m_conversations; }
    QCheckBox* localOnlySwitch() const { return m_localOnly; }
    QList<ChatBubble*> bubbles() const;
    QList<ToolCallCard*> toolCards() const;
    bool isTypingShown() const;
    bool isTokenOnlyBannerShown() const;
    QString errorText() const; // the send error above the input, "" when none
    QStringList attachmentNames() const;

public Q_SLOTS:
    bool send(); // true when sendMessage accepted it
    void newConversation();
    void deleteConversation(); // asks first
    bool attachFile(const QString& localPath); // uploads; adds a chip
    void chooseAttachments(); // file dialog
    void removeAttachment(int index);

Q_SIGNALS:
    void backRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refreshAgent();
    void refreshConversations();
    void onEvent(const QJsonObject& event);
    void clearTranscript();
    void loadHistory();
    ChatBubble* addBubble(int kind, const QString& messageId);
    ToolCallCard* addToolCard(const QString& callId, const QString& toolName, const QJsonObject& input);
    void insertIntoTranscript(QWidget* widget, Qt::Alignment alignment);
    void setTypingShown(bool shown);
    void showError(const QString& text);
    void updateSendEnabled();
    void updateAttachmentChips();
    void scrollToBottom();
    void updateColors();

    controller::AgentService* m_service;
    QString m_agentId;
    QString m_conversationId;
    std::optional<agents::AgentRecord> m_agent;
    QHash<QString, QPointer<ChatBubble>> m_bubbles; // by messageId
    QHash<QString, QPointer<ToolCallCard>> m_cards; // by the call's messageId
    QList<agents::FileRef> m_attachments;
    bool m_typingSent = false;

    QToolButton* m_back = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_statusShape = nullptr;
    QLabel* m_status = nullptr;
    QCheckBox* m_localOnly = nullptr;
    QWidget* m_tokenBanner = nullptr;
    QLabel* m_tokenBannerIcon = nullptr;
    QLabel* m_tokenBannerText = nullptr;
    QListWidget* m_conversations = nullptr;
    QPushButton* m_newConversation = nullptr;
    QToolButton* m_deleteConversation = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_transcript = nullptr;
    QVBoxLayout* m_transcriptLayout = nullptr;
    QLabel* m_placeholder = nullptr;
    QWidget* m_typing = nullptr;
    QLabel* m_typingLabel = nullptr;
    QWidget* m_errorBox = nullptr;
    QLabel* m_errorIcon = nullptr;
    QLabel* m_error = nullptr;
    QWidget* m_chips = nullptr;
    QHBoxLayout* m_chipsLayout = nullptr;
    QPlainTextEdit* m_input = nullptr;
    QPushButton* m_attach = nullptr;
    QPushButton* m_send = nullptr;
    QList<QLabel*> m_subtle;
};

} // namespace aiops::widgets
