#pragma once

#include <span>

// Word lists and advice patterns behind the guardrail types. Phrases are written the way people
// type them (Vietnamese with its diacritics); GuardrailEngine folds them with the same fold() it
// applies to messages, so "ngu ngốc", "NGU NGỐC" and "ngu ngoc" are one phrase. Phrases match on
// word boundaries, so a phrase never hits inside a longer word.
//
// Folding erases the diacritics that tell many Vietnamese words apart ("ngủ" sleep / "ngu" stupid,
// "liều" dose / "dữ liệu" data, "kiện" sue / "sự kiện" event), so ambiguous words appear only inside
// phrases that stay unambiguous once folded.
namespace aiops::safety::lexicons {

struct ToxicPhrase
{
    const char* phrase; // UTF-8
    const char* category; // insult | slur | threat | profanity
    double weight; // 0..1: how toxic one occurrence is on its own
};

struct PolarPhrase
{
    const char* phrase; // UTF-8
    double polarity; // -1..1
};

struct TopicLexicon
{
    const char* name; // the value an operator puts in config.allowedTopics
    std::span<const char* const> phrases;
};

struct AdvicePattern
{
    const char* category; // medical | legal
    const char* issue; // what the advice is, for detectedIssue
    const char* regex; // RE2 on folded text (lower-case, no diacritics, single spaces)
    double confidence;
    // Folded words that, right before the match, show it is not advice ("dữ liệu" for "liều").
    std::span<const char* const> notAfter = {};
};

std::span<const ToxicPhrase> toxicityEnglish();
std::span<const ToxicPhrase> toxicityVietnamese();
std::span<const PolarPhrase> sentimentEnglish();
std::span<const PolarPhrase> sentimentVietnamese();
// Words that flip the polarity of a sentiment phrase among the next few words ("not good").
std::span<const char* const> negators();
// Topics an operator can name in config.allowedTopics: billing, shipping, technical-support, gpu,
// account, infrastructure, ml-models.
std::span<const TopicLexicon> topics();
// Greetings and thanks: a message made only of these is never off-topic.
std::span<const char* const> smallTalk();
std::span<const AdvicePattern> advicePatterns();

} // namespace aiops::safety::lexicons
