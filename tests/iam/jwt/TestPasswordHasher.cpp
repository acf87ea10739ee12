#include "core/iam/PasswordHasher.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace aiops;
using namespace aiops::iam;
using namespace Qt::StringLiterals;

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashAndVerify_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("ascii") << u"correct horse battery staple"_s;
        QTest::newRow("unicode") << u"mật khẩu 🔑 пароль"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("long") << QString(1000, u'x');
    }

    void hashAndVerify()
    {
        QFETCH(QString, password);
        const PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        const auto encoded = hasher.hash(password);
        QVERIFY(encoded);
        QVERIFY2(encoded->startsWith("$argon2id$"), encoded->constData());
        QVERIFY(!encoded->contains(password.toUtf8()) || password.isEmpty());
        QVERIFY(hasher.verify(*encoded, password));
        QVERIFY(!hasher.verify(*encoded, password + u'!'));
        QVERIFY(!hasher.verify(*encoded, u"wrong"_s));
    }

    void saltsEveryHash()
    {
        const PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        const auto first = hasher.hash(u"same"_s);
        const auto second = hasher.hash(u"same"_s);
        QVERIFY(first && second);
        QVERIFY(*first != *second);
        QVERIFY(hasher.verify(*first, u"same"_s));
        QVERIFY(hasher.verify(*second, u"same"_s));
    }

    void verifyRefusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain text") << QByteArray("secret");
        QTest::newRow("sha256 hex") << sha256Hex("secret");
        QTest::newRow("embedded NUL") << QByteArray("$argon2id$\0v=19", 15);
        QTest::newRow("oversized") << QByteArray(4096, '$');
    }

    void verifyRefusesGarbage()
    {
        QFETCH(QByteArray, encoded);
        const PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        QVERIFY(!hasher.verify(encoded, u"secret"_s));
        QVERIFY(hasher.needsRehash(encoded));
    }

    void verifyRefusesTruncatedOrAlteredHash()
    {
        const PasswordHasher hasher(PasswordHasher::Strength::Minimum);
        const auto encoded = hasher.hash(u"pw"_s);
        QVERIFY(encoded);
        QVERIFY(!hasher.verify(encoded->chopped(4), u"pw"_s));
        QByteArray altered = *encoded;
        altered[altered.size() - 2] = altered.at(altered.size() - 2) == 'A' ? 'B' : 'A';
        QVERIFY(!hasher.verify(altered, u"pw"_s));
    }

    void needsRehash()
    {
        const PasswordHasher minimum(PasswordHasher::Strength::Minimum);
        const PasswordHasher interactive(PasswordHasher::Strength::Interactive);
        const auto weak = minimum.hash(u"pw"_s);
        const auto strong = interactive.hash(u"pw"_s);
        QVERIFY(weak && strong);
        QVERIFY(*weak != *strong);

        QVERIFY(!minimum.needsRehash(*weak));
        QVERIFY(interactive.needsRehash(*weak));
        QVERIFY(!interactive.needsRehash(*strong));
        // Either hasher verifies either hash: the parameters travel in the encoded string.
        QVERIFY(interactive.verify(*weak, u"pw"_s));
        QVERIFY(minimum.verify(*strong, u"pw"_s));
    }

    void randomTokenShape_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::newRow("1") << 1;
        QTest::newRow("16") << 16;
        QTest::newRow("32") << 32;
        QTest::newRow("33") << 33;
        QTest::newRow("64") << 64;
    }

    void randomTokenShape()
    {
        QFETCH(int, bytes);
        const QByteArray token = randomToken(bytes);
        QCOMPARE(token.size(), (4 * bytes + 2) / 3); // base64 without padding
        static const QRegularExpression urlSafe(u"^[A-Za-z0-9_-]+$"_s);
        QVERIFY2(urlSafe.match(QString::fromLatin1(token)).hasMatch(), token.constData());
        const auto decoded = QByteArray::fromBase64Encoding(
            token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), bytes);
    }

    void randomTokenDefaultsTo32Bytes() { QCOMPARE(randomToken().size(), 43); }

    void randomTokenEmptyForNoBytes()
    {
        QVERIFY(randomToken(0).isEmpty());
        QVERIFY(randomToken(-5).isEmpty());
    }

    void randomTokensAreUnique()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 2000; ++i)
            seen.insert(randomToken(16));
        QCOMPARE(seen.size(), 2000);
    }

    void sha256HexVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("digest");
        // FIPS 180-2 test vectors.
        QTest::newRow("empty") << QByteArray()
                               << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    void sha256HexVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, digest);
        QCOMPARE(aiops::iam::sha256Hex(input), digest);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
