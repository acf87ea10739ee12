#pragma once

#include "core/protocol/Error.h"

#include <QString>
#include <QStringView>
#include <optional>

namespace aiops::safety {

class PiiEngine;

// Seed 004 DEBUG_REDACTED_MODE (on by default) as the process's Qt message handler: every log line
// is masked before it reaches stderr or the log file. It masks bearer tokens, token=/password=/api_key=
// style secrets, --token/--password arguments, credentials in URLs, 64-hex enrollment tokens and
// home-directory paths (/home/alice/x -> ~/x), then whatever the PII engine detects. PII is always
// masked here, whatever the pattern's redaction method: a log handler must not write to the token
// vault, and a hash of a low-entropy value is no protection.
//
// Lines are written as "time level category: message", to stderr and optionally appended to a file;
// each line is one write under a lock, so lines from several threads never interleave. The handler
// never logs itself: a message raised while a line is being redacted (by Qt or the engine) gets the
// secret masks only and goes straight to stderr.
//
// The Qt message handler is process-wide, so this class is too: all members are static.
class RedactingLogHandler final
{
public:
    struct Options
    {
        QString logFilePath; // appended, created 0600; empty = no file
        bool writeToStderr = true;
        std::optional<bool> redact; // unset = DEBUG_REDACTED_MODE from the environment
    };

    // Installs the handler with a private engine holding PiiEngine::defaultPatterns().
    // Fails, and installs nothing, when the log file cannot be opened.
    static Result<void> install(const Options& options);
    // Restores the handler that was installed before and closes the log file.
    static void uninstall();
    static bool isInstalled();

    // Which engine finds PII: an engine with the operator's patterns (SafetyService::pii()), or
    // null for the default patterns. The caller keeps a supplied engine alive until it sets another;
    // the swap waits for lines in flight.
    static void setEngine(const PiiEngine* engine);

    static void setRedactionEnabled(bool enabled);
    static bool redactionEnabled();
    // DEBUG_REDACTED_MODE: on unless set to 0, false, no or off (any case).
    static bool redactionEnabledByEnvironment();

    // The transformation applied to each message (tests, the GUI's preview). engine may be null.
    static QString redact(QStringView message, const PiiEngine* engine);
    // Secrets and home paths only, without the PII engine.
    static QString maskSecrets(QStringView message);
};

} // namespace aiops::safety
