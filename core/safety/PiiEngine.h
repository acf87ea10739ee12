#pragma once

#include "core/protocol/Error.h"
#include "core/safety/PiiPrefilter.h"
#include "core/safety/SafetyTypes.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QStringView>
#include <memory>
#include <optional>

namespace aiops::safety {

class TokenVault;

// Detects and redacts PII with RE2 (linear time: user patterns cannot backtrack catastrophically).
// A multi-pattern RE2::Set pass finds which patterns occur; only those run for exact spans.
// Validators (Luhn, ...) drop false positives; overlaps are resolved by severity, then length.
//
// Thread-safe: scans use an immutable compiled snapshot; setPatterns() swaps it atomically, so
// pattern edits apply without a restart and without blocking scans in flight.
class PiiEngine final
{
public:
    struct Options
    {
        QByteArray hashSalt; // per installation, for the "hash" method
        TokenVault* vault = nullptr; // for the "token" method; without it tokens fall back to mask
        qsizetype maxTextLength = 1024 * 1024; // longer input is refused with OUT_OF_RANGE
        // Runs patterns whose matches can be bounded (all built-ins, most simple custom ones) only
        // around candidate windows found in one pass (PiiPrefilter.h). Off: every pattern scans
        // the whole text. The matches are the same either way; tests compare the two.
        bool prefilter = true;
        // Which vector code finds the windows; Auto takes the fastest the CPU has. The others are for
        // benchmarks and tests of a CPU without it (a path the CPU lacks runs as Portable).
        prefilter::WindowScanner::Path prefilterPath = prefilter::WindowScanner::Path::Auto;
    };

    explicit PiiEngine(Options options);
    ~PiiEngine();
    PiiEngine(const PiiEngine&) = delete;
    PiiEngine& operator=(const PiiEngine&) = delete;

    // Compiles the active patterns. On error nothing changes and the error names the bad pattern.
    Result<void> setPatterns(const QList<PiiPattern>& patterns);
    QList<PiiPattern> patterns() const;

    Result<QList<PiiMatch>> detect(QStringView text) const;
    // Detects, then redacts every match with its pattern's method.
    Result<PiiOutcome> process(QStringView text) const;
    // The same; a text with nothing to redact is shared into redactedText rather than copied.
    Result<PiiOutcome> process(const QString& text) const;
    // Redacts one match's text the way the pattern says (used by process() and the live tester).
    QString redactValue(const PiiPattern& pattern, QStringView value) const;

    // The compiled pattern with this id (active or not), for turning matches into detections.
    std::optional<PiiPattern> pattern(const QString& patternId) const;
    // Runs one pattern, saved or not, over a sample text (the live tester). Validators apply;
    // overlaps are not resolved because there is only one pattern.
    Result<QList<PiiMatch>> testPattern(const PiiPattern& pattern, QStringView text) const;

    // Checks a user-supplied pattern: enums, RE2 syntax, program size limit.
    static Result<void> validatePattern(const PiiPattern& pattern);
    // Seed 000's patterns plus Vietnamese phone numbers and the 12-digit citizen ID (CCCD).
    static QList<PiiPattern> defaultPatterns();
    static bool luhnValid(QStringView digits);
    // Validator names a pattern may use: "" (none), luhn, numeric, ssn, cccd, secret, email.
    static QStringList validatorNames();
    // critical 3, high 2, medium 1, low 0; -1 for anything else.
    static int severityRank(QStringView severity);

private:
    struct Compiled;
    Result<PiiOutcome> processText(QStringView text, const QString* shared) const;
    Options m_options;
    std::shared_ptr<const Compiled> snapshot() const;
    mutable std::shared_ptr<const Compiled> m_compiled; // accessed with std::atomic_load/store
};

} // namespace aiops::safety
