#include "core/safety/RedactingLogHandler.h"

#include "core/safety/PiiEngine.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QReadWriteLock>
#include <QRegularExpression>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <optional>

namespace aiops::safety {

namespace {

Q_LOGGING_CATEGORY(lcLog, "aiops.safety.log")

// Longer messages are cut before redaction: the handler's latency stays bounded and the engine's
// own input limit is never reached (which would withhold the whole line).
constexpr qsizetype MaxMessageLength = 256 * 1024;

struct State
{
    QReadWriteLock lock; // engine, file, options; the handler holds it for reading while it works
    QMutex writeMutex; // one line = one write per stream, so threads never interleave
    std::unique_ptr<PiiEngine> defaultEngine;
    const PiiEngine* engine = nullptr;
    std::FILE* file = nullptr;
    bool toStderr = true;
    bool installed = false;
    QtMessageHandler previous = nullptr;
};

// Leaked on purpose: threads may still log while static destructors run at exit.
State& state()
{
    static State* s = new State;
    return *s;
}

std::atomic<bool> g_redact { true };
thread_local bool t_inHandler = false;

struct Rule
{
    QRegularExpression pattern;
    QString replacement;
};

QList<Rule> makeRules()
{
    const auto ci = QRegularExpression::CaseInsensitiveOption;
    // Repetitions are bounded so that no rule can go quadratic on long runs of separators.
    const QString secretKey = QStringLiteral("(?:[a-z0-9]{1,32}[_-]){0,4}"
                                             "(?:token|secret|password|passwd|pwd|api[_-]?key|apikey|"
                                             "private[_-]?key|credentials?)");
    QList<Rule> rules;
    // Authorization: Bearer <token>
    rules.append(
        { QRegularExpression(QStringLiteral("\\b(bearer\\s+\"?)[A-Za-z0-9._~+/-]+=*"), ci), QStringLiteral("\\1***") });
    // scheme://user:password@host
    rules.append({ QRegularExpression(QStringLiteral("\\b([a-z][a-z0-9+.-]{0,31}://[^/\\s:@]{1,256}:)[^/\\s@]+@"), ci),
                   QStringLiteral("\\1***@") });
    // --token abc, --api-key=abc (but not --token-file /path)
    rules.append(
        { QRegularExpression(QStringLiteral("(--(?:[a-z0-9]{1,32}-){0,3}(?:token|password|passwd|secret|api-?key|"
                                            "apikey))(=|\\s+)(?!-)\\S+"),
                             ci),
          QStringLiteral("\\1\\2***") });
    // token=abc, "password": "abc", api_key: abc, ?access_token=abc&...
    rules.append({ QRegularExpression(
                       QStringLiteral("\\b(") + secretKey + QStringLiteral(")(\"?\\s*[:=]\\s*\"?)[^\\s\"'&,;]+"), ci),
                   QStringLiteral("\\1\\2***") });
    // Enrollment tokens and other 256-bit hex secrets.
    rules.append({ QRegularExpression(QStringLiteral("\\b[0-9a-f]{64,}\\b"), ci), QStringLiteral("***") });
    // Home directories name the user: /home/alice/x, /Users/alice/x, C:\Users\alice\x -> ~/x, /root/x -> ~/x.
    rules.append(
        { QRegularExpression(QStringLiteral("(?<![\\w~.])/(?:home|Users)/[^/\\s\"':;,)]+")), QStringLiteral("~") });
    rules.append({ QRegularExpression(QStringLiteral("(?<![\\w~.])/root(?=[/\\s\"':;,)]|$)")), QStringLiteral("~") });
    rules.append(
        { QRegularExpression(QStringLiteral("\\b[a-z]:\\\\Users\\\\[^\\\\\\s\"':;,)]+"), ci), QStringLiteral("~") });
    for (auto& rule : rules)
        rule.pattern.optimize();
    return rules;
}

// A home directory elsewhere (a service account's /var/lib/aiops) is masked too, as whole path
// components only: HOME=/w must not turn "/ws" into "~s".
std::optional<Rule> unusualHomeRule()
{
    const QString home = QDir::cleanPath(QDir::homePath());
    static const QRegularExpression usual(QStringLiteral("^(/home/[^/]+|/Users/[^/]+|/root|/)$"));
    if (home.isEmpty() || usual.match(home).hasMatch())
        return std::nullopt;
    Rule rule { QRegularExpression(QStringLiteral("(?<![\\w~.])") + QRegularExpression::escape(home)
                                   + QStringLiteral("(?=[/\\s\"':;,)]|$)")),
                QStringLiteral("~") };
    rule.pattern.optimize();
    return rule;
}

QByteArray formatLine(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const char* level = "debug";
    switch (type) {
    case QtDebugMsg: level = "debug"; break;
    case QtInfoMsg: level = "info"; break;
    case QtWarningMsg: level = "warning"; break;
    case QtCriticalMsg: level = "critical"; break;
    case QtFatalMsg: level = "fatal"; break;
    }
    QByteArray line = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz")).toUtf8();
    line += ' ';
    line += level;
    line += ' ';
    line += context.category ? context.category : "default";
    line += ": ";
    line += message.toUtf8();
    line += '\n';
    return line;
}

void writeLine(std::FILE* stream, const QByteArray& line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (t_inHandler) {
        // Raised while redacting a line: the engine must not run again and the locks may be held
        // by this thread, so mask what can be masked without them and go straight to stderr.
        const QString text = g_redact.load() ? RedactingLogHandler::maskSecrets(message) : message;
        writeLine(stderr, formatLine(type, context, text));
        return;
    }
    t_inHandler = true;
    struct Reset
    {
        ~Reset() { t_inHandler = false; }
    } reset;

    State& s = state();
    QReadLocker lock(&s.lock);
    QString text = message;
    if (text.size() > MaxMessageLength) {
        text.truncate(MaxMessageLength);
        text += QStringLiteral(" [truncated %1 characters]").arg(message.size() - MaxMessageLength);
    }
    if (g_redact.load())
        text = RedactingLogHandler::redact(text, s.engine ? s.engine : s.defaultEngine.get());
    const QByteArray line = formatLine(type, context, text);
    QMutexLocker writeLock(&s.writeMutex);
    if (s.toStderr)
        writeLine(stderr, line);
    if (s.file)
        writeLine(s.file, line);
}

void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    // A logging call must never bring the process down (std::bad_alloc on a huge line, ...).
    try {
        handleMessage(type, context, message);
    } catch (...) {
        static const char dropped[] = "log line dropped: the redacting log handler failed\n";
        std::fwrite(dropped, 1, sizeof dropped - 1, stderr);
    }
}

} // namespace

Result<void> RedactingLogHandler::install(const Options& options)
{
    State& s = state();
    std::FILE* file = nullptr;
    if (!options.logFilePath.isEmpty()) {
        const QFileInfo info(options.logFilePath);
        if (!QDir().mkpath(info.absolutePath()))
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("Cannot create the log directory %1").arg(info.absolutePath()));
        file = std::fopen(QFile::encodeName(info.absoluteFilePath()).constData(), "a");
        if (!file)
            return makeError(ErrorCode::StoreError,
                             QStringLiteral("Cannot open the log file %1").arg(info.absoluteFilePath()));
        // Redacted or not, a log is nobody else's business.
        QFile::setPermissions(info.absoluteFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    std::unique_ptr<PiiEngine> engine;
    {
        QReadLocker lock(&s.lock);
        if (!s.defaultEngine) {
            engine = std::make_unique<PiiEngine>(PiiEngine::Options {});
            if (auto compiled = engine->setPatterns(PiiEngine::defaultPatterns()); !compiled) {
                if (file)
                    std::fclose(file);
                return std::unexpected(compiled.error());
            }
        }
    }

    {
        QWriteLocker lock(&s.lock);
        if (engine)
            s.defaultEngine = std::move(engine);
        if (s.file)
            std::fclose(s.file);
        s.file = file;
        s.toStderr = options.writeToStderr;
    }
    g_redact = options.redact.value_or(redactionEnabledByEnvironment());
    if (!s.installed) {
        s.previous = qInstallMessageHandler(messageHandler);
        s.installed = true;
    }
    if (!g_redact.load())
        qCWarning(lcLog) << "DEBUG_REDACTED_MODE is off: log lines are written without redaction";
    return {};
}

void RedactingLogHandler::uninstall()
{
    State& s = state();
    if (!s.installed)
        return;
    qInstallMessageHandler(s.previous);
    QWriteLocker lock(&s.lock);
    s.installed = false;
    s.previous = nullptr;
    s.engine = nullptr;
    if (s.file)
        std::fclose(s.file);
    s.file = nullptr;
}

bool RedactingLogHandler::isInstalled()
{
    QReadLocker lock(&state().lock);
    return state().installed;
}

void RedactingLogHandler::setEngine(const PiiEngine* engine)
{
    QWriteLocker lock(&state().lock);
    state().engine = engine;
}

void RedactingLogHandler::setRedactionEnabled(bool enabled)
{
    if (g_redact.exchange(enabled) == enabled)
        return;
    if (!enabled)
        qCWarning(lcLog) << "DEBUG_REDACTED_MODE is off: log lines are written without redaction";
}

bool RedactingLogHandler::redactionEnabled()
{
    return g_redact.load();
}

bool RedactingLogHandler::redactionEnabledByEnvironment()
{
    const QString value = qEnvironmentVariable("DEBUG_REDACTED_MODE").trimmed().toLower();
    return value != u"0" && value != u"false" && value != u"no" && value != u"off";
}

QString RedactingLogHandler::maskSecrets(QStringView message)
{
    static const QList<Rule> rules = makeRules();
    static const std::optional<Rule> home = unusualHomeRule();
    QString text = message.toString();
    for (const Rule& rule : rules)
        text.replace(rule.pattern, rule.replacement);
    if (home)
        text.replace(home->pattern, home->replacement);
    return text;
}

QString RedactingLogHandler::redact(QStringView message, const PiiEngine* engine)
{
    QString text = maskSecrets(message);
    if (!engine)
        return text;
    const auto matches = engine->detect(text);
    if (!matches)
        // Fail closed: a line the engine could not scan may hold anything.
        return QStringLiteral("[log line withheld: %1]").arg(matches.error().codeName());
    // Masks keep the length, so spans never shift and overlapping spans need no special care.
    for (const PiiMatch& match : *matches) {
        const qsizetype start = std::clamp<qsizetype>(match.start, 0, text.size());
        const qsizetype end = std::clamp<qsizetype>(match.end, start, text.size());
        for (qsizetype i = start; i < end; ++i)
            text[i] = u'*';
    }
    return text;
}

} // namespace aiops::safety
