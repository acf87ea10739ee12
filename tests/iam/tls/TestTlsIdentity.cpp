#include "core/iam/TlsIdentity.h"

#include <QFile>
#include <QHostInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace aiops;
using namespace aiops::iam;
using namespace Qt::StringLiterals;

namespace {

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
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// An operator's certificate made by the openssl tool (RSA 2048, PKCS#1 or PKCS#8 key).
bool opensslReq(const QString& dir, const QStringList& keyArgs)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(u"openssl"_s,
            QStringList { u"req"_s, u"-x509"_s } + keyArgs
                + QStringList { u"-nodes"_s,
                                u"-days"_s,
                                u"30"_s,
                                u"-subj"_s,
                                u"/CN=ops.example.test"_s,
                                u"-keyout"_s,
                                u"user-key.pem"_s,
                                u"-out"_s,
                                u"user-cert.pem"_s });
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestTlsIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void selfSignedOnFirstEnable()
    {
        auto identity = TlsIdentity::loadOrCreateSelfSigned(m_dir->path(), { u"ops.example.test"_s, u"10.1.2.3"_s });
        QVERIFY2(identity, identity ? "" : qPrintable(identity.error().message));
        const QString certPath = m_dir->filePath(u"tls/cert.pem"_s);
        const QString keyPath = m_dir->filePath(u"tls/key.pem"_s);
        QVERIFY(QFile::exists(certPath));
        QCOMPARE(fileMode(keyPath), 0600);
        QCOMPARE(fileMode(m_dir->filePath(u"tls"_s)), 0700);

        const QSslCertificate cert = identity->certificate();
        QVERIFY(cert.isSelfSigned());
        QCOMPARE(cert.version(), QByteArray("3"));
        QCOMPARE(identity->key().algorithm(), QSsl::Ec);
        QCOMPARE(identity->key().length(), 256);
        QCOMPARE(identity->key().type(), QSsl::PrivateKey);
        // About ten years, starting now.
        const qint64 days = QDateTime::currentDateTimeUtc().daysTo(cert.expiryDate());
        QVERIFY2(days >= 3649 && days <= 3651, qPrintable(QString::number(days)));
        QVERIFY(cert.effectiveDate() <= QDateTime::currentDateTimeUtc());

        const auto alt = cert.subjectAlternativeNames();
        QVERIFY(alt.values(QSsl::DnsEntry).contains(u"localhost"_s));
        QVERIFY(alt.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
        QVERIFY(alt.values(QSsl::DnsEntry).contains(u"ops.example.test"_s));
        QVERIFY(alt.values(QSsl::IpAddressEntry).contains(u"10.1.2.3"_s));
        const QString host = QSysInfo::machineHostName().toLower();
        if (!host.isEmpty() && host != u"localhost"_s)
            QVERIFY2(alt.values(QSsl::DnsEntry).contains(host), qPrintable(identity->subjectAltNames().join(u' ')));

        // The fingerprint is the SHA-256 of the DER, "AB:CD:..." (32 bytes).
        static const QRegularExpression form(u"^([0-9A-F]{2}:){31}[0-9A-F]{2}$"_s);
        QVERIFY2(form.match(identity->fingerprint()).hasMatch(), qPrintable(identity->fingerprint()));
        QCOMPARE(identity->fingerprint(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(cert.toDer(), QCryptographicHash::Sha256).toHex(':').toUpper()));

        // The files hold what is served.
        QCOMPARE(QSslCertificate(readAll(certPath), QSsl::Pem), cert);
    }

    void reloadKeepsFingerprint()
    {
        auto first = TlsIdentity::loadOrCreateSelfSigned(m_dir->path());
        QVERIFY(first);
        const QByteArray keyBefore = readAll(m_dir->filePath(u"tls/key.pem"_s));
        auto second = TlsIdentity::loadOrCreateSelfSigned(m_dir->path());
        QVERIFY2(second, second ? "" : qPrintable(second.error().message));
        QCOMPARE(second->fingerprint(), first->fingerprint());
        QCOMPARE(second->key(), first->key());
        QCOMPARE(readAll(m_dir->filePath(u"tls/key.pem"_s)), keyBefore);

        // A fresh data directory gets a different certificate.
        QTemporaryDir other;
        auto third = TlsIdentity::loadOrCreateSelfSigned(other.path());
        QVERIFY(third);
        QVERIFY(third->fingerprint() != first->fingerprint());
    }

    void keyReadableByOthersIsRefused()
    {
        QVERIFY(TlsIdentity::loadOrCreateSelfSigned(m_dir->path()));
        const QString keyPath = m_dir->filePath(u"tls/key.pem"_s);
        QVERIFY(
            QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        auto again = TlsIdentity::loadOrCreateSelfSigned(m_dir->path());
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Forbidden);
        QVERIFY2(again.error().message.contains(keyPath), qPrintable(again.error().message));
    }

    void halfAPairIsNotOverwritten()
    {
        QVERIFY(TlsIdentity::loadOrCreateSelfSigned(m_dir->path()));
        const QByteArray cert = readAll(m_dir->filePath(u"tls/cert.pem"_s));
        QVERIFY(QFile::remove(m_dir->filePath(u"tls/key.pem"_s)));
        auto again = TlsIdentity::loadOrCreateSelfSigned(m_dir->path());
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(readAll(m_dir->filePath(u"tls/cert.pem"_s)), cert);
        QVERIFY(!QFile::exists(m_dir->filePath(u"tls/key.pem"_s)));
    }

    void userProvided_data()
    {
        QTest::addColumn<QStringList>("keyArgs");
        QTest::newRow("rsa-2048") << QStringList { u"-newkey"_s, u"rsa:2048"_s };
        QTest::newRow("ec-p384") << QStringList { u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-384"_s };
    }

    void userProvided()
    {
        QFETCH(QStringList, keyArgs);
        QVERIFY(opensslReq(m_dir->path(), keyArgs));
        auto identity = TlsIdentity::fromFiles(m_dir->filePath(u"user-cert.pem"_s), m_dir->filePath(u"user-key.pem"_s));
        QVERIFY2(identity, identity ? "" : qPrintable(identity.error().message));
        QCOMPARE(identity->certificate().subjectInfo(QSslCertificate::CommonName),
                 QStringList { u"ops.example.test"_s });
        QVERIFY(!identity->key().isNull());
        QCOMPARE(
            identity->fingerprint(),
            QString::fromLatin1(QCryptographicHash::hash(identity->certificate().toDer(), QCryptographicHash::Sha256)
                                    .toHex(':')
                                    .toUpper()));
        QCOMPARE(identity->serverConfiguration().localCertificate(), identity->certificate());
        QCOMPARE(identity->serverConfiguration().privateKey(), identity->key());
    }

    void mismatchedKeyIsRefused()
    {
        QVERIFY(opensslReq(m_dir->path(), { u"-newkey"_s, u"rsa:2048"_s }));
        auto other = TlsIdentity::generateSelfSigned({});
        QVERIFY(other);
        QVERIFY(writeAll(m_dir->filePath(u"other-key.pem"_s), other->keyPem()));
        auto identity
            = TlsIdentity::fromFiles(m_dir->filePath(u"user-cert.pem"_s), m_dir->filePath(u"other-key.pem"_s));
        QVERIFY(!identity);
        QCOMPARE(identity.error().code, ErrorCode::InvalidValue);
        QVERIFY2(identity.error().message.contains(u"does not match"_s), qPrintable(identity.error().message));
    }

    void garbageIsRefused()
    {
        QVERIFY(writeAll(m_dir->filePath(u"c.pem"_s), "not a certificate"));
        QVERIFY(writeAll(m_dir->filePath(u"k.pem"_s), "not a key"));
        auto identity = TlsIdentity::fromFiles(m_dir->filePath(u"c.pem"_s), m_dir->filePath(u"k.pem"_s));
        QVERIFY(!identity);
        QCOMPARE(identity.error().code, ErrorCode::InvalidValue);
        auto missing = TlsIdentity::fromFiles(m_dir->filePath(u"none.pem"_s), m_dir->filePath(u"k.pem"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestTlsIdentity)
#include "TestTlsIdentity.moc"
