#include "core/safety/GuardrailEngine.h"

#include "core/safety/GuardrailLexicons.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QUuid>
#include <QtGlobal>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <re2/re2.h>
#include <re2/set.h>
#include <string>
#include <string_view>
#include <vector>

namespace aiops::safety {

using namespace Qt::StringLiterals;

namespace {

// ---------------------------------------------------------------------------------------------
// Folding: lower-case, compatibility decomposition, combining marks dropped. Matching runs on the
// folded text as UTF-8 (RE2's and the phrase matcher's input); `origin` maps each folded byte back
// to the UTF-16 offset of the character that produced it, so spans found there land on the
// message the user wrote.

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool isDropped(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    // Zero-width characters would otherwise let "id\u200Biot" slip past a keyword.
    case QChar::Other_Format: return true;
    default: return false;
    }
}

// One code point, folded, as UTF-8.
std::string foldCodePoint(char32_t cp)
{
    switch (cp) {
    // Letters NFD does not decompose but Vietnamese and other Latin users fold by hand.
    case 0x0110:
    case 0x0111: return "d"; // Đ đ
    case 0x00D8:
    case 0x00F8: return "o"; // Ø ø
    case 0x0141:
    case 0x0142:
        return "l"; // Ł ł
    // Typographic quotes from phones and word processors.
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032: return "'";
    case 0x201C:
    case 0x201D: return "\"";
    default: break;
    }
    if (isDropped(cp))
        return {};
    std::string out;
    if (QChar::decompositionTag(cp) == QChar::NoDecomposition) {
        appendUtf8(out, QChar::toLower(cp));
        return out;
    }
    // NFKD rather than NFD: full-width letters and ligatures fold to plain ASCII as well.
    const QString decomposed = QString::fromUcs4(&cp, 1).normalized(QString::NormalizationForm_KD).toLower();
    for (const char32_t part : decomposed.toUcs4()) {
        if (!isDropped(part))
            appendUtf8(out, part);
    }
    return out;
}

// Every BMP character folded once, so folding a message is a table lookup per character.
class FoldTable
{
public:
    FoldTable()
    {
        m_start.resize(0x10001);
        m_space.resize(0x10000);
        for (char32_t cp = 0; cp < 0x10000; ++cp) {
            m_start[cp] = static_cast<std::uint32_t>(m_blob.size());
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            if (QChar::isSpace(cp)) {
                m_space[cp] = true;
                appendUtf8(m_blob, cp);
                continue;
            }
            m_blob += foldCodePoint(cp);
        }
        m_start[0x10000] = static_cast<std::uint32_t>(m_blob.size());
    }

    std::string_view at(char16_t unit) const
    {
        return std::string_view(m_blob).substr(m_start[unit], m_start[unit + 1u] - m_start[unit]);
    }
    bool isSpace(char16_t unit) const { return m_space[unit]; }

private:
    std::string m_blob;
    std::vector<std::uint32_t> m_start;
    std::vector<bool> m_space;
};

const FoldTable& foldTable()
{
    static const FoldTable table;
    return table;
}

struct Folded
{
    std::string text; // UTF-8
    // text.size() + 1 entries: UTF-16 offset in the input per byte. Only filled when asked for:
    // most messages have no finding, and then nothing needs it.
    std::vector<qsizetype> origin;
};

// `collapse` turns every whitespace run into one space and drops leading whitespace, so a
// multi-word keyword matches whatever spacing the user typed.
template<bool WithOrigin> Folded foldTextImpl(QStringView input, bool collapse)
{
    const FoldTable& table = foldTable();
    const auto size = static_cast<std::size_t>(input.size());
    const char16_t* units = input.utf16();
    Folded folded;
    // Sized for the common case (ASCII and precomposed Vietnamese fold to one byte per unit) and
    // grown when decompositions produce more.
    folded.text.resize(size + 16);
    if constexpr (WithOrigin)
        folded.origin.resize(size + 17);
    std::size_t out = 0;
    const auto reserve = [&](std::size_t bytes) {
        if (out + bytes > folded.text.size()) {
            const std::size_t grown = std::max(folded.text.size() * 2, out + bytes);
            folded.text.resize(grown);
            if constexpr (WithOrigin)
                folded.origin.resize(grown + 1);
        }
    };
    const auto put = [&](std::string_view piece, qsizetype at) {
        reserve(piece.size());
        for (const char c : piece) {
            folded.text[out] = c;
            if constexpr (WithOrigin)
                folded.origin[out] = at;
            ++out;
        }
    };
    // ASCII, branch-free: lower case, and (collapsing) whitespace as ' '.
    static const auto ascii = [] {
        std::array<std::array<char, 128>, 2> t {};
        for (int c = 0; c < 128; ++c) {
            const bool space = c == ' ' || (c >= 0x09 && c <= 0x0D);
            t[0][size_t(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            t[1][size_t(c)] = space ? ' ' : t[0][size_t(c)];
        }
        return t;
    }();
    const auto& asciiFold = ascii[collapse ? 1 : 0];
    bool afterSpace = true;
    std::string slow;
    for (std::size_t i = 0; i < size;) {
        const auto at = static_cast<qsizetype>(i);
        const char16_t unit = units[i];
        if (unit < 0x80) {
            ++i;
            const bool space = unit == u' ' || (unit >= 0x09 && unit <= 0x0D);
            reserve(1);
            folded.text[out] = asciiFold[unit];
            if constexpr (WithOrigin)
                folded.origin[out] = at;
            // A whitespace right after whitespace (or at the start) is dropped when collapsing.
            out += (space && collapse && afterSpace) ? 0 : 1;
            afterSpace = space;
            continue;
        }
        std::string_view piece;
        bool space = false;
        if (QChar::isHighSurrogate(unit) && i + 1 < size && QChar::isLowSurrogate(units[i + 1])) {
            slow = foldCodePoint(QChar::surrogateToUcs4(unit, units[i + 1]));
            piece = slow;
            i += 2;
        } else {
            ++i;
            if (QChar::isSurrogate(unit))
                continue;
            piece = table.at(unit);
            space = table.isSpace(unit);
        }
        if (space && collapse) {
            if (afterSpace)
                continue;
            piece = " ";
        }
        if (piece.empty())
            continue;
        afterSpace = space;
        put(piece, at);
    }
    folded.text.resize(out);
    if constexpr (WithOrigin) {
        folded.origin.resize(out + 1);
        folded.origin[out] = input.size();
    }
    return folded;
}

Folded foldText(QStringView input, bool collapse)
{
    return foldTextImpl<false>(input, collapse);
}

Folded foldTextWithOrigin(QStringView input, bool collapse)
{
    return foldTextImpl<true>(input, collapse);
}

std::string foldPhrase(QStringView phrase)
{
    std::string text = foldText(phrase, true).text;
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

std::string foldPhrase(const char* utf8)
{
    return foldPhrase(QString::fromUtf8(utf8));
}

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers for word boundaries. The folded text is valid UTF-8, so a byte offset where a
// phrase starts or ends is always a code point boundary.

char32_t decodeAt(std::string_view s, std::size_t pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80)
        return b0;
    int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : 1;
    char32_t cp = b0 & (0x3F >> extra);
    for (std::size_t k = 1; k <= static_cast<std::size_t>(extra) && pos + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
    return cp;
}

char32_t decodeBefore(std::string_view s, std::size_t pos)
{
    std::size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    return decodeAt(s, start);
}

bool isWordChar(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    return QChar::isLetterOrNumber(cp) || QChar::isMark(cp);
}

std::size_t codePointLength(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
}

// Byte offsets where words start and end in folded text.
struct Words
{
    std::vector<std::size_t> starts;
    std::vector<std::size_t> ends;

    std::size_t count() const { return starts.size(); }
    // Words that start in [from, to).
    std::size_t between(std::size_t from, std::size_t to) const
    {
        return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), to)
                                        - std::lower_bound(starts.begin(), starts.end(), from));
    }
};

Words splitWords(std::string_view text)
{
    Words words;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = std::min(codePointLength(lead), text.size() - i);
        const bool word = lead < 0x80 ? isWordChar(lead) : isWordChar(decodeAt(text, i));
        if (word && !inWord)
            words.starts.push_back(i);
        if (!word && inWord)
            words.ends.push_back(i);
        inWord = word;
        i += len;
    }
    if (inWord)
        words.ends.push_back(text.size());
    return words;
}

// Most messages hit no lexicon phrase, and then nothing needs the words.
class LazyWords
{
public:
    explicit LazyWords(std::string_view text)
        : m_text(text)
    {
    }
    const Words& get()
    {
        if (!m_words)
            m_words = splitWords(m_text);
        return *m_words;
    }

private:
    std::string_view m_text;
    std::optional<Words> m_words;
};

// ---------------------------------------------------------------------------------------------
// Aho–Corasick over the bytes of folded phrases: every keyword of every lexicon is found in one
// pass over the text, whatever the number of phrases. Transitions are a dense table over byte
// classes (only bytes that occur in some phrase get a class), so a step is one lookup.

class PhraseMatcher
{
public:
    struct Hit
    {
        int id = 0;
        std::size_t begin = 0; // byte offsets in the folded text, [begin, end)
        std::size_t end = 0;
    };

    void add(std::string phrase, int id)
    {
        if (!phrase.empty())
            m_pending.push_back({ std::move(phrase), id });
    }

    void build()
    {
        m_class.fill(0);
        m_classes = 1;
        for (const auto& [phrase, id] : m_pending) {
            for (const char c : phrase) {
                auto& slot = m_class[static_cast<unsigned char>(c)];
                if (slot == 0)
                    slot = static_cast<std::uint16_t>(m_classes++);
            }
        }
        const std::size_t k = m_classes;
        m_next.assign(k, -1);
        m_out.assign(1, {});
        for (const auto& [phrase, id] : m_pending) {
            std::size_t node = 0;
            for (const char c : phrase) {
                const std::size_t slot = node * k + m_class[static_cast<unsigned char>(c)];
                if (m_next[slot] < 0) {
                    m_next[slot] = static_cast<std::int32_t>(m_out.size());
                    m_out.emplace_back();
                    m_next.resize(m_next.size() + k, -1);
                }
                node = static_cast<std::size_t>(m_next[slot]);
            }
            auto& outputs = m_out[node];
            const bool known
                = std::any_of(outputs.begin(), outputs.end(), [id](const Output& o) { return o.id == id; });
            if (!known) {
                outputs.push_back(Output { id,
                                           phrase.size(),
                                           isWordChar(decodeAt(phrase, 0)),
                                           isWordChar(decodeBefore(phrase, phrase.size())) });
            }
        }
        m_pending.clear();
        m_pending.shrink_to_fit();

        // Breadth-first: failure links, outputs inherited along them, missing transitions filled.
        std::vector<std::size_t> fail(m_out.size(), 0);
        std::vector<std::size_t> queue;
        queue.reserve(m_out.size());
        for (std::size_t c = 0; c < k; ++c) {
            if (m_next[c] < 0) {
                m_next[c] = 0;
            } else {
                queue.push_back(static_cast<std::size_t>(m_next[c]));
            }
        }
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::size_t u = queue[head];
            for (std::size_t c = 0; c < k; ++c) {
                const std::int32_t v = m_next[u * k + c];
                const std::int32_t viaFail = m_next[fail[u] * k + c];
                if (v < 0) {
                    m_next[u * k + c] = viaFail;
                    continue;
                }
                const auto child = static_cast<std::size_t>(v);
                fail[child] = static_cast<std::size_t>(viaFail);
                const auto& inherited = m_out[fail[child]];
                m_out[child].insert(m_out[child].end(), inherited.begin(), inherited.end());
                queue.push_back(child);
            }
        }
        // Each transition becomes the target's first table index times two, plus one when the
        // target has outputs: the scan loop then needs no multiplication and no second lookup.
        m_states.resize(m_next.size());
        for (std::size_t i = 0; i < m_next.size(); ++i) {
            const auto target = static_cast<std::size_t>(m_next[i]);
            m_states[i] = static_cast<std::uint32_t>((target * k) << 1 | (m_out[target].empty() ? 0u : 1u));
        }
        m_next.clear();
        m_next.shrink_to_fit();
        m_built = m_out.size() > 1;
    }

    bool empty() const { return !m_built; }

    // Every occurrence on word boundaries, overlapping ones included, in order of their end.
    std::vector<Hit> scan(std::string_view text) const
    {
        std::vector<Hit> hits;
        if (!m_built)
            return hits;
        const std::uint32_t* states = m_states.data();
        std::uint32_t state = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            state = states[(state >> 1) + m_class[static_cast<unsigned char>(text[i])]];
            if ((state & 1u) == 0)
                continue;
            const std::size_t end = i + 1;
            for (const Output& o : m_out[(state >> 1) / m_classes]) {
                const std::size_t begin = end - o.length;
                if (o.wordStart && begin > 0 && isWordChar(decodeBefore(text, begin)))
                    continue;
                if (o.wordEnd && end < text.size() && isWordChar(decodeAt(text, end)))
                    continue;
                hits.push_back(Hit { o.id, begin, end });
            }
        }
        return hits;
    }

private:
    struct Output
    {
        int id;
        std::size_t length;
        bool wordStart; // the phrase starts with a word character, so it needs a boundary before it
        bool wordEnd;
    };

    std::vector<std::pair<std::string, int>> m_pending;
    std::array<std::uint16_t, 256> m_class {};
    std::size_t m_classes = 1;
    std::vector<std::int32_t> m_next; // node * classes + class -> node; only while building
    std::vector<std::uint32_t> m_states; // the same table, encoded for scan()
    std::vector<std::vector<Output>> m_out;
    bool m_built = false;
};

// Leftmost-longest hits that do not overlap: "ngu như bò" counts once, not also as "ngu".
std::vector<PhraseMatcher::Hit> nonOverlapping(std::vector<PhraseMatcher::Hit> hits)
{
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<PhraseMatcher::Hit> kept;
    std::size_t reached = 0;
    for (const auto& hit : hits) {
        if (!kept.empty() && hit.begin < reached)
            continue;
        kept.push_back(hit);
        reached = hit.end;
    }
    return kept;
}

// What a phrase of the combined matcher belongs to.
enum class Source : std::uint8_t { Toxic, Polar, Negator, SmallTalk, Rule };

struct Tag
{
    Source source = Source::Rule;
    std::uint32_t rule = 0; // index into the compiled rules, for Source::Rule
    int id = 0; // index in the source's own list
};

// Phrases from several sources in one automaton: one for the shipped lexicons (built once per
// process), one for the keywords and topic terms of all active guardrails (built per snapshot),
// so a message is scanned once for its guardrails whatever their number.
class TaggedMatcher
{
public:
    void add(std::string phrase, Tag tag)
    {
        m_phrases.add(std::move(phrase), static_cast<int>(m_tags.size()));
        m_tags.push_back(tag);
    }
    void build() { m_phrases.build(); }
    std::vector<PhraseMatcher::Hit> scan(std::string_view text) const { return m_phrases.scan(text); }
    const Tag& tag(int index) const { return m_tags[static_cast<std::size_t>(index)]; }

private:
    PhraseMatcher m_phrases;
    std::vector<Tag> m_tags;
};

// ---------------------------------------------------------------------------------------------
// The shipped lexicons, compiled once per process.

struct ToxicEntry
{
    QString category;
    QString phrase;
    double weight = 0;
};

struct AdviceEntry
{
    QString category;
    QString issue;
    double confidence = 0;
    std::vector<std::string> notAfter;
    std::unique_ptr<RE2> regex;
};

RE2::Options re2Options()
{
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(true); // the text is folded to lower case already
    options.set_max_mem(16 << 20);
    return options;
}

struct Lexicons
{
    std::vector<ToxicEntry> toxicEntries;
    std::vector<std::string> toxicPhrases; // folded, aligned with toxicEntries
    std::vector<double> polarity;
    std::vector<std::string> polarPhrases; // aligned with polarity
    std::vector<std::string> negatorPhrases;
    std::vector<std::string> smallTalkPhrases;
    QStringList topicNames;
    std::vector<std::vector<std::string>> topicPhrases;
    std::unique_ptr<RE2::Set> adviceSet;
    std::vector<AdviceEntry> advice;
    TaggedMatcher matcher; // the shipped lexicons alone, for toxicity() and sentiment()

    Lexicons()
    {
        for (const auto list : { lexicons::toxicityEnglish(), lexicons::toxicityVietnamese() }) {
            for (const auto& entry : list) {
                toxicPhrases.push_back(foldPhrase(entry.phrase));
                toxicEntries.push_back(
                    ToxicEntry { QString::fromUtf8(entry.category), QString::fromUtf8(entry.phrase), entry.weight });
            }
        }
        for (const auto list : { lexicons::sentimentEnglish(), lexicons::sentimentVietnamese() }) {
            for (const auto& entry : list) {
                polarPhrases.push_back(foldPhrase(entry.phrase));
                polarity.push_back(entry.polarity);
            }
        }
        for (const char* negator : lexicons::negators())
            negatorPhrases.push_back(foldPhrase(negator));
        for (const char* phrase : lexicons::smallTalk())
            smallTalkPhrases.push_back(foldPhrase(phrase));
        for (const auto& topic : lexicons::topics()) {
            topicNames.append(QString::fromUtf8(topic.name));
            std::vector<std::string> phrases;
            for (const char* phrase : topic.phrases)
                phrases.push_back(foldPhrase(phrase));
            topicPhrases.push_back(std::move(phrases));
        }

        const RE2::Options options = re2Options();
        adviceSet = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
        for (const auto& pattern : lexicons::advicePatterns()) {
            AdviceEntry entry;
            entry.category = QString::fromUtf8(pattern.category);
            entry.issue = QString::fromUtf8(pattern.issue);
            entry.confidence = pattern.confidence;
            for (const char* word : pattern.notAfter)
                entry.notAfter.emplace_back(word);
            entry.regex = std::make_unique<RE2>(pattern.regex, options);
            std::string error;
            // Both indexes must line up; a shipped pattern that does not compile is a build defect
            // the medical-legal tests catch, so it is reported and left out rather than crashing.
            if (!entry.regex->ok() || adviceSet->Add(pattern.regex, &error) != static_cast<int>(advice.size())) {
                qCritical("guardrail advice pattern does not compile: %s", pattern.regex);
                continue;
            }
            advice.push_back(std::move(entry));
        }
        if (!adviceSet->Compile())
            qCritical("guardrail advice patterns do not compile as a set");

        addTo(matcher);
        matcher.build();
    }

    void addTo(TaggedMatcher& target) const
    {
        const auto add = [&target](const std::vector<std::string>& phrases, Source source) {
            for (std::size_t i = 0; i < phrases.size(); ++i)
                target.add(phrases[i], Tag { source, 0, static_cast<int>(i) });
        };
        add(toxicPhrases, Source::Toxic);
        add(polarPhrases, Source::Polar);
        add(negatorPhrases, Source::Negator);
        add(smallTalkPhrases, Source::SmallTalk);
    }
};

const Lexicons& shipped()
{
    static const Lexicons lexicons;
    return lexicons;
}

// ---------------------------------------------------------------------------------------------
// Scores shared by evaluate() and the static helpers.

struct ToxicityResult
{
    double score = 0;
    std::vector<PhraseMatcher::Hit> hits;
};

ToxicityResult toxicityOf(const std::vector<PhraseMatcher::Hit>& toxicHits, LazyWords& words)
{
    const Lexicons& lx = shipped();
    ToxicityResult result;
    result.hits = nonOverlapping(toxicHits);
    if (result.hits.empty())
        return result;
    double clean = 1.0;
    for (const auto& hit : result.hits)
        clean *= 1.0 - lx.toxicEntries[static_cast<std::size_t>(hit.id)].weight;
    const double raw = 1.0 - clean;
    // One insult in a long technical message weighs less than the same insult on its own; the
    // floor keeps a threat in a long message well above a typical threshold.
    const double density
        = std::min(1.0, 10.0 * double(result.hits.size()) / double(std::max<std::size_t>(1, words.get().count())));
    result.score = std::clamp(raw * (0.6 + 0.4 * density), 0.0, 1.0);
    return result;
}

struct PolarHit
{
    PhraseMatcher::Hit hit;
    double polarity = 0;
};

struct SentimentResult
{
    double score = 0;
    std::vector<PolarHit> hits;
};

SentimentResult sentimentOf(const std::vector<PhraseMatcher::Hit>& phrases,
                            const std::vector<PhraseMatcher::Hit>& negators,
                            LazyWords& words,
                            const ToxicityResult& toxicity)
{
    const Lexicons& lx = shipped();
    SentimentResult result;
    double sum = 0;
    for (const auto& hit : nonOverlapping(phrases)) {
        double polarity = lx.polarity[static_cast<std::size_t>(hit.id)];
        // "not good", "không tốt": a negator among the three words before flips and softens it.
        const bool negated = std::any_of(negators.begin(), negators.end(), [&](const auto& n) {
            return n.end <= hit.begin && words.get().between(n.end, hit.begin) <= 2;
        });
        if (negated)
            polarity *= -0.75;
        sum += polarity;
        result.hits.push_back(PolarHit { hit, polarity });
    }
    for (const auto& hit : toxicity.hits) {
        const double polarity = -lx.toxicEntries[static_cast<std::size_t>(hit.id)].weight;
        sum += polarity;
        result.hits.push_back(PolarHit { hit, polarity });
    }
    // Squashes the sum into -1..1 the way VADER does: one phrase counts, more phrases count more.
    result.score = sum / std::sqrt(sum * sum + 1.0);
    return result;
}

struct AdviceHit
{
    std::size_t pattern = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

bool precededBy(std::string_view text, std::size_t pos, const std::vector<std::string>& words)
{
    if (words.empty())
        return false;
    std::size_t end = pos;
    while (end > 0 && text[end - 1] == ' ')
        --end;
    std::size_t start = end;
    while (start > 0 && isWordChar(decodeBefore(text, start))) {
        --start;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start;
    }
    const std::string_view previous = text.substr(start, end - start);
    return std::find(words.begin(), words.end(), previous) != words.end();
}

// One pass with the set tells which advice patterns occur; only those run again for a span.
std::vector<AdviceHit> adviceIn(std::string_view text)
{
    const Lexicons& lx = shipped();
    std::vector<AdviceHit> hits;
    std::vector<int> matched;
    if (lx.advice.empty() || !lx.adviceSet->Match(re2::StringPiece(text.data(), text.size()), &matched))
        return hits;
    std::sort(matched.begin(), matched.end());
    const re2::StringPiece input(text.data(), text.size());
    for (const int index : matched) {
        const AdviceEntry& entry = lx.advice[static_cast<std::size_t>(index)];
        std::size_t pos = 0;
        re2::StringPiece match;
        while (pos <= text.size() && entry.regex->Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
            const auto begin = static_cast<std::size_t>(match.data() - text.data());
            if (!precededBy(text, begin, entry.notAfter)) {
                hits.push_back(AdviceHit { static_cast<std::size_t>(index), begin, begin + match.size() });
                break;
            }
            pos = begin + codePointLength(static_cast<unsigned char>(text[begin]));
        }
    }
    return hits;
}

// ---------------------------------------------------------------------------------------------
// Compiled guardrails.

enum class Type { ContentFilter, TopicRestriction, Sentiment, Toxicity, MedicalLegal };
enum class Action { Warn, Rephrase, Escalate, Block }; // weakest to strongest

const QStringList& typeNames()
{
    static const QStringList names {
        u"content-filter"_s, u"topic-restriction"_s, u"sentiment"_s, u"toxicity"_s, u"medical-legal"_s
    };
    return names;
}

const QStringList& actionNames()
{
    static const QStringList names { u"warn"_s, u"rephrase"_s, u"escalate"_s, u"block"_s };
    return names;
}

const QStringList& actionTakenNames()
{
    static const QStringList names { u"warned"_s, u"rephrased"_s, u"escalated"_s, u"blocked"_s };
    return names;
}

const QStringList& scopeNames()
{
    static const QStringList names { u"user-input"_s, u"agent-output"_s, u"both"_s };
    return names;
}

const QStringList& severityNames()
{
    static const QStringList names { u"low"_s, u"medium"_s, u"high"_s };
    return names;
}

constexpr double kDefaultMaxToxicity = 0.7;
// Both sentiment bounds are optional in seed 000; with neither, clearly hostile text is the target.
constexpr double kDefaultMinSentiment = -0.5;

struct Rule
{
    Guardrail def;
    Type type = Type::ContentFilter;
    Action action = Action::Block;
    int severity = 1;
    bool userInput = false;
    bool agentOutput = false;
    QSet<QString> agents;
    std::uint32_t index = 0; // in Compiled::rules, the tag of its phrases in the combined matcher
    // Folded keywords (content-filter) or topic terms (topic-restriction), with the index of the
    // keyword or topic in phraseNames; they go into the combined matcher.
    std::vector<std::pair<std::string, int>> phrases;
    QStringList phraseNames;
    double maxToxicity = kDefaultMaxToxicity;
    std::optional<double> minSentiment;
    std::optional<double> maxSentiment;
    bool medical = true;
    bool legal = true;
    QString rephraseTemplate;

    bool inScope(Direction direction, const QString& agentId) const
    {
        if (!(direction == Direction::UserInput ? userInput : agentOutput))
            return false;
        return agents.isEmpty() || agents.contains(agentId);
    }
};

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out.append(item.toString());
    return out;
}

Rule compile(const Guardrail& guardrail)
{
    Rule rule;
    rule.def = guardrail;
    rule.type = static_cast<Type>(typeNames().indexOf(guardrail.type));
    rule.action = static_cast<Action>(actionNames().indexOf(guardrail.action));
    rule.severity = static_cast<int>(severityNames().indexOf(guardrail.severity));
    for (const QString& scope : guardrail.appliesTo) {
        rule.userInput |= scope == u"user-input"_s || scope == u"both"_s;
        rule.agentOutput |= scope == u"agent-output"_s || scope == u"both"_s;
    }
    for (const QString& agent : guardrail.agentIds)
        rule.agents.insert(agent);
    const QJsonObject& config = guardrail.config;
    rule.rephraseTemplate = config.value(u"rephraseTemplate"_s).toString();

    switch (rule.type) {
    case Type::ContentFilter: {
        const QStringList keywords = stringList(config.value(u"blockedKeywords"_s));
        for (qsizetype i = 0; i < keywords.size(); ++i)
            rule.phrases.emplace_back(foldPhrase(keywords.at(i)), static_cast<int>(i));
        rule.phraseNames = keywords;
        break;
    }
    case Type::TopicRestriction: {
        const Lexicons& lx = shipped();
        const QStringList topics = stringList(config.value(u"allowedTopics"_s));
        for (qsizetype i = 0; i < topics.size(); ++i) {
            const auto id = static_cast<int>(i);
            const qsizetype lexicon = lx.topicNames.indexOf(topics.at(i).trimmed(), Qt::CaseInsensitive);
            if (lexicon < 0) {
                rule.phrases.emplace_back(foldPhrase(topics.at(i)), id);
                continue;
            }
            for (const std::string& phrase : lx.topicPhrases[static_cast<std::size_t>(lexicon)])
                rule.phrases.emplace_back(phrase, id);
        }
        rule.phraseNames = topics;
        break;
    }
    case Type::Toxicity: rule.maxToxicity = config.value(u"maxToxicity"_s).toDouble(kDefaultMaxToxicity); break;
    case Type::Sentiment:
        if (config.contains(u"minSentiment"_s))
            rule.minSentiment = config.value(u"minSentiment"_s).toDouble();
        if (config.contains(u"maxSentiment"_s))
            rule.maxSentiment = config.value(u"maxSentiment"_s).toDouble();
        if (!rule.minSentiment && !rule.maxSentiment)
            rule.minSentiment = kDefaultMinSentiment;
        break;
    case Type::MedicalLegal:
        if (config.contains(u"categories"_s)) {
            const QStringList categories = stringList(config.value(u"categories"_s));
            rule.medical = categories.contains(u"medical"_s);
            rule.legal = categories.contains(u"legal"_s);
        }
        break;
    }
    return rule;
}

// ---------------------------------------------------------------------------------------------
// Evaluation of one text.

struct Span
{
    qsizetype start = 0; // UTF-16 offsets in the original text
    qsizetype end = 0;
    QString replacement;
};

enum class Rewrite { Spans, Whole, Append };

struct Finding
{
    QString issue;
    double confidence = 0;
    Rewrite rewrite = Rewrite::Spans;
    std::vector<Span> spans;
    QString replacement; // Whole: the new text; Append: the text appended
};

// Lazily computed views of one text, shared by all guardrails evaluated on it.
class Scan
{
public:
    // One pass of the guardrails' own phrases (keywords and topics of every rule together); the
    // shipped lexicons get their one pass only when a rule needs them.
    // `lexiconsIncluded`: the matcher holds the shipped lexicons as well, so this one pass is
    // also the lexicons' pass.
    Scan(QStringView original, const TaggedMatcher& rules, std::size_t ruleCount, bool lexiconsIncluded = false)
        : m_original(original)
        , m_folded(foldText(original, true))
        , m_lexiconsScanned(lexiconsIncluded)
        , m_words(m_folded.text)
        , m_ruleHits(ruleCount)
    {
        distribute(rules);
    }
    // m_words points into m_folded.
    Q_DISABLE_COPY_MOVE(Scan)

    QStringView original() const { return m_original; }
    std::string_view text() const { return m_folded.text; }
    QStringView originalOf(std::size_t begin, std::size_t end) const
    {
        const qsizetype from = origin()[begin];
        return m_original.mid(from, origin()[end] - from);
    }
    Span span(std::size_t begin, std::size_t end, const QString& replacement) const
    {
        return Span { origin()[begin], origin()[end], replacement };
    }
    const Words& words() { return m_words.get(); }
    const std::vector<PhraseMatcher::Hit>& ruleHits(std::uint32_t rule) const { return m_ruleHits[rule]; }
    const std::vector<PhraseMatcher::Hit>& smallTalk()
    {
        scanLexicons();
        return m_smallTalkHits;
    }
    const ToxicityResult& toxicity()
    {
        if (!m_toxicity) {
            scanLexicons();
            m_toxicity = toxicityOf(m_toxicHits, m_words);
        }
        return *m_toxicity;
    }
    const SentimentResult& sentiment()
    {
        if (!m_sentiment) {
            const ToxicityResult& toxic = toxicity();
            m_sentiment = sentimentOf(m_polarHits, m_negatorHits, m_words, toxic);
        }
        return *m_sentiment;
    }
    const std::vector<AdviceHit>& advice()
    {
        if (!m_advice)
            m_advice = adviceIn(text());
        return *m_advice;
    }

private:
    // Folding again, with the map this time, gives the same text: only findings need the map.
    const std::vector<qsizetype>& origin() const
    {
        if (!m_origin)
            m_origin = foldTextWithOrigin(m_original, true).origin;
        return *m_origin;
    }

    void distribute(const TaggedMatcher& matcher)
    {
        for (const auto& hit : matcher.scan(m_folded.text)) {
            const Tag& tag = matcher.tag(hit.id);
            const PhraseMatcher::Hit local { tag.id, hit.begin, hit.end };
            switch (tag.source) {
            case Source::Toxic: m_toxicHits.push_back(local); break;
            case Source::Polar: m_polarHits.push_back(local); break;
            case Source::Negator: m_negatorHits.push_back(local); break;
            case Source::SmallTalk: m_smallTalkHits.push_back(local); break;
            case Source::Rule: m_ruleHits[tag.rule].push_back(local); break;
            }
        }
    }
    void scanLexicons()
    {
        if (m_lexiconsScanned)
            return;
        m_lexiconsScanned = true;
        distribute(shipped().matcher);
    }

    QStringView m_original;
    Folded m_folded;
    mutable std::optional<std::vector<qsizetype>> m_origin;
    bool m_lexiconsScanned = false;
    LazyWords m_words;
    std::vector<std::vector<PhraseMatcher::Hit>> m_ruleHits;
    std::vector<PhraseMatcher::Hit> m_toxicHits;
    std::vector<PhraseMatcher::Hit> m_polarHits;
    std::vector<PhraseMatcher::Hit> m_negatorHits;
    std::vector<PhraseMatcher::Hit> m_smallTalkHits;
    std::optional<ToxicityResult> m_toxicity;
    std::optional<SentimentResult> m_sentiment;
    std::optional<std::vector<AdviceHit>> m_advice;
};

QString quoted(QStringView text)
{
    constexpr qsizetype kMax = 60;
    const QString simplified = text.toString().simplified();
    return u"\""_s + (simplified.size() > kMax ? simplified.left(kMax - 1) + u"…"_s : simplified) + u"\""_s;
}

QString number(double value)
{
    return QString::number(value, 'f', 2);
}

std::optional<Finding> contentFilter(const Rule& rule, Scan& scan)
{
    const auto& hits = scan.ruleHits(rule.index);
    if (hits.empty())
        return std::nullopt;
    Finding finding;
    finding.confidence = 1.0;
    const QString replacement
        = rule.rephraseTemplate.isEmpty() ? GuardrailEngine::defaultRephraseTemplate() : rule.rephraseTemplate;
    QStringList named;
    QSet<int> seen;
    for (const auto& hit : hits) {
        finding.spans.push_back(scan.span(hit.begin, hit.end, replacement));
        if (seen.contains(hit.id))
            continue;
        seen.insert(hit.id);
        named.append(u"\"%1\" (%2)"_s.arg(rule.phraseNames.at(hit.id), quoted(scan.originalOf(hit.begin, hit.end))));
    }
    finding.issue = (named.size() == 1 ? u"blocked keyword "_s : u"blocked keywords "_s) + named.join(u", "_s);
    return finding;
}

std::optional<Finding> topicRestriction(const Rule& rule, Scan& scan)
{
    if (!scan.ruleHits(rule.index).empty())
        return std::nullopt;
    // Greetings and thanks carry no topic; a message of nothing else is not off-topic.
    const Words& words = scan.words();
    std::vector<bool> smallTalk(scan.text().size(), false);
    for (const auto& hit : scan.smallTalk())
        std::fill(smallTalk.begin() + static_cast<std::ptrdiff_t>(hit.begin),
                  smallTalk.begin() + static_cast<std::ptrdiff_t>(hit.end),
                  true);
    std::size_t contentWords = 0;
    for (const std::size_t start : words.starts)
        contentWords += smallTalk[start] ? 0 : 1;
    if (contentWords == 0)
        return std::nullopt;
    // validationPrompt/validationModel are kept with the guardrail for an LLM second opinion, which
    // needs a model provider; the safety library has none to call, so the lexicon decision stands.
    Finding finding;
    // More words without a single topic term make "off-topic" more certain.
    finding.confidence = 0.5 + 0.5 * (1.0 - std::exp(-double(contentWords) / 6.0));
    const QString topics = rule.phraseNames.join(u", "_s);
    finding.issue = u"off-topic: no term of the allowed topics (%1)"_s.arg(topics);
    finding.rewrite = Rewrite::Whole;
    finding.replacement = rule.rephraseTemplate.isEmpty()
        ? u"[removed: off-topic. This conversation is limited to: %1.]"_s.arg(topics)
        : rule.rephraseTemplate;
    return finding;
}

QString describeHits(const std::vector<std::pair<QString, QStringView>>& hits)
{
    QStringList parts;
    for (const auto& [label, text] : hits) {
        const QString part = label + u' ' + quoted(text);
        if (!parts.contains(part))
            parts.append(part);
    }
    return parts.join(u", "_s);
}

std::optional<Finding> toxicity(const Rule& rule, Scan& scan)
{
    const ToxicityResult& result = scan.toxicity();
    if (result.score <= rule.maxToxicity)
        return std::nullopt;
    Finding finding;
    finding.confidence = result.score;
    const QString replacement
        = rule.rephraseTemplate.isEmpty() ? GuardrailEngine::defaultRephraseTemplate() : rule.rephraseTemplate;
    std::vector<std::pair<QString, QStringView>> described;
    for (const auto& hit : result.hits) {
        finding.spans.push_back(scan.span(hit.begin, hit.end, replacement));
        described.emplace_back(shipped().toxicEntries[static_cast<std::size_t>(hit.id)].category,
                               scan.originalOf(hit.begin, hit.end));
    }
    finding.issue
        = u"toxicity %1 exceeds %2: %3"_s.arg(number(result.score), number(rule.maxToxicity), describeHits(described));
    return finding;
}

std::optional<Finding> sentiment(const Rule& rule, Scan& scan)
{
    const SentimentResult& result = scan.sentiment();
    const bool tooLow = rule.minSentiment && result.score < *rule.minSentiment;
    const bool tooHigh = rule.maxSentiment && result.score > *rule.maxSentiment;
    if (!tooLow && !tooHigh)
        return std::nullopt;
    Finding finding;
    const double bound = tooLow ? *rule.minSentiment : *rule.maxSentiment;
    finding.confidence = std::clamp(0.5 + std::abs(result.score - bound), 0.0, 1.0);
    const QString replacement
        = rule.rephraseTemplate.isEmpty() ? GuardrailEngine::defaultRephraseTemplate() : rule.rephraseTemplate;
    for (const auto& polar : result.hits) {
        if (tooLow ? polar.polarity < 0 : polar.polarity > 0)
            finding.spans.push_back(scan.span(polar.hit.begin, polar.hit.end, replacement));
    }
    finding.issue = tooLow ? u"sentiment %1 below minimum %2"_s.arg(number(result.score), number(bound))
                           : u"sentiment %1 above maximum %2"_s.arg(number(result.score), number(bound));
    return finding;
}

std::optional<Finding> medicalLegal(const Rule& rule, Scan& scan)
{
    const Lexicons& lx = shipped();
    std::vector<std::pair<QString, QStringView>> described;
    double clean = 1.0;
    for (const AdviceHit& hit : scan.advice()) {
        const AdviceEntry& entry = lx.advice[hit.pattern];
        const bool medical = entry.category == u"medical"_s;
        if (medical ? !rule.medical : !rule.legal)
            continue;
        clean *= 1.0 - entry.confidence;
        described.emplace_back(u"%1 advice (%2):"_s.arg(entry.category, entry.issue),
                               scan.originalOf(hit.begin, hit.end));
    }
    if (described.empty())
        return std::nullopt;
    Finding finding;
    finding.confidence = 1.0 - clean;
    finding.issue = describeHits(described);
    // The advice itself is the content; cutting words out of it could change a dose into a
    // different one, so rephrasing adds a disclaimer instead.
    finding.rewrite = Rewrite::Append;
    finding.replacement
        = rule.rephraseTemplate.isEmpty() ? GuardrailEngine::defaultDisclaimer() : rule.rephraseTemplate;
    return finding;
}

std::optional<Finding> evaluateRule(const Rule& rule, Scan& scan)
{
    switch (rule.type) {
    case Type::ContentFilter: return contentFilter(rule, scan);
    case Type::TopicRestriction: return topicRestriction(rule, scan);
    case Type::Toxicity: return toxicity(rule, scan);
    case Type::Sentiment: return sentiment(rule, scan);
    case Type::MedicalLegal: return medicalLegal(rule, scan);
    }
    return std::nullopt;
}

QString rewritten(QStringView original, const std::vector<std::pair<const Rule*, Finding>>& rephrased)
{
    for (const auto& [rule, finding] : rephrased) {
        if (finding.rewrite == Rewrite::Whole)
            return finding.replacement;
    }
    std::vector<Span> spans;
    for (const auto& [rule, finding] : rephrased)
        spans.insert(spans.end(), finding.spans.begin(), finding.spans.end());
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    QString text;
    qsizetype copied = 0;
    for (const Span& span : spans) {
        if (span.end <= copied)
            continue;
        if (span.start < copied) {
            // Overlaps the previous replacement: extend what it covers.
            copied = span.end;
            continue;
        }
        text += original.mid(copied, span.start - copied);
        text += span.replacement;
        copied = span.end;
    }
    text += original.mid(copied);
    QStringList appended;
    for (const auto& [rule, finding] : rephrased) {
        if (finding.rewrite == Rewrite::Append && !appended.contains(finding.replacement)) {
            appended.append(finding.replacement);
            text += u"\n\n"_s + finding.replacement;
        }
    }
    return text;
}

Result<void> checkString(const QJsonObject& config, const QString& key, qsizetype maxLength)
{
    if (!config.contains(key))
        return {};
    const QJsonValue value = config.value(key);
    const QString field = u"config."_s + key;
    if (!value.isString())
        return makeError(ErrorCode::InvalidFieldType, u"%1 must be a string"_s.arg(field), field);
    if (value.toString().size() > maxLength)
        return makeError(ErrorCode::OutOfRange, u"%1 is longer than %2 characters"_s.arg(field).arg(maxLength), field);
    return {};
}

Result<void> checkNumber(const QJsonObject& config, const QString& key, double low, double high)
{
    if (!config.contains(key))
        return {};
    const QJsonValue value = config.value(key);
    const QString field = u"config."_s + key;
    if (!value.isDouble())
        return makeError(ErrorCode::InvalidFieldType, u"%1 must be a number"_s.arg(field), field);
    const double number = value.toDouble();
    if (!(number >= low && number <= high))
        return makeError(ErrorCode::OutOfRange, u"%1 must be between %2 and %3"_s.arg(field).arg(low).arg(high), field);
    return {};
}

// An array of non-empty strings, each at most maxLength; `required` also refuses an empty array.
Result<void> checkStringArray(const QJsonObject& config, const QString& key, bool required, qsizetype maxLength)
{
    const QString field = u"config."_s + key;
    if (!config.contains(key)) {
        if (required)
            return makeError(ErrorCode::MissingField, u"%1 is required for this type"_s.arg(field), field);
        return {};
    }
    const QJsonValue value = config.value(key);
    if (!value.isArray())
        return makeError(ErrorCode::InvalidFieldType, u"%1 must be an array of strings"_s.arg(field), field);
    const QJsonArray array = value.toArray();
    if (required && array.isEmpty())
        return makeError(ErrorCode::MissingField, u"%1 must not be empty"_s.arg(field), field);
    constexpr qsizetype kMaxItems = 10000;
    if (array.size() > kMaxItems)
        return makeError(ErrorCode::OutOfRange, u"%1 has more than %2 entries"_s.arg(field).arg(kMaxItems), field);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemField = u"%1[%2]"_s.arg(field).arg(i);
        const QJsonValue item = array.at(i);
        if (!item.isString())
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be a string"_s.arg(itemField), itemField);
        // Folding is what matching sees: a value of only spaces or combining marks matches nothing.
        if (foldPhrase(item.toString()).empty())
            return makeError(ErrorCode::InvalidValue, u"%1 must not be empty"_s.arg(itemField), itemField);
        if (item.toString().size() > maxLength) {
            return makeError(
                ErrorCode::OutOfRange, u"%1 is longer than %2 characters"_s.arg(itemField).arg(maxLength), itemField);
        }
    }
    return {};
}

Result<void> checkEnum(const QString& value, const QStringList& allowed, const QString& field)
{
    if (value.isEmpty())
        return makeError(ErrorCode::MissingField, u"%1 is required"_s.arg(field), field);
    if (!allowed.contains(value)) {
        return makeError(ErrorCode::InvalidValue, u"%1 must be one of: %2"_s.arg(field, allowed.join(u", "_s)), field);
    }
    return {};
}

Result<void> checkLength(const QString& value, qsizetype maxLength, const QString& field)
{
    if (value.size() > maxLength)
        return makeError(ErrorCode::OutOfRange, u"%1 is longer than %2 characters"_s.arg(field).arg(maxLength), field);
    return {};
}

Result<void> checkConfig(const QString& type, const QJsonObject& config)
{
    static const QStringList known { u"blockedKeywords"_s, u"allowedTopics"_s,    u"minSentiment"_s,
                                     u"maxSentiment"_s,    u"maxToxicity"_s,      u"validationPrompt"_s,
                                     u"validationModel"_s, u"rephraseTemplate"_s, u"categories"_s };
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (!known.contains(it.key())) {
            const QString field = u"config."_s + it.key();
            return makeError(ErrorCode::InvalidValue, u"%1 is not a guardrail setting"_s.arg(field), field);
        }
    }
    const auto typeIs = [&type](const char16_t* name) {
        return type == QStringView(name);
    };
    if (auto r = checkStringArray(config, u"blockedKeywords"_s, typeIs(u"content-filter"), 200); !r)
        return r;
    if (auto r = checkStringArray(config, u"allowedTopics"_s, typeIs(u"topic-restriction"), 200); !r)
        return r;
    if (auto r = checkNumber(config, u"maxToxicity"_s, 0.0, 1.0); !r)
        return r;
    if (auto r = checkNumber(config, u"minSentiment"_s, -1.0, 1.0); !r)
        return r;
    if (auto r = checkNumber(config, u"maxSentiment"_s, -1.0, 1.0); !r)
        return r;
    if (config.contains(u"minSentiment"_s) && config.contains(u"maxSentiment"_s)
        && config.value(u"minSentiment"_s).toDouble() > config.value(u"maxSentiment"_s).toDouble()) {
        return makeError(ErrorCode::OutOfRange,
                         u"config.minSentiment is greater than config.maxSentiment"_s,
                         u"config.minSentiment"_s);
    }
    if (auto r = checkString(config, u"validationPrompt"_s, 4000); !r)
        return r;
    if (auto r = checkString(config, u"validationModel"_s, 255); !r)
        return r;
    if (auto r = checkString(config, u"rephraseTemplate"_s, 500); !r)
        return r;
    if (auto r = checkStringArray(config, u"categories"_s, false, 20); !r)
        return r;
    const QJsonArray categories = config.value(u"categories"_s).toArray();
    if (config.contains(u"categories"_s) && categories.isEmpty()) {
        return makeError(ErrorCode::MissingField, u"config.categories must not be empty"_s, u"config.categories"_s);
    }
    for (qsizetype i = 0; i < categories.size(); ++i) {
        if (auto r
            = checkEnum(categories.at(i).toString(), { u"medical"_s, u"legal"_s }, u"config.categories[%1]"_s.arg(i));
            !r)
            return r;
    }
    return {};
}

} // namespace

struct GuardrailEngine::Compiled
{
    QList<Guardrail> guardrails;
    std::vector<Rule> rules; // active ones only
    TaggedMatcher matcher; // the rules' keywords and topic terms
    // The shipped lexicons and the same rule phrases, for messages that a toxicity or sentiment
    // rule applies to: one pass over the text then serves both. Within each source the phrases
    // keep their order, so the hits each source gets are the same, in the same order.
    TaggedMatcher withLexicons;
    bool hasLexiconRules = false;

    void buildMatcher()
    {
        hasLexiconRules = std::any_of(rules.begin(), rules.end(), [](const Rule& rule) {
            return rule.type == Type::Toxicity || rule.type == Type::Sentiment;
        });
        if (hasLexiconRules)
            shipped().addTo(withLexicons);
        for (Rule& rule : rules) {
            for (auto& [phrase, id] : rule.phrases) {
                if (hasLexiconRules)
                    withLexicons.add(phrase, Tag { Source::Rule, rule.index, id });
                matcher.add(std::move(phrase), Tag { Source::Rule, rule.index, id });
            }
            rule.phrases.clear();
        }
        matcher.build();
        if (hasLexiconRules)
            withLexicons.build();
    }
};

GuardrailEngine::GuardrailEngine()
    : m_compiled(std::make_shared<const Compiled>())
{
    // Built here rather than on the first message, which would otherwise pay tens of milliseconds.
    foldTable();
    shipped();
}

GuardrailEngine::~GuardrailEngine() = default;

Result<void> GuardrailEngine::setGuardrails(const QList<Guardrail>& guardrails)
{
    auto compiled = std::make_shared<Compiled>();
    compiled->guardrails = guardrails;
    for (const Guardrail& guardrail : guardrails) {
        if (auto valid = validateGuardrail(guardrail); !valid) {
            Error error = valid.error();
            error.message = u"guardrail %1: %2"_s.arg(
                guardrail.guardrailId.isEmpty() ? guardrail.name : guardrail.guardrailId, error.message);
            return std::unexpected(error);
        }
        if (guardrail.isActive && !guardrail.isDeleted) {
            compiled->rules.push_back(compile(guardrail));
            compiled->rules.back().index = static_cast<std::uint32_t>(compiled->rules.size() - 1);
        }
    }
    compiled->buildMatcher();
    // Scans in flight keep the snapshot they started with.
    std::atomic_store(&m_compiled, std::shared_ptr<const Compiled>(std::move(compiled)));
    return {};
}

QList<Guardrail> GuardrailEngine::guardrails() const
{
    return std::atomic_load(&m_compiled)->guardrails;
}

GuardrailOutcome GuardrailEngine::evaluate(QStringView text, Direction direction, const QString& agentId) const
{
    return evaluateText(text, text.toString(), direction, agentId);
}

GuardrailOutcome GuardrailEngine::evaluate(const QString& text, Direction direction, const QString& agentId) const
{
    return evaluateText(text, text, direction, agentId);
}

// `copy` is the text as a QString, shared by the outcome.
GuardrailOutcome
GuardrailEngine::evaluateText(QStringView text, const QString& copy, Direction direction, const QString& agentId) const
{
    const std::shared_ptr<const Compiled> compiled = std::atomic_load(&m_compiled);
    GuardrailOutcome outcome;
    outcome.text = copy;

    std::vector<const Rule*> inScope;
    bool needsLexicons = false;
    for (const Rule& rule : compiled->rules) {
        if (rule.inScope(direction, agentId)) {
            inScope.push_back(&rule);
            needsLexicons = needsLexicons || rule.type == Type::Toxicity || rule.type == Type::Sentiment;
        }
    }
    if (inScope.empty() || text.trimmed().isEmpty())
        return outcome;

    const bool combined = needsLexicons && compiled->hasLexiconRules;
    Scan scan(text, combined ? compiled->withLexicons : compiled->matcher, compiled->rules.size(), combined);
    std::vector<std::pair<const Rule*, Finding>> findings;
    for (const Rule* rule : inScope) {
        if (auto finding = evaluateRule(*rule, scan))
            findings.emplace_back(rule, std::move(*finding));
    }
    if (findings.empty())
        return outcome;

    // Block is the strongest action and decides the message's fate alone: nothing is rewritten or
    // queued for review. Otherwise escalate, rephrase and warn all apply. Every violation is reported.
    const Rule* blocker = nullptr;
    for (const auto& [rule, finding] : findings) {
        if (rule->action == Action::Block && (!blocker || rule->severity > blocker->severity))
            blocker = rule;
    }

    if (blocker) {
        outcome.blocked = true;
        outcome.blockMessage
            = blocker->def.blockMessage.isEmpty() ? defaultBlockMessage(blocker->def.name) : blocker->def.blockMessage;
    } else {
        std::vector<std::pair<const Rule*, Finding>> rephrased;
        for (const auto& [rule, finding] : findings) {
            if (rule->action == Action::Rephrase)
                rephrased.emplace_back(rule, finding);
            if (rule->action == Action::Escalate)
                outcome.escalated = true;
            if (rule->action == Action::Warn) {
                outcome.warnings.append(rule->def.blockMessage.isEmpty()
                                            ? u"%1: %2"_s.arg(rule->def.name, finding.issue)
                                            : rule->def.blockMessage);
            }
        }
        if (!rephrased.empty())
            outcome.text = rewritten(text, rephrased);
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString& original = copy;
    for (const auto& [rule, finding] : findings) {
        GuardrailViolation violation;
        violation.violationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        violation.guardrailId = rule->def.guardrailId;
        violation.violationType = rule->def.type;
        violation.originalText = original;
        constexpr qsizetype kMaxIssue = 500;
        violation.detectedIssue
            = finding.issue.size() > kMaxIssue ? finding.issue.left(kMaxIssue - 1) + u"…"_s : finding.issue;
        violation.confidence = std::clamp(finding.confidence, 0.0, 1.0);
        violation.actionTaken = actionTakenNames().at(static_cast<qsizetype>(rule->action));
        // A block supersedes a rephrase: nothing was rewritten, so there is no modified text.
        if (rule->action == Action::Rephrase && !outcome.blocked)
            violation.modifiedText = outcome.text;
        violation.detectedAt = now;
        violation.owner.orgId = rule->def.owner.orgId;
        outcome.violations.append(violation);
    }
    return outcome;
}

Result<void> GuardrailEngine::validateGuardrail(const Guardrail& guardrail)
{
    if (guardrail.name.trimmed().isEmpty())
        return makeError(ErrorCode::MissingField, u"name is required"_s, u"name"_s);
    if (auto r = checkLength(guardrail.name, 255, u"name"_s); !r)
        return r;
    if (guardrail.description.trimmed().isEmpty())
        return makeError(ErrorCode::MissingField, u"description is required"_s, u"description"_s);
    if (auto r = checkLength(guardrail.description, 1000, u"description"_s); !r)
        return r;
    if (auto r = checkEnum(guardrail.type, typeNames(), u"type"_s); !r)
        return r;
    if (auto r = checkEnum(guardrail.action, actionNames(), u"action"_s); !r)
        return r;
    if (auto r = checkLength(guardrail.blockMessage, 500, u"blockMessage"_s); !r)
        return r;
    if (guardrail.appliesTo.isEmpty())
        return makeError(ErrorCode::MissingField, u"appliesTo is required"_s, u"appliesTo"_s);
    for (qsizetype i = 0; i < guardrail.appliesTo.size(); ++i) {
        if (auto r = checkEnum(guardrail.appliesTo.at(i), scopeNames(), u"appliesTo[%1]"_s.arg(i)); !r)
            return r;
    }
    for (qsizetype i = 0; i < guardrail.agentIds.size(); ++i) {
        if (guardrail.agentIds.at(i).trimmed().isEmpty()) {
            const QString field = u"agentIds[%1]"_s.arg(i);
            return makeError(ErrorCode::InvalidValue, u"%1 must not be empty"_s.arg(field), field);
        }
    }
    if (auto r = checkEnum(guardrail.severity, severityNames(), u"severity"_s); !r)
        return r;
    return checkConfig(guardrail.type, guardrail.config);
}

double GuardrailEngine::toxicity(QStringView text)
{
    static const TaggedMatcher noRules;
    return Scan(text, noRules, 0).toxicity().score;
}

double GuardrailEngine::sentiment(QStringView text)
{
    static const TaggedMatcher noRules;
    return Scan(text, noRules, 0).sentiment().score;
}

QString GuardrailEngine::fold(QStringView text)
{
    return QString::fromStdString(foldText(text, false).text);
}

QStringList GuardrailEngine::topicNames()
{
    return shipped().topicNames;
}

QString GuardrailEngine::defaultBlockMessage(const QString& guardrailName)
{
    return u"This message was blocked by the guardrail \"%1\"."_s.arg(guardrailName);
}

QString GuardrailEngine::defaultRephraseTemplate()
{
    return u"[removed]"_s;
}

QString GuardrailEngine::defaultDisclaimer()
{
    return u"Note: this is general information, not medical or legal advice. Please consult a qualified professional."_s;
}

} // namespace aiops::safety
