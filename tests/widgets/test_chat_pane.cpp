// ChatPane over FakeAgentService: sending (button, Enter, Ctrl+Enter; Shift+Enter is a new line),
// masked content and warnings as the pipeline returns them, a refused send keeping the text, the
// streamed answer (typing, deltas, a tool call, the final message) ending as one agent bubble and
// one completed tool card, agent.error as an error bubble, events of other conversations ignored,
// history on reopening, new and deleted conversations, attachments, the token-counts-only banner and
// the Local only switch. Saves screenshots of a conversation with a markdown answer and a tool card.
#include "tests/support/FakeAgentService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/ChatMessageView.h"
#include "widgets/ChatPane.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyleFactory>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

using aiops::ErrorCode;
using aiops::agents::AgentRecord;
using aiops::agents::ConversationRecord;
using aiops::agents::MessageRecord;
using aiops::testing::darkPalette;
using aiops::testing::FakeAgentService;
using aiops::testing::screenshotPath;
using aiops::widgets::ChatBubble;
using aiops::widgets::ChatPane;
using aiops::widgets::ToolCallCard;

namespace {

bool saveShot(const QImage& image, const QString& name)
{
    QDir().mkpath(QStringLiteral("/tmp/shots-agents"));
    image.save(QStringLiteral("/tmp/shots-agents/") + name);
    return image.save(screenshotPath(name));
}

void answerNextMessageBox(const QString& buttonText, bool* seen)
{
    auto* poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, buttonText, seen] {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(widget);
            if (!box || !box->isVisible())
                continue;
            *seen = true;
            for (QAbstractButton* button : box->buttons()) {
                if (button->text().remove(QLatin1Char('&')) == buttonText) {
                    button->click();
                    poll->deleteLater();
                    return;
                }
            }
        }
    });
    poll->start();
    QTimer::singleShot(10000, poll, &QObject::deleteLater);
}

QJsonObject chatEvent(const QString& type, const QString& conversationId, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("type"), type);
    fields.insert(QStringLiteral("conversationId"), conversationId);
    fields.insert(QStringLiteral("agentId"), QStringLiteral("agent-a"));
    fields.insert(QStringLiteral("timestamp"), 1764000000000.0);
    return fields;
}

const QString kAnswer = QStringLiteral("The node **gpu-02** has the most free memory. Restart the agent with:\n\n"
                                       "```bash\n"
                                       "aiops-agent --config ~/.local/share/aiops/agents/agent-a.json\n"
                                       "```\n\n"
                                       "Then check `GET /api/agents/agent-a`:\n\n"
                                       "- status should be `running`\n"
                                       "- the tool list should include *nodes*\n");

} // namespace

class TestChatPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sendCallsSendMessageAndClearsInput();
    void sendIsDisabledWhileEmpty();
    void enterSendsShiftEnterAddsALine();
    void firstSendCreatesAConversation();
    void maskedContentAndWarningsAreShown();
    void failedSendKeepsTheTextAndShowsTheError();
    void scriptedTurnGivesOneBubbleAndOneToolCard();
    void failedToolAndAgentErrorAreShown();
    void eventsOfOtherConversationsAreIgnored();
    void reopeningShowsTheHistory();
    void newAndDeleteConversation();
    void attachmentsAreSentAndRemovable();
    void tokenOnlyBannerAndLocalOnlySwitch();
    void screenshots();

private:
    void makePane();
    static void settle();
    QString open() { return m_pane->conversationId(); }

    std::unique_ptr<FakeAgentService> m_service;
    std::unique_ptr<ChatPane> m_pane;
    QTranslator m_english;
};

void TestChatPane::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestChatPane::init()
{
    m_service = std::make_unique<FakeAgentService>();
    AgentRecord agent;
    agent.agentId = QStringLiteral("agent-a");
    agent.name = QStringLiteral("Support bot");
    agent.status = QStringLiteral("running");
    agent.llmModel.provider = QStringLiteral("openai");
    agent.llmModel.modelName = QStringLiteral("gpt-4o-mini");
    m_service->putAgent(agent);
    ConversationRecord older;
    older.conversationId = QStringLiteral("conv-old");
    older.agentId = QStringLiteral("agent-a");
    older.title = QStringLiteral("Disk usage on gpu-01");
    m_service->putConversation(older);
    ConversationRecord newest;
    newest.conversationId = QStringLiteral("conv-main");
    newest.agentId = QStringLiteral("agent-a");
    newest.title = QStringLiteral("Which node has room?");
    m_service->putConversation(newest);
}

void TestChatPane::cleanup()
{
    m_pane.reset();
    m_service.reset();
}

void TestChatPane::makePane()
{
    m_pane = std::make_unique<ChatPane>(m_service.get());
    m_pane->resize(1100, 760);
    m_pane->show();
    m_pane->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    m_pane->setAgent(QStringLiteral("agent-a"));
    settle();
}

void TestChatPane::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestChatPane::sendCallsSendMessageAndClearsInput()
{
    makePane();
    QCOMPARE(open(), QStringLiteral("conv-main")); // the newest opens
    m_pane->input()->setPlainText(QStringLiteral("Which node has the most free VRAM?"));
    QVERIFY(m_pane->sendButton()->isEnabled());
    QTest::mouseClick(m_pane->sendButton(), Qt::LeftButton);
    const auto calls = m_service->callsOf(QStringLiteral("sendMessage"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().id, QStringLiteral("conv-main"));
    QCOMPARE(calls.first().text, QStringLiteral("Which node has the most free VRAM?"));
    QVERIFY(m_pane->input()->toPlainText().isEmpty());
    QVERIFY(!m_pane->sendButton()->isEnabled());
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 1); // the user.message event and the send's result are one bubble
    QCOMPARE(bubbles.first()->kind(), ChatBubble::Kind::User);
    QCOMPARE(bubbles.first()->content(), QStringLiteral("Which node has the most free VRAM?"));
    // Typing was reported while the text was there, and cleared after sending.
    const auto typing = m_service->callsOf(QStringLiteral("setTyping"));
    QVERIFY(!typing.isEmpty());
    QCOMPARE(typing.last().text, QStringLiteral("false"));
}

void TestChatPane::sendIsDisabledWhileEmpty()
{
    makePane();
    QVERIFY(!m_pane->sendButton()->isEnabled());
    m_pane->input()->setPlainText(QStringLiteral("   \n "));
    QVERIFY(!m_pane->sendButton()->isEnabled());
    QVERIFY(!m_pane->send());
    QVERIFY(m_service->callsOf(QStringLiteral("sendMessage")).isEmpty());
}

void TestChatPane::enterSendsShiftEnterAddsALine()
{
    makePane();
    m_pane->input()->setFocus();
    QTest::keyClicks(m_pane->input(), QStringLiteral("first line"));
    QTest::keyClick(m_pane->input(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(m_pane->input(), QStringLiteral("second line"));
    QVERIFY(m_service->callsOf(QStringLiteral("sendMessage")).isEmpty());
    QCOMPARE(m_pane->input()->toPlainText(), QStringLiteral("first line\nsecond line"));
    QTest::keyClick(m_pane->input(), Qt::Key_Return);
    QCOMPARE(m_service->callsOf(QStringLiteral("sendMessage")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("sendMessage")).first().text, QStringLiteral("first line\nsecond line"));
    QVERIFY(m_pane->input()->toPlainText().isEmpty());
    QTest::keyClicks(m_pane->input(), QStringLiteral("again"));
    QTest::keyClick(m_pane->input(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(m_service->callsOf(QStringLiteral("sendMessage")).size(), 2);
}

void TestChatPane::firstSendCreatesAConversation()
{
    FakeAgentService fresh;
    AgentRecord agent;
    agent.agentId = QStringLiteral("agent-z");
    agent.name = QStringLiteral("Fresh");
    agent.status = QStringLiteral("running");
    fresh.putAgent(agent);
    ChatPane pane(&fresh);
    pane.setAgent(QStringLiteral("agent-z"));
    QVERIFY(pane.conversationId().isEmpty());
    pane.input()->setPlainText(QStringLiteral("Hello there"));
    QVERIFY(pane.send());
    const auto created = fresh.callsOf(QStringLiteral("createConversation"));
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.first().text, QStringLiteral("Hello there")); // the title
    QVERIFY(!pane.conversationId().isEmpty());
    QCOMPARE(fresh.callsOf(QStringLiteral("sendMessage")).first().id, pane.conversationId());
    QCOMPARE(pane.conversationList()->count(), 1);
}

void TestChatPane::maskedContentAndWarningsAreShown()
{
    makePane();
    m_service->setNextMasking(QStringLiteral("My card is [CREDIT_CARD_1]"),
                              { QStringLiteral("Credit card number masked") });
    m_pane->input()->setPlainText(QStringLiteral("My card is 4111 1111 1111 1111"));
    QVERIFY(m_pane->send());
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 1);
    QCOMPARE(bubbles.first()->content(), QStringLiteral("My card is [CREDIT_CARD_1]"));
    QCOMPARE(bubbles.first()->warnings(), QStringList { QStringLiteral("Credit card number masked") });
    auto* warnings = bubbles.first()->findChild<QLabel*>(QStringLiteral("bubbleWarnings"));
    QVERIFY(warnings->isVisible());
    QVERIFY(warnings->text().contains(QStringLiteral("Credit card number masked")));
}

void TestChatPane::failedSendKeepsTheTextAndShowsTheError()
{
    makePane();
    m_pane->input()->setPlainText(QStringLiteral("drop table users"));
    m_service->failNextOperation(
        { ErrorCode::Forbidden,
          QStringLiteral("Blocked by guardrail “No SQL”: destructive statements are not allowed") });
    QVERIFY(!m_pane->send());
    QCOMPARE(m_pane->input()->toPlainText(), QStringLiteral("drop table users"));
    QCOMPARE(m_pane->errorText(),
             QStringLiteral("Not sent: Blocked by guardrail “No SQL”: destructive statements are not allowed"));
    QVERIFY(m_pane->bubbles().isEmpty());

    // A stopped agent: Unavailable, explained.
    auto agent = *m_service->agent(QStringLiteral("agent-a"));
    agent.status = QStringLiteral("stopped");
    m_service->putAgent(agent);
    m_service->failNextOperation({ ErrorCode::Unavailable, QStringLiteral("agent is not running") });
    QVERIFY(!m_pane->send());
    QCOMPARE(m_pane->errorText(),
             QStringLiteral("Not sent: “Support bot” is not running. Start the agent, then send again."));
    QCOMPARE(m_pane->input()->toPlainText(), QStringLiteral("drop table users"));

    // The next successful send clears the error.
    QVERIFY(m_pane->send());
    QCOMPARE(m_pane->errorText(), QString());
}

void TestChatPane::scriptedTurnGivesOneBubbleAndOneToolCard()
{
    makePane();
    const QString conv = open();
    m_pane->input()->setPlainText(QStringLiteral("Which node has room?"));
    QVERIFY(m_pane->send());
    m_service->emitEvent(chatEvent(QStringLiteral("agent.typing"), conv, { { QStringLiteral("isTyping"), true } }));
    QVERIFY(m_pane->isTypingShown());
    const QString reply = QStringLiteral("msg-reply-1");
    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.messageDelta"),
                  conv,
                  { { QStringLiteral("messageId"), reply }, { QStringLiteral("delta"), QStringLiteral("Let me ") } }));
    QVERIFY(!m_pane->isTypingShown());
    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.messageDelta"),
                  conv,
                  { { QStringLiteral("messageId"), reply }, { QStringLiteral("delta"), QStringLiteral("check.") } }));
    QCOMPARE(m_pane->bubbles().size(), 2);
    ChatBubble* live = m_pane->bubbles().last();
    QCOMPARE(live->kind(), ChatBubble::Kind::Agent);
    QVERIFY(live->isStreaming());
    QCOMPARE(live->content(), QStringLiteral("Let me check."));

    const QJsonObject input { { QStringLiteral("nodeId"), QStringLiteral("node-b") } };
    m_service->emitEvent(chatEvent(
        QStringLiteral("agent.toolCall.start"),
        conv,
        { { QStringLiteral("messageId"), QStringLiteral("call-1") },
          { QStringLiteral("toolName"), QStringLiteral("nodes_list") },
          { QStringLiteral("toolInput"), input },
          { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("toolCallId"), QStringLiteral("tc-1") } } } }));
    QCOMPARE(m_pane->toolCards().size(), 1);
    ToolCallCard* card = m_pane->toolCards().first();
    QVERIFY(card->isRunning());
    QCOMPARE(card->toolName(), QStringLiteral("nodes_list"));
    QVERIFY(!card->isInputExpanded());
    card->setInputExpanded(true);
    QVERIFY(card->findChild<QLabel*>(QStringLiteral("toolInput"))->text().contains(QStringLiteral("node-b")));

    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.toolCall.end"),
                  conv,
                  { { QStringLiteral("messageId"), QStringLiteral("call-1") },
                    { QStringLiteral("toolName"), QStringLiteral("nodes_list") },
                    { QStringLiteral("status"), QStringLiteral("success") },
                    { QStringLiteral("toolOutput"), QJsonObject { { QStringLiteral("freeMb"), 61234 } } },
                    { QStringLiteral("durationMs"), 142 } }));
    QVERIFY(!card->isRunning());
    QCOMPARE(card->status(), QStringLiteral("success"));
    QCOMPARE(card->statusText(), QStringLiteral("Succeeded in 142 ms"));
    QVERIFY(card->outputText().contains(QStringLiteral("61234")));

    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.message"),
                  conv,
                  { { QStringLiteral("messageId"), reply },
                    { QStringLiteral("content"), kAnswer },
                    { QStringLiteral("metadata"),
                      QJsonObject { { QStringLiteral("provider"), QStringLiteral("openai") },
                                    { QStringLiteral("model"), QStringLiteral("gpt-4o-mini") },
                                    { QStringLiteral("usage"),
                                      QJsonObject { { QStringLiteral("promptTokens"), 420 },
                                                    { QStringLiteral("completionTokens"), 88 } } } } } }));
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 2); // the user's and one agent bubble
    QCOMPARE(bubbles.last(), live);
    QVERIFY(!live->isStreaming());
    QCOMPARE(live->content(), kAnswer);
    QVERIFY(live->renderedText().contains(QStringLiteral("aiops-agent --config")));
    QVERIFY(!live->renderedText().contains(QStringLiteral("Let me check.")));
    QCOMPARE(m_pane->toolCards().size(), 1);
    QVERIFY(!m_pane->isTypingShown());
    QCOMPARE(live->findChild<QLabel*>(QStringLiteral("bubbleFooter"))->text(),
             QStringLiteral("gpt-4o-mini via openai · 508 tokens"));
}

void TestChatPane::failedToolAndAgentErrorAreShown()
{
    makePane();
    const QString conv = open();
    m_service->emitEvent(chatEvent(QStringLiteral("agent.toolCall.start"),
                                   conv,
                                   { { QStringLiteral("messageId"), QStringLiteral("call-9") },
                                     { QStringLiteral("toolName"), QStringLiteral("jira_search") } }));
    m_service->emitEvent(chatEvent(QStringLiteral("agent.toolCall.end"),
                                   conv,
                                   { { QStringLiteral("messageId"), QStringLiteral("call-9") },
                                     { QStringLiteral("toolName"), QStringLiteral("jira_search") },
                                     { QStringLiteral("status"), QStringLiteral("error") },
                                     { QStringLiteral("error"), QStringLiteral("connection refused") },
                                     { QStringLiteral("durationMs"), 2300 } }));
    ToolCallCard* card = m_pane->toolCards().first();
    QCOMPARE(card->status(), QStringLiteral("error"));
    QCOMPARE(card->statusText(), QStringLiteral("Failed after 2.3 s"));
    QCOMPARE(card->outputText(), QStringLiteral("connection refused"));

    m_service->emitEvent(chatEvent(QStringLiteral("agent.typing"), conv, { { QStringLiteral("isTyping"), true } }));
    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.error"),
                  conv,
                  { { QStringLiteral("errorCode"), QStringLiteral("SERVICE_UNAVAILABLE") },
                    { QStringLiteral("message"), QStringLiteral("The LLM provider did not answer") } }));
    QVERIFY(!m_pane->isTypingShown());
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 1);
    QCOMPARE(bubbles.first()->kind(), ChatBubble::Kind::Error);
    QCOMPARE(bubbles.first()->content(), QStringLiteral("The LLM provider did not answer"));
}

void TestChatPane::eventsOfOtherConversationsAreIgnored()
{
    makePane();
    m_service->emitEvent(chatEvent(
        QStringLiteral("agent.typing"), QStringLiteral("conv-old"), { { QStringLiteral("isTyping"), true } }));
    m_service->emitEvent(chatEvent(QStringLiteral("agent.message"),
                                   QStringLiteral("conv-old"),
                                   { { QStringLiteral("messageId"), QStringLiteral("m-x") },
                                     { QStringLiteral("content"), QStringLiteral("not for you") } }));
    m_service->emitEvent(chatEvent(QStringLiteral("agent.toolCall.start"),
                                   QStringLiteral("conv-other"),
                                   { { QStringLiteral("messageId"), QStringLiteral("c-x") } }));
    m_service->emitEvent(chatEvent(QStringLiteral("agent.error"),
                                   QStringLiteral("conv-old"),
                                   { { QStringLiteral("message"), QStringLiteral("x") } }));
    QVERIFY(!m_pane->isTypingShown());
    QVERIFY(m_pane->bubbles().isEmpty());
    QVERIFY(m_pane->toolCards().isEmpty());
}

void TestChatPane::reopeningShowsTheHistory()
{
    MessageRecord question;
    question.messageId = QStringLiteral("h1");
    question.conversationId = QStringLiteral("conv-old");
    question.type = QStringLiteral("user");
    question.content = QStringLiteral("How full is the disk on gpu-01?");
    question.metadata.insert(QStringLiteral("warnings"), QJsonArray { QStringLiteral("Hostname kept") });
    m_service->putMessage(question);
    MessageRecord tool;
    tool.messageId = QStringLiteral("h2");
    tool.conversationId = QStringLiteral("conv-old");
    tool.type = QStringLiteral("tool");
    tool.toolName = QStringLiteral("node_metrics");
    tool.toolInput = QJsonObject { { QStringLiteral("nodeId"), QStringLiteral("node-a") } };
    tool.toolOutput = QJsonObject { { QStringLiteral("diskUsedPercent"), 71 } };
    tool.toolStatus = QStringLiteral("success");
    tool.durationMs = 35;
    m_service->putMessage(tool);
    MessageRecord answer;
    answer.messageId = QStringLiteral("h3");
    answer.conversationId = QStringLiteral("conv-old");
    answer.type = QStringLiteral("agent");
    answer.senderType = QStringLiteral("agent");
    answer.content = QStringLiteral("The disk is **71 %** full.");
    m_service->putMessage(answer);

    makePane();
    QCOMPARE(m_pane->conversationList()->count(), 2);
    QCOMPARE(m_pane->conversationList()->item(0)->text(), QStringLiteral("Which node has room?"));
    QVERIFY(m_pane->bubbles().isEmpty());
    m_pane->conversationList()->setCurrentRow(1);
    QCOMPARE(open(), QStringLiteral("conv-old"));
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 2);
    QCOMPARE(bubbles.at(0)->kind(), ChatBubble::Kind::User);
    QCOMPARE(bubbles.at(0)->warnings(), QStringList { QStringLiteral("Hostname kept") });
    QCOMPARE(bubbles.at(1)->kind(), ChatBubble::Kind::Agent);
    QVERIFY(bubbles.at(1)->renderedText().contains(QStringLiteral("71 %")));
    QCOMPARE(m_pane->toolCards().size(), 1);
    QCOMPARE(m_pane->toolCards().first()->statusText(), QStringLiteral("Succeeded in 35 ms"));
    // Back to the other one: its (empty) transcript only.
    m_pane->conversationList()->setCurrentRow(0);
    QVERIFY(m_pane->bubbles().isEmpty());
    QVERIFY(m_pane->toolCards().isEmpty());
}

void TestChatPane::newAndDeleteConversation()
{
    makePane();
    QTest::mouseClick(m_pane->newConversationButton(), Qt::LeftButton);
    QCOMPARE(m_service->callsOf(QStringLiteral("createConversation")).size(), 1);
    QCOMPARE(m_pane->conversationList()->count(), 3);
    const QString created = open();
    QVERIFY(created != QStringLiteral("conv-main"));
    QCOMPARE(m_pane->conversationList()->currentItem()->data(Qt::UserRole).toString(), created);

    bool seen = false;
    answerNextMessageBox(QStringLiteral("Cancel"), &seen);
    m_pane->deleteConversation();
    QVERIFY(seen);
    QVERIFY(m_service->callsOf(QStringLiteral("removeConversation")).isEmpty());

    seen = false;
    answerNextMessageBox(QStringLiteral("Delete"), &seen);
    m_pane->deleteConversation();
    QVERIFY(seen);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeConversation")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeConversation")).first().id, created);
    QCOMPARE(m_pane->conversationList()->count(), 2);
    QTRY_VERIFY(!open().isEmpty() && open() != created); // the newest remaining one opens
}

void TestChatPane::attachmentsAreSentAndRemovable()
{
    makePane();
    QVERIFY(m_pane->attachFile(QStringLiteral("/tmp/report.pdf")));
    QVERIFY(m_pane->attachFile(QStringLiteral("/tmp/logs.txt")));
    QCOMPARE(m_pane->attachmentNames(), (QStringList { QStringLiteral("report.pdf"), QStringLiteral("logs.txt") }));
    settle();
    auto chips = m_pane->findChildren<QToolButton*>(QStringLiteral("attachmentChip"));
    QCOMPARE(chips.size(), 2);
    QVERIFY(chips.first()->text().contains(QStringLiteral("report.pdf")));
    chips.last()->click();
    QCOMPARE(m_pane->attachmentNames(), QStringList { QStringLiteral("report.pdf") });

    m_service->failNextOperation({ ErrorCode::PayloadTooLarge, QStringLiteral("file is larger than 50 MB") });
    QVERIFY(!m_pane->attachFile(QStringLiteral("/tmp/huge.bin")));
    QCOMPARE(m_pane->errorText(), QStringLiteral("Could not attach “huge.bin”: file is larger than 50 MB"));

    m_pane->input()->setPlainText(QStringLiteral("See the report"));
    QVERIFY(m_pane->send());
    QVERIFY(m_pane->attachmentNames().isEmpty());
    const auto bubbles = m_pane->bubbles();
    QCOMPARE(bubbles.size(), 1);
    QVERIFY(bubbles.first()
                ->findChild<QLabel*>(QStringLiteral("bubbleFiles"))
                ->text()
                .contains(QStringLiteral("report.pdf")));
}

void TestChatPane::tokenOnlyBannerAndLocalOnlySwitch()
{
    makePane();
    QVERIFY(!m_pane->isTokenOnlyBannerShown());
    auto agent = *m_service->agent(QStringLiteral("agent-a"));
    agent.tokenCountsOnly = true;
    m_service->putAgent(agent);
    QVERIFY(m_pane->isTokenOnlyBannerShown());
    QVERIFY(m_pane->findChild<QWidget*>(QStringLiteral("tokenOnlyBanner"))->isVisible());

    QVERIFY(!m_pane->localOnlySwitch()->isChecked());
    m_pane->localOnlySwitch()->click();
    QVERIFY(m_service->localOnly());
    QCOMPARE(m_service->callsOf(QStringLiteral("setLocalOnly")).size(), 1);
    m_service->setLocalOnly(false); // changed elsewhere (tray, another console)
    QVERIFY(!m_pane->localOnlySwitch()->isChecked());
}

void TestChatPane::screenshots()
{
    makePane();
    const QString conv = open();
    m_service->setNextMasking(QStringLiteral("Which node has room for a 7B model? My email is [EMAIL_1]"),
                              { QStringLiteral("Email address masked before it reached the agent") });
    m_pane->input()->setPlainText(QStringLiteral("Which node has room for a 7B model? My email is a@b.example"));
    QVERIFY(m_pane->send());
    m_service->emitEvent(chatEvent(
        QStringLiteral("agent.toolCall.start"),
        conv,
        { { QStringLiteral("messageId"), QStringLiteral("call-1") },
          { QStringLiteral("toolName"), QStringLiteral("nodes_list") },
          { QStringLiteral("toolInput"), QJsonObject { { QStringLiteral("status"), QStringLiteral("online") } } } }));
    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.toolCall.end"),
                  conv,
                  { { QStringLiteral("messageId"), QStringLiteral("call-1") },
                    { QStringLiteral("status"), QStringLiteral("success") },
                    { QStringLiteral("toolOutput"),
                      QJsonObject { { QStringLiteral("nodes"),
                                      QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("gpu-02") },
                                                                 { QStringLiteral("freeMb"), 61234 } } } } } },
                    { QStringLiteral("durationMs"), 142 } }));
    m_service->emitEvent(
        chatEvent(QStringLiteral("agent.message"),
                  conv,
                  { { QStringLiteral("messageId"), QStringLiteral("reply-1") },
                    { QStringLiteral("content"), kAnswer },
                    { QStringLiteral("metadata"),
                      QJsonObject { { QStringLiteral("model"), QStringLiteral("gpt-4o-mini") },
                                    { QStringLiteral("provider"), QStringLiteral("openai") },
                                    { QStringLiteral("latencyMs"), 1840 },
                                    { QStringLiteral("usage"),
                                      QJsonObject { { QStringLiteral("promptTokens"), 420 },
                                                    { QStringLiteral("completionTokens"), 88 } } } } } }));
    m_service->emitEvent(chatEvent(QStringLiteral("agent.typing"), conv, { { QStringLiteral("isTyping"), true } }));
    m_pane->input()->setPlainText(QStringLiteral("Thanks! Deploy it there"));
    m_pane->attachFile(QStringLiteral("/tmp/deploy-plan.md"));
    settle();
    QTest::qWait(50);
    QVERIFY(saveShot(m_pane->grab().toImage(), QStringLiteral("chat-pane-light.png")));
    m_pane->setPalette(darkPalette());
    settle();
    QTest::qWait(50);
    QVERIFY(saveShot(m_pane->grab().toImage(), QStringLiteral("chat-pane-dark.png")));

    // In Vietnamese (longer labels must still fit).
    QTranslator vietnamese;
    QVERIFY(vietnamese.load(QStringLiteral(":/i18n/aiops_vi.qm")));
    QCoreApplication::installTranslator(&vietnamese);
    ChatPane vi(m_service.get());
    vi.resize(1100, 760);
    vi.show();
    vi.setAgent(QStringLiteral("agent-a"));
    settle();
    QTest::qWait(50);
    QVERIFY(saveShot(vi.grab().toImage(), QStringLiteral("chat-pane-vi.png")));
    QCoreApplication::removeTranslator(&vietnamese);
    QCOMPARE(vi.sendButton()->text(), QStringLiteral("&Gửi"));
}

QTEST_MAIN(TestChatPane)
#include "test_chat_pane.moc"
