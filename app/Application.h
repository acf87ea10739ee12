#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

class QHostAddress;
class QTranslator;

namespace aiops::controller {
class ControllerThread;
}
namespace aiops::widgets {
class MainWindow;
}
namespace aiops::iam {
class SecretStore;
}
namespace aiops::models {
class RemoteSession;
class RestNodeService;
} // namespace aiops::models

namespace aiops::app {

class LocalNodeSupervisor;
class SecretCache;
class TrayIcon;

// What the command line asked for; unset values come from QSettings.
struct AppOptions
{
    std::optional<QString> dataDir;
    std::optional<int> port;
    std::optional<QString> listenAddress;
    bool noLocalNode = false;
    QString screenshotPath; // grab the main window after kScreenshotDelayMs, save it and quit
    QString language; // "vi", "en"; empty = system locale
};

// Wires the console together: translations, the embedded controller on its thread, the main window,
// the tray icon and, in local single-node mode, the aiops-node child.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)
public:
    static constexpr int kScreenshotDelayMs = 3000;

    explicit Application(QObject* parent = nullptr);
    ~Application() override;

    // Parses the arguments, starts everything and runs the event loop; returns the exit code.
    int run(const QStringList& arguments);

    // The --lang value that comes before the parser (so that --help is translated), or empty.
    static QString languageArgument(const QStringList& arguments);

private:
    std::optional<AppOptions> parseArguments(const QStringList& arguments, int* exitCode);
    void installTranslations(const QString& language);
    void startLocalNode(const QHostAddress& listenAddress, const QString& dataDir, int heartbeatIntervalMs);
    void onScreenshotTimeout();
    void onConnectRemote();
    void onQuitRequested();
    void onAboutToQuit();

    std::unique_ptr<iam::SecretStore> m_secrets; // keychain, or a 0600 file without one
    std::unique_ptr<SecretCache> m_secretCache; // what the controller thread uses
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<widgets::MainWindow> m_window;
    // Windows onto remote controllers (File → Connect to Remote Controller…), newest last.
    struct RemoteWindow
    {
        std::unique_ptr<models::RemoteSession> session;
        std::unique_ptr<models::RestNodeService> service;
        std::unique_ptr<widgets::MainWindow> window; // declared last: destroyed first
    };
    std::vector<RemoteWindow> m_remotes;
    TrayIcon* m_tray = nullptr;
    LocalNodeSupervisor* m_localNode = nullptr;
    QList<QTranslator*> m_translators;
    QString m_screenshotPath;
};

} // namespace aiops::app
