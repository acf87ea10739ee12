// Test helper: downloads one repo revision into a store directory, as the console would, so that
// test_model_downloader can kill the process mid-file and resume in another.
// Usage: hf_download_helper <endpoint> <store-dir> <repo> <revision>
#include "core/iam/SecretStore.h"
#include "core/net/CurlClient.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/LocalObjectStore.h"
#include "core/registry/ModelDownloader.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace aiops;
using namespace aiops::registry;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        QTextStream(stderr) << "usage: hf_download_helper <endpoint> <store-dir> <repo> <revision>\n";
        return 2;
    }
    net::CurlClient curl;
    auto secrets = iam::makeMemorySecretStore();
    HfHubClient hub(&curl, secrets.get());
    hub.setEndpoint(QUrl(args.at(1)));
    LocalObjectStore store(args.at(2));
    DownloadJob job;
    job.jobId = QStringLiteral("helper");
    job.repo = args.at(3);
    job.revision = args.at(4);
    ModelDownloader downloader(&hub, &store, job);
    DownloadOptions options;
    options.reserveBytes = 0;
    downloader.setOptions(options);
    QObject::connect(&downloader, &ModelDownloader::finished, &app, [&app](const DownloadJob& done) {
        QTextStream(stdout) << done.state << ' ' << done.errorMessage << '\n';
        app.exit(done.state == QStringLiteral("completed") ? 0 : 1);
    });
    downloader.start();
    return app.exec();
}
