#include "core/daemon/NodeIdentity.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using aiops::ErrorCode;
using aiops::daemon::NodeIdentity;

class TestNodeIdentity final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir.emplace();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void createsAnIdOnceAndKeepsIt()
    {
        const QString workDir = m_dir->filePath(QStringLiteral("nested/work")); // created on demand
        const auto first = NodeIdentity(workDir).loadOrCreate();
        QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().message));
        QVERIFY2(QRegularExpression(QStringLiteral("^node-[0-9a-f]{12}$")).match(*first).hasMatch(),
                 qPrintable(*first));

        // A restarted daemon (a new NodeIdentity) reads the same id.
        const auto second = NodeIdentity(workDir).loadOrCreate();
        QVERIFY(second.has_value());
        QCOMPARE(*second, *first);

        QFile file(workDir + QStringLiteral("/node-id"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()).trimmed(), *first);
    }

    void fileIsPrivate()
    {
        const NodeIdentity identity(m_dir->path());
        QVERIFY(identity.loadOrCreate().has_value());
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(identity.filePath()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, 0600u);
    }

    void distinctNodesGetDistinctIds()
    {
        QTemporaryDir other;
        const auto a = NodeIdentity(m_dir->path()).loadOrCreate();
        const auto b = NodeIdentity(other.path()).loadOrCreate();
        QVERIFY(a.has_value() && b.has_value());
        QVERIFY(*a != *b);
    }

    void keepsAnExistingIdWrittenByHand()
    {
        QFile file(m_dir->filePath(QStringLiteral("node-id")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("gpu-box-01\n");
        file.close();
        const auto id = NodeIdentity(m_dir->path()).loadOrCreate();
        QVERIFY(id.has_value());
        QCOMPARE(*id, QStringLiteral("gpu-box-01"));
    }

    void corruptFileIsAnErrorNotANewId()
    {
        QFile file(m_dir->filePath(QStringLiteral("node-id")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a valid id\n");
        file.close();
        const auto id = NodeIdentity(m_dir->path()).loadOrCreate();
        QVERIFY(!id.has_value());
        QCOMPARE(id.error().code, ErrorCode::InvalidValue);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("not a valid id\n")); // left for the operator to inspect
    }

private:
    std::optional<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestNodeIdentity)
#include "TestNodeIdentity.moc"
