#include "core/safety/TokenVault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

struct AuditEntry
{
    QString actor;
    QString token;
    bool allowed = false;
};

int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TokenVaultTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripForEditorIsAudited();
    void ownerAndEditorRolesMayDetokenize_data();
    void ownerAndEditorRolesMayDetokenize();
    void viewerIsForbiddenAndAudited();
    void unknownTokenIsNotFound();
    void sameValueGetsSameToken();
    void survivesReopening();
    void keyAndMapFilesAreOwnerOnly();
    void mapFileHoldsNoPlaintext();
    void tamperedMapFileIsRefused();
    void wrongKeyFileIsRefused();
    void sealOpenRoundTrip();
    void tamperingIsDetected();

private:
    std::unique_ptr<TokenVault> openVault();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TokenVault> m_vault;
    QList<AuditEntry> m_audit;
};

std::unique_ptr<TokenVault> TokenVaultTest::openVault()
{
    auto vault = TokenVault::open(m_dir->path());
    if (!vault) {
        qWarning("%s", qPrintable(vault.error().message));
        return nullptr;
    }
    (*vault)->setAuditHook([this](const QString& actor, const QString& token, bool allowed) {
        m_audit.append({ actor, token, allowed });
    });
    return std::move(*vault);
}

void TokenVaultTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_audit.clear();
    m_vault = openVault();
    QVERIFY(m_vault);
}

void TokenVaultTest::cleanup()
{
    m_vault.reset();
    m_dir.reset();
}

void TokenVaultTest::roundTripForEditorIsAudited()
{
    const QString token = m_vault->tokenize(u"email"_s, u"dana@example.com"_s);
    QVERIFY2(token.startsWith(u"[[PII:EMAIL:tk_"_s) && token.endsWith(u"]]"_s), qPrintable(token));
    QVERIFY(!token.contains(u"dana"));

    const auto value = m_vault->detokenize(token, u"user-7"_s, { u"organization.viewer"_s, u"universe.editor"_s });
    QVERIFY(value);
    QCOMPARE(*value, u"dana@example.com"_s);
    QCOMPARE(m_audit.size(), 1);
    QCOMPARE(m_audit[0].actor, u"user-7"_s);
    QCOMPARE(m_audit[0].token, token);
    QVERIFY(m_audit[0].allowed);
}

void TokenVaultTest::ownerAndEditorRolesMayDetokenize_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("universe.owner") << u"universe.owner"_s << true;
    QTest::newRow("universe.editor") << u"universe.editor"_s << true;
    QTest::newRow("organization.owner") << u"organization.owner"_s << true;
    QTest::newRow("organization.editor") << u"organization.editor"_s << true;
    QTest::newRow("organization.viewer") << u"organization.viewer"_s << false;
    QTest::newRow("universe.viewer") << u"universe.viewer"_s << false;
    QTest::newRow("editor without scope") << u"editor"_s << false;
}

void TokenVaultTest::ownerAndEditorRolesMayDetokenize()
{
    QFETCH(QString, role);
    QFETCH(bool, allowed);
    const QString token = m_vault->tokenize(u"card"_s, u"4111111111111111"_s);
    const auto value = m_vault->detokenize(token, u"someone"_s, { role });
    QCOMPARE(bool(value), allowed);
    if (!allowed)
        QCOMPARE(value.error().code, ErrorCode::Forbidden);
    QCOMPARE(m_audit.size(), 1);
    QCOMPARE(m_audit[0].allowed, allowed);
}

void TokenVaultTest::viewerIsForbiddenAndAudited()
{
    const QString token = m_vault->tokenize(u"ssn"_s, u"078-05-1120"_s);
    const auto denied = m_vault->detokenize(token, u"viewer-1"_s, { u"organization.viewer"_s });
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, ErrorCode::Forbidden);
    QVERIFY(!denied.error().message.contains(u"078"));
    const auto none = m_vault->detokenize(token, u"anonymous"_s, {});
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::Forbidden);

    QCOMPARE(m_audit.size(), 2);
    QCOMPARE(m_audit[0].actor, u"viewer-1"_s);
    QVERIFY(!m_audit[0].allowed);
    QCOMPARE(m_audit[1].actor, u"anonymous"_s);
    QVERIFY(!m_audit[1].allowed);
}

void TokenVaultTest::unknownTokenIsNotFound()
{
    const auto missing = m_vault->detokenize(u"[[PII:EMAIL:tk_0000000000000000]]"_s, u"u"_s, { u"universe.owner"_s });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(m_audit.size(), 1); // failed lookups are audited too
}

void TokenVaultTest::sameValueGetsSameToken()
{
    const QString a = m_vault->tokenize(u"email"_s, u"x@example.com"_s);
    QCOMPARE(m_vault->tokenize(u"email"_s, u"x@example.com"_s), a);
    QVERIFY(m_vault->tokenize(u"email"_s, u"y@example.com"_s) != a);
    QVERIFY(m_vault->tokenize(u"contact"_s, u"x@example.com"_s) != a);
    QCOMPARE(m_vault->tokenCount(), 3);
}

void TokenVaultTest::survivesReopening()
{
    const QString token = m_vault->tokenize(u"phone"_s, u"0912 345 678"_s);
    const QByteArray salt = m_vault->hashSalt();
    m_vault.reset();

    m_vault = openVault();
    QVERIFY(m_vault);
    const auto value = m_vault->detokenize(token, u"owner"_s, { u"organization.owner"_s });
    QVERIFY(value);
    QCOMPARE(*value, u"0912 345 678"_s);
    QCOMPARE(m_vault->tokenize(u"phone"_s, u"0912 345 678"_s), token);
    QCOMPARE(m_vault->hashSalt(), salt); // hashes stay comparable across restarts
    QCOMPARE(m_vault->hashSalt().size(), 32);
}

void TokenVaultTest::keyAndMapFilesAreOwnerOnly()
{
    const QString key = QDir(m_dir->path()).filePath(u"pii-vault.key"_s);
    QVERIFY(QFile::exists(key));
    QCOMPARE(fileMode(key), 0600);
    QCOMPARE(QFileInfo(key).size(), 32);
    m_vault->tokenize(u"email"_s, u"z@example.com"_s);
    QCOMPARE(fileMode(QDir(m_dir->path()).filePath(u"pii-vault.dat"_s)), 0600);

    // A key file restored with loose rights is tightened when the vault opens it.
    m_vault.reset();
    QVERIFY(QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QCOMPARE(fileMode(key), 0604);
    m_vault = openVault();
    QVERIFY(m_vault);
    QCOMPARE(fileMode(key), 0600);
}

void TokenVaultTest::mapFileHoldsNoPlaintext()
{
    const QString token = m_vault->tokenize(u"email"_s, u"very.secret.person@example.com"_s);
    const QByteArray raw = readAll(QDir(m_dir->path()).filePath(u"pii-vault.dat"_s));
    QVERIFY(!raw.isEmpty());
    QVERIFY(!raw.contains("very.secret.person"));
    QVERIFY(!raw.contains(token.toUtf8())); // the map itself is sealed too
}

void TokenVaultTest::tamperedMapFileIsRefused()
{
    m_vault->tokenize(u"email"_s, u"q@example.com"_s);
    m_vault.reset();
    const QString path = QDir(m_dir->path()).filePath(u"pii-vault.dat"_s);
    QByteArray raw = readAll(path);
    raw[raw.size() / 2] = char(raw[raw.size() / 2] ^ 0x01);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(raw);
    file.close();

    const auto reopened = TokenVault::open(m_dir->path());
    QVERIFY(!reopened);
    QCOMPARE(reopened.error().code, ErrorCode::StoreError);
}

void TokenVaultTest::wrongKeyFileIsRefused()
{
    m_vault.reset();
    const QString key = QDir(m_dir->path()).filePath(u"pii-vault.key"_s);
    QFile file(key);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("short");
    file.close();
    const auto reopened = TokenVault::open(m_dir->path());
    QVERIFY(!reopened);
    QCOMPARE(reopened.error().code, ErrorCode::StoreError);
}

void TokenVaultTest::sealOpenRoundTrip()
{
    const QByteArray plain = "detected 4111 1111 1111 1111 \xF0\x9F\x92\xB3";
    const QByteArray sealed = m_vault->seal(plain);
    QVERIFY(!sealed.contains("4111"));
    QVERIFY(m_vault->seal(plain) != sealed); // random nonce: equal values do not look equal
    const auto opened = m_vault->open(sealed);
    QVERIFY(opened);
    QCOMPARE(*opened, plain);
    QCOMPARE(*m_vault->open(m_vault->seal({})), QByteArray());
}

void TokenVaultTest::tamperingIsDetected()
{
    const QByteArray sealed = m_vault->seal("078-05-1120");
    for (qsizetype i : { qsizetype(0), qsizetype(30), sealed.size() - 1 }) {
        QByteArray bad = sealed;
        bad[i] = char(bad[i] ^ 0x40);
        const auto opened = m_vault->open(bad);
        QVERIFY2(!opened, qPrintable(QString::number(i)));
        QCOMPARE(opened.error().code, ErrorCode::InvalidValue);
    }
    QVERIFY(!m_vault->open(sealed.left(10)));

    // Another installation's key cannot open it.
    QTemporaryDir other;
    auto foreign = TokenVault::open(other.path());
    QVERIFY(foreign);
    QVERIFY(!(*foreign)->open(sealed));
}

QTEST_GUILESS_MAIN(TokenVaultTest)
#include "TokenVaultTest.moc"
