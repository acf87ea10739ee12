#include "core/iam/SecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
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

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qunsetenv("AIOPS_SECRET_HF_TOKEN");
    }

    void memoryRoundTrip()
    {
        auto store = makeMemorySecretStore();
        QCOMPARE(store->backendName(), u"memory"_s);
        auto missing = store->read(u"hf-token"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(store->write(u"hf-token"_s, QByteArray("hf_abc\0def", 10)));
        QCOMPARE(store->read(u"hf-token"_s).value(), QByteArray("hf_abc\0def", 10));
        QVERIFY(store->write(u"hf-token"_s, "second"));
        QCOMPARE(store->read(u"hf-token"_s).value(), QByteArray("second"));
        QVERIFY(store->remove(u"hf-token"_s));
        QCOMPARE(store->read(u"hf-token"_s).error().code, ErrorCode::NotFound);
        QVERIFY(store->remove(u"never-there"_s));
    }

    void fileRoundTripAndMode()
    {
        const QString path = m_dir->filePath(u"secrets.json"_s);
        auto store = makeFileSecretStore(path);
        QCOMPARE(store->backendName(), u"file"_s);
        QCOMPARE(store->read(u"owner-password"_s).error().code, ErrorCode::NotFound);
        const QByteArray binary("\x00\xff\x10secret", 9);
        QVERIFY(store->write(u"owner-password"_s, binary));
        QVERIFY(store->write(u"refresh-token:https://c.example:8443"_s, "rt"));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(fileMode(path), 0600);

        // Values are stored as base64 in a JSON object, never in clear.
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(raw.readAll()).object();
        QCOMPARE(json.value(u"owner-password"_s).toString(), QString::fromLatin1(binary.toBase64()));

        // A second store over the same file sees the values.
        auto reopened = makeFileSecretStore(path);
        QCOMPARE(reopened->read(u"owner-password"_s).value(), binary);
        QCOMPARE(reopened->read(u"refresh-token:https://c.example:8443"_s).value(), QByteArray("rt"));
        QVERIFY(reopened->remove(u"owner-password"_s));
        QVERIFY(reopened->remove(u"owner-password"_s));
        QCOMPARE(store->read(u"owner-password"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(fileMode(path), 0600);
    }

    void fileReadableByOthersIsRefused_data()
    {
        QTest::addColumn<int>("extra");
        QTest::newRow("group-read") << int(QFileDevice::ReadGroup);
        QTest::newRow("other-read") << int(QFileDevice::ReadOther);
        QTest::newRow("group-write") << int(QFileDevice::WriteGroup);
    }

    void fileReadableByOthersIsRefused()
    {
        QFETCH(int, extra);
        const QString path = m_dir->filePath(u"secrets.json"_s);
        auto store = makeFileSecretStore(path);
        QVERIFY(store->write(u"hf-token"_s, "v"));
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::Permissions(extra)));
        auto read = store->read(u"hf-token"_s);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::Forbidden);
        QVERIFY2(read.error().message.contains(path), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(u"chmod 600"_s), qPrintable(read.error().message));
        auto write = store->write(u"other"_s, "x");
        QVERIFY(!write);
        QCOMPARE(write.error().code, ErrorCode::Forbidden);
    }

    void environmentOverridesFile()
    {
        const QString path = m_dir->filePath(u"secrets.json"_s);
        auto store = makeFileSecretStore(path);
        QVERIFY(store->write(u"hf-token"_s, "from-file"));
        qputenv("AIOPS_SECRET_HF_TOKEN", "from-env");
        QCOMPARE(store->read(u"hf-token"_s).value(), QByteArray("from-env"));
        // The override also answers for keys the file does not hold.
        QVERIFY(store->remove(u"hf-token"_s));
        QCOMPARE(store->read(u"hf-token"_s).value(), QByteArray("from-env"));
        qunsetenv("AIOPS_SECRET_HF_TOKEN");
        QCOMPARE(store->read(u"hf-token"_s).error().code, ErrorCode::NotFound);
    }

    void corruptFileIsAnError()
    {
        const QString path = m_dir->filePath(u"secrets.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[not an object");
        f.close();
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto store = makeFileSecretStore(path);
        auto read = store->read(u"hf-token"_s);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::StoreError);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
