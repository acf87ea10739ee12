#pragma once

#include "core/protocol/Error.h"
#include "core/safety/SafetyTypes.h"

#include <QList>
#include <QStringList>
#include <QStringView>
#include <memory>

namespace aiops::safety {

// Evaluates guardrails (seed 000 types) on a text: content-filter (keywords, case- and
// diacritic-insensitive, word boundaries, one multi-pattern pass), topic-restriction (lexicons),
// toxicity (lexicon-weighted score 0..1, English + Vietnamese), medical-legal (advice patterns).
// Actions: block, warn, rephrase (template), escalate. Thread-safe like PiiEngine.
class GuardrailEngine final
{
public:
    GuardrailEngine();
    ~GuardrailEngine();
    GuardrailEngine(const GuardrailEngine&) = delete;
    GuardrailEngine& operator=(const GuardrailEngine&) = delete;

    Result<void> setGuardrails(const QList<Guardrail>& guardrails);
    QList<Guardrail> guardrails() const;

    GuardrailOutcome evaluate(QStringView text, Direction direction, const QString& agentId = {}) const;
    // The same; the outcome shares the text (its unchanged text, each violation's originalText)
    // rather than copying it.
    GuardrailOutcome evaluate(const QString& text, Direction direction, const QString& agentId = {}) const;

    static Result<void> validateGuardrail(const Guardrail& guardrail);
    // Toxicity score of a text, 0.0 .. 1.0 (exposed for tests and the GUI tester).
    static double toxicity(QStringView text);
    // Lower-cases and strips Vietnamese/Latin diacritics ("Đồ ngốc" -> "do ngoc").
    static QString fold(QStringView text);
    // Lexicon polarity of a text, -1.0 (negative) .. 1.0 (positive), for the "sentiment" type.
    static double sentiment(QStringView text);
    // Topic lexicons an operator can name in config.allowedTopics; other entries are matched as
    // keywords of their own.
    static QStringList topicNames();

    // Texts used when a guardrail does not configure its own (config.rephraseTemplate, blockMessage).
    static QString defaultBlockMessage(const QString& guardrailName);
    static QString defaultRephraseTemplate();
    static QString defaultDisclaimer();

private:
    struct Compiled;
    GuardrailOutcome
    evaluateText(QStringView text, const QString& copy, Direction direction, const QString& agentId) const;
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace aiops::safety
