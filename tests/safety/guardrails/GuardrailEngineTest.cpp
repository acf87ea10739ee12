#include "core/safety/GuardrailEngine.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

Guardrail guardrail(const QString& type, const QJsonObject& config, const QString& action = u"block"_s)
{
    Guardrail g;
    g.guardrailId = u"g-"_s + type + u'-' + action;
    g.name = u"Rule "_s + type;
    g.description = u"test guardrail"_s;
    g.type = type;
    g.config = config;
    g.action = action;
    g.appliesTo = { u"both"_s };
    g.severity = u"medium"_s;
    return g;
}

Guardrail keywords(const QStringList& words, const QString& action = u"block"_s)
{
    return guardrail(u"content-filter"_s, { { u"blockedKeywords"_s, QJsonArray::fromStringList(words) } }, action);
}

// Decomposed (NFD) spelling, as some keyboards and macOS file names produce it.
QString decomposed(const QString& text)
{
    return text.normalized(QString::NormalizationForm_D);
}

} // namespace

class GuardrailEngineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fold_data();
    void fold();
    void typeAndAction_data();
    void typeAndAction();
    void vietnameseKeywords_data();
    void vietnameseKeywords();
    void wordBoundaries_data();
    void wordBoundaries();
    void rephraseKeepsOffsetsAfterEmoji();
    void scopeByDirection_data();
    void scopeByDirection();
    void scopeByAgent_data();
    void scopeByAgent();
    void inactiveGuardrailsDoNotRun();
    void toxicityOrdering_data();
    void toxicityOrdering();
    void toxicityThreshold();
    void toxicityDampedByLength();
    void sentimentPolarity();
    void sentimentRange();
    void topicRestriction_data();
    void topicRestriction();
    void medicalLegal_data();
    void medicalLegal();
    void medicalLegalCategories();
    void strongestActionWins();
    void actionsCombineWithoutBlock();
    void blockMessageFromMostSevereBlocker();
    void violationFields();
    void validation_data();
    void validation();
    void validGuardrailPasses();
    void setGuardrailsRejectsInvalidAndKeepsPrevious();
    void concurrentEvaluateDuringSwap();
};

void GuardrailEngineTest::fold_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("vietnamese") << u"Đồ ngốc"_s << u"do ngoc"_s;
    QTest::newRow("upper vietnamese") << u"NGU NGỐC"_s << u"ngu ngoc"_s;
    QTest::newRow("decomposed input") << decomposed(u"Tiếng Việt"_s) << u"tieng viet"_s;
    QTest::newRow("latin accents") << u"Crème Brûlée"_s << u"creme brulee"_s;
    QTest::newRow("full-width") << u"ＩＤＩＯＴ"_s << u"idiot"_s;
    QTest::newRow("zero-width space dropped") << u"id\u200Biot"_s << u"idiot"_s;
    QTest::newRow("curly apostrophe") << u"I’ll"_s << u"i'll"_s;
    QTest::newRow("emoji kept") << u"Ok 😀"_s << u"ok 😀"_s;
    QTest::newRow("newline kept") << u"A\nB"_s << u"a\nb"_s;
}

void GuardrailEngineTest::fold()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(GuardrailEngine::fold(input), expected);
}

void GuardrailEngineTest::typeAndAction_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("clean");
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QString>("rephrased");

    struct Case
    {
        QString type;
        QJsonObject config;
        QString clean;
        QString trigger;
        QString rephrased;
    };
    const QList<Case> cases {
        { u"content-filter"_s,
          { { u"blockedKeywords"_s, QJsonArray { u"ngu ngốc"_s, u"project falcon"_s } } },
          u"Bạn thật thông minh"_s,
          u"Bạn thật NGU NGỐC quá"_s,
          u"Bạn thật [removed] quá"_s },
        { u"topic-restriction"_s,
          { { u"allowedTopics"_s, QJsonArray { u"billing"_s, u"shipping"_s } } },
          u"Where is my package? The tracking number shows nothing."_s,
          u"What is the best pizza recipe in town?"_s,
          u"[removed: off-topic. This conversation is limited to: billing, shipping.]"_s },
        { u"toxicity"_s,
          { { u"maxToxicity"_s, 0.5 } },
          u"Thanks for the quick fix"_s,
          u"you are a fucking idiot"_s,
          u"you are a [removed] [removed]"_s },
        { u"sentiment"_s,
          { { u"minSentiment"_s, -0.3 } },
          u"This dashboard is great"_s,
          u"This is terrible and I hate it"_s,
          u"This is [removed] and I [removed] it"_s },
        { u"medical-legal"_s,
          {},
          u"Restart the GPU driver and check nvidia-smi"_s,
          u"You should take 400 mg of ibuprofen every four hours"_s,
          u"You should take 400 mg of ibuprofen every four hours\n\n"_s + GuardrailEngine::defaultDisclaimer() },
    };
    for (const Case& c : cases) {
        for (const QString& action : { u"block"_s, u"warn"_s, u"rephrase"_s, u"escalate"_s }) {
            QTest::addRow("%s/%s", qPrintable(c.type), qPrintable(action))
                << c.type << c.config << c.clean << c.trigger << c.rephrased;
        }
    }
}

void GuardrailEngineTest::typeAndAction()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, config);
    QFETCH(QString, clean);
    QFETCH(QString, trigger);
    QFETCH(QString, rephrased);
    const QString action = QString::fromLatin1(QTest::currentDataTag()).section(u'/', 1);

    GuardrailEngine engine;
    Guardrail g = guardrail(type, config, action);
    if (action == u"block"_s)
        g.blockMessage = u"Not allowed here."_s;
    QVERIFY(engine.setGuardrails({ g }).has_value());

    const GuardrailOutcome quiet = engine.evaluate(clean, Direction::UserInput);
    QVERIFY2(quiet.violations.isEmpty(), qPrintable(quiet.violations.value(0).detectedIssue));
    QCOMPARE(quiet.text, clean);
    QVERIFY(!quiet.blocked);

    const GuardrailOutcome outcome = engine.evaluate(trigger, Direction::UserInput);
    QCOMPARE(outcome.violations.size(), 1);
    const GuardrailViolation& v = outcome.violations.first();
    QCOMPARE(v.violationType, type);
    QCOMPARE(v.guardrailId, g.guardrailId);
    QCOMPARE(v.originalText, trigger);
    QVERIFY(!v.detectedIssue.isEmpty());
    QVERIFY(v.confidence > 0.0 && v.confidence <= 1.0);

    if (action == u"block"_s) {
        QVERIFY(outcome.blocked);
        QCOMPARE(outcome.blockMessage, u"Not allowed here."_s);
        QCOMPARE(v.actionTaken, u"blocked"_s);
        QCOMPARE(outcome.text, trigger);
    } else if (action == u"warn"_s) {
        QVERIFY(!outcome.blocked);
        QCOMPARE(outcome.warnings.size(), 1);
        QVERIFY(outcome.warnings.first().startsWith(g.name + u": "_s));
        QCOMPARE(v.actionTaken, u"warned"_s);
        QCOMPARE(outcome.text, trigger);
    } else if (action == u"rephrase"_s) {
        QVERIFY(!outcome.blocked);
        QCOMPARE(outcome.text, rephrased);
        QCOMPARE(v.actionTaken, u"rephrased"_s);
        QCOMPARE(v.modifiedText, rephrased);
    } else {
        QVERIFY(!outcome.blocked);
        QVERIFY(outcome.escalated);
        QCOMPARE(v.actionTaken, u"escalated"_s);
        QCOMPARE(outcome.text, trigger);
    }
}

void GuardrailEngineTest::vietnameseKeywords_data()
{
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hit");
    QTest::newRow("upper with diacritics") << u"ngu ngoc"_s << u"NGU NGỐC"_s << true;
    QTest::newRow("keyword with diacritics") << u"ngu ngốc"_s << u"mày ngu ngoc thật"_s << true;
    QTest::newRow("decomposed text") << u"ngu ngốc"_s << decomposed(u"Thằng NGU NGỐC!"_s) << true;
    QTest::newRow("extra spaces") << u"ngu ngốc"_s << u"ngu \t  ngốc"_s << true;
    QTest::newRow("d with stroke") << u"đồ ngốc"_s << u"DO NGOC"_s << true;
    QTest::newRow("other word folds elsewhere") << u"ngu ngốc"_s << u"đi ngủ ngon nhé"_s << false;
    QTest::newRow("prefix of a longer word") << u"ngu"_s << u"nguồn điện GPU"_s << false;
}

void GuardrailEngineTest::vietnameseKeywords()
{
    QFETCH(QString, keyword);
    QFETCH(QString, text);
    QFETCH(bool, hit);
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ keywords({ keyword }) }).has_value());
    const GuardrailOutcome outcome = engine.evaluate(text, Direction::UserInput);
    QCOMPARE(outcome.blocked, hit);
    if (hit)
        QVERIFY2(outcome.violations.first().detectedIssue.contains(keyword),
                 qPrintable(outcome.violations.first().detectedIssue));
}

void GuardrailEngineTest::wordBoundaries_data()
{
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hit");
    QTest::newRow("inside class") << u"ass"_s << u"this class is fine"_s << false;
    QTest::newRow("prefix of assignment") << u"ass"_s << u"the assignment is due"_s << false;
    QTest::newRow("suffix of bass") << u"ass"_s << u"play the bass"_s << false;
    QTest::newRow("alone") << u"ass"_s << u"you ass!"_s << true;
    QTest::newRow("upper with punctuation") << u"ass"_s << u"ASS."_s << true;
    QTest::newRow("hyphen is a boundary") << u"ass"_s << u"kiss-ass"_s << true;
    QTest::newRow("underscore is a word char") << u"ass"_s << u"my_ass_var"_s << false;
    QTest::newRow("digit is a word char") << u"gpu"_s << u"gpu0 is hot"_s << false;
    QTest::newRow("diacritics ignored") << u"an"_s << u"ăn cơm"_s << true;
    QTest::newRow("non-latin letter is a word char") << u"test"_s << u"testж passes"_s << false;
    QTest::newRow("multi-word") << u"project falcon"_s << u"Tell me about Project  Falcon."_s << true;
    QTest::newRow("multi-word partial") << u"project falcon"_s << u"project falconry"_s << false;
}

void GuardrailEngineTest::wordBoundaries()
{
    QFETCH(QString, keyword);
    QFETCH(QString, text);
    QFETCH(bool, hit);
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ keywords({ keyword }) }).has_value());
    QCOMPARE(engine.evaluate(text, Direction::UserInput).blocked, hit);
}

void GuardrailEngineTest::rephraseKeepsOffsetsAfterEmoji()
{
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ keywords({ u"ngu ngốc"_s, u"idiot"_s }, u"rephrase"_s) }).has_value());
    const QString text = u"😀😀 Đồ NGU NGỐC! 👍🏽 idiot."_s;
    const GuardrailOutcome outcome = engine.evaluate(decomposed(text), Direction::AgentOutput);
    QCOMPARE(outcome.text, decomposed(u"😀😀 Đồ [removed]! 👍🏽 [removed]."_s));
}

void GuardrailEngineTest::scopeByDirection_data()
{
    QTest::addColumn<QStringList>("appliesTo");
    QTest::addColumn<bool>("userInput");
    QTest::addColumn<bool>("agentOutput");
    QTest::newRow("user-input") << QStringList { u"user-input"_s } << true << false;
    QTest::newRow("agent-output") << QStringList { u"agent-output"_s } << false << true;
    QTest::newRow("both") << QStringList { u"both"_s } << true << true;
    QTest::newRow("both listed") << QStringList { u"user-input"_s, u"agent-output"_s } << true << true;
}

void GuardrailEngineTest::scopeByDirection()
{
    QFETCH(QStringList, appliesTo);
    QFETCH(bool, userInput);
    QFETCH(bool, agentOutput);
    Guardrail g = keywords({ u"falcon"_s });
    g.appliesTo = appliesTo;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ g }).has_value());
    QCOMPARE(engine.evaluate(u"falcon"_s, Direction::UserInput).blocked, userInput);
    QCOMPARE(engine.evaluate(u"falcon"_s, Direction::AgentOutput).blocked, agentOutput);
}

void GuardrailEngineTest::scopeByAgent_data()
{
    QTest::addColumn<QStringList>("agentIds");
    QTest::addColumn<QString>("agentId");
    QTest::addColumn<bool>("hit");
    QTest::newRow("all agents, named agent") << QStringList {} << u"agent-b"_s << true;
    QTest::newRow("all agents, no agent") << QStringList {} << QString() << true;
    QTest::newRow("listed agent") << QStringList { u"agent-a"_s, u"agent-c"_s } << u"agent-c"_s << true;
    QTest::newRow("other agent") << QStringList { u"agent-a"_s } << u"agent-b"_s << false;
    QTest::newRow("list, no agent") << QStringList { u"agent-a"_s } << QString() << false;
}

void GuardrailEngineTest::scopeByAgent()
{
    QFETCH(QStringList, agentIds);
    QFETCH(QString, agentId);
    QFETCH(bool, hit);
    Guardrail g = keywords({ u"falcon"_s });
    g.agentIds = agentIds;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ g }).has_value());
    QCOMPARE(engine.evaluate(u"falcon"_s, Direction::AgentOutput, agentId).blocked, hit);
}

void GuardrailEngineTest::inactiveGuardrailsDoNotRun()
{
    Guardrail inactive = keywords({ u"falcon"_s });
    inactive.isActive = false;
    Guardrail deleted = keywords({ u"falcon"_s });
    deleted.guardrailId = u"g-deleted"_s;
    deleted.isDeleted = true;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ inactive, deleted }).has_value());
    QCOMPARE(engine.guardrails().size(), 2);
    QVERIFY(engine.evaluate(u"falcon"_s, Direction::UserInput).violations.isEmpty());
}

void GuardrailEngineTest::toxicityOrdering_data()
{
    QTest::addColumn<QString>("clean");
    QTest::addColumn<QString>("mild");
    QTest::addColumn<QString>("severe");
    QTest::newRow("english") << u"Could you restart the training job on node 3?"_s << u"damn, this is slow"_s
                             << u"I will kill you, you idiot"_s;
    QTest::newRow("vietnamese") << u"Cảm ơn bạn đã hỗ trợ nhiệt tình"_s << u"Chết tiệt, lại lỗi rồi"_s
                                << u"Tao giết mày, đồ ngu"_s;
    QTest::newRow("vietnamese without diacritics")
        << u"Cam on ban da ho tro"_s << u"chet tiet, lai loi roi"_s << u"tao giet may, do ngu"_s;
    QTest::newRow("insult vs slur") << u"the job finished"_s << u"that was dumb"_s << u"you retard"_s;
}

void GuardrailEngineTest::toxicityOrdering()
{
    QFETCH(QString, clean);
    QFETCH(QString, mild);
    QFETCH(QString, severe);
    const double c = GuardrailEngine::toxicity(clean);
    const double m = GuardrailEngine::toxicity(mild);
    const double s = GuardrailEngine::toxicity(severe);
    QCOMPARE(c, 0.0);
    QVERIFY2(c < m && m < s, qPrintable(u"%1 %2 %3"_s.arg(c).arg(m).arg(s)));
    QVERIFY(s <= 1.0);
    QVERIFY2(s > 0.7, qPrintable(QString::number(s)));
    QVERIFY2(m < 0.7, qPrintable(QString::number(m)));
}

void GuardrailEngineTest::toxicityThreshold()
{
    GuardrailEngine engine;
    // Without maxToxicity the default 0.7 applies.
    QVERIFY(engine.setGuardrails({ guardrail(u"toxicity"_s, {}) }).has_value());
    QVERIFY(!engine.evaluate(u"damn, this is slow"_s, Direction::UserInput).blocked);
    QVERIFY(!engine.evaluate(u"that was dumb"_s, Direction::UserInput).blocked);
    QVERIFY(engine.evaluate(u"I will kill you"_s, Direction::UserInput).blocked);

    QVERIFY(engine.setGuardrails({ guardrail(u"toxicity"_s, { { u"maxToxicity"_s, 0.1 } }) }).has_value());
    const GuardrailOutcome strict = engine.evaluate(u"damn, this is slow"_s, Direction::UserInput);
    QVERIFY(strict.blocked);
    QCOMPARE(strict.violations.first().confidence, GuardrailEngine::toxicity(u"damn, this is slow"_s));

    QVERIFY(engine.setGuardrails({ guardrail(u"toxicity"_s, { { u"maxToxicity"_s, 1.0 } }) }).has_value());
    QVERIFY(!engine.evaluate(u"I will kill you, you fucking idiot"_s, Direction::UserInput).blocked);
}

void GuardrailEngineTest::toxicityDampedByLength()
{
    const double alone = GuardrailEngine::toxicity(u"idiot"_s);
    const double inLongText = GuardrailEngine::toxicity(
        u"The scheduler placed the job on node 4 because node 2 was draining, which was an idiot move by the "
        "autoscaler given the queue depth, the memory headroom and the interconnect topology of the cluster"_s);
    QVERIFY(inLongText > 0.0);
    QVERIFY(inLongText < alone);
}

void GuardrailEngineTest::sentimentPolarity()
{
    QCOMPARE(GuardrailEngine::sentiment(u"The node rebooted at noon"_s), 0.0);
    QVERIFY(GuardrailEngine::sentiment(u"This is great, thank you!"_s) > 0.5);
    QVERIFY(GuardrailEngine::sentiment(u"This is terrible, I hate it"_s) < -0.5);
    QVERIFY(GuardrailEngine::sentiment(u"Tuyệt vời, cảm ơn bạn"_s) > 0.5);
    QVERIFY(GuardrailEngine::sentiment(u"Thất vọng, dịch vụ tồi tệ"_s) < -0.5);
    // Negation flips the phrase that follows.
    QVERIFY(GuardrailEngine::sentiment(u"this is not good"_s) < 0.0);
    QVERIFY(GuardrailEngine::sentiment(u"không tốt chút nào"_s) < 0.0);
    const double one = GuardrailEngine::sentiment(u"great"_s);
    const double two = GuardrailEngine::sentiment(u"great, excellent"_s);
    QVERIFY(two > one);
    QVERIFY(two < 1.0);
}

void GuardrailEngineTest::sentimentRange()
{
    GuardrailEngine defaults;
    QVERIFY(defaults.setGuardrails({ guardrail(u"sentiment"_s, {}) }).has_value());
    QVERIFY(!defaults.evaluate(u"this is bad"_s, Direction::UserInput).blocked);
    QVERIFY(defaults.evaluate(u"terrible, I hate it"_s, Direction::UserInput).blocked);

    GuardrailEngine engine;
    const QJsonObject config { { u"minSentiment"_s, -0.2 }, { u"maxSentiment"_s, 0.9 } };
    QVERIFY(engine.setGuardrails({ guardrail(u"sentiment"_s, config) }).has_value());
    QVERIFY(!engine.evaluate(u"The node rebooted at noon"_s, Direction::AgentOutput).blocked);
    QVERIFY(!engine.evaluate(u"thanks, that helped"_s, Direction::AgentOutput).blocked);
    const GuardrailOutcome low = engine.evaluate(u"awful, useless, the worst"_s, Direction::AgentOutput);
    QVERIFY(low.blocked);
    QVERIFY(low.violations.first().detectedIssue.contains(u"below minimum"_s));
    const GuardrailOutcome high
        = engine.evaluate(u"amazing, perfect, excellent, wonderful, fantastic!"_s, Direction::AgentOutput);
    QVERIFY(high.blocked);
    QVERIFY(high.violations.first().detectedIssue.contains(u"above maximum"_s));
}

void GuardrailEngineTest::topicRestriction_data()
{
    QTest::addColumn<QStringList>("topics");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("offTopic");
    const QStringList support { u"billing"_s, u"shipping"_s };
    QTest::newRow("billing question") << support << u"Why was I charged twice on my invoice?"_s << false;
    QTest::newRow("vietnamese shipping") << support << u"Đơn hàng của tôi đang ở đâu vậy?"_s << false;
    QTest::newRow("vietnamese without diacritics") << support << u"don hang cua toi dang o dau"_s << false;
    QTest::newRow("greeting only") << support << u"Hi, thanks!"_s << false;
    QTest::newRow("vietnamese greeting") << support << u"Xin chào, cảm ơn"_s << false;
    QTest::newRow("off-topic") << support << u"Write me a poem about the sea"_s << true;
    QTest::newRow("off-topic vietnamese") << support << u"Kể cho tôi nghe một câu chuyện cười"_s << true;
    QTest::newRow("gpu lexicon") << QStringList { u"gpu"_s } << u"nvidia-smi shows 100% utilization"_s << false;
    QTest::newRow("gpu lexicon off-topic") << QStringList { u"GPU"_s } << u"Who won the football match?"_s << true;
    QTest::newRow("free keyword topic") << QStringList { u"Kubernetes"_s } << u"my kubernetes pod restarts"_s << false;
    QTest::newRow("free keyword off-topic") << QStringList { u"Kubernetes"_s } << u"what about docker?"_s << true;
}

void GuardrailEngineTest::topicRestriction()
{
    QFETCH(QStringList, topics);
    QFETCH(QString, text);
    QFETCH(bool, offTopic);
    GuardrailEngine engine;
    const QJsonObject config { { u"allowedTopics"_s, QJsonArray::fromStringList(topics) },
                               { u"validationPrompt"_s, u"Is this about billing?"_s },
                               { u"validationModel"_s, u"gpt-4o-mini"_s } };
    QVERIFY(engine.setGuardrails({ guardrail(u"topic-restriction"_s, config, u"warn"_s) }).has_value());
    const GuardrailOutcome outcome = engine.evaluate(text, Direction::UserInput);
    QCOMPARE(outcome.violations.size(), offTopic ? 1 : 0);
    if (offTopic) {
        QVERIFY(outcome.violations.first().detectedIssue.contains(topics.first()));
        QVERIFY(outcome.violations.first().confidence >= 0.5);
    }
}

void GuardrailEngineTest::medicalLegal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("category");
    QTest::newRow("dosage") << u"Just take 200mg twice a day"_s << u"medical"_s;
    QTest::newRow("stop medication") << u"You can stop taking your medication now"_s << u"medical"_s;
    QTest::newRow("dose of") << u"A dose of 5 ml should be enough"_s << u"medical"_s;
    QTest::newRow("diagnosis") << u"Based on this, your diagnosis is clear"_s << u"medical"_s;
    QTest::newRow("no doctor") << u"There is no need to see a doctor"_s << u"medical"_s;
    QTest::newRow("sue") << u"You should sue them for that"_s << u"legal"_s;
    QTest::newRow("legal advice") << u"Here is my legal advice: sign nothing"_s << u"legal"_s;
    QTest::newRow("strong case") << u"You have a strong case against them"_s << u"legal"_s;
    QTest::newRow("vi medication") << u"Bạn nên uống thuốc hạ sốt"_s << u"medical"_s;
    QTest::newRow("vi dosage") << u"Mỗi ngày uống 2 viên"_s << u"medical"_s;
    QTest::newRow("vi dose") << u"Liều lượng thuốc là bao nhiêu"_s << u"medical"_s;
    QTest::newRow("vi sue") << u"Bạn nên kiện họ ra tòa"_s << u"legal"_s;
    QTest::newRow("vi sue, no diacritics") << u"ban nen kien ho"_s << u"legal"_s;
    QTest::newRow("vi lawsuit") << u"Tôi sẽ giúp bạn khởi kiện"_s << u"legal"_s;
    // Everyday operations vocabulary that shares words with advice.
    QTest::newRow("gpu diagnosis") << u"The diagnosis of the GPU fault took an hour"_s << QString();
    QTest::newRow("take a break") << u"You should take a break while the job runs"_s << QString();
    QTest::newRow("kill process") << u"Stop the process and take 2 nodes offline"_s << QString();
    QTest::newRow("vi data") << u"Dữ liệu lượng lớn cần thêm ổ đĩa"_s << QString();
    QTest::newRow("vi data used") << u"Tài liệu dùng cho mô hình"_s << QString();
    QTest::newRow("vi event") << u"Sự kiện công ty vào thứ sáu"_s << QString();
    QTest::newRow("vi patient") << u"Bạn có thể kiên nhẫn chờ một chút"_s << QString();
    QTest::newRow("vi condition") << u"Điều kiện để chạy mô hình"_s << QString();
}

void GuardrailEngineTest::medicalLegal()
{
    QFETCH(QString, text);
    QFETCH(QString, category);
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ guardrail(u"medical-legal"_s, {}) }).has_value());
    const GuardrailOutcome outcome = engine.evaluate(text, Direction::AgentOutput);
    if (category.isEmpty()) {
        QVERIFY2(outcome.violations.isEmpty(), qPrintable(outcome.violations.value(0).detectedIssue));
        return;
    }
    QCOMPARE(outcome.violations.size(), 1);
    const QString issue = outcome.violations.first().detectedIssue;
    QVERIFY2(issue.startsWith(category + u" advice"_s), qPrintable(issue));
}

void GuardrailEngineTest::medicalLegalCategories()
{
    GuardrailEngine engine;
    const QJsonObject legalOnly { { u"categories"_s, QJsonArray { u"legal"_s } } };
    QVERIFY(engine.setGuardrails({ guardrail(u"medical-legal"_s, legalOnly) }).has_value());
    QVERIFY(!engine.evaluate(u"Just take 200mg twice a day"_s, Direction::AgentOutput).blocked);
    QVERIFY(engine.evaluate(u"You should sue them"_s, Direction::AgentOutput).blocked);
}

void GuardrailEngineTest::strongestActionWins()
{
    Guardrail warn = keywords({ u"falcon"_s }, u"warn"_s);
    Guardrail rephrase = keywords({ u"falcon"_s }, u"rephrase"_s);
    Guardrail escalate = keywords({ u"falcon"_s }, u"escalate"_s);
    Guardrail block = keywords({ u"falcon"_s }, u"block"_s);
    block.blockMessage = u"No falcons."_s;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ warn, rephrase, escalate, block }).has_value());

    const GuardrailOutcome outcome = engine.evaluate(u"project falcon"_s, Direction::UserInput);
    QVERIFY(outcome.blocked);
    QCOMPARE(outcome.blockMessage, u"No falcons."_s);
    QCOMPARE(outcome.text, u"project falcon"_s);
    QVERIFY(!outcome.escalated);
    QVERIFY(outcome.warnings.isEmpty());
    QCOMPARE(outcome.violations.size(), 4);
    QStringList taken;
    for (const GuardrailViolation& v : outcome.violations) {
        taken.append(v.actionTaken);
        QVERIFY(v.modifiedText.isEmpty());
    }
    QCOMPARE(taken, (QStringList { u"warned"_s, u"rephrased"_s, u"escalated"_s, u"blocked"_s }));
}

void GuardrailEngineTest::actionsCombineWithoutBlock()
{
    Guardrail warn = guardrail(u"toxicity"_s, { { u"maxToxicity"_s, 0.2 } }, u"warn"_s);
    warn.blockMessage = u"Please keep it civil."_s;
    Guardrail rephrase = keywords({ u"falcon"_s }, u"rephrase"_s);
    Guardrail escalate = guardrail(u"medical-legal"_s, {}, u"escalate"_s);
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ warn, rephrase, escalate }).has_value());

    const GuardrailOutcome outcome
        = engine.evaluate(u"Damn idiot, project falcon says take 200 mg"_s, Direction::AgentOutput);
    QVERIFY(!outcome.blocked);
    QVERIFY(outcome.escalated);
    QCOMPARE(outcome.warnings, QStringList { u"Please keep it civil."_s });
    QCOMPARE(outcome.text, u"Damn idiot, project [removed] says take 200 mg"_s);
    QCOMPARE(outcome.violations.size(), 3);
}

void GuardrailEngineTest::blockMessageFromMostSevereBlocker()
{
    Guardrail low = keywords({ u"falcon"_s });
    low.guardrailId = u"low"_s;
    low.severity = u"low"_s;
    low.blockMessage = u"low"_s;
    Guardrail high = keywords({ u"falcon"_s });
    high.guardrailId = u"high"_s;
    high.severity = u"high"_s;
    high.blockMessage = u"high"_s;
    Guardrail unnamed = keywords({ u"falcon"_s });
    unnamed.severity = u"medium"_s;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ low, high, unnamed }).has_value());
    QCOMPARE(engine.evaluate(u"falcon"_s, Direction::UserInput).blockMessage, u"high"_s);

    QVERIFY(engine.setGuardrails({ low, unnamed }).has_value());
    QCOMPARE(engine.evaluate(u"falcon"_s, Direction::UserInput).blockMessage,
             GuardrailEngine::defaultBlockMessage(unnamed.name));
}

void GuardrailEngineTest::violationFields()
{
    QStringList many;
    QString text;
    for (int i = 0; i < 80; ++i) {
        many.append(u"keyword%1"_s.arg(i));
        text += u"keyword%1 "_s.arg(i);
    }
    Guardrail g = keywords(many, u"warn"_s);
    g.owner.orgId = u"org-1"_s;
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ g }).has_value());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const GuardrailOutcome outcome = engine.evaluate(text, Direction::UserInput);
    QCOMPARE(outcome.violations.size(), 1);
    const GuardrailViolation& v = outcome.violations.first();
    QVERIFY(!v.violationId.isEmpty());
    QCOMPARE(v.violationType, u"content-filter"_s);
    QCOMPARE(v.confidence, 1.0);
    QCOMPARE(v.detectedIssue.size(), 500);
    QVERIFY(v.detectedIssue.startsWith(u"blocked keywords \"keyword0\""_s));
    QCOMPARE(v.originalText, text);
    QVERIFY(v.detectedAt >= before.addSecs(-1));
    QCOMPARE(v.owner.orgId, u"org-1"_s);
    QVERIFY(!v.userOverride);
}

void GuardrailEngineTest::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QString>("expectedField");
    QTest::addColumn<int>("expectedCode");

    const QJsonObject ok { { u"blockedKeywords"_s, QJsonArray { u"falcon"_s } } };
    const auto row = [](const char* tag,
                        const QString& field,
                        const QString& value,
                        const QJsonObject& config,
                        const QString& expectedField,
                        ErrorCode code) {
        QTest::newRow(tag) << field << value << config << expectedField << static_cast<int>(code);
    };
    row("missing name", u"name"_s, {}, ok, u"name"_s, ErrorCode::MissingField);
    row("long name", u"name"_s, QString(256, u'x'), ok, u"name"_s, ErrorCode::OutOfRange);
    row("missing description", u"description"_s, u"  "_s, ok, u"description"_s, ErrorCode::MissingField);
    row("long description", u"description"_s, QString(1001, u'x'), ok, u"description"_s, ErrorCode::OutOfRange);
    row("missing type", u"type"_s, {}, ok, u"type"_s, ErrorCode::MissingField);
    row("bad type", u"type"_s, u"profanity"_s, ok, u"type"_s, ErrorCode::InvalidValue);
    row("bad action", u"action"_s, u"delete"_s, ok, u"action"_s, ErrorCode::InvalidValue);
    row("long blockMessage", u"blockMessage"_s, QString(501, u'x'), ok, u"blockMessage"_s, ErrorCode::OutOfRange);
    row("missing appliesTo", u"appliesTo"_s, {}, ok, u"appliesTo"_s, ErrorCode::MissingField);
    row("bad appliesTo", u"appliesTo"_s, u"everyone"_s, ok, u"appliesTo[0]"_s, ErrorCode::InvalidValue);
    row("bad severity", u"severity"_s, u"critical"_s, ok, u"severity"_s, ErrorCode::InvalidValue);
    row("empty agent id", u"agentIds"_s, u" "_s, ok, u"agentIds[0]"_s, ErrorCode::InvalidValue);
    row("keywords missing", {}, {}, {}, u"config.blockedKeywords"_s, ErrorCode::MissingField);
    row("keywords not an array",
        {},
        {},
        { { u"blockedKeywords"_s, u"falcon"_s } },
        u"config.blockedKeywords"_s,
        ErrorCode::InvalidFieldType);
    row("keywords empty array",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray {} } },
        u"config.blockedKeywords"_s,
        ErrorCode::MissingField);
    row("keyword not a string",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s, 3 } } },
        u"config.blockedKeywords[1]"_s,
        ErrorCode::InvalidFieldType);
    row("keyword blank",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s, u"   "_s } } },
        u"config.blockedKeywords[1]"_s,
        ErrorCode::InvalidValue);
    row("keyword only combining marks",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"\u0301\u0302"_s } } },
        u"config.blockedKeywords[0]"_s,
        ErrorCode::InvalidValue);
    row("toxicity above 1",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"maxToxicity"_s, 1.5 } },
        u"config.maxToxicity"_s,
        ErrorCode::OutOfRange);
    row("toxicity not a number",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"maxToxicity"_s, u"high"_s } },
        u"config.maxToxicity"_s,
        ErrorCode::InvalidFieldType);
    row("sentiment below -1",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"minSentiment"_s, -1.2 } },
        u"config.minSentiment"_s,
        ErrorCode::OutOfRange);
    row("sentiment range inverted",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"minSentiment"_s, 0.5 }, { u"maxSentiment"_s, 0.1 } },
        u"config.minSentiment"_s,
        ErrorCode::OutOfRange);
    row("unknown config key",
        {},
        {},
        { { u"blockedKeyword"_s, QJsonArray { u"a"_s } } },
        u"config.blockedKeyword"_s,
        ErrorCode::InvalidValue);
    row("model not a string",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"validationModel"_s, 4 } },
        u"config.validationModel"_s,
        ErrorCode::InvalidFieldType);
    row("long rephrase template",
        {},
        {},
        { { u"blockedKeywords"_s, QJsonArray { u"a"_s } }, { u"rephraseTemplate"_s, QString(501, u'x') } },
        u"config.rephraseTemplate"_s,
        ErrorCode::OutOfRange);
}

void GuardrailEngineTest::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QJsonObject, config);
    QFETCH(QString, expectedField);
    QFETCH(int, expectedCode);

    Guardrail g = guardrail(u"content-filter"_s, config);
    if (field == u"name"_s)
        g.name = value;
    else if (field == u"description"_s)
        g.description = value;
    else if (field == u"type"_s)
        g.type = value;
    else if (field == u"action"_s)
        g.action = value;
    else if (field == u"blockMessage"_s)
        g.blockMessage = value;
    else if (field == u"appliesTo"_s)
        g.appliesTo = value.isEmpty() ? QStringList {} : QStringList { value };
    else if (field == u"severity"_s)
        g.severity = value;
    else if (field == u"agentIds"_s)
        g.agentIds = { value };

    const auto result = GuardrailEngine::validateGuardrail(g);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().field, expectedField);
    QCOMPARE(static_cast<int>(result.error().code), expectedCode);
    QVERIFY(!result.error().message.isEmpty());
}

void GuardrailEngineTest::validGuardrailPasses()
{
    const QList<Guardrail> valid {
        keywords({ u"falcon"_s }),
        guardrail(u"topic-restriction"_s, { { u"allowedTopics"_s, QJsonArray { u"billing"_s } } }),
        guardrail(u"toxicity"_s, {}),
        guardrail(u"toxicity"_s, { { u"maxToxicity"_s, 0 } }),
        guardrail(u"sentiment"_s, { { u"minSentiment"_s, -1 } }),
        guardrail(u"sentiment"_s, {}),
        guardrail(u"medical-legal"_s, { { u"categories"_s, QJsonArray { u"medical"_s } } }),
    };
    for (const Guardrail& g : valid) {
        const auto result = GuardrailEngine::validateGuardrail(g);
        QVERIFY2(result.has_value(), qPrintable(g.type + u": "_s + (result ? QString() : result.error().message)));
    }
    // Type-specific requirements.
    QCOMPARE(GuardrailEngine::validateGuardrail(guardrail(u"topic-restriction"_s, {})).error().field,
             u"config.allowedTopics"_s);
    QCOMPARE(GuardrailEngine::validateGuardrail(
                 guardrail(u"medical-legal"_s, { { u"categories"_s, QJsonArray { u"tax"_s } } }))
                 .error()
                 .field,
             u"config.categories[0]"_s);
}

void GuardrailEngineTest::setGuardrailsRejectsInvalidAndKeepsPrevious()
{
    GuardrailEngine engine;
    QVERIFY(engine.setGuardrails({ keywords({ u"falcon"_s }) }).has_value());
    Guardrail bad = keywords({ u"eagle"_s });
    bad.guardrailId = u"g-bad"_s;
    bad.action = u"explode"_s;
    const auto result = engine.setGuardrails({ keywords({ u"eagle"_s }), bad });
    QVERIFY(!result.has_value());
    QVERIFY(result.error().message.contains(u"g-bad"_s));
    QCOMPARE(result.error().field, u"action"_s);
    QCOMPARE(engine.guardrails().size(), 1);
    QVERIFY(engine.evaluate(u"falcon"_s, Direction::UserInput).blocked);
    QVERIFY(!engine.evaluate(u"eagle"_s, Direction::UserInput).blocked);
}

void GuardrailEngineTest::concurrentEvaluateDuringSwap()
{
    GuardrailEngine engine;
    const Guardrail falcon = keywords({ u"falcon"_s });
    const Guardrail eagle = keywords({ u"eagle"_s });
    QVERIFY(engine.setGuardrails({ falcon }).has_value());

    std::atomic<bool> stop { false };
    std::atomic<int> inconsistent { 0 };
    std::atomic<int> evaluations { 0 };
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
        readers.emplace_back([&] {
            while (!stop.load()) {
                // Exactly one of the two configurations is in force for a whole evaluation.
                const GuardrailOutcome outcome = engine.evaluate(u"falcon and eagle"_s, Direction::UserInput);
                if (outcome.violations.size() != 1)
                    ++inconsistent;
                ++evaluations;
            }
        });
    }
    bool swapped = true;
    for (int i = 0; i < 200; ++i)
        swapped = engine.setGuardrails({ i % 2 ? falcon : eagle }).has_value() && swapped;
    while (evaluations.load() < 1000)
        std::this_thread::yield();
    stop = true;
    for (auto& reader : readers)
        reader.join();
    QVERIFY(swapped);
    QCOMPARE(inconsistent.load(), 0);
}

QTEST_GUILESS_MAIN(GuardrailEngineTest)
#include "GuardrailEngineTest.moc"
