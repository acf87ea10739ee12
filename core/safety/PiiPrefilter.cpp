#include "core/safety/PiiPrefilter.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace aiops::safety::prefilter {

namespace {

using Chars = std::bitset<128>;

// Counts are capped: a bound only has to be a lower bound, and huge repeats must not overflow.
constexpr int kCap = 1 << 20;

int capped(long long v)
{
    return int(std::min<long long>(v, kCap));
}

Chars range(char from, char to)
{
    Chars c;
    for (int i = from; i <= to; ++i)
        c.set(size_t(i));
    return c;
}

const Chars& digits()
{
    static const Chars c = range('0', '9');
    return c;
}

// What is known of every text a (sub)expression matches.
struct Shape
{
    Chars chars; // every byte of a match is one of these
    int minLength = 0;
    int minDigits = 0; // bytes that are certainly digits
    std::array<int, 128> minByte {}; // occurrences of one exact byte
    Chars first; // the first byte of every non-empty match is one of these
    Chars last; // and its last byte one of these
    // Every non-empty match that starts (ends) with a word byte has a non-word byte or the text's
    // edge just before (after) it: a \b there, or a first (last) byte that is never a word byte.
    bool boundedStart = true;
    bool boundedEnd = true;
    // Every empty match is at a \b (true when there is no empty match).
    bool emptyAtBoundary = false;
};

const Chars& wordBytes()
{
    static const Chars c = [] {
        Chars w = range('0', '9') | range('a', 'z') | range('A', 'Z');
        w.set('_');
        return w;
    }();
    return c;
}

Shape atom(const Chars& chars)
{
    Shape s;
    s.chars = chars;
    s.minLength = 1;
    s.minDigits = (chars & ~digits()).none() ? 1 : 0;
    s.first = chars;
    s.last = chars;
    s.boundedStart = s.boundedEnd = (chars & wordBytes()).none();
    s.emptyAtBoundary = true; // it has no empty match
    if (chars.count() == 1) {
        for (size_t b = 0; b < 128; ++b) {
            if (chars.test(b))
                s.minByte[b] = 1;
        }
    }
    return s;
}

void concat(Shape& into, const Shape& next)
{
    // A part whose minimum length is 0 may match the empty text (or be zero-width, \b), so the
    // bytes of its neighbour can come first or last.
    into.first = into.minLength == 0 ? into.first | next.first : into.first;
    into.last = next.minLength == 0 ? into.last | next.last : next.last;
    // A match starts in `into`, or, when that part is empty, in `next` at the same place.
    into.boundedStart = into.boundedStart && (into.minLength > 0 || into.emptyAtBoundary || next.boundedStart);
    into.boundedEnd = next.boundedEnd && (next.minLength > 0 || next.emptyAtBoundary || into.boundedEnd);
    into.emptyAtBoundary = into.emptyAtBoundary || next.emptyAtBoundary;
    into.chars |= next.chars;
    into.minLength = capped((long long)into.minLength + next.minLength);
    into.minDigits = capped((long long)into.minDigits + next.minDigits);
    for (size_t b = 0; b < 128; ++b)
        into.minByte[b] = capped((long long)into.minByte[b] + next.minByte[b]);
}

void alternate(Shape& into, const Shape& other)
{
    into.chars |= other.chars;
    into.first |= other.first;
    into.last |= other.last;
    into.boundedStart = into.boundedStart && other.boundedStart;
    into.boundedEnd = into.boundedEnd && other.boundedEnd;
    into.emptyAtBoundary = into.emptyAtBoundary && other.emptyAtBoundary;
    into.minLength = std::min(into.minLength, other.minLength);
    into.minDigits = std::min(into.minDigits, other.minDigits);
    for (size_t b = 0; b < 128; ++b)
        into.minByte[b] = std::min(into.minByte[b], other.minByte[b]);
}

// At least `times` copies, at most `max` (max 0: the empty text only).
Shape repeat(const Shape& s, int times, int max)
{
    Shape out;
    if (max == 0)
        return out;
    out.chars = s.chars;
    out.first = s.first;
    out.last = s.last;
    // The first (last) non-empty copy starts (ends) where the match does.
    out.boundedStart = s.boundedStart;
    out.boundedEnd = s.boundedEnd;
    out.emptyAtBoundary = times > 0 && s.emptyAtBoundary; // zero copies assert nothing
    out.minLength = capped((long long)s.minLength * times);
    out.minDigits = capped((long long)s.minDigits * times);
    for (size_t b = 0; b < 128; ++b)
        out.minByte[b] = capped((long long)s.minByte[b] * times);
    return out;
}

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// Recursive descent over the accepted subset; any surprise makes the whole analysis fail.
class Parser
{
public:
    Parser(QStringView regex, bool caseInsensitive)
        : m_re(regex)
        , m_fold(caseInsensitive)
    {
    }

    std::optional<Shape> run()
    {
        for (QChar c : m_re) {
            if (c.unicode() >= 0x80 || c.unicode() == 0)
                return std::nullopt;
        }
        auto s = alternation(0);
        if (!s || m_pos != m_re.size())
            return std::nullopt;
        return s;
    }

    // The top-level alternatives of the last run(), each with the part of the regex it spans.
    struct Alternative
    {
        Shape shape;
        QStringView text;
    };
    const std::vector<Alternative>& alternatives() const { return m_alternatives; }

private:
    bool atEnd() const { return m_pos >= m_re.size(); }
    char16_t peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_re.size() ? m_re[m_pos + ahead].unicode() : u'\0';
    }

    std::optional<Shape> alternation(int depth)
    {
        if (depth > 100)
            return std::nullopt;
        qsizetype start = m_pos;
        auto first = sequence(depth);
        if (!first)
            return std::nullopt;
        if (depth == 0)
            m_alternatives.push_back({ *first, m_re.sliced(start, m_pos - start) });
        while (peek() == u'|') {
            start = ++m_pos;
            auto next = sequence(depth);
            if (!next)
                return std::nullopt;
            if (depth == 0)
                m_alternatives.push_back({ *next, m_re.sliced(start, m_pos - start) });
            alternate(*first, *next);
        }
        return first;
    }

    std::optional<Shape> sequence(int depth)
    {
        Shape s; // the empty sequence matches the empty text
        while (!atEnd() && peek() != u'|' && peek() != u')') {
            auto item = repeated(depth);
            if (!item)
                return std::nullopt;
            concat(s, *item);
        }
        return s;
    }

    // Reads a decimal number of at most 4 digits (RE2 refuses repeats over 1000).
    std::optional<int> number()
    {
        int value = 0;
        int digitsRead = 0;
        while (peek() >= u'0' && peek() <= u'9' && digitsRead < 5) {
            value = value * 10 + (peek() - u'0');
            ++m_pos;
            ++digitsRead;
        }
        if (digitsRead == 0 || digitsRead > 4)
            return std::nullopt;
        return value;
    }

    std::optional<Shape> repeated(int depth)
    {
        auto s = single(depth);
        if (!s)
            return std::nullopt;
        for (;;) {
            const char16_t c = peek();
            int times = 0;
            int max = -1; // unbounded
            if (c == u'*') {
                ++m_pos;
            } else if (c == u'+') {
                ++m_pos;
                times = 1;
            } else if (c == u'?') {
                ++m_pos;
                max = 1;
            } else if (c == u'{') {
                ++m_pos;
                auto n = number();
                if (!n)
                    return std::nullopt;
                times = *n;
                max = *n;
                if (peek() == u',') {
                    ++m_pos;
                    max = -1;
                    if (peek() != u'}') {
                        auto m = number();
                        if (!m)
                            return std::nullopt;
                        max = *m;
                    }
                }
                if (peek() != u'}')
                    return std::nullopt;
                ++m_pos;
            } else {
                return s;
            }
            if (peek() == u'?') // non-greedy: the same texts
                ++m_pos;
            s = repeat(*s, times, max);
        }
    }

    Chars folded(Chars chars, bool& ok) const
    {
        if (!m_fold)
            return chars;
        for (char c : { 'k', 'K', 's', 'S' }) {
            if (chars.test(size_t(c)))
                ok = false; // RE2 folds these to U+212A KELVIN SIGN and U+017F LONG S
        }
        for (int c = 'a'; c <= 'z'; ++c) {
            if (chars.test(size_t(c)) || chars.test(size_t(c - 'a' + 'A'))) {
                chars.set(size_t(c));
                chars.set(size_t(c - 'a' + 'A'));
            }
        }
        return chars;
    }

    // An escape inside or outside a class: \d \w \s, control letters, escaped punctuation.
    std::optional<Chars> escape()
    {
        const char16_t c = peek();
        ++m_pos;
        Chars chars;
        switch (c) {
        case u'd': return digits();
        case u'w': return wordBytes();
        case u's':
            for (char w : { '\t', '\n', '\f', '\r', ' ' })
                chars.set(size_t(w));
            return chars;
        case u't': chars.set('\t'); return chars;
        case u'n': chars.set('\n'); return chars;
        case u'r': chars.set('\r'); return chars;
        case u'f': chars.set('\f'); return chars;
        case u'v': chars.set('\v'); return chars;
        default: break;
        }
        if (c > u' ' && c < 0x7F && !isAsciiAlnum(c)) {
            chars.set(size_t(c));
            return chars;
        }
        return std::nullopt;
    }

    std::optional<Chars> bracket()
    {
        // m_pos is past '['.
        if (peek() == u'^' || peek() == u']')
            return std::nullopt;
        Chars chars;
        for (;;) {
            if (atEnd())
                return std::nullopt;
            char16_t c = peek();
            if (c == u']') {
                ++m_pos;
                return chars;
            }
            if (c == u'[')
                return std::nullopt; // [:alpha:] and friends
            int low = -1;
            if (c == u'\\') {
                ++m_pos;
                auto e = escape();
                if (!e)
                    return std::nullopt;
                if (e->count() != 1) {
                    chars |= *e; // \d \w \s cannot start a range
                    continue;
                }
                for (size_t b = 0; b < 128; ++b) {
                    if (e->test(b))
                        low = int(b);
                }
            } else {
                ++m_pos;
                low = c;
            }
            if (peek() == u'-' && peek(1) != u']' && peek(1) != u'\0') {
                ++m_pos;
                int high = -1;
                if (peek() == u'\\') {
                    ++m_pos;
                    auto e = escape();
                    if (!e || e->count() != 1)
                        return std::nullopt;
                    for (size_t b = 0; b < 128; ++b) {
                        if (e->test(b))
                            high = int(b);
                    }
                } else if (peek() == u'[') {
                    return std::nullopt;
                } else {
                    high = peek();
                    ++m_pos;
                }
                if (high < low || high >= 128)
                    return std::nullopt;
                for (int b = low; b <= high; ++b)
                    chars.set(size_t(b));
            } else {
                chars.set(size_t(low));
            }
        }
    }

    std::optional<Shape> single(int depth)
    {
        const char16_t c = peek();
        ++m_pos;
        Chars chars;
        switch (c) {
        case u'(': {
            if (peek() == u'?') {
                if (peek(1) == u':') {
                    m_pos += 2;
                } else if (peek(1) == u'P' && peek(2) == u'<') {
                    m_pos += 3;
                    while (!atEnd() && peek() != u'>')
                        ++m_pos;
                    if (atEnd())
                        return std::nullopt;
                    ++m_pos;
                } else {
                    return std::nullopt; // inline flags
                }
            }
            auto inner = alternation(depth + 1);
            if (!inner || peek() != u')')
                return std::nullopt;
            ++m_pos;
            return inner;
        }
        case u'[': {
            auto b = bracket();
            if (!b)
                return std::nullopt;
            chars = *b;
            break;
        }
        case u'\\': {
            if (peek() == u'b' || peek() == u'B') {
                Shape boundary; // zero-width, decided by the context RE2 sees
                boundary.emptyAtBoundary = peek() == u'b';
                ++m_pos;
                return boundary;
            }
            auto e = escape();
            if (!e)
                return std::nullopt;
            chars = *e;
            break;
        }
        // Anchors, any-character, and characters that are only literal by RE2's leniency.
        case u'.':
        case u'^':
        case u'$':
        case u'{':
        case u'}':
        case u']':
        case u'*':
        case u'+':
        case u'?':
        case u')':
        case u'|':
        case u'\0': return std::nullopt;
        default: chars.set(size_t(c)); break;
        }
        bool ok = true;
        chars = folded(chars, ok);
        if (!ok || chars.none())
            return std::nullopt;
        return atom(chars);
    }

    QStringView m_re;
    bool m_fold;
    qsizetype m_pos = 0;
    std::vector<Alternative> m_alternatives;
};

bool commonPunctuation(size_t b)
{
    static const std::string_view common = " \t\n\r.,-:;/'\"()!?";
    return common.find(char(b)) != std::string_view::npos;
}

bool asciiWord(char16_t c)
{
    return c < 128 && (isAsciiAlnum(c) || c == u'_');
}

// The rule of Trigger::wholeRun, when the regex's last top-level alternative has the form
// \b[X]{m,}\b (or \b[X]+\b), greedy, and every other alternative needs some exact byte.
std::optional<Trigger::WholeRun> wholeRunOf(const std::vector<Parser::Alternative>& alternatives, bool caseInsensitive)
{
    if (alternatives.empty())
        return std::nullopt;
    const QStringView last = alternatives.back().text;
    if (!last.startsWith(u"\\b[") || !last.endsWith(u"\\b") || last.size() < 7)
        return std::nullopt;
    const QStringView inner = last.sliced(2, last.size() - 4); // [X]{m,} or [X]+
    qsizetype close = 1;
    while (close < inner.size() && inner[close] != u']')
        close += inner[close] == u'\\' ? 2 : 1;
    if (close >= inner.size())
        return std::nullopt;
    const QStringView quantifier = inner.sliced(close + 1);
    int minLength = 0;
    if (quantifier == u"+") {
        minLength = 1;
    } else if (quantifier.size() >= 4 && quantifier.startsWith(u'{') && quantifier.endsWith(u",}")) {
        bool ok = false;
        minLength = quantifier.sliced(1, quantifier.size() - 3).toInt(&ok);
        if (!ok || minLength < 1)
            return std::nullopt;
    } else {
        return std::nullopt; // bounded, lazy or anything else: the match need not be the run
    }
    Parser classParser(inner.first(close + 1), caseInsensitive);
    const auto cls = classParser.run();
    if (!cls || cls->minLength != 1)
        return std::nullopt;
    const auto bits = [](const auto& test) {
        std::array<std::uint64_t, 2> out {};
        for (size_t b = 0; b < 128; ++b) {
            if (test(b))
                out[b >> 6] |= std::uint64_t(1) << (b & 63);
        }
        return out;
    };
    Trigger::WholeRun rule;
    rule.chars = bits([&](size_t b) { return cls->chars.test(b); });
    rule.minLength = minLength;
    for (size_t i = 0; i + 1 < alternatives.size(); ++i) {
        const Shape& other = alternatives[i].shape;
        const auto needs = bits([&](size_t b) { return other.minByte[b] > 0; });
        if ((needs[0] | needs[1]) == 0)
            return std::nullopt; // no byte its matches certainly hold
        rule.needs.push_back(needs);
    }
    return rule;
}

} // namespace

std::optional<Trigger> analyze(QStringView regex, bool caseInsensitive)
{
    Parser parser(regex, caseInsensitive);
    const auto shape = parser.run();
    if (!shape || shape->minLength < 1 || shape->chars.none())
        return std::nullopt;
    Trigger t;
    t.wholeRun = wholeRunOf(parser.alternatives(), caseInsensitive);
    t.chars = shape->chars;
    t.minLength = shape->minLength;
    t.minDigits = shape->minDigits;
    t.first = shape->first;
    t.last = shape->last;
    t.boundedStart = shape->boundedStart;
    t.boundedEnd = shape->boundedEnd;
    for (size_t b = 0; b < 128; ++b) {
        if (shape->minByte[b] > 0)
            t.minBytes.emplace_back(char(b), shape->minByte[b]);
    }
    // The feature to count: a byte that is rare in prose ('@'), else digits, else a common
    // punctuation byte, else the run's own characters (then the count is the length).
    int best = -1;
    for (size_t b = 0; b < 128; ++b) {
        if (shape->minByte[b] > 0 && !isAsciiAlnum(char16_t(b)) && !commonPunctuation(b)
            && (best < 0 || shape->minByte[b] > shape->minByte[size_t(best)]))
            best = int(b);
    }
    if (best < 0 && shape->minDigits > 0) {
        t.feature = digits();
        t.minCount = shape->minDigits;
        return t;
    }
    if (best < 0) {
        for (size_t b = 0; b < 128; ++b) {
            if (shape->minByte[b] > 0 && commonPunctuation(b)
                && (best < 0 || shape->minByte[b] > shape->minByte[size_t(best)]))
                best = int(b);
        }
    }
    if (best >= 0) {
        t.feature.set(size_t(best));
        t.minCount = shape->minByte[size_t(best)];
        return t;
    }
    t.feature = t.chars;
    t.minCount = t.minLength;
    return t;
}

bool Trigger::admits(const char16_t* begin, const char16_t* end) const
{
    // The window is a run the scanner found, so it holds min(minCount, 255) feature bytes already
    // (the scanner's counters stop at 255).
    if (end - begin < minLength)
        return false;
    const int counted = std::min(minCount, 255);
    const bool digitFeature = feature.any() && (feature & ~digits()).none();
    if (minDigits > (digitFeature ? counted : 0)) {
        int found = 0;
        for (const char16_t* p = begin; p < end && found < minDigits; ++p)
            found += *p >= u'0' && *p <= u'9' ? 1 : 0;
        if (found < minDigits)
            return false;
    }
    for (const auto& [byte, count] : minBytes) {
        if (feature.count() == 1 && feature.test(size_t(byte)) && counted >= count)
            continue;
        int found = 0;
        for (const char16_t* p = begin; p < end && found < count; ++p)
            found += *p == char16_t(byte) ? 1 : 0;
        if (found < count)
            return false;
    }
    return true;
}

bool Trigger::narrow(QStringView text, qsizetype& begin, qsizetype& end) const
{
    // Window units are ASCII (members of `chars`), so the bitset lookups stay in range.
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    qsizetype b = begin;
    qsizetype e = end;
    // A match starting with a word byte right after another (a digit after a letter, say) would
    // need \b there; so would one ending right before a word byte.
    while (b < e
           && !(first.test(units[b]) && (!boundedStart || b == 0 || !asciiWord(units[b - 1]) || !asciiWord(units[b]))))
        ++b;
    while (e > b
           && !(last.test(units[e - 1]) && (!boundedEnd || e == n || !asciiWord(units[e]) || !asciiWord(units[e - 1]))))
        --e;
    if (e - b < minLength)
        return false;
    // Trimmed bytes may have been features the scanner counted: recount in the narrowed part.
    if (b != begin || e != end) {
        const int need = std::min(minCount, 255);
        int found = 0;
        for (qsizetype i = b; i < e && found < need; ++i)
            found += feature.test(units[i]) ? 1 : 0;
        if (found < need)
            return false;
    }
    begin = b;
    end = e;
    return admits(units + b, units + e);
}

Trigger::Verdict Trigger::decide(QStringView text, qsizetype begin, qsizetype end) const
{
    if (!wholeRun || begin >= end)
        return Verdict::Unknown;
    const char16_t* units = text.utf16();
    // \b holds at both ends: word bytes inside, none outside (RE2's \b is ASCII-only).
    if (!asciiWord(units[begin]) || !asciiWord(units[end - 1]) || (begin > 0 && asciiWord(units[begin - 1]))
        || (end < text.size() && asciiWord(units[end])))
        return Verdict::Unknown;
    std::uint64_t present[2] = { 0, 0 };
    for (qsizetype i = begin; i < end; ++i) {
        const char16_t c = units[i];
        if (c >= 128)
            return Verdict::Unknown;
        present[c >> 6] |= std::uint64_t(1) << (c & 63);
    }
    const auto& chars = wholeRun->chars;
    if ((present[0] & ~chars[0]) | (present[1] & ~chars[1]))
        return Verdict::Unknown;
    for (const auto& needs : wholeRun->needs) {
        if (((needs[0] & ~present[0]) | (needs[1] & ~present[1])) == 0)
            return Verdict::Unknown; // that alternative might match here
    }
    return end - begin >= wholeRun->minLength ? Verdict::Whole : Verdict::None;
}

int WindowScanner::add(const Trigger& trigger)
{
    if (m_slots == 0) {
        m_minLength.fill(0xFF);
        m_minCount.fill(0xFF);
    }
    // NUL never belongs to a class (the analysis refuses it); the vector path relies on that.
    if (m_slots >= kSlots || trigger.chars.test(0) || trigger.chars.none())
        return -1;
    const int k = m_slots++;
    for (size_t b = 0; b < 128; ++b) {
        m_member[b][size_t(k)] = trigger.chars.test(b) ? 0xFF : 0;
        m_feature[b][size_t(k)] = trigger.chars.test(b) && trigger.feature.test(b) ? 1 : 0;
    }
    // Saturating 8-bit counters: a bound above 255 is checked as 255, still a lower bound.
    m_minLength[size_t(k)] = std::uint8_t(std::clamp(trigger.minLength, 1, 255));
    m_minCount[size_t(k)] = std::uint8_t(std::clamp(trigger.minCount, 0, 255));
    m_chars[size_t(k)] = trigger.chars;
    m_features[size_t(k)] = trigger.feature & trigger.chars;
    buildGroups();
    return k;
}

// The vector path scans groups rather than slots: slots of digit-counting patterns whose characters
// include no letter (phones, cards, IDs) share one group with the union of their characters and
// the smallest of their bounds; each other slot is a group of its own. Every qualifying run of a
// member lies inside a qualifying run of its group, where it is then looked for.
void WindowScanner::buildGroups()
{
    std::bitset<128> letters;
    for (int c = 'a'; c <= 'z'; ++c) {
        letters.set(size_t(c));
        letters.set(size_t(c - 'a' + 'A'));
    }
    m_groups = 0;
    m_groupRows = {};
    m_featureRows = {};
    int numeric = -1;
    for (int k = 0; k < m_slots; ++k) {
        const auto& chars = m_chars[size_t(k)];
        const auto& feature = m_features[size_t(k)];
        const bool digitCounting = feature.any() && (feature & ~digits()).none() && (chars & letters).none();
        int g = -1;
        if (digitCounting && numeric >= 0) {
            g = numeric;
            Group& group = m_group[size_t(g)];
            group.slotBits |= 1u << k;
            group.chars |= chars;
            group.feature |= feature;
            group.minLength = std::min<int>(group.minLength, m_minLength[size_t(k)]);
            group.minCount = std::min<int>(group.minCount, m_minCount[size_t(k)]);
        } else {
            g = m_groups++;
            Group& group = m_group[size_t(g)];
            group = Group {};
            group.slotBits = 1u << k;
            group.chars = chars;
            group.feature = feature;
            group.minLength = m_minLength[size_t(k)];
            group.minCount = m_minCount[size_t(k)];
            if (digitCounting)
                numeric = g;
        }
    }
    for (int g = 0; g < m_groups; ++g) {
        Group& group = m_group[size_t(g)];
        for (size_t b = 0; b < 128; ++b) {
            if (group.chars.test(b))
                m_groupRows[size_t(g / 8)][b >> 4][b & 15] |= std::uint8_t(1u << (g % 8));
            if (group.chars.test(b) && group.feature.test(b))
                m_featureRows[size_t(g / 8)][b >> 4][b & 15] |= std::uint8_t(1u << (g % 8));
        }
        group.single = std::popcount(group.slotBits) == 1;
        // A single feature byte every qualifying run holds: candidates are where it occurs.
        group.rare = -1;
        if (group.single && group.feature.count() == 1 && group.minCount >= 1) {
            for (size_t b = 0; b < 128; ++b) {
                if (group.feature.test(b))
                    group.rare = int(b);
            }
        }
        // Shifts that turn a membership mask into "a run at least minLength long ends here".
        group.shifts = {};
        for (unsigned have = 1, need = unsigned(group.minLength); have < need && need <= 64;) {
            const unsigned shift = std::min(have, need - have);
            group.shifts.push_back(std::uint8_t(shift));
            have += shift;
        }
        // The largest aligned block of units (2^level) every run minLength long covers; 0: none.
        const int length = group.minLength;
        group.level = group.rare >= 0 ? 0 : length >= 15 ? 3 : length >= 7 ? 2 : length >= 3 ? 1 : 0;
        group.byEnds = group.rare < 0 && group.minLength <= 64;
    }
}

// The run of group g around unit i: the windows of its slots there. Returns the end of the run.
qsizetype WindowScanner::checkGroup(int g, qsizetype i, QStringView text, std::vector<Window>& out) const
{
    const Group& group = m_group[size_t(g)];
    if (group.single)
        return checkRun(std::countr_zero(group.slotBits), i, text, out);
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    const auto inGroup = [&](char16_t u) {
        return u < 128 && group.chars[u];
    };
    qsizetype begin = i;
    while (begin > 0 && inGroup(units[begin - 1]))
        --begin;
    qsizetype end = i;
    int count = 0;
    while (end < n && inGroup(units[end])) {
        count += group.feature[units[end]] ? 1 : 0;
        ++end;
    }
    for (qsizetype j = begin; j < i; ++j)
        count += group.feature[units[j]] ? 1 : 0;
    if (end - begin < group.minLength || count < group.minCount)
        return end;
    slotsOfRun(group, begin, end, count, text, out);
    return end;
}

void WindowScanner::slotsOfRun(const Group& group,
                               qsizetype begin,
                               qsizetype end,
                               qsizetype count,
                               QStringView text,
                               std::vector<Window>& out) const
{
    const char16_t* units = text.utf16();
    for (unsigned bits = group.slotBits; bits; bits &= bits - 1) {
        const int k = std::countr_zero(bits);
        // Runs of a member lie in the group's run and count a subset of its features.
        if (end - begin < m_minLength[size_t(k)] || count < m_minCount[size_t(k)])
            continue;
        for (qsizetype j = begin; j < end;) {
            if (!member(k, units[j])) {
                ++j;
                continue;
            }
            const qsizetype runBegin = j;
            int features = 0;
            while (j < end && member(k, units[j])) {
                features += m_feature[units[j]][size_t(k)];
                ++j;
            }
            if (j - runBegin >= m_minLength[size_t(k)] && features >= m_minCount[size_t(k)])
                out.push_back(Window { k, runBegin, j });
        }
    }
}

qsizetype WindowScanner::checkRun(int k, qsizetype i, QStringView text, std::vector<Window>& out) const
{
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    qsizetype begin = i;
    while (begin > 0 && member(k, units[begin - 1]))
        --begin;
    qsizetype end = i;
    int count = 0;
    while (end < n && member(k, units[end])) {
        count += m_feature[units[end]][size_t(k)];
        ++end;
    }
    for (qsizetype j = begin; j < i; ++j)
        count += m_feature[units[j]][size_t(k)];
    if (end - begin >= m_minLength[size_t(k)] && count >= m_minCount[size_t(k)])
        out.push_back(Window { k, begin, end });
    return end;
}

// One group over one block of 64 units (bit i: unit base + i): its candidate units, then the
// exact check of each candidate's run. `carry` is the group's run reaching this block from the
// ones before; `until` the end of the last run checked.
// Inlined into each scan loop: it runs for every group on every block.
__attribute__((always_inline)) inline void WindowScanner::blockOfGroup(int k,
                                                                       qsizetype base,
                                                                       std::uint64_t members,
                                                                       std::uint64_t hits,
                                                                       qsizetype& carry,
                                                                       qsizetype& until,
                                                                       QStringView text,
                                                                       std::vector<Window>& out) const
{
    const Group& group = m_group[size_t(k)];
    std::uint64_t candidates = 0;
    if (group.rare >= 0) {
        // Every qualifying run holds this byte.
        candidates = members & hits;
    } else {
        // Every qualifying run is minLength long: mark where that length is reached.
        const unsigned need = unsigned(group.minLength);
        std::uint64_t runs = need <= 64 ? members : 0;
        for (int step = 0; step < group.shifts.count; ++step)
            runs &= runs << group.shifts.values[size_t(step)];
        // A run that began in an earlier block continues at bit 0.
        const qsizetype lead = std::countr_one(members);
        const qsizetype before = carry;
        if (lead > 0 && before + lead >= qsizetype(need))
            runs |= std::uint64_t(1) << std::max<qsizetype>(0, qsizetype(need) - before - 1);
        candidates = runs;
        carry = members == ~std::uint64_t(0) ? std::min<qsizetype>(before + 64, 1 << 20) : std::countl_one(members);
    }
    while (candidates) {
        const qsizetype i = base + std::countr_zero(candidates);
        candidates &= candidates - 1;
        if (i < until)
            continue;
        until = checkGroup(k, i, text, out);
        const qsizetype skip = until - base;
        candidates = skip >= 64 ? 0 : candidates & ~((std::uint64_t(1) << skip) - 1);
    }
}

void WindowScanner::scan(QStringView text, std::vector<Window>& out, Path path) const
{
    if (m_slots == 0 || text.isEmpty())
        return;
    if (path == Path::Auto)
        path = available(Path::Avx512) ? Path::Avx512 : available(Path::Avx2) ? Path::Avx2 : Path::Portable;
    if (!available(path))
        path = Path::Portable;
    switch (path) {
    case Path::Avx512: scanAvx512(text, out); break;
    case Path::Avx2: scanVector(text, out); break;
    default: scanPortable(text, out); break;
    }
}

void WindowScanner::scanPortable(QStringView text, std::vector<Window>& out) const
{
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    const unsigned slotMask = (1u << m_slots) - 1u;
    // Slots whose current run is not recorded yet; a slot re-arms on the first unit outside its run.
    unsigned armed = slotMask;
    const auto record = [&](unsigned hot, qsizetype i) {
        armed &= ~hot;
        while (hot) {
            const int k = std::countr_zero(hot);
            hot &= hot - 1;
            checkRun(k, i, text, out);
        }
    };
#if defined(__SSE2__)
    const __m128i one = _mm_set1_epi8(1);
    const __m128i zero = _mm_setzero_si128();
    const __m128i minLength = _mm_load_si128(reinterpret_cast<const __m128i*>(m_minLength.data()));
    const __m128i minCount = _mm_load_si128(reinterpret_cast<const __m128i*>(m_minCount.data()));
    const auto* memberRows = reinterpret_cast<const __m128i*>(m_member.data());
    const auto* featureRows = reinterpret_cast<const __m128i*>(m_feature.data());
    __m128i length = zero;
    __m128i count = zero;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned u = units[i];
        const unsigned row = u < 128 ? u : 128;
        const __m128i m = _mm_load_si128(memberRows + row);
        length = _mm_and_si128(_mm_adds_epu8(length, one), m);
        count = _mm_and_si128(_mm_adds_epu8(count, _mm_load_si128(featureRows + row)), m);
        const __m128i missing = _mm_or_si128(_mm_subs_epu8(minLength, length), _mm_subs_epu8(minCount, count));
        armed |= ~unsigned(_mm_movemask_epi8(m));
        const unsigned hot = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(missing, zero))) & armed & slotMask;
        if (hot) [[unlikely]]
            record(hot, i);
    }
#else
    std::array<int, kSlots> length {};
    std::array<int, kSlots> count {};
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned u = units[i];
        const unsigned row = u < 128 ? u : 128;
        unsigned hot = 0;
        for (int k = 0; k < m_slots; ++k) {
            const bool in = m_member[row][size_t(k)] != 0;
            if (!in)
                armed |= 1u << k;
            length[size_t(k)] = in ? std::min(length[size_t(k)] + 1, 255) : 0;
            count[size_t(k)] = in ? std::min(count[size_t(k)] + m_feature[row][size_t(k)], 255) : 0;
            if (length[size_t(k)] >= m_minLength[size_t(k)] && count[size_t(k)] >= m_minCount[size_t(k)])
                hot |= 1u << k;
        }
        hot &= armed & slotMask;
        if (hot)
            record(hot, i);
    }
#endif
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define AIOPS_PREFILTER_AVX2 1
#endif

bool WindowScanner::available(Path path)
{
#ifdef AIOPS_PREFILTER_AVX2
    static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    static const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("popcnt");
    switch (path) {
    case Path::Avx2: return avx2;
    case Path::Avx512: return avx512;
    default: return true;
    }
#else
    return path != Path::Avx2 && path != Path::Avx512;
#endif
}

#ifdef AIOPS_PREFILTER_AVX2
namespace {

constexpr qsizetype kPrefetchAhead = 512; // units: 1 KiB

// The first kPrefetchAhead units at once, so their cache misses overlap.
inline void prefetchHead(const char16_t* units, qsizetype n)
{
    for (qsizetype i = 0; i < std::min(n, kPrefetchAhead); i += 32)
        _mm_prefetch(reinterpret_cast<const char*>(units + i), _MM_HINT_T0);
}

// 32 units as 32 bytes: ASCII stays, everything else becomes 0 or >= 0x80, which no class holds.
__attribute__((target("avx2"))) inline __m256i asciiBytes(const char16_t* p)
{
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 16));
    return _mm256_permute4x64_epi64(_mm256_packus_epi16(a, b), 0xD8);
}

// Row indices of 32 bytes for a 128-entry table looked up as eight 16-entry rows, one per high nibble:
// in index h, a byte whose high nibble is h keeps its low nibble with bit 7 clear; every other byte
// (another high nibble, or not ASCII) gets bit 7 set, which makes the byte shuffle yield 0. The XOR
// clears the high nibble h only; adding 0x70 with unsigned saturation then sets bit 7 unless it was 0.
struct RowIndices
{
    __m256i at[8];
};

__attribute__((target("avx2"))) inline RowIndices rowIndices(__m256i b)
{
    RowIndices r;
    const __m256i offset = _mm256_set1_epi8(0x70);
    for (int h = 0; h < 8; ++h)
        r.at[h] = _mm256_adds_epu8(_mm256_xor_si256(b, _mm256_set1_epi8(char(h << 4))), offset);
    return r;
}

// Class bits of 32 bytes from a table's eight rows.
__attribute__((target("avx2"))) inline __m256i signature(const RowIndices& index, const __m256i* rows)
{
    __m256i sig = _mm256_shuffle_epi8(rows[0], index.at[0]);
    for (int h = 1; h < 8; ++h)
        sig = _mm256_or_si256(sig, _mm256_shuffle_epi8(rows[h], index.at[h]));
    return sig;
}

__attribute__((target("avx2"))) inline std::uint32_t bitsOf(__m256i sig, int bit)
{
    const __m256i b = _mm256_set1_epi8(char(1u << bit));
    return std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(sig, b), b)));
}

__attribute__((target("avx2"))) inline std::uint32_t equalBits(__m256i bytes, int value)
{
    return std::uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(char(value)))));
}

// OR of the bytes `keep` selects, over a and b.
__attribute__((target("avx2"))) inline unsigned orOfBytes(__m256i a, __m256i b, __m256i keep)
{
    const __m256i v = _mm256_and_si256(_mm256_or_si256(a, b), keep);
    __m128i x = _mm_or_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_or_si128(x, _mm_srli_si128(x, 8));
    x = _mm_or_si128(x, _mm_srli_si128(x, 4));
    x = _mm_or_si128(x, _mm_srli_si128(x, 2));
    x = _mm_or_si128(x, _mm_srli_si128(x, 1));
    return unsigned(_mm_cvtsi128_si32(x)) & 0xFFu;
}

// Which slots of a signature group have an aligned group of 2, 4 and 8 units all in their class,
// somewhere in the 64 units (low: units 0..31, high: 32..63). A run at least 2G - 1 long always
// covers an aligned group of G units.
__attribute__((target("avx2"))) inline std::array<unsigned, 4> alignedGroups(__m256i low, __m256i high)
{
    const __m256i low2 = _mm256_and_si256(low, _mm256_srli_epi16(low, 8));
    const __m256i high2 = _mm256_and_si256(high, _mm256_srli_epi16(high, 8));
    const __m256i low4 = _mm256_and_si256(low2, _mm256_srli_epi32(low2, 16));
    const __m256i high4 = _mm256_and_si256(high2, _mm256_srli_epi32(high2, 16));
    const __m256i low8 = _mm256_and_si256(low4, _mm256_srli_epi64(low4, 32));
    const __m256i high8 = _mm256_and_si256(high4, _mm256_srli_epi64(high4, 32));
    return { 0xFFu,
             orOfBytes(low2, high2, _mm256_set1_epi16(0xFF)),
             orOfBytes(low4, high4, _mm256_set1_epi32(0xFF)),
             orOfBytes(low8, high8, _mm256_set1_epi64x(0xFF)) };
}

} // namespace

__attribute__((target("avx2,popcnt"))) void WindowScanner::scanVector(QStringView text, std::vector<Window>& out) const
{
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    const int groups = m_groups > 8 ? 2 : 1;
    __m256i rows[2][8];
    __m256i featureRows[2][8];
    for (int g = 0; g < groups; ++g) {
        for (int h = 0; h < 8; ++h) {
            rows[g][h] = _mm256_broadcastsi128_si256(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_groupRows[size_t(g)][size_t(h)].data())));
            featureRows[g][h] = _mm256_broadcastsi128_si256(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_featureRows[size_t(g)][size_t(h)].data())));
        }
    }
    std::array<qsizetype, kSlots> carry {}; // members that end the previous block, per slot
    std::array<qsizetype, kSlots> until {}; // end of the last run checked, per slot
    std::array<OpenRun, kSlots> open {}; // the run open since earlier blocks, per group by ends
    alignas(32) char16_t tail[64];

    prefetchHead(units, n);
    for (qsizetype base = 0; base < n; base += 64) {
        if (base + kPrefetchAhead + 64 <= n) {
            _mm_prefetch(reinterpret_cast<const char*>(units + base + kPrefetchAhead), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(units + base + kPrefetchAhead + 32), _MM_HINT_T0);
        }
        const char16_t* p = units + base;
        const qsizetype count = std::min<qsizetype>(64, n - base);
        if (count < 64) {
            std::fill(std::begin(tail), std::end(tail), char16_t(0));
            std::copy(p, p + count, tail);
            p = tail;
        }
        const __m256i low = asciiBytes(p);
        const __m256i high = asciiBytes(p + 32);
        const RowIndices lowIndex = rowIndices(low);
        const RowIndices highIndex = rowIndices(high);
        __m256i sigLow[2];
        __m256i sigHigh[2];
        __m256i featureLow[2];
        __m256i featureHigh[2];
        std::array<unsigned, 4> aligned[2];
        for (int g = 0; g < groups; ++g) {
            sigLow[g] = signature(lowIndex, rows[g]);
            sigHigh[g] = signature(highIndex, rows[g]);
            aligned[g] = alignedGroups(sigLow[g], sigHigh[g]);
        }
        std::array<bool, 2> haveFeatures {}; // feature signatures are made on first use in a block
        for (int k = 0; k < m_groups; ++k) {
            const Group& group = m_group[size_t(k)];
            const int g = k / 8;
            if (group.byEnds) {
                const int bit = k % 8;
                const std::uint64_t members
                    = std::uint64_t(bitsOf(sigLow[g], bit)) | std::uint64_t(bitsOf(sigHigh[g], bit)) << 32;
                if (!members) {
                    open[size_t(k)] = {};
                    continue;
                }
                if (!haveFeatures[size_t(g)]) {
                    featureLow[g] = signature(lowIndex, featureRows[g]);
                    featureHigh[g] = signature(highIndex, featureRows[g]);
                    haveFeatures[size_t(g)] = true;
                }
                endsOfGroup(k,
                            base,
                            members,
                            std::uint64_t(bitsOf(featureLow[g], bit))
                                | std::uint64_t(bitsOf(featureHigh[g], bit)) << 32,
                            open[size_t(k)],
                            text,
                            out);
                continue;
            }
            const int level = group.level;
            if (level > 0 && !(aligned[g][size_t(level)] & (1u << (k % 8)))) {
                // No run here is minLength long, and none from before can reach it here.
                const qsizetype most = (qsizetype(1) << level) - 1; // the longest run at either end
                if (carry[size_t(k)] + most < qsizetype(group.minLength)) {
                    carry[size_t(k)] = most;
                    continue;
                }
            }
            const int rare = group.rare;
            std::uint64_t hits = 0;
            if (rare >= 0) {
                hits = std::uint64_t(equalBits(low, rare)) | std::uint64_t(equalBits(high, rare)) << 32;
                if (!hits)
                    continue;
            }
            const std::uint64_t members
                = std::uint64_t(bitsOf(sigLow[g], k % 8)) | std::uint64_t(bitsOf(sigHigh[g], k % 8)) << 32;
            blockOfGroup(k, base, members, hits, carry[size_t(k)], until[size_t(k)], text, out);
        }
    }
}

// One group over one block by the ends of its runs (vector paths): each run of the group's
// characters that ends in this block is measured from the masks alone (its start is the gap
// before it, or the run open since earlier blocks), and recorded when it is minLength long and
// holds minCount feature bytes. No unit is read again except the one after the block.
__attribute__((target("popcnt"), always_inline)) inline void WindowScanner::endsOfGroup(int k,
                                                                                        qsizetype base,
                                                                                        std::uint64_t members,
                                                                                        std::uint64_t features,
                                                                                        OpenRun& open,
                                                                                        QStringView text,
                                                                                        std::vector<Window>& out) const
{
    const Group& group = m_group[size_t(k)];
    constexpr std::uint64_t all = ~std::uint64_t(0);
    // Where a run at least minLength long has reached that length.
    std::uint64_t runs = members;
    for (int step = 0; step < group.shifts.count; ++step)
        runs &= runs << group.shifts.values[size_t(step)];
    // The lowest `lead` units continue the run open since earlier blocks, which adds its length.
    const int lead = std::countr_one(members);
    if (open.length > 0 && lead > 0) {
        const qsizetype from = std::max<qsizetype>(0, qsizetype(group.minLength) - open.length - 1);
        if (from < lead)
            runs |= (lead == 64 ? all : (std::uint64_t(1) << lead) - 1) & (all << from);
    }
    // Run ends: a member the next unit does not continue.
    std::uint64_t ends = members & ~(members >> 1);
    if (members >> 63) {
        const qsizetype next = base + 64;
        if (next < text.size()) {
            const char16_t u = text.utf16()[next];
            if (u < 128 && group.chars[u])
                ends &= ~(std::uint64_t(1) << 63); // it goes on in the next block
        }
    }
    for (std::uint64_t candidates = ends & runs; candidates; candidates &= candidates - 1) {
        const int j = std::countr_zero(candidates);
        const std::uint64_t upTo = j == 63 ? all : (std::uint64_t(1) << (j + 1)) - 1;
        const std::uint64_t gaps = ~members & upTo;
        qsizetype begin = 0;
        qsizetype count = 0;
        if (gaps) {
            const int start = 64 - std::countl_zero(gaps);
            begin = base + start;
            count = std::popcount(features & upTo & (all << start));
        } else {
            begin = base - open.length;
            count = open.features + std::popcount(features & upTo);
        }
        if (count < group.minCount)
            continue;
        const qsizetype end = base + j + 1;
        if (group.single)
            out.push_back(Window { std::countr_zero(group.slotBits), begin, end });
        else
            slotsOfRun(group, begin, end, count, text, out);
    }
    if (members == all) {
        open.length += 64;
        open.features += std::popcount(features);
    } else {
        const int tail = std::countl_one(members);
        open.length = tail;
        open.features = tail > 0 ? std::popcount(features >> (64 - tail)) : 0;
    }
}

// The same with AVX-512 (VBMI): the 128-entry signature table is one two-register byte permute
// for 64 units, and each group's 64-bit membership mask one test instruction.
// GCC 12's AVX-512 headers start results from _mm512_undefined_*(), which -Wmaybe-uninitialized
// reports once inlined (GCC bug 105593); nothing here reads an undefined lane.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
__attribute__((target("avx512f,avx512bw,avx512vbmi,popcnt"))) void
WindowScanner::scanAvx512(QStringView text, std::vector<Window>& out) const
{
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    const int sets = m_groups > 8 ? 2 : 1;
    __m512i tableLow[2];
    __m512i tableHigh[2];
    __m512i featureLow[2];
    __m512i featureHigh[2];
    for (int g = 0; g < sets; ++g) {
        // The rows of one set are its 128-entry table, in byte order.
        const std::uint8_t* table = m_groupRows[size_t(g)][0].data();
        const std::uint8_t* featureTable = m_featureRows[size_t(g)][0].data();
        static_assert(sizeof(m_groupRows[0]) == 128 && sizeof(m_featureRows[0]) == 128);
        tableLow[g] = _mm512_loadu_si512(table);
        tableHigh[g] = _mm512_loadu_si512(table + 64);
        featureLow[g] = _mm512_loadu_si512(featureTable);
        featureHigh[g] = _mm512_loadu_si512(featureTable + 64);
    }
    std::array<qsizetype, kSlots> carry {};
    std::array<qsizetype, kSlots> until {};
    std::array<OpenRun, kSlots> open {};
    prefetchHead(units, n);
    for (qsizetype base = 0; base < n; base += 64) {
        // The text is read once, in order: ask for it well ahead of use (a message is often not
        // in the cache yet), two cache lines per block of 64 units.
        if (base + kPrefetchAhead + 64 <= n) {
            _mm_prefetch(reinterpret_cast<const char*>(units + base + kPrefetchAhead), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(units + base + kPrefetchAhead + 32), _MM_HINT_T0);
        }
        const qsizetype count = std::min<qsizetype>(64, n - base);
        // Missing units read as 0 (NUL), which no class holds.
        const __mmask32 first = count >= 32 ? ~__mmask32(0) : (__mmask32(1) << count) - 1;
        const __mmask32 second = count >= 64 ? ~__mmask32(0) : count <= 32 ? 0 : (__mmask32(1) << (count - 32)) - 1;
        const __m512i a = _mm512_maskz_loadu_epi16(first, units + base);
        const __m512i b = _mm512_maskz_loadu_epi16(second, units + base + 32);
        // Signed saturation, as in the AVX2 path: ASCII stays, everything else becomes 0 or >= 0x80.
        // The pack interleaves 128-bit lanes of a and b; the permute restores text order.
        const __m512i bytes
            = _mm512_permutexvar_epi64(_mm512_set_epi64(7, 5, 3, 1, 6, 4, 2, 0), _mm512_packus_epi16(a, b));
        const __mmask64 ascii = ~_mm512_movepi8_mask(bytes);
        __m512i sig[2];
        __m512i featureSig[2];
        for (int g = 0; g < sets; ++g) {
            sig[g] = _mm512_maskz_permutex2var_epi8(ascii, tableLow[g], bytes, tableHigh[g]);
            featureSig[g] = _mm512_maskz_permutex2var_epi8(ascii, featureLow[g], bytes, featureHigh[g]);
        }
        for (int k = 0; k < m_groups; ++k) {
            const Group& group = m_group[size_t(k)];
            if (group.byEnds) {
                const __m512i bit = _mm512_set1_epi8(char(1u << (k % 8)));
                endsOfGroup(k,
                            base,
                            _mm512_test_epi8_mask(sig[k / 8], bit),
                            _mm512_test_epi8_mask(featureSig[k / 8], bit),
                            open[size_t(k)],
                            text,
                            out);
                continue;
            }
            std::uint64_t hits = 0;
            if (group.rare >= 0) {
                hits = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8(char(group.rare)));
                if (!hits)
                    continue;
            }
            const std::uint64_t members = _mm512_test_epi8_mask(sig[k / 8], _mm512_set1_epi8(char(1u << (k % 8))));
            blockOfGroup(k, base, members, hits, carry[size_t(k)], until[size_t(k)], text, out);
        }
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#else
void WindowScanner::scanVector(QStringView text, std::vector<Window>& out) const
{
    scanPortable(text, out);
}

void WindowScanner::scanAvx512(QStringView text, std::vector<Window>& out) const
{
    scanPortable(text, out);
}
#endif

} // namespace aiops::safety::prefilter
