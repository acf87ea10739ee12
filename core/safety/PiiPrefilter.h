#pragma once

#include <QString>
#include <QStringView>
#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace aiops::safety::prefilter {

// What every match of a regex is made of, derived from the regex by a conservative analysis:
// all of its bytes are ASCII and in `chars`, it is at least `minLength` bytes long, and it holds at
// least `minCount` bytes of `feature`. So each match lies inside one maximal run of `chars` in
// the text that is that long and holds that many feature bytes; a scan that runs the regex only
// inside such runs (with the rest of the text as context) finds exactly the matches a full scan
// finds.
//
// The analysis accepts a subset of RE2 syntax: literals, escaped punctuation, \d \w \s \t \n \r
// \f \v, \b \B, bracket classes without negation, groups (?:...) (...) (?P<n>...), alternation
// and the repetition operators. Anything else (., negated classes, \D \W \S, \p, \x, anchors,
// inline flags, non-ASCII text, and case folding of k and s, which RE2 extends to U+212A and
// U+017F) gives nullopt, and the pattern keeps the full scan. So does a regex that can match the
// empty text.
struct Trigger
{
    std::bitset<128> chars;
    std::bitset<128> feature;
    int minLength = 0;
    int minCount = 0;
    // Further lower bounds, checked on each window before the regex runs there.
    int minDigits = 0;
    std::vector<std::pair<char, int>> minBytes; // (byte, occurrences), only bytes with some
    // Every match starts with a byte of `first` and ends with one of `last`.
    std::bitset<128> first;
    std::bitset<128> last;
    // Every match that starts (ends) with a word byte has none just before (after) it: each
    // alternative begins (ends) with \b or a byte that is never a word byte.
    bool boundedStart = false;
    bool boundedEnd = false;

    // When the regex's last top-level alternative is \b[X]{m,}\b or \b[X]+\b (greedy) and each
    // other alternative needs some exact byte, a window holding only bytes of X, with word bytes
    // at its ends and none just outside (so \b holds there), and lacking a needed byte of every
    // other alternative has one match, itself, when it is at least m long, and none otherwise.
    // (Hashes and UUIDs in the API-key pattern's windows: no regex run is needed to find them.)
    struct WholeRun
    {
        std::array<std::uint64_t, 2> chars {}; // X: bit b % 64 of word b / 64
        int minLength = 0; // m
        std::vector<std::array<std::uint64_t, 2>> needs; // per other alternative, its exact bytes
    };
    std::optional<WholeRun> wholeRun;
    enum class Verdict { Unknown, None, Whole };
    // The matches in the window [begin, end) of text by the rule above; Unknown: run the regex.
    Verdict decide(QStringView text, qsizetype begin, qsizetype end) const;

    // Whether the ASCII window [begin, end) meets every bound above (the run bounds included).
    bool admits(const char16_t* begin, const char16_t* end) const;
    // Narrows the ASCII window [begin, end) to the part every match lies in: from its first byte
    // in `first` to its last byte in `last`. Then checks it with admits(); false: no match there.
    // With boundedStart (boundedEnd), a start (end) between two word bytes is no start (end).
    bool narrow(QStringView text, qsizetype& begin, qsizetype& end) const;
};

std::optional<Trigger> analyze(QStringView regex, bool caseInsensitive);

// A run of one trigger's characters in a UTF-16 text: [begin, end) in code units.
struct Window
{
    int slot = 0;
    qsizetype begin = 0;
    qsizetype end = 0;
    bool whole = false; // Trigger::decide() found the window is its pattern's one match
};

// Finds, in one pass over UTF-16 text, the runs of up to kSlots triggers at once: for each slot,
// every maximal run of its characters that is at least minLength long and holds at least minCount
// feature bytes (both compared up to 255, which keeps them lower bounds).
class WindowScanner
{
public:
    static constexpr int kSlots = 16;
    // Auto: the fastest the CPU has. Every path finds the same windows (tests compare them).
    enum class Path { Auto, Portable, Avx2, Avx512 };

    // Returns the slot, or -1 when all slots are taken.
    int add(const Trigger& trigger);
    int size() const { return m_slots; }

    // Windows of every slot; those of one slot are disjoint and in text order. The vector paths
    // (AVX2, AVX-512 VBMI) work on bit masks of 64 units at a time, then check each candidate run
    // exactly; Portable is the plain per-unit counting every CPU runs. A path the CPU lacks runs
    // as Portable.
    void scan(QStringView text, std::vector<Window>& out, Path path = Path::Auto) const;
    static bool available(Path path);

private:
    void scanPortable(QStringView text, std::vector<Window>& out) const;
    void scanVector(QStringView text, std::vector<Window>& out) const; // AVX2
    void scanAvx512(QStringView text, std::vector<Window>& out) const;
    void blockOfGroup(int group,
                      qsizetype base,
                      std::uint64_t members,
                      std::uint64_t hits,
                      qsizetype& carry,
                      qsizetype& until,
                      QStringView text,
                      std::vector<Window>& out) const;
    // The run of `slot` around unit i, recorded when it is long enough and holds enough features.
    // Returns the end of the run.
    qsizetype checkRun(int slot, qsizetype i, QStringView text, std::vector<Window>& out) const;
    bool member(int slot, char16_t unit) const { return unit < 128 && m_member[unit][size_t(slot)] != 0; }

    // Per ASCII unit (and one row, index 128, for everything else): byte k is 0xFF when the unit is
    // in slot k's characters (membership) and 1 when it is one of its feature bytes (feature).
    alignas(16) std::array<std::array<std::uint8_t, kSlots>, 129> m_member {};
    alignas(16) std::array<std::array<std::uint8_t, kSlots>, 129> m_feature {};
    alignas(16) std::array<std::uint8_t, kSlots> m_minLength {};
    alignas(16) std::array<std::uint8_t, kSlots> m_minCount {};
    std::array<std::bitset<128>, kSlots> m_chars {};
    std::array<std::bitset<128>, kSlots> m_features {};

    // The vector path's groups of slots (see buildGroups()).
    struct Shifts
    {
        std::array<std::uint8_t, 8> values {};
        int count = 0;
        void push_back(std::uint8_t v) { values[size_t(count++)] = v; }
        int size() const { return count; }
        std::uint8_t operator[](size_t i) const { return values[i]; }
    };
    struct Group
    {
        unsigned slotBits = 0; // bit k: slot k
        std::bitset<128> chars;
        std::bitset<128> feature;
        int minLength = 255;
        int minCount = 255;
        bool single = true;
        int rare = -1; // the one feature byte every qualifying run holds, or -1
        int level = 0;
        // The vector paths find this group's qualifying runs by their ends, from bit masks
        // alone: the group has no rare byte and a minimum length of one block (64) at most.
        bool byEnds = false;
        Shifts shifts;
    };
    void buildGroups();
    qsizetype checkGroup(int group, qsizetype i, QStringView text, std::vector<Window>& out) const;
    // The windows of a group's member slots inside its qualifying run [begin, end), which holds
    // `count` of the group's feature bytes.
    void slotsOfRun(const Group& group,
                    qsizetype begin,
                    qsizetype end,
                    qsizetype count,
                    QStringView text,
                    std::vector<Window>& out) const;
    // The run of each group that reaches the end of the previous block (vector paths).
    struct OpenRun
    {
        qsizetype length = 0;
        qsizetype features = 0;
    };
    void endsOfGroup(int group,
                     qsizetype base,
                     std::uint64_t members,
                     std::uint64_t features,
                     OpenRun& open,
                     QStringView text,
                     std::vector<Window>& out) const;
    std::array<Group, kSlots> m_group {};
    int m_groups = 0;
    // Bit (g % 8) of signature byte g / 8 per ASCII byte, as 16-entry rows by high nibble.
    alignas(32) std::array<std::array<std::array<std::uint8_t, 16>, 8>, 2> m_groupRows {};
    // The same for each group's feature bytes.
    alignas(32) std::array<std::array<std::array<std::uint8_t, 16>, 8>, 2> m_featureRows {};
    int m_slots = 0;
};

} // namespace aiops::safety::prefilter
