#include "models/DownloadListModel.h"
#include "models/ModelRoles.h"
#include "models/ModelTableModel.h"
#include "tests/support/FakeModelService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using aiops::models::DownloadListModel;
using aiops::models::ModelTableModel;
using aiops::registry::DownloadJob;
using aiops::testing::FakeModelService;
namespace models = aiops::models;

class TestModelModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void tableShowsModelsPresentAtConstruction();
    void tableDisplaysColumns();
    void tableUpdatesInPlaceAndKeepsRows();
    void tableRemovesDroppedModels();
    void tableSortsByRawNumbersAndFilters();
    void parametersText_data();
    void parametersText();
    void downloadListShowsActiveAndFailedJobs();
    void downloadListFollowsProgress();
    void downloadListDropsCompletedAndCancelled();
    void downloadListDismissHidesFailedJob();
    void errorText_data();
    void errorText();
    void etaText_data();
    void etaText();

private:
    static DownloadJob job(const QString& id, const QString& state, qint64 done = 0, qint64 total = 0);

    std::unique_ptr<FakeModelService> m_service;
    std::unique_ptr<ModelTableModel> m_table;
    std::unique_ptr<DownloadListModel> m_downloads;
    std::unique_ptr<QAbstractItemModelTester> m_tableTester;
    std::unique_ptr<QAbstractItemModelTester> m_downloadTester;
};

DownloadJob TestModelModels::job(const QString& id, const QString& state, qint64 done, qint64 total)
{
    DownloadJob j;
    j.jobId = id;
    j.repo = QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct");
    j.revision = QStringLiteral("main");
    j.state = state;
    j.bytesDone = done;
    j.bytesTotal = total;
    return j;
}

void TestModelModels::init()
{
    m_service = std::make_unique<FakeModelService>();
    m_table = std::make_unique<ModelTableModel>(m_service.get());
    m_downloads = std::make_unique<DownloadListModel>(m_service.get());
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    m_tableTester = std::make_unique<QAbstractItemModelTester>(m_table.get(), mode);
    m_downloadTester = std::make_unique<QAbstractItemModelTester>(m_downloads.get(), mode);
}

void TestModelModels::cleanup()
{
    m_downloadTester.reset();
    m_tableTester.reset();
    m_downloads.reset();
    m_table.reset();
    m_service.reset();
}

void TestModelModels::tableShowsModelsPresentAtConstruction()
{
    FakeModelService service;
    service.putModel(FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768));
    service.putModel(FakeModelService::makeModel(QStringLiteral("openai/whisper-small"), 967, 241734912));
    ModelTableModel table(&service);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(table.rowCount(), 2);
    QCOMPARE(table.columnCount(), int(ModelTableModel::ColumnCount));
    QCOMPARE(table.rowOf(QStringLiteral("whisper-small")), 1);
    QCOMPARE(table.totalSizeMb(), qint64(988 + 967));
}

void TestModelModels::tableDisplaysColumns()
{
    auto model = FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-7B-Instruct"), 15230, 7615616512);
    model.status = QStringLiteral("downloading");
    m_service->putModel(model);
    auto cell = [this](int column) {
        return m_table->index(0, column).data().toString();
    };
    QCOMPARE(cell(ModelTableModel::NameColumn), QStringLiteral("Qwen/Qwen2.5-7B-Instruct"));
    QCOMPARE(cell(ModelTableModel::TaskColumn), QStringLiteral("LLM"));
    QCOMPARE(cell(ModelTableModel::FrameworkColumn), QStringLiteral("vLLM"));
    QCOMPARE(cell(ModelTableModel::SizeColumn), QStringLiteral("15.2 GB"));
    QCOMPARE(cell(ModelTableModel::ParametersColumn), QStringLiteral("7.6B"));
    QCOMPARE(cell(ModelTableModel::VersionColumn), QStringLiteral("1.0.0"));
    QCOMPARE(cell(ModelTableModel::StatusColumn), QStringLiteral("Downloading"));
    QCOMPARE(m_table->index(0, 0).data(ModelTableModel::ModelIdRole).toString(), QStringLiteral("qwen2.5-7b-instruct"));
    QCOMPARE(m_table->index(0, 0).data(models::StatusRole).toString(), QStringLiteral("downloading"));
    QCOMPARE(m_table->headerData(ModelTableModel::ParametersColumn, Qt::Horizontal).toString(),
             QStringLiteral("Parameters"));
}

void TestModelModels::tableUpdatesInPlaceAndKeepsRows()
{
    auto model = FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768);
    m_service->putModel(model);
    QSignalSpy reset(m_table.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_table.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_table.get(), &QAbstractItemModel::dataChanged);
    model.version = QStringLiteral("1.1.0");
    m_service->putModel(model);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m_table->index(0, ModelTableModel::VersionColumn).data().toString(), QStringLiteral("1.1.0"));
}

void TestModelModels::tableRemovesDroppedModels()
{
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("a/one"), 10, 1000));
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("b/two"), 20, 2000));
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("c/three"), 30, 3000));
    QSignalSpy removed(m_table.get(), &QAbstractItemModel::rowsRemoved);
    m_service->dropModel(QStringLiteral("two"));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_table->rowCount(), 2);
    QCOMPARE(m_table->rowOf(QStringLiteral("two")), -1);
    QCOMPARE(m_table->rowOf(QStringLiteral("three")), 1);
}

void TestModelModels::tableSortsByRawNumbersAndFilters()
{
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("big/model-9b"), 9000, 9'000'000'000));
    auto whisper = FakeModelService::makeModel(QStringLiteral("openai/whisper-small"), 967, 241734912);
    whisper.task = QStringLiteral("asr");
    whisper.framework = QStringLiteral("triton");
    m_service->putModel(whisper);
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("small/model-40m"), 80, 40'000'000));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_table.get());
    proxy.setSortRole(models::SortRole);
    proxy.sort(ModelTableModel::SizeColumn, Qt::AscendingOrder);
    // 80 MB < 967 MB < 9.0 GB, which a text sort would get wrong ("80 MB" > "9.0 GB").
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("small/model-40m"));
    QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("big/model-9b"));
    proxy.setFilterRole(models::SearchTextRole);
    proxy.setFilterFixedString(QStringLiteral("triton"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, ModelTableModel::TaskColumn).data().toString(), QStringLiteral("Speech recognition"));
}

void TestModelModels::parametersText_data()
{
    QTest::addColumn<qint64>("parameters");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << qint64(0) << QStringLiteral("\u2013");
    QTest::newRow("thousands") << qint64(125000) << QStringLiteral("125,000");
    QTest::newRow("millions") << qint64(494032768) << QStringLiteral("494M");
    QTest::newRow("billions") << qint64(7615616512) << QStringLiteral("7.6B");
    QTest::newRow("70B") << qint64(70553706496) << QStringLiteral("70.6B");
}

void TestModelModels::parametersText()
{
    QFETCH(qint64, parameters);
    QFETCH(QString, text);
    QCOMPARE(ModelTableModel::parametersText(parameters), text);
}

void TestModelModels::downloadListShowsActiveAndFailedJobs()
{
    FakeModelService service;
    service.putDownload(job(QStringLiteral("j1"), QStringLiteral("running"), 100, 1000));
    service.putDownload(job(QStringLiteral("j2"), QStringLiteral("completed"), 1000, 1000));
    service.putDownload(job(QStringLiteral("j3"), QStringLiteral("failed")));
    service.putDownload(job(QStringLiteral("j4"), QStringLiteral("cancelled")));
    DownloadListModel list(&service);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(list.rowCount(), 2);
    QCOMPARE(list.index(0).data(DownloadListModel::JobIdRole).toString(), QStringLiteral("j1"));
    QCOMPARE(list.index(1).data(DownloadListModel::JobIdRole).toString(), QStringLiteral("j3"));
    QCOMPARE(list.activeCount(), 1);
}

void TestModelModels::downloadListFollowsProgress()
{
    auto j = job(QStringLiteral("j1"), QStringLiteral("queued"));
    m_service->putDownload(j);
    QCOMPARE(m_downloads->rowCount(), 1);
    const QModelIndex index = m_downloads->index(0);
    QVERIFY(!index.data(DownloadListModel::FractionRole).isValid());
    QCOMPARE(index.data(DownloadListModel::RateTextRole).toString(), QStringLiteral("Waiting to start"));

    QSignalSpy changed(m_downloads.get(), &QAbstractItemModel::dataChanged);
    j.state = QStringLiteral("running");
    j.bytesDone = 412'000'000;
    j.bytesTotal = 988'000'000;
    j.bytesPerSecond = 12'300'000;
    j.etaSeconds = 47;
    m_service->putDownload(j);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(index.data(DownloadListModel::FractionRole).toDouble(), 412.0 / 988.0);
    QCOMPARE(index.data(DownloadListModel::ProgressTextRole).toString(), QStringLiteral("412 MB of 988 MB"));
    QCOMPARE(index.data(DownloadListModel::RateTextRole).toString(),
             QStringLiteral("12.3 MB/s · less than a minute left"));
    j.etaSeconds = 125;
    m_service->putDownload(j);
    QCOMPARE(index.data(DownloadListModel::RateTextRole).toString(), QStringLiteral("12.3 MB/s · 2 min left"));
}

void TestModelModels::downloadListDropsCompletedAndCancelled()
{
    auto j1 = job(QStringLiteral("j1"), QStringLiteral("running"), 1, 10);
    auto j2 = job(QStringLiteral("j2"), QStringLiteral("running"), 1, 10);
    m_service->putDownload(j1);
    m_service->putDownload(j2);
    QCOMPARE(m_downloads->rowCount(), 2);
    j1.state = QStringLiteral("completed");
    j1.modelId = QStringLiteral("qwen2.5-0.5b-instruct");
    m_service->putDownload(j1);
    m_service->finishDownload(QStringLiteral("j1"));
    QCOMPARE(m_downloads->rowCount(), 1);
    QVERIFY(m_service->cancelDownload(QStringLiteral("j2")).has_value());
    QCOMPARE(m_downloads->rowCount(), 0);
}

void TestModelModels::downloadListDismissHidesFailedJob()
{
    auto j = job(QStringLiteral("j1"), QStringLiteral("failed"));
    j.errorCode = QStringLiteral("NOT_FOUND");
    m_service->putDownload(j);
    QCOMPARE(m_downloads->index(0).data(DownloadListModel::ErrorTextRole).toString(), QStringLiteral("No such model"));
    m_downloads->dismiss(QStringLiteral("j1"));
    QCOMPARE(m_downloads->rowCount(), 0);
    m_service->finishDownload(QStringLiteral("j1")); // a late signal for it does not bring it back
    QCOMPARE(m_downloads->rowCount(), 0);
}

void TestModelModels::errorText_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("text");
    QTest::newRow("401") << QStringLiteral("UNAUTHORIZED") << QString()
                         << QStringLiteral("This model needs a HuggingFace token: add one in Settings");
    QTest::newRow("403 gated") << QStringLiteral("FORBIDDEN") << QStringLiteral("gated")
                               << QStringLiteral("Accept the model's license on huggingface.co first");
    QTest::newRow("404") << QStringLiteral("NOT_FOUND") << QString() << QStringLiteral("No such model");
    QTest::newRow("disk") << QStringLiteral("INSUFFICIENT_STORAGE")
                          << QStringLiteral("not enough disk space in /data: 3100000000 bytes needed, 1200000000 free")
                          << QStringLiteral("Not enough disk space: 3.1 GB needed, 1.2 GB free");
    QTest::newRow("other") << QStringLiteral("SERVICE_UNAVAILABLE") << QStringLiteral("Hub answered 503")
                           << QStringLiteral("Hub answered 503");
}

void TestModelModels::errorText()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, text);
    QCOMPARE(DownloadListModel::errorText(code, message), text);
}

void TestModelModels::etaText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << -1 << QString();
    QTest::newRow("seconds") << 20 << QStringLiteral("less than a minute left");
    QTest::newRow("minutes") << 600 << QStringLiteral("10 min left");
    QTest::newRow("hours") << 7200 << QStringLiteral("2 h left");
}

void TestModelModels::etaText()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(DownloadListModel::etaText(seconds), text);
}

QTEST_GUILESS_MAIN(TestModelModels)
#include "test_model_models.moc"
