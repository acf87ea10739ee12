// The console's Deployments page over the real stack: the embedded controller on its thread, a real
// aiops-node and a real Podman service. A deployment made through DeploymentService (what the wizard
// calls) shows up as Running with its endpoint and live counters, and its logs come from the container.
// Saves deployments-console-e2e.png in the build directory (the page as a user sees it).
#include "EngineImage.h"
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/DeploymentService.h"
#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"
#include "models/DeploymentTableModel.h"
#include "tests/daemon/PodmanService.h"
#include "widgets/DeploymentsPage.h"
#include "widgets/MainWindow.h"

#include <QDir>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace Qt::StringLiterals;

class DeployConsoleE2ETest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    aiops::testing::PodmanService m_podman;
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<QProcess> m_node;

    // The text of the Status column in the row of deploymentId ("" when it is not listed).
    static QString statusText(const widgets::DeploymentsPage* page, const QString& deploymentId)
    {
        const QAbstractItemModel* model = page->table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                if (model->headerData(column, Qt::Horizontal).toString() != u"Status"_s)
                    continue;
                page->table()->selectRow(row);
                if (page->selectedDeploymentId() == deploymentId)
                    return model->index(row, column).data().toString();
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString started = m_podman.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString imported = aiops::testing::importEngineImage(m_podman, m_dir.path());
        QVERIFY2(imported.isEmpty(), qPrintable(imported));

        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"controller"_s);
        config.heartbeatIntervalMs = 500;
        config.fastPasswordHashing = true;
        m_controller = std::make_unique<controller::ControllerThread>(config);
        auto running = m_controller->start();
        QVERIFY2(running.has_value(), qPrintable(running ? QString() : running.error().message));

        const QString hub = m_dir.filePath(u"hub"_s);
        QVERIFY(QDir().mkpath(hub));
        QCOMPARE(
            QProcess::execute(
                u"cp"_s,
                { u"-a"_s, QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache/models--tiny-org--tiny-qwen2"_s, hub }),
            0);
        m_controller->modelService()->importCache(hub);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->modelService()->models().size(), 1, 20000);

        m_node = std::make_unique<QProcess>();
        m_node->setProgram(QStringLiteral(AIOPS_NODE_BIN));
        m_node->setArguments({ u"--controller"_s,
                               u"ws://127.0.0.1:%1/ws/node"_s.arg(m_controller->port()),
                               u"--token"_s,
                               QString::fromUtf8(aiops::testing::enrollmentToken(*m_controller)),
                               u"--name"_s,
                               u"gpu-01"_s,
                               u"--heartbeat-interval"_s,
                               u"0.5"_s,
                               u"--work-dir"_s,
                               m_dir.filePath(u"node"_s),
                               u"--container-socket"_s,
                               m_podman.socketPath() });
        m_node->setProcessChannelMode(QProcess::ForwardedChannels);
        m_node->start();
        QVERIFY(m_node->waitForStarted(5000));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->nodeService()->nodes().size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->nodeService()->nodes().first().record.status, u"online"_s, 20000);
    }

    void cleanupTestCase()
    {
        if (m_node) {
            m_node->terminate();
            m_node->waitForFinished(5000);
        }
        m_controller.reset();
        m_podman.stop();
    }

    void aDeploymentShowsUpRunningWithItsLogs()
    {
        controller::DeploymentService* deployments = m_controller->deploymentService();
        QVERIFY(deployments);
        widgets::MainWindow window(m_controller->nodeService(), m_controller->safetyService());
        window.setModelService(m_controller->modelService());
        window.setDeploymentService(deployments);
        window.resize(1280, 820);
        window.show();
        window.showPage(widgets::MainWindow::Page::Deployments);
        widgets::DeploymentsPage* page = window.deploymentsPage();
        QVERIFY(page);
        QVERIFY(page->isShowingEmptyState());

        controller::DeployRequest request;
        request.modelId = m_controller->modelService()->models().first().modelId;
        request.framework = u"vllm"_s;
        request.image = QString::fromLatin1(aiops::testing::kEngineImage);
        request.instanceId = u"console"_s;
        request.gpuCount = 0;
        const auto created = deployments->deploy(request); // from the GUI thread, as the wizard does
        QVERIFY2(created.has_value(), qPrintable(created ? QString() : created.error().message));
        const QString id = created->deploymentId;

        QTRY_VERIFY_WITH_TIMEOUT(!page->isShowingEmptyState(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(statusText(page, id).startsWith(u"Running"_s), 60000);
        QVERIFY(page->selectDeployment(id));
        QTRY_VERIFY_WITH_TIMEOUT(page->isShowingDetail(), 5000);
        QVERIFY(page->endpointUrl(*deployments->deployment(id))
                    .endsWith(u"/models/%1/console/v1/inference"_s.arg(request.modelId)));

        // A request through the controller's port shows up in the counters.
        const QByteArray token = aiops::testing::ownerToken(*m_controller);
        const auto answer
            = aiops::testing::http("POST", page->endpointUrl(*deployments->deployment(id)), token, "{\"messages\":[]}");
        QCOMPARE(answer.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(deployments->deployment(id)->requestCount >= 1, 10000);

        page->refreshLogs();
        QTRY_VERIFY_WITH_TIMEOUT(page->logView()->toPlainText().contains(u"engine double listening"_s), 10000);
        QTest::qWait(300); // let the table repaint its coalesced updates
        const QString shot = QStringLiteral(AIOPS_BUILD_DIR) + u"/deployments-console-e2e.png"_s;
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));

        QVERIFY(deployments->stop(id).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(statusText(page, id).startsWith(u"Stopped"_s), 30000);
    }
};

QTEST_MAIN(DeployConsoleE2ETest)
#include "DeployConsoleE2ETest.moc"
