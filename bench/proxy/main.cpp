// aiops-proxy-bench-server --port P --upstream HOST:PORT: a ReverseProxy on 127.0.0.1:P that sends every request,
// path unchanged, to the upstream. One thread, as in the controller and the node daemon.
#include "core/net/ReverseProxy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <cstdio>

using namespace aiops::net;
using namespace Qt::StringLiterals;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on (127.0.0.1)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption upstreamOption(u"upstream"_s, u"Upstream HOST:PORT."_s, u"host:port"_s);
    parser.addOption(portOption);
    parser.addOption(upstreamOption);
    parser.process(app);

    const QString upstream = parser.value(upstreamOption);
    const qsizetype colon = upstream.lastIndexOf(u':');
    bool portOk = false;
    const QString host = upstream.left(colon);
    const quint16 upstreamPort = upstream.mid(colon + 1).toUShort(&portOk);
    if (colon <= 0 || !portOk) {
        std::fprintf(stderr, "--upstream HOST:PORT is required\n");
        return 2;
    }

    ReverseProxy proxy;
    proxy.setResolver([host, upstreamPort](const ProxyRequestHead& head, const QByteArray*) -> ProxyDecision {
        ProxyRoute route;
        route.host = host;
        route.port = upstreamPort;
        route.path = head.target;
        return route;
    });
    const auto port = proxy.listen(QHostAddress::LocalHost, parser.value(portOption).toUShort());
    if (!port) {
        std::fprintf(stderr, "%s\n", qPrintable(port.error().message));
        return 1;
    }
    std::printf("listening %u\n", static_cast<unsigned>(*port));
    std::fflush(stdout);
    return app.exec();
}
