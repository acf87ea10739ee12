#include "core/iam/IamService.h"

#include "core/iam/IamStore.h"
#include "core/iam/Jwt.h"
#include "core/iam/PasswordHasher.h"
#include "core/iam/Permissions.h"
#include "core/iam/SecretStore.h"
#include "core/store/Database.h"
#include "core/store/StoreWorker.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <type_traits>

namespace aiops::iam {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcIam, "aiops.iam")

const QString kHmacSecretName = u"jwt-hmac-secret"_s;
const QString kDefaultOrgId = u"default"_s;
const QString kUniverseOwner = u"universe.owner"_s;
constexpr QByteArrayView kApiKeyPrefix = "aiops_sk_";
constexpr QByteArrayView kNodeCredentialPrefix = "aiops_nc_";
constexpr QByteArrayView kEnrollmentPrefix = "aiops_et_";
constexpr qint64 kMaintenanceIntervalMs = 3600 * 1000;

QString newId(QStringView prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128);
}

std::unexpected<Error> retryError(ErrorCode code, const QString& message, qint64 retryAfterMs)
{
    Error error { code, message, {} };
    error.retryAfterSeconds = static_cast<int>(std::max<qint64>(1, (retryAfterMs + 999) / 1000));
    return std::unexpected<Error>(std::move(error));
}

std::unexpected<Error> wrongType(const QString& field, const char* expected)
{
    return makeError(ErrorCode::InvalidFieldType, u"%1 must be %2"_s.arg(field, QLatin1StringView(expected)), field);
}

// True when the compact JWS names HS256 in its header: a token this service minted. Only asked
// after the verifier accepted the token, so the header is known to be well formed.
bool isLocallySigned(QByteArrayView token)
{
    const qsizetype dot = token.indexOf('.');
    if (dot <= 0)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(token.first(dot).toByteArray(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return false;
    return QJsonDocument::fromJson(*decoded).object().value(u"alg"_s).toString() == u"HS256";
}

bool isActiveUser(const UserRecord& r)
{
    return !r.isDeleted && !r.user.disabled;
}

bool isActiveUniverseOwner(const UserRecord& r)
{
    return isActiveUser(r) && r.user.roles.contains(kUniverseOwner);
}

Result<void> validateUsername(const QString& username)
{
    if (username.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"a username is required"_s, u"username"_s);
    if (username.size() > 64)
        return makeError(ErrorCode::InvalidValue, u"a username has at most 64 characters"_s, u"username"_s);
    const bool ok = std::all_of(username.cbegin(), username.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-' || c == u'@';
    });
    if (!ok) {
        return makeError(ErrorCode::InvalidValue,
                         u"a username may only hold letters, digits, '.', '_', '-' and '@'"_s,
                         u"username"_s);
    }
    return {};
}

Result<void> validatePassword(const QString& password)
{
    if (password.size() < 8)
        return makeError(ErrorCode::InvalidValue, u"a password needs at least 8 characters"_s, u"password"_s);
    if (password.size() > 1024)
        return makeError(ErrorCode::InvalidValue, u"a password has at most 1024 characters"_s, u"password"_s);
    return {};
}

Result<QStringList> validateRoles(const QStringList& roles)
{
    if (roles.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"a user needs at least one role"_s, u"roles"_s);
    QStringList out;
    for (qsizetype i = 0; i < roles.size(); ++i) {
        if (!roleFromName(roles[i])) {
            return makeError(
                ErrorCode::InvalidValue, u"%1 is not a role"_s.arg(roles[i].left(64)), u"roles[%1]"_s.arg(i));
        }
        if (!out.contains(roles[i]))
            out.append(roles[i]);
    }
    return out;
}

Result<void> validateEmail(const QString& email)
{
    if (email.isEmpty())
        return {};
    const qsizetype at = email.indexOf(u'@');
    if (email.size() > 254 || at <= 0 || at == email.size() - 1 || email.contains(u' '))
        return makeError(ErrorCode::InvalidValue, u"email is not an e-mail address"_s, u"email"_s);
    return {};
}

Result<void> validateDisplayName(const QString& name)
{
    if (name.size() > 200)
        return makeError(ErrorCode::InvalidValue, u"displayName has at most 200 characters"_s, u"displayName"_s);
    return {};
}

bool validNodeId(const QString& id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'_' || c == u'.';
    });
}

// Audit details are free-form; a caller that hands over a secret by mistake does not get it stored.
QJsonObject scrubbed(QJsonObject details)
{
    static const QStringList secretKeys { u"password"_s, u"newPassword"_s, u"secret"_s,
                                          u"token"_s,    u"accessToken"_s, u"refreshToken"_s,
                                          u"apiKey"_s,   u"credential"_s,  u"authorization"_s };
    for (auto it = details.begin(); it != details.end(); ++it) {
        if (secretKeys.contains(it.key(), Qt::CaseInsensitive))
            it.value() = u"[redacted]"_s;
    }
    return details;
}

struct ApiKeyState
{
    ApiKeyRecord record;
    double bucket = 0; // tokens left in the rate-limit bucket
    qint64 bucketAtMs = 0; // when the bucket was last refilled
    bool dirty = false; // usage not yet written
};

} // namespace

class IamService::Impl
{
public:
    explicit Impl(IamService* q)
        : q(q)
    {
    }

    IamService* q;
    Options options;
    std::unique_ptr<PasswordHasher> hasher;
    std::unique_ptr<JwtSigner> signer;
    std::unique_ptr<JwtVerifier> verifier;
    std::atomic<int> retentionDays { 365 };

    std::once_flag dummyHashOnce;
    QByteArray dummyHash; // verified against for unknown usernames, so both failures take as long

    std::mutex editMutex; // one user/org/enrollment edit at a time: validate + persist + swap

    // In-memory state, authoritative for authentication; guarded by `mutex`.
    mutable std::mutex mutex;
    QList<Organization> orgs;
    QHash<QString, UserRecord> users; // by userId, soft-deleted ones included
    QHash<QString, ApiKeyState> keys; // by keyId
    QHash<QByteArray, QString> keyBySha; // active keys only
    QHash<QString, NodeCredentialRecord> creds; // by credentialId
    QHash<QByteArray, QString> credBySha; // active credentials only
    QSet<QString> credsDirty;
    QHash<QByteArray, EnrollmentRecord> enrollments; // unused tokens by sha256
    QHash<QString, QList<qint64>> loginFailures; // ip -> failure times (ms)
    qint64 lastMaintenanceMs = 0;

    std::mutex auditMutex;
    QList<AuditEvent> pendingAudit;

    store::StoreWorker worker { u"aiops-iam-store"_s };
    // Worker-thread only.
    std::unique_ptr<store::Database> db;
    std::unique_ptr<IamStore> store;

    qint64 nowMs() const { return options.clock ? options.clock() : QDateTime::currentMSecsSinceEpoch(); }
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    Result<void> openOnWorker();
    Result<TokenPair> mintTokens(const User& user, const QString& family, const QString& parent);
    std::optional<UserRecord> activeUser(const QString& userId) const;
    std::optional<UserRecord> userByName(const QString& username) const;
    int activeUniverseOwners() const;
    const QByteArray& placeholderHash();
    void drainAudit();
    void flushUsage();
    void maintenance();
    void auditAuth(const QString& action,
                   const QString& outcome,
                   const QString& actorId,
                   const QString& actorName,
                   const QString& ip,
                   const QString& reason,
                   const QString& risk);
};

Result<void> IamService::Impl::openOnWorker()
{
    auto opened = store::Database::openSqlite(options.databasePath);
    if (!opened)
        return std::unexpected(opened.error());
    db = std::move(*opened);
    store = std::make_unique<IamStore>(*db);

    auto loadedOrgs = store->organizations();
    if (!loadedOrgs)
        return std::unexpected(loadedOrgs.error());
    const bool hasDefault = std::any_of(
        loadedOrgs->cbegin(), loadedOrgs->cend(), [](const Organization& o) { return o.orgId == kDefaultOrgId; });
    if (!hasDefault) {
        const Organization def { kDefaultOrgId, kDefaultOrgId, now() };
        if (auto ok = store->insertOrganization(def); !ok)
            return ok;
        loadedOrgs->prepend(def);
    }

    auto loadedUsers = store->users();
    if (!loadedUsers)
        return std::unexpected(loadedUsers.error());
    auto loadedKeys = store->apiKeys();
    if (!loadedKeys)
        return std::unexpected(loadedKeys.error());
    auto loadedCreds = store->nodeCredentials();
    if (!loadedCreds)
        return std::unexpected(loadedCreds.error());
    auto loadedEnrollments = store->unusedEnrollmentTokens(now());
    if (!loadedEnrollments)
        return std::unexpected(loadedEnrollments.error());

    const qint64 at = nowMs();
    std::lock_guard lock(mutex);
    orgs = *loadedOrgs;
    for (const UserRecord& r : std::as_const(*loadedUsers))
        users.insert(r.user.userId, r);
    for (const ApiKeyRecord& r : std::as_const(*loadedKeys)) {
        ApiKeyState state;
        state.record = r;
        state.bucket = r.key.burst;
        state.bucketAtMs = at;
        keys.insert(r.key.keyId, state);
        if (!r.key.revoked)
            keyBySha.insert(r.secretSha256, r.key.keyId);
    }
    for (const NodeCredentialRecord& r : std::as_const(*loadedCreds)) {
        creds.insert(r.credential.credentialId, r);
        if (!r.credential.revoked)
            credBySha.insert(r.secretSha256, r.credential.credentialId);
    }
    for (const EnrollmentRecord& r : std::as_const(*loadedEnrollments))
        enrollments.insert(r.tokenSha256, r);
    lastMaintenanceMs = at;
    return {};
}

Result<TokenPair> IamService::Impl::mintTokens(const User& user, const QString& family, const QString& parent)
{
    const qint64 nowSeconds = nowMs() / 1000;
    JwtClaims access;
    access.sub = user.userId;
    access.orgId = user.orgId;
    access.roles = user.roles;
    access.iat = nowSeconds;
    access.exp = nowSeconds + options.accessTtlSeconds;
    access.aud = options.audience;
    access.iss = options.issuer;
    access.jti = QUuid::createUuid().toString(QUuid::WithoutBraces);
    access.typ = u"access"_s;

    JwtClaims refresh = access;
    refresh.exp = nowSeconds + options.refreshTtlSeconds;
    refresh.jti = QUuid::createUuid().toString(QUuid::WithoutBraces);
    refresh.typ = u"refresh"_s;
    refresh.family = family;

    RefreshTokenRecord record;
    record.jti = refresh.jti;
    record.family = family;
    record.userId = user.userId;
    record.parent = parent;
    record.issuedAt = QDateTime::fromSecsSinceEpoch(refresh.iat, Qt::UTC);
    record.expiresAt = QDateTime::fromSecsSinceEpoch(refresh.exp, Qt::UTC);
    if (auto stored = worker.call([&] { return store->insertRefreshToken(record); }); !stored)
        return std::unexpected(stored.error());

    TokenPair pair;
    pair.accessToken = QString::fromLatin1(signer->sign(access));
    pair.refreshToken = QString::fromLatin1(signer->sign(refresh));
    pair.accessExpiresAt = access.exp;
    pair.refreshExpiresAt = refresh.exp;
    return pair;
}

std::optional<UserRecord> IamService::Impl::activeUser(const QString& userId) const
{
    std::lock_guard lock(mutex);
    const auto it = users.constFind(userId);
    if (it == users.cend() || !isActiveUser(*it))
        return std::nullopt;
    return *it;
}

std::optional<UserRecord> IamService::Impl::userByName(const QString& username) const
{
    std::lock_guard lock(mutex);
    for (const UserRecord& r : users) {
        if (!r.isDeleted && r.user.username.compare(username, Qt::CaseInsensitive) == 0)
            return r;
    }
    return std::nullopt;
}

int IamService::Impl::activeUniverseOwners() const
{
    return static_cast<int>(std::count_if(users.cbegin(), users.cend(), isActiveUniverseOwner));
}

const QByteArray& IamService::Impl::placeholderHash()
{
    std::call_once(dummyHashOnce,
                   [this] { dummyHash = hasher->hash(QString::fromLatin1(randomToken(16))).value_or(QByteArray()); });
    return dummyHash;
}

void IamService::Impl::drainAudit()
{
    QList<AuditEvent> batch;
    {
        std::lock_guard lock(auditMutex);
        batch.swap(pendingAudit);
    }
    if (batch.isEmpty() || !store)
        return;
    if (auto ok = store->insertAuditEvents(batch); !ok) {
        qCWarning(lcIam) << "cannot store" << batch.size() << "audit events:" << ok.error().message;
        return;
    }
    for (const AuditEvent& e : std::as_const(batch))
        Q_EMIT q->auditLogged(e);
}

void IamService::Impl::flushUsage()
{
    if (!store)
        return;
    QList<ApiKeyRecord> keyUsage;
    QList<NodeCredential> credUsage;
    {
        std::lock_guard lock(mutex);
        for (ApiKeyState& s : keys) {
            if (s.dirty) {
                keyUsage.append(s.record);
                s.dirty = false;
            }
        }
        for (const QString& id : std::as_const(credsDirty)) {
            if (const auto it = creds.constFind(id); it != creds.cend())
                credUsage.append(it->credential);
        }
        credsDirty.clear();
    }
    if (auto ok = store->saveApiKeyUsage(keyUsage); !ok)
        qCWarning(lcIam) << "cannot save API key usage:" << ok.error().message;
    if (auto ok = store->saveNodeCredentialUsage(credUsage); !ok)
        qCWarning(lcIam) << "cannot save node credential usage:" << ok.error().message;
}

void IamService::Impl::maintenance()
{
    drainAudit();
    flushUsage();
    const qint64 at = nowMs();
    {
        std::lock_guard lock(mutex);
        if (at - lastMaintenanceMs < kMaintenanceIntervalMs)
            return;
        lastMaintenanceMs = at;
    }
    const int days = retentionDays.load();
    if (days > 0) {
        if (auto removed = store->purgeAuditBefore(now().addDays(-days)); !removed)
            qCWarning(lcIam) << "audit retention failed:" << removed.error().message;
    }
    // A refresh token past its expiry cannot be presented any more; a day of margin keeps reuse
    // detection for clocks that disagree a little.
    if (auto purged = store->purgeRefreshTokensExpiredBefore(now().addDays(-1)); !purged)
        qCWarning(lcIam) << "refresh token purge failed:" << purged.error().message;
}

void IamService::Impl::auditAuth(const QString& action,
                                 const QString& outcome,
                                 const QString& actorId,
                                 const QString& actorName,
                                 const QString& ip,
                                 const QString& reason,
                                 const QString& risk)
{
    AuditEvent e;
    e.eventType = u"auth"_s;
    e.actorType = u"user"_s;
    e.actorId = actorId;
    e.actorName = actorName;
    e.actorIp = ip;
    e.resourceType = u"endpoint"_s;
    e.resourcePath = action == u"login" ? u"/auth/login"_s : u"/auth/refresh"_s;
    if (action == u"logout")
        e.resourcePath = u"/auth/logout"_s;
    e.action = action;
    e.outcome = outcome;
    if (!reason.isEmpty())
        e.details.insert(u"reason"_s, reason);
    e.riskLevel = risk;
    q->audit(std::move(e));
}

// ---- lifecycle -------------------------------------------------------------------------------

IamService::IamService(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this))
{
}

IamService::~IamService()
{
    // Queued audit events and usage counters are written, then the connection closes on the
    // thread that opened it.
    d->worker.call([this] {
        d->drainAudit();
        d->flushUsage();
        d->store.reset();
        d->db.reset();
    });
}

Result<std::unique_ptr<IamService>> IamService::create(Options options, QObject* parent)
{
    if (options.databasePath.isEmpty())
        return makeError(ErrorCode::MissingField, u"the IAM service needs a database path"_s, u"databasePath"_s);
    if (!options.secrets) {
        return makeError(ErrorCode::InvalidValue,
                         u"the IAM service needs a secret store for its token signing key (jwt-hmac-secret)"_s,
                         u"secrets"_s);
    }

    QByteArray hmacSecret;
    if (auto stored = options.secrets->read(kHmacSecretName)) {
        hmacSecret = *stored;
    } else if (stored.error().code == ErrorCode::NotFound) {
        hmacSecret = randomToken(32);
        if (auto written = options.secrets->write(kHmacSecretName, hmacSecret); !written) {
            return makeError(written.error().code,
                             u"cannot store the token signing key in the %1 secret store: %2"_s.arg(
                                 options.secrets->backendName(), written.error().message));
        }
        qCInfo(lcIam) << "generated a new token signing key in the" << options.secrets->backendName() << "secret store";
    } else {
        return makeError(stored.error().code,
                         u"cannot read the token signing key from the %1 secret store: %2"_s.arg(
                             options.secrets->backendName(), stored.error().message));
    }
    if (hmacSecret.size() < 32) {
        return makeError(ErrorCode::InvalidValue,
                         u"the stored token signing key (jwt-hmac-secret) is shorter than 32 bytes"_s,
                         u"secrets"_s);
    }

    std::shared_ptr<const Jwks> jwks;
    if (!options.jwksPath.isEmpty()) {
        auto loaded = Jwks::loadFile(options.jwksPath);
        if (!loaded)
            return std::unexpected(loaded.error());
        jwks = std::make_shared<const Jwks>(std::move(*loaded));
    }

    std::unique_ptr<IamService> service(new IamService(parent));
    Impl& d = *service->d;
    d.options = std::move(options);
    d.retentionDays = d.options.auditRetentionDays;
    d.hasher = std::make_unique<PasswordHasher>(d.options.fastPasswordHashing ? PasswordHasher::Strength::Minimum
                                                                              : PasswordHasher::Strength::Interactive);
    d.signer = std::make_unique<JwtSigner>(hmacSecret);
    JwtVerifier::Options verifierOptions;
    verifierOptions.hmacSecret = hmacSecret;
    verifierOptions.jwks = jwks;
    verifierOptions.audience = d.options.audience;
    verifierOptions.leewaySeconds = d.options.leewaySeconds;
    d.verifier = std::make_unique<JwtVerifier>(verifierOptions);

    if (auto opened = d.worker.call([&d] { return d.openOnWorker(); }); !opened)
        return std::unexpected(opened.error());
    d.worker.setPeriodic(std::chrono::milliseconds(std::max(100, d.options.usageFlushIntervalMs)),
                         [&d] { d.maintenance(); });
    return service;
}

// ---- bootstrap -------------------------------------------------------------------------------

Result<User> IamService::ensureOwner(const QString& username, const QString& password)
{
    {
        std::lock_guard lock(d->mutex);
        const UserRecord* owner = nullptr;
        bool anyUser = false;
        for (const UserRecord& r : std::as_const(d->users)) {
            if (r.isDeleted)
                continue;
            anyUser = true;
            if (isActiveUniverseOwner(r) && (!owner || r.user.username.compare(username, Qt::CaseInsensitive) == 0))
                owner = &r;
        }
        if (owner)
            return owner->user;
        if (anyUser)
            return makeError(ErrorCode::NotFound, u"users exist but none is an active universe.owner"_s);
    }
    NewUser owner;
    owner.username = username;
    owner.password = password;
    owner.displayName = u"Owner"_s;
    owner.orgId = kDefaultOrgId;
    owner.roles = { kUniverseOwner };
    return createUser(owner);
}

// ---- authentication --------------------------------------------------------------------------

Result<TokenPair> IamService::login(const QString& username, const QString& password, const QString& ip)
{
    const qint64 windowMs = qint64(d->options.loginWindowSeconds) * 1000;
    const qint64 now = d->nowMs();
    {
        std::lock_guard lock(d->mutex);
        auto it = d->loginFailures.find(ip);
        if (it != d->loginFailures.end()) {
            it->removeIf([&](qint64 t) { return t <= now - windowMs; });
            if (it->isEmpty()) {
                d->loginFailures.erase(it);
            } else if (it->size() >= d->options.loginMaxFailures) {
                const qint64 retryMs = it->first() + windowMs - now;
                d->auditAuth(u"login"_s,
                             u"denied"_s,
                             {},
                             username.left(64),
                             ip,
                             u"too many failed logins from this address"_s,
                             u"high"_s);
                return retryError(
                    ErrorCode::RateLimited, u"too many failed logins from this address; try again later"_s, retryMs);
            }
        }
    }

    const std::optional<UserRecord> found = d->userByName(username);
    // An unknown name costs one hash verification too, so timing does not tell names apart.
    bool passwordOk = false;
    if (found)
        passwordOk = d->hasher->verify(found->passwordHash, password);
    else
        (void)d->hasher->verify(d->placeholderHash(), password);
    if (!passwordOk || found->user.disabled) {
        if (!passwordOk) {
            std::lock_guard lock(d->mutex);
            d->loginFailures[ip].append(now);
        }
        const QString reason = passwordOk ? u"account disabled"_s : u"invalid username or password"_s;
        d->auditAuth(u"login"_s,
                     u"failure"_s,
                     found ? found->user.userId : QString(),
                     username.left(64),
                     ip,
                     reason,
                     u"medium"_s);
        if (passwordOk)
            return makeError(ErrorCode::Unauthorized, u"this account is disabled"_s);
        return makeError(ErrorCode::Unauthorized, u"invalid username or password"_s);
    }

    UserRecord record = *found;
    {
        std::lock_guard lock(d->mutex);
        d->loginFailures.remove(ip);
    }
    auto pair = d->mintTokens(record.user, QUuid::createUuid().toString(QUuid::WithoutBraces), {});
    if (!pair)
        return pair;

    // Last login (and a stronger hash when the stored one is weaker) are written behind.
    record.user.lastLoginAt = d->now();
    if (d->hasher->needsRehash(record.passwordHash)) {
        if (auto rehashed = d->hasher->hash(password))
            record.passwordHash = *rehashed;
    }
    {
        std::lock_guard lock(d->mutex);
        if (auto it = d->users.find(record.user.userId); it != d->users.end() && !it->isDeleted) {
            it->user.lastLoginAt = record.user.lastLoginAt;
            it->passwordHash = record.passwordHash;
            record = *it;
        }
    }
    d->worker.post([impl = d.get(), record] {
        if (auto ok = impl->store->updateUser(record); !ok)
            qCWarning(lcIam) << "cannot record the last login of" << record.user.userId << ok.error().message;
    });
    d->auditAuth(u"login"_s, u"success"_s, record.user.userId, record.user.username, ip, {}, u"low"_s);
    return pair;
}

Result<TokenPair> IamService::refresh(const QString& refreshToken, const QString& ip)
{
    const QByteArray token = refreshToken.toLatin1();
    auto claims = d->verifier->verify(token, d->nowMs() / 1000);
    if (!claims)
        return std::unexpected(claims.error());
    if (claims->typ != u"refresh" || !isLocallySigned(token) || claims->family.isEmpty())
        return makeError(ErrorCode::Unauthorized, u"not a refresh token of this controller"_s);

    bool reuse = false;
    auto pair = d->worker.call([&]() -> Result<TokenPair> {
        auto record = d->store->refreshToken(claims->jti);
        if (!record)
            return std::unexpected(record.error());
        if (!*record || (*record)->userId != claims->sub)
            return makeError(ErrorCode::Unauthorized, u"unknown refresh token"_s);
        const RefreshTokenRecord& r = **record;
        if (r.revokedAt.isValid() && !r.usedAt.isValid()) {
            // Logged out, or a younger member of a family revoked for reuse: nothing new to revoke.
            return makeError(ErrorCode::Unauthorized, u"the refresh token was revoked"_s);
        }
        // Spent already (or spent by a concurrent call a moment ago): someone holds a copy.
        auto spent = r.usedAt.isValid() ? Result<bool>(false) : d->store->markRefreshTokenUsed(r.jti, d->now());
        if (!spent)
            return std::unexpected(spent.error());
        if (!*spent) {
            reuse = true;
            if (auto revoked = d->store->revokeRefreshFamily(r.family, d->now()); !revoked)
                return std::unexpected(revoked.error());
            return makeError(ErrorCode::Unauthorized, u"refresh token reuse detected"_s);
        }
        const std::optional<UserRecord> user = d->activeUser(r.userId);
        if (!user) {
            (void)d->store->revokeRefreshFamily(r.family, d->now());
            return makeError(ErrorCode::Unauthorized, u"the account is disabled or deleted"_s);
        }
        return d->mintTokens(user->user, r.family, r.jti);
    });
    if (reuse) {
        qCWarning(lcIam) << "refresh token reuse detected for user" << claims->sub << "- token family revoked";
        d->auditAuth(u"refresh"_s,
                     u"denied"_s,
                     claims->sub,
                     {},
                     ip,
                     u"refresh token reuse detected; the token family was revoked"_s,
                     u"high"_s);
    }
    return pair;
}

Result<void> IamService::logout(const QString& refreshToken)
{
    const QByteArray token = refreshToken.toLatin1();
    auto claims = d->verifier->verify(token, d->nowMs() / 1000);
    if (!claims)
        return std::unexpected(claims.error());
    if (claims->typ != u"refresh" || !isLocallySigned(token) || claims->family.isEmpty())
        return makeError(ErrorCode::Unauthorized, u"not a refresh token of this controller"_s);
    auto revoked = d->worker.call([&]() -> Result<void> {
        auto record = d->store->refreshToken(claims->jti);
        if (!record)
            return std::unexpected(record.error());
        if (!*record || (*record)->userId != claims->sub)
            return makeError(ErrorCode::Unauthorized, u"unknown refresh token"_s);
        if (auto ok = d->store->revokeRefreshFamily((*record)->family, d->now()); !ok)
            return std::unexpected(ok.error());
        return {};
    });
    if (!revoked)
        return revoked;
    d->auditAuth(u"logout"_s, u"success"_s, claims->sub, {}, {}, {}, u"low"_s);
    return {};
}

Result<Principal> IamService::authenticateBearer(QByteArrayView credential) const
{
    if (credential.startsWith(kApiKeyPrefix)) {
        const QByteArray sha = sha256Hex(credential);
        std::lock_guard lock(d->mutex);
        const auto id = d->keyBySha.constFind(sha);
        if (id == d->keyBySha.cend())
            return makeError(ErrorCode::Unauthorized, u"unknown or revoked API key"_s);
        const ApiKey& key = d->keys.value(*id).record.key;
        Principal p;
        if (const auto owner = d->users.constFind(key.ownerUserId); owner != d->users.cend()) {
            if (!isActiveUser(*owner))
                return makeError(ErrorCode::Unauthorized, u"the API key's owner is disabled or deleted"_s);
            p.roles = owner->user.roles;
        }
        p.subject = key.keyId;
        p.kind = PrincipalKind::ApiKey;
        p.orgId = key.orgId;
        p.tokenId = key.keyId;
        p.displayName = key.name;
        p.models = key.models;
        return p;
    }
    // A node credential authenticates a daemon on REST too (the storage route); authorize() keeps
    // it away from everything else. Enrollment tokens are spent on the node gateway only.
    if (credential.startsWith(kNodeCredentialPrefix))
        return authenticateNode(credential);
    if (credential.startsWith(kEnrollmentPrefix))
        return makeError(ErrorCode::Unauthorized, u"enrollment tokens are only accepted on the node gateway"_s);

    auto claims = d->verifier->verify(credential, d->nowMs() / 1000);
    if (!claims)
        return std::unexpected(claims.error());
    if (claims->typ == u"refresh")
        return makeError(ErrorCode::Unauthorized, u"a refresh token is not an access token"_s);

    Principal p;
    p.kind = PrincipalKind::User;
    p.subject = claims->sub;
    p.tokenId = claims->jti;
    if (isLocallySigned(credential)) {
        if (claims->typ != u"access")
            return makeError(ErrorCode::Unauthorized, u"not an access token"_s);
        const std::optional<UserRecord> user = d->activeUser(claims->sub);
        if (!user)
            return makeError(ErrorCode::Unauthorized, u"the account is disabled or deleted"_s);
        // Current roles, not the token's: a demotion takes effect at once.
        p.roles = user->user.roles;
        p.orgId = user->user.orgId;
        p.displayName = user->user.username;
        return p;
    }
    // An external IAM's token (RS256/ES256 via the JWKS): its roles claim is all there is.
    for (const QString& role : std::as_const(claims->roles)) {
        if (roleFromName(role))
            p.roles.append(role);
    }
    if (p.roles.isEmpty())
        return makeError(ErrorCode::Unauthorized, u"the token carries no known role"_s);
    p.orgId = claims->orgId.isEmpty() ? kDefaultOrgId : claims->orgId;
    p.displayName = claims->sub;
    return p;
}

Result<Principal> IamService::authenticateNode(QByteArrayView credential) const
{
    if (credential.startsWith(kNodeCredentialPrefix)) {
        const QByteArray sha = sha256Hex(credential);
        std::lock_guard lock(d->mutex);
        const auto id = d->credBySha.constFind(sha);
        if (id == d->credBySha.cend())
            return makeError(ErrorCode::Unauthorized, u"unknown or revoked node credential"_s);
        NodeCredentialRecord& r = d->creds[*id];
        r.credential.lastUsedAt = d->now();
        d->credsDirty.insert(*id);
        Principal p;
        p.subject = r.credential.nodeId;
        p.kind = PrincipalKind::Node;
        p.orgId = r.credential.orgId;
        p.tokenId = r.credential.credentialId;
        p.displayName = r.credential.nodeName;
        return p;
    }
    if (credential.startsWith(kEnrollmentPrefix)) {
        const QByteArray sha = sha256Hex(credential);
        std::lock_guard lock(d->mutex);
        const auto it = d->enrollments.constFind(sha);
        if (it == d->enrollments.cend() || it->usedAt.isValid())
            return makeError(ErrorCode::Unauthorized, u"unknown or already used enrollment token"_s);
        if (it->expiresAt.toMSecsSinceEpoch() <= d->nowMs())
            return makeError(ErrorCode::Unauthorized, u"the enrollment token has expired"_s);
        Principal p;
        p.subject = u"enrollment"_s;
        p.kind = PrincipalKind::Enrollment;
        p.orgId = it->orgId;
        p.tokenId = it->tokenId;
        p.displayName = u"enrollment"_s;
        return p;
    }
    return makeError(ErrorCode::Unauthorized, u"a node credential or an enrollment token is required"_s);
}

Result<TokenPair> IamService::issueTokens(const QString& userId)
{
    const std::optional<UserRecord> user = d->activeUser(userId);
    if (!user)
        return makeError(ErrorCode::Unauthorized, u"no active user %1"_s.arg(userId.left(64)));
    return d->mintTokens(user->user, QUuid::createUuid().toString(QUuid::WithoutBraces), {});
}

// ---- users and organizations -----------------------------------------------------------------

QList<Organization> IamService::organizations() const
{
    std::lock_guard lock(d->mutex);
    return d->orgs;
}

Result<Organization> IamService::createOrganization(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 100)
        return makeError(ErrorCode::InvalidValue, u"an organization name has 1 to 100 characters"_s, u"name"_s);
    std::unique_lock edit(d->editMutex);
    {
        std::lock_guard lock(d->mutex);
        for (const Organization& o : std::as_const(d->orgs)) {
            if (o.name.compare(trimmed, Qt::CaseInsensitive) == 0)
                return makeError(ErrorCode::Conflict, u"organization %1 exists"_s.arg(trimmed), u"name"_s);
        }
    }
    const Organization org { newId(u"org-"), trimmed, d->now() };
    if (auto ok = d->worker.call([&] { return d->store->insertOrganization(org); }); !ok)
        return std::unexpected(ok.error());
    std::lock_guard lock(d->mutex);
    d->orgs.append(org);
    return org;
}

QList<User> IamService::users() const
{
    QList<User> out;
    {
        std::lock_guard lock(d->mutex);
        for (const UserRecord& r : std::as_const(d->users)) {
            if (!r.isDeleted)
                out.append(r.user);
        }
    }
    std::sort(out.begin(), out.end(), [](const User& a, const User& b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.username < b.username;
    });
    return out;
}

Result<User> IamService::user(const QString& userId) const
{
    std::lock_guard lock(d->mutex);
    const auto it = d->users.constFind(userId);
    if (it == d->users.cend() || it->isDeleted)
        return makeError(ErrorCode::NotFound, u"no user %1"_s.arg(userId.left(64)), u"userId"_s);
    return it->user;
}

Result<User> IamService::createUser(const NewUser& newUser)
{
    UserRecord record;
    record.user.username = newUser.username.trimmed();
    record.user.email = newUser.email.trimmed();
    record.user.displayName = newUser.displayName.trimmed();
    record.user.orgId = newUser.orgId.isEmpty() ? kDefaultOrgId : newUser.orgId;
    if (auto ok = validateUsername(record.user.username); !ok)
        return std::unexpected(ok.error());
    if (auto ok = validatePassword(newUser.password); !ok)
        return std::unexpected(ok.error());
    auto roles = validateRoles(newUser.roles);
    if (!roles)
        return std::unexpected(roles.error());
    record.user.roles = *roles;
    if (auto ok = validateEmail(record.user.email); !ok)
        return std::unexpected(ok.error());
    if (auto ok = validateDisplayName(record.user.displayName); !ok)
        return std::unexpected(ok.error());

    std::unique_lock edit(d->editMutex);
    {
        std::lock_guard lock(d->mutex);
        if (std::none_of(d->orgs.cbegin(), d->orgs.cend(), [&](const Organization& o) {
                return o.orgId == record.user.orgId;
            })) {
            return makeError(
                ErrorCode::InvalidValue, u"no organization %1"_s.arg(record.user.orgId.left(64)), u"orgId"_s);
        }
        for (const UserRecord& r : std::as_const(d->users)) {
            if (!r.isDeleted && r.user.username.compare(record.user.username, Qt::CaseInsensitive) == 0) {
                return makeError(ErrorCode::Conflict, u"user %1 exists"_s.arg(record.user.username), u"username"_s);
            }
        }
    }
    auto hash = d->hasher->hash(newUser.password);
    if (!hash)
        return std::unexpected(hash.error());
    record.passwordHash = *hash;
    record.user.userId = newId(u"usr-");
    record.user.createdAt = d->now();
    record.user.changedAt = record.user.createdAt;
    if (auto ok = d->worker.call([&] { return d->store->insertUser(record); }); !ok)
        return std::unexpected(ok.error());
    {
        std::lock_guard lock(d->mutex);
        d->users.insert(record.user.userId, record);
    }
    qCInfo(lcIam) << "created user" << record.user.username << "with roles" << record.user.roles;
    edit.unlock(); // a receiver may call back into the service
    Q_EMIT usersChanged();
    return record.user;
}

Result<User> IamService::updateUser(const QString& userId, const QJsonObject& changes)
{
    std::unique_lock edit(d->editMutex);
    UserRecord before;
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->users.constFind(userId);
        if (it == d->users.cend() || it->isDeleted)
            return makeError(ErrorCode::NotFound, u"no user %1"_s.arg(userId.left(64)), u"userId"_s);
        before = *it;
    }
    UserRecord after = before;
    std::optional<QString> newPassword;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (key == u"displayName" || key == u"email" || key == u"orgId" || key == u"password") {
            if (!v.isString())
                return wrongType(key, "a string");
            const QString s = v.toString();
            if (key == u"displayName") {
                after.user.displayName = s.trimmed();
                if (auto ok = validateDisplayName(after.user.displayName); !ok)
                    return std::unexpected(ok.error());
            } else if (key == u"email") {
                after.user.email = s.trimmed();
                if (auto ok = validateEmail(after.user.email); !ok)
                    return std::unexpected(ok.error());
            } else if (key == u"orgId") {
                std::lock_guard lock(d->mutex);
                if (std::none_of(
                        d->orgs.cbegin(), d->orgs.cend(), [&](const Organization& o) { return o.orgId == s; })) {
                    return makeError(ErrorCode::InvalidValue, u"no organization %1"_s.arg(s.left(64)), u"orgId"_s);
                }
                after.user.orgId = s;
            } else {
                if (auto ok = validatePassword(s); !ok)
                    return std::unexpected(ok.error());
                newPassword = s;
            }
        } else if (key == u"roles") {
            if (!v.isArray())
                return wrongType(key, "an array of role names");
            QStringList list;
            const QJsonArray array = v.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (!array[i].isString())
                    return wrongType(u"roles[%1]"_s.arg(i), "a string");
                list.append(array[i].toString());
            }
            auto roles = validateRoles(list);
            if (!roles)
                return std::unexpected(roles.error());
            after.user.roles = *roles;
        } else if (key == u"disabled") {
            if (!v.isBool())
                return wrongType(key, "a boolean");
            after.user.disabled = v.toBool();
        } else {
            return makeError(ErrorCode::InvalidValue, u"%1 cannot be changed"_s.arg(key.left(64)), key.left(64));
        }
    }

    if (isActiveUniverseOwner(before) && !isActiveUniverseOwner(after)) {
        std::lock_guard lock(d->mutex);
        if (d->activeUniverseOwners() <= 1) {
            return makeError(ErrorCode::Conflict,
                             u"the last active universe.owner cannot be disabled or demoted"_s,
                             after.user.disabled ? u"disabled"_s : u"roles"_s);
        }
    }
    if (newPassword) {
        auto hash = d->hasher->hash(*newPassword);
        if (!hash)
            return std::unexpected(hash.error());
        after.passwordHash = *hash;
    }
    after.user.changedAt = d->now();
    // A new password or a disabled account ends every session of the user.
    const bool endSessions = newPassword.has_value() || (after.user.disabled && !before.user.disabled);
    auto stored = d->worker.call([&]() -> Result<void> {
        return d->store->inTransaction([&]() -> Result<void> {
            if (auto ok = d->store->updateUser(after); !ok)
                return ok;
            if (endSessions) {
                if (auto ok = d->store->revokeRefreshTokensOfUser(userId, after.user.changedAt); !ok)
                    return std::unexpected(ok.error());
            }
            return {};
        });
    });
    if (!stored)
        return std::unexpected(stored.error());
    {
        std::lock_guard lock(d->mutex);
        // Keep a last-login time written behind in the meantime.
        after.user.lastLoginAt = d->users.value(userId).user.lastLoginAt;
        d->users.insert(userId, after);
    }
    edit.unlock();
    Q_EMIT usersChanged();
    return after.user;
}

Result<void> IamService::deleteUser(const QString& userId)
{
    std::unique_lock edit(d->editMutex);
    UserRecord record;
    QStringList ownedKeys;
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->users.constFind(userId);
        if (it == d->users.cend() || it->isDeleted)
            return makeError(ErrorCode::NotFound, u"no user %1"_s.arg(userId.left(64)), u"userId"_s);
        record = *it;
        if (isActiveUniverseOwner(record) && d->activeUniverseOwners() <= 1)
            return makeError(ErrorCode::Conflict, u"the last active universe.owner cannot be deleted"_s, u"userId"_s);
        for (const ApiKeyState& s : std::as_const(d->keys)) {
            if (s.record.key.ownerUserId == userId && !s.record.key.revoked)
                ownedKeys.append(s.record.key.keyId);
        }
    }
    const QDateTime at = d->now();
    auto stored = d->worker.call([&]() -> Result<void> {
        return d->store->inTransaction([&]() -> Result<void> {
            if (auto ok = d->store->softDeleteUser(userId, at); !ok)
                return ok;
            if (auto ok = d->store->revokeRefreshTokensOfUser(userId, at); !ok)
                return std::unexpected(ok.error());
            for (const QString& keyId : std::as_const(ownedKeys)) {
                if (auto ok = d->store->revokeApiKey(keyId, at); !ok)
                    return ok;
            }
            return {};
        });
    });
    if (!stored)
        return stored;
    {
        std::lock_guard lock(d->mutex);
        UserRecord& r = d->users[userId];
        r.isDeleted = true;
        r.deletedAt = at;
        r.user.changedAt = at;
        for (const QString& keyId : std::as_const(ownedKeys)) {
            ApiKeyState& s = d->keys[keyId];
            s.record.key.revoked = true;
            s.record.key.revokedAt = at;
            d->keyBySha.remove(s.record.secretSha256);
        }
    }
    qCInfo(lcIam) << "deleted user" << record.user.username;
    edit.unlock();
    Q_EMIT usersChanged();
    if (!ownedKeys.isEmpty())
        Q_EMIT apiKeysChanged();
    return {};
}

// ---- API keys --------------------------------------------------------------------------------

Result<NewApiKey> IamService::createApiKey(const ApiKeySpec& spec, const Principal& owner)
{
    const QString name = spec.name.trimmed();
    if (name.isEmpty() || name.size() > 100)
        return makeError(ErrorCode::InvalidValue, u"an API key name has 1 to 100 characters"_s, u"name"_s);
    for (qsizetype i = 0; i < spec.models.size(); ++i) {
        if (spec.models[i].trimmed().isEmpty() || spec.models[i].size() > 200)
            return makeError(
                ErrorCode::InvalidValue, u"a model name has 1 to 200 characters"_s, u"models[%1]"_s.arg(i));
    }
    if (spec.quotaRequests < 0)
        return makeError(ErrorCode::OutOfRange, u"quotaRequests cannot be negative"_s, u"quotaRequests"_s);
    if (spec.quotaTokens < 0)
        return makeError(ErrorCode::OutOfRange, u"quotaTokens cannot be negative"_s, u"quotaTokens"_s);
    if (spec.quotaWindowSeconds < 1 || spec.quotaWindowSeconds > 366 * 86400) {
        return makeError(ErrorCode::OutOfRange, u"quotaWindowSeconds is 1 to 31622400"_s, u"quotaWindowSeconds"_s);
    }
    if (!std::isfinite(spec.ratePerSecond) || spec.ratePerSecond < 0 || spec.ratePerSecond > 1e6)
        return makeError(ErrorCode::OutOfRange, u"ratePerSecond is 0 to 1000000"_s, u"ratePerSecond"_s);
    if (spec.burst < 1 || spec.burst > 1000000)
        return makeError(ErrorCode::OutOfRange, u"burst is 1 to 1000000"_s, u"burst"_s);
    if (owner.kind != PrincipalKind::User && owner.kind != PrincipalKind::System)
        return makeError(ErrorCode::Forbidden, u"only users create API keys"_s);

    ApiKeyRecord record;
    record.key.orgId = owner.orgId.isEmpty() ? kDefaultOrgId : owner.orgId;
    {
        std::lock_guard lock(d->mutex);
        if (owner.kind == PrincipalKind::User) {
            const auto it = d->users.constFind(owner.subject);
            if (it == d->users.cend() || !isActiveUser(*it))
                return makeError(ErrorCode::Unauthorized, u"the key's owner is not an active user"_s);
        }
        if (std::none_of(
                d->orgs.cbegin(), d->orgs.cend(), [&](const Organization& o) { return o.orgId == record.key.orgId; }))
            return makeError(ErrorCode::InvalidValue, u"no organization %1"_s.arg(record.key.orgId), u"orgId"_s);
    }
    const QByteArray secret = kApiKeyPrefix.toByteArray() + randomToken(32);
    record.key.keyId = newId(u"key-");
    record.key.name = name;
    record.key.prefix = QString::fromLatin1(secret.left(kApiKeyPrefix.size() + 4));
    record.key.ownerUserId = owner.subject;
    for (const QString& model : spec.models)
        record.key.models.append(model.trimmed());
    record.key.quotaRequests = spec.quotaRequests;
    record.key.quotaTokens = spec.quotaTokens;
    record.key.quotaWindowSeconds = spec.quotaWindowSeconds;
    record.key.ratePerSecond = spec.ratePerSecond;
    record.key.burst = spec.burst;
    record.key.createdAt = d->now();
    record.secretSha256 = sha256Hex(secret);
    if (auto ok = d->worker.call([&] { return d->store->insertApiKey(record); }); !ok)
        return std::unexpected(ok.error());
    {
        std::lock_guard lock(d->mutex);
        ApiKeyState state;
        state.record = record;
        state.bucket = record.key.burst;
        state.bucketAtMs = d->nowMs();
        d->keys.insert(record.key.keyId, state);
        d->keyBySha.insert(record.secretSha256, record.key.keyId);
    }
    qCInfo(lcIam) << "created API key" << record.key.keyId << "named" << record.key.name;
    Q_EMIT apiKeysChanged();
    return NewApiKey { record.key, QString::fromLatin1(secret) };
}

QList<ApiKey> IamService::apiKeys(const QString& orgId) const
{
    QList<ApiKey> out;
    {
        std::lock_guard lock(d->mutex);
        for (const ApiKeyState& s : std::as_const(d->keys)) {
            if (orgId.isEmpty() || s.record.key.orgId == orgId)
                out.append(s.record.key);
        }
    }
    std::sort(out.begin(), out.end(), [](const ApiKey& a, const ApiKey& b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.keyId < b.keyId;
    });
    return out;
}

Result<void> IamService::revokeApiKey(const QString& keyId)
{
    std::unique_lock edit(d->editMutex);
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->keys.constFind(keyId);
        if (it == d->keys.cend())
            return makeError(ErrorCode::NotFound, u"no API key %1"_s.arg(keyId.left(64)), u"keyId"_s);
        if (it->record.key.revoked)
            return {};
    }
    const QDateTime at = d->now();
    if (auto ok = d->worker.call([&] { return d->store->revokeApiKey(keyId, at); }); !ok)
        return ok;
    {
        std::lock_guard lock(d->mutex);
        ApiKeyState& s = d->keys[keyId];
        s.record.key.revoked = true;
        s.record.key.revokedAt = at;
        d->keyBySha.remove(s.record.secretSha256);
    }
    edit.unlock();
    Q_EMIT apiKeysChanged();
    return {};
}

namespace {

// Starts a new quota window when the current one has passed.
void rollWindow(ApiKeyState& s, qint64 nowMs)
{
    const qint64 windowMs = qint64(s.record.key.quotaWindowSeconds) * 1000;
    if (!s.record.windowStart.isValid() || nowMs >= s.record.windowStart.toMSecsSinceEpoch() + windowMs) {
        s.record.windowStart = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
        s.record.key.usedRequests = 0;
        s.record.key.usedTokens = 0;
        s.dirty = true;
    }
}

} // namespace

Result<void> IamService::admitApiKeyRequest(const QString& keyId, const std::optional<QString>& model)
{
    const qint64 now = d->nowMs();
    std::lock_guard lock(d->mutex);
    const auto it = d->keys.find(keyId);
    if (it == d->keys.end())
        return makeError(ErrorCode::Unauthorized, u"unknown API key"_s);
    ApiKeyState& s = *it;
    ApiKey& key = s.record.key;
    if (key.revoked)
        return makeError(ErrorCode::Unauthorized, u"the API key was revoked"_s);
    if (model && !key.models.isEmpty() && !key.models.contains(*model)) {
        return makeError(
            ErrorCode::Forbidden, u"this API key may not call model %1"_s.arg(model->left(200)), u"model"_s);
    }

    rollWindow(s, now);
    const qint64 windowEndMs = s.record.windowStart.toMSecsSinceEpoch() + qint64(key.quotaWindowSeconds) * 1000;
    if (key.quotaRequests > 0 && key.usedRequests >= key.quotaRequests) {
        return retryError(ErrorCode::QuotaExceeded,
                          u"the API key used its %1 requests of this window"_s.arg(key.quotaRequests),
                          windowEndMs - now);
    }
    if (key.quotaTokens > 0 && key.usedTokens >= key.quotaTokens) {
        return retryError(ErrorCode::QuotaExceeded,
                          u"the API key used its %1 tokens of this window"_s.arg(key.quotaTokens),
                          windowEndMs - now);
    }

    if (key.ratePerSecond > 0) {
        const double elapsed = double(std::max<qint64>(0, now - s.bucketAtMs)) / 1000.0;
        s.bucket = std::min<double>(key.burst, s.bucket + elapsed * key.ratePerSecond);
        s.bucketAtMs = now;
        if (s.bucket < 1.0) {
            const auto waitMs = static_cast<qint64>(std::ceil((1.0 - s.bucket) / key.ratePerSecond * 1000.0));
            return retryError(ErrorCode::RateLimited, u"the API key's rate limit is reached"_s, waitMs);
        }
        s.bucket -= 1.0;
    }

    ++key.usedRequests;
    key.lastUsedAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    s.dirty = true;
    return {};
}

void IamService::recordApiKeyTokens(const QString& keyId, qint64 tokens)
{
    if (tokens <= 0)
        return;
    std::lock_guard lock(d->mutex);
    const auto it = d->keys.find(keyId);
    if (it == d->keys.end())
        return;
    rollWindow(*it, d->nowMs());
    it->record.key.usedTokens += tokens;
    it->dirty = true;
}

// ---- nodes -----------------------------------------------------------------------------------

Result<EnrollmentToken> IamService::createEnrollmentToken(const Principal& creator)
{
    EnrollmentRecord record;
    record.tokenId = newId(u"enr-");
    record.orgId = creator.orgId.isEmpty() ? kDefaultOrgId : creator.orgId;
    record.createdBy = creator.subject;
    record.createdAt = d->now();
    record.expiresAt = record.createdAt.addSecs(d->options.enrollmentTtlSeconds);
    const QByteArray token = kEnrollmentPrefix.toByteArray() + randomToken(32);
    record.tokenSha256 = sha256Hex(token);
    if (auto ok = d->worker.call([&] { return d->store->insertEnrollmentToken(record); }); !ok)
        return std::unexpected(ok.error());
    {
        std::lock_guard lock(d->mutex);
        const qint64 now = d->nowMs();
        d->enrollments.removeIf([now](const auto& it) { return it.value().expiresAt.toMSecsSinceEpoch() <= now; });
        d->enrollments.insert(record.tokenSha256, record);
    }
    return EnrollmentToken {
        record.tokenId, QString::fromLatin1(token), record.orgId, record.createdBy, record.expiresAt
    };
}

Result<IssuedNodeCredential>
IamService::exchangeEnrollmentToken(QByteArrayView token, const QString& nodeId, const QString& nodeName)
{
    if (!validNodeId(nodeId)) {
        return makeError(
            ErrorCode::InvalidValue, u"nodeId has 1 to 128 letters, digits, '-', '_' or '.'"_s, u"nodeId"_s);
    }
    if (nodeName.size() > 200)
        return makeError(ErrorCode::InvalidValue, u"nodeName has at most 200 characters"_s, u"nodeName"_s);

    auto refuse = [&](const QString& reason) {
        AuditEvent e;
        e.eventType = u"auth"_s;
        e.actorType = u"node"_s;
        e.actorId = nodeId;
        e.actorName = nodeName;
        e.resourceType = u"node"_s;
        e.resourcePath = u"/nodes/"_s + nodeId;
        e.action = u"enroll"_s;
        e.outcome = u"failure"_s;
        e.details.insert(u"reason"_s, reason);
        e.riskLevel = u"medium"_s;
        audit(std::move(e));
        return makeError(ErrorCode::Unauthorized, reason);
    };

    std::unique_lock edit(d->editMutex);
    const QByteArray sha = sha256Hex(token);
    EnrollmentRecord enrollment;
    QList<NodeCredential> replaced;
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->enrollments.constFind(sha);
        if (!token.startsWith(kEnrollmentPrefix) || it == d->enrollments.cend() || it->usedAt.isValid())
            return refuse(u"unknown or already used enrollment token"_s);
        if (it->expiresAt.toMSecsSinceEpoch() <= d->nowMs()) {
            d->enrollments.remove(sha);
            return refuse(u"the enrollment token has expired"_s);
        }
        enrollment = *it;
        for (const NodeCredentialRecord& r : std::as_const(d->creds)) {
            if (r.credential.nodeId == nodeId && !r.credential.revoked)
                replaced.append(r.credential);
        }
    }

    const QByteArray secret = kNodeCredentialPrefix.toByteArray() + randomToken(32);
    NodeCredentialRecord record;
    record.credential.credentialId = newId(u"nc-");
    record.credential.nodeId = nodeId;
    record.credential.nodeName = nodeName.isEmpty() ? nodeId : nodeName;
    record.credential.orgId = enrollment.orgId;
    record.credential.createdAt = d->now();
    record.secretSha256 = sha256Hex(secret);
    const QDateTime at = record.credential.createdAt;

    bool spentAlready = false;
    auto stored = d->worker.call([&]() -> Result<void> {
        return d->store->inTransaction([&]() -> Result<void> {
            auto marked = d->store->markEnrollmentTokenUsed(enrollment.tokenId, nodeId, at);
            if (!marked)
                return std::unexpected(marked.error());
            if (!*marked) {
                spentAlready = true;
                return makeError(ErrorCode::Unauthorized, u"unknown or already used enrollment token"_s);
            }
            // A re-enrolling node gets a fresh credential; its older ones stop working.
            for (const NodeCredential& old : std::as_const(replaced)) {
                if (auto ok = d->store->revokeNodeCredential(old.credentialId, at); !ok)
                    return ok;
            }
            return d->store->insertNodeCredential(record);
        });
    });
    if (!stored) {
        if (spentAlready) {
            std::lock_guard lock(d->mutex);
            d->enrollments.remove(sha);
            return refuse(stored.error().message);
        }
        return std::unexpected(stored.error());
    }
    {
        std::lock_guard lock(d->mutex);
        d->enrollments.remove(sha);
        for (const NodeCredential& old : std::as_const(replaced)) {
            NodeCredentialRecord& r = d->creds[old.credentialId];
            r.credential.revoked = true;
            r.credential.revokedAt = at;
            d->credBySha.remove(r.secretSha256);
        }
        d->creds.insert(record.credential.credentialId, record);
        d->credBySha.insert(record.secretSha256, record.credential.credentialId);
    }
    qCInfo(lcIam) << "node" << nodeId << "enrolled with credential" << record.credential.credentialId;
    AuditEvent e;
    e.eventType = u"auth"_s;
    e.actorType = u"node"_s;
    e.actorId = nodeId;
    e.actorName = record.credential.nodeName;
    e.resourceType = u"node"_s;
    e.resourcePath = u"/nodes/"_s + nodeId;
    e.action = u"enroll"_s;
    e.outcome = u"success"_s;
    e.details.insert(u"credentialId"_s, record.credential.credentialId);
    e.details.insert(u"enrollmentTokenId"_s, enrollment.tokenId);
    audit(std::move(e));

    edit.unlock();
    for (const NodeCredential& old : std::as_const(replaced))
        Q_EMIT nodeCredentialRevoked(old.credentialId, old.nodeId);
    Q_EMIT nodeCredentialsChanged();
    return IssuedNodeCredential { record.credential, QString::fromLatin1(secret) };
}

QList<NodeCredential> IamService::nodeCredentials() const
{
    QList<NodeCredential> out;
    {
        std::lock_guard lock(d->mutex);
        for (const NodeCredentialRecord& r : std::as_const(d->creds))
            out.append(r.credential);
    }
    std::sort(out.begin(), out.end(), [](const NodeCredential& a, const NodeCredential& b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.credentialId < b.credentialId;
    });
    return out;
}

Result<void> IamService::revokeNodeCredential(const QString& credentialId)
{
    std::unique_lock edit(d->editMutex);
    QString nodeId;
    {
        std::lock_guard lock(d->mutex);
        const auto it = d->creds.constFind(credentialId);
        if (it == d->creds.cend()) {
            return makeError(
                ErrorCode::NotFound, u"no node credential %1"_s.arg(credentialId.left(64)), u"credentialId"_s);
        }
        if (it->credential.revoked)
            return {};
        nodeId = it->credential.nodeId;
    }
    const QDateTime at = d->now();
    if (auto ok = d->worker.call([&] { return d->store->revokeNodeCredential(credentialId, at); }); !ok)
        return ok;
    {
        std::lock_guard lock(d->mutex);
        NodeCredentialRecord& r = d->creds[credentialId];
        r.credential.revoked = true;
        r.credential.revokedAt = at;
        d->credBySha.remove(r.secretSha256);
    }
    qCInfo(lcIam) << "revoked node credential" << credentialId << "of node" << nodeId;
    edit.unlock();
    Q_EMIT nodeCredentialsChanged();
    Q_EMIT nodeCredentialRevoked(credentialId, nodeId);
    return {};
}

// ---- audit -----------------------------------------------------------------------------------

void IamService::audit(AuditEvent event)
{
    if (event.id.isEmpty())
        event.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!event.timestamp.isValid())
        event.timestamp = d->now();
    if (event.riskLevel.isEmpty())
        event.riskLevel = u"low"_s;
    event.details = scrubbed(std::move(event.details));
    bool first = false;
    {
        std::lock_guard lock(d->auditMutex);
        first = d->pendingAudit.isEmpty();
        d->pendingAudit.append(std::move(event));
    }
    // One drain per burst: events queued before it runs go into the same transaction.
    if (first)
        d->worker.post([impl = d.get()] { impl->drainAudit(); });
}

Result<QList<AuditEvent>> IamService::auditEvents(const AuditQuery& query) const
{
    return d->worker.call([&]() -> Result<QList<AuditEvent>> {
        d->drainAudit();
        return d->store->auditEvents(query);
    });
}

Result<int> IamService::applyAuditRetention()
{
    const int days = d->retentionDays.load();
    if (days <= 0)
        return 0;
    return d->worker.call([&]() -> Result<int> {
        d->drainAudit();
        return d->store->purgeAuditBefore(d->now().addDays(-days));
    });
}

void IamService::setAuditRetentionDays(int days)
{
    d->retentionDays = std::max(0, days);
}

int IamService::auditRetentionDays() const
{
    return d->retentionDays.load();
}

void IamService::flush()
{
    d->worker.call([this] {
        d->drainAudit();
        d->flushUsage();
    });
}

} // namespace aiops::iam
