#include "core/daemon/ControllerPin.h"
#include "core/iam/TlsIdentity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace aiops;
using namespace aiops::daemon;
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

QSslCertificate newCertificate()
{
    auto identity = iam::TlsIdentity::generateSelfSigned({});
    return identity ? identity->certificate() : QSslCertificate();
}

} // namespace

class TestControllerPin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = ControllerPin::fileIn(m_dir->path());
    }

    void hostKeys()
    {
        QCOMPARE(ControllerPin::hostKey(QUrl(u"wss://Ctl.Example:9443/ws/node"_s)), u"ctl.example:9443"_s);
        QCOMPARE(ControllerPin::hostKey(QUrl(u"wss://ctl.example/ws/node"_s)), u"ctl.example:443"_s);
        QCOMPARE(ControllerPin::hostKey(QUrl(u"wss://[::1]:8750/ws/node"_s)), u"[::1]:8750"_s);
    }

    void fingerprintForms()
    {
        const QString canonical
            = u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
        QCOMPARE(ControllerPin::normalizeFingerprint(canonical), canonical);
        QString bare = canonical.toLower();
        bare.remove(u':');
        QCOMPARE(ControllerPin::normalizeFingerprint(bare), canonical);
        QCOMPARE(ControllerPin::normalizeFingerprint(u"SHA256:"_s + bare), canonical);
        QVERIFY(!ControllerPin::normalizeFingerprint(u"AB:CD"_s));
        QVERIFY(!ControllerPin::normalizeFingerprint(bare.left(62) + u"zz"_s));
    }

    void firstUsePinsThenMatches()
    {
        const QSslCertificate cert = newCertificate();
        QVERIFY(!cert.isNull());
        ControllerPin pin(m_path);
        QCOMPARE(pin.pinned(u"ctl:8750"_s).value(), std::nullopt);
        auto first = pin.verify(u"ctl:8750"_s, cert);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QCOMPARE(*first, ControllerPin::Verdict::PinnedNow);
        QCOMPARE(fileMode(m_path), 0600);
        QCOMPARE(pin.pinned(u"ctl:8750"_s).value(), ControllerPin::fingerprintOf(cert));

        // A new ControllerPin over the same file (the daemon restarted) matches.
        ControllerPin restarted(m_path);
        QCOMPARE(restarted.verify(u"ctl:8750"_s, cert).value(), ControllerPin::Verdict::Matched);
    }

    void changedCertificateIsRefused()
    {
        const QSslCertificate original = newCertificate();
        const QSslCertificate replaced = newCertificate();
        ControllerPin pin(m_path);
        QVERIFY(pin.verify(u"ctl:8750"_s, original));
        // Another controller's pin is independent.
        QCOMPARE(pin.verify(u"other:8750"_s, replaced).value(), ControllerPin::Verdict::PinnedNow);

        auto refused = pin.verify(u"ctl:8750"_s, replaced);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
        const QString expected = u"the controller's certificate changed: expected %1, got %2; if this is intended, "
                                 u"remove the line for ctl:8750 from %3"_s.arg(ControllerPin::fingerprintOf(original),
                                                                               ControllerPin::fingerprintOf(replaced),
                                                                               m_path);
        QCOMPARE(refused.error().message, expected);
        // The pin is unchanged by a refusal.
        QCOMPARE(pin.pinned(u"ctl:8750"_s).value(), ControllerPin::fingerprintOf(original));

        // Removing the line, as the message says, re-pins on the next use.
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList kept;
        for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            if (!line.startsWith(u"ctl:8750 "_s))
                kept.append(line);
        }
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(kept.join(u'\n').toUtf8());
        file.close();
        QCOMPARE(pin.verify(u"ctl:8750"_s, replaced).value(), ControllerPin::Verdict::PinnedNow);
        QCOMPARE(pin.verify(u"other:8750"_s, replaced).value(), ControllerPin::Verdict::Matched);
    }

    void expectedFingerprintPrePins()
    {
        const QSslCertificate right = newCertificate();
        const QSslCertificate wrong = newCertificate();
        QString bare = ControllerPin::fingerprintOf(right).toLower();
        bare.remove(u':');
        ControllerPin pin(m_path, bare);
        QCOMPARE(pin.expectedFingerprint(), ControllerPin::fingerprintOf(right));

        // Even on first use, a certificate other than the expected one is refused and nothing is stored.
        auto refused = pin.verify(u"ctl:8750"_s, wrong);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Forbidden);
        QVERIFY2(refused.error().message.contains(ControllerPin::fingerprintOf(right)),
                 qPrintable(refused.error().message));
        QCOMPARE(pin.pinned(u"ctl:8750"_s).value(), std::nullopt);

        QCOMPARE(pin.verify(u"ctl:8750"_s, right).value(), ControllerPin::Verdict::PinnedNow);
        QCOMPARE(pin.verify(u"ctl:8750"_s, right).value(), ControllerPin::Verdict::Matched);
        QCOMPARE(ControllerPin(m_path).pinned(u"ctl:8750"_s).value(), ControllerPin::fingerprintOf(right));
    }

    void presentedCertificateFromErrors()
    {
        const QSslCertificate a = newCertificate();
        const QSslCertificate b = newCertificate();
        QCOMPARE(ControllerPin::presentedCertificate(
                     { QSslError(QSslError::SelfSignedCertificate, a), QSslError(QSslError::HostNameMismatch, a) }),
                 a);
        QVERIFY(!ControllerPin::presentedCertificate(
            { QSslError(QSslError::SelfSignedCertificate, a), QSslError(QSslError::HostNameMismatch, b) }));
        QVERIFY(!ControllerPin::presentedCertificate({ QSslError(QSslError::UnspecifiedError) }));
        QVERIFY(!ControllerPin::presentedCertificate({}));
    }

    void malformedFileIsAnError()
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# comment\nctl:8750 not-a-fingerprint\n");
        file.close();
        ControllerPin pin(m_path);
        auto verdict = pin.verify(u"ctl:8750"_s, newCertificate());
        QVERIFY(!verdict);
        QCOMPARE(verdict.error().code, ErrorCode::StoreError);
        QVERIFY2(verdict.error().message.contains(m_path + u":2"_s), qPrintable(verdict.error().message));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestControllerPin)
#include "TestControllerPin.moc"
