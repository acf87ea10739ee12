// engine-double: a TEST DOUBLE of an inference engine (vLLM / Triton / a custom server), linked
// statically so it runs inside a busybox image built by the tests. It is not a model: it answers
// the endpoints the console talks to with canned replies.
//
//   GET  /health, /v2/health/ready   200 "ok" (after STARTUP_DELAY_MS; never with NEVER_HEALTHY=1)
//   GET  /v1/models                  the served model name
//   POST /v1/chat/completions        JSON, or with "stream": true a Server-Sent Events stream of three
//                                    deltas 100 ms apart and "data: [DONE]"
//   POST /v2/models/{m}/infer        a Triton-style reply naming the model
//   anything else                    200 echoing method and path
//
// Arguments: vLLM's ("--port N", "--served-model-name X"; other flags ignored, so the image can
// install it as python3 and take vLLM's entrypoint) or Triton's "--http-port=N"; else $PORT, else
// 8000. DIE_AFTER_SECONDS=N exits with code 3 N seconds after start (a crashing engine).
#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

std::string g_model = "engine-double";
bool g_neverHealthy = false;
long g_startupDelayMs = 0;
std::chrono::steady_clock::time_point g_started;

bool sendAll(int fd, const std::string& data)
{
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += size_t(n);
    }
    return true;
}

bool reply(int fd, int status, const std::string& contentType, const std::string& body)
{
    const char* reason = status == 200 ? "OK" : status == 503 ? "Service Unavailable" : "Not Found";
    return sendAll(fd,
                   "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + contentType
                       + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

bool streamChat(int fd)
{
    if (!sendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"))
        return false;
    const char* words[] = { "Hello", " from", " the engine double" };
    for (const char* word : words) {
        const std::string event = "data: {\"object\":\"chat.completion.chunk\",\"model\":\"" + g_model
            + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word + "\"}}]}\n\n";
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", event.size());
        if (!sendAll(fd, size + event + "\r\n"))
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string done = "data: [DONE]\n\n";
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", done.size());
    return sendAll(fd, size + done + "\r\n0\r\n\r\n");
}

void serve(int fd)
{
    std::string buffer;
    char chunk[16384];
    for (;;) {
        size_t headerEnd;
        while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                ::close(fd);
                return;
            }
            buffer.append(chunk, size_t(n));
        }
        const std::string head = buffer.substr(0, headerEnd);
        size_t length = 0;
        for (const char* name : { "\r\nContent-Length:", "\r\ncontent-length:" }) {
            const size_t at = head.find(name);
            if (at != std::string::npos)
                length = std::strtoul(head.c_str() + at + std::strlen(name), nullptr, 10);
        }
        while (buffer.size() < headerEnd + 4 + length) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                ::close(fd);
                return;
            }
            buffer.append(chunk, size_t(n));
        }
        const std::string body = buffer.substr(headerEnd + 4, length);
        buffer.erase(0, headerEnd + 4 + length);
        const std::string method = head.substr(0, head.find(' '));
        const size_t pathStart = method.size() + 1;
        const std::string target = head.substr(pathStart, head.find(' ', pathStart) - pathStart);
        const std::string path = target.substr(0, target.find('?'));
        std::printf("engine double: %s %s\n", method.c_str(), target.c_str());
        std::fflush(stdout);

        bool ok = true;
        if (path == "/health" || path == "/v2/health/ready") {
            const auto up
                = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - g_started)
                      .count();
            ok = g_neverHealthy || up < g_startupDelayMs ? reply(fd, 503, "text/plain", "starting\n")
                                                         : reply(fd, 200, "text/plain", "ok\n");
        } else if (path == "/v1/models") {
            ok = reply(fd,
                       200,
                       "application/json",
                       "{\"object\":\"list\",\"data\":[{\"id\":\"" + g_model + "\",\"object\":\"model\"}]}");
        } else if (path == "/v1/chat/completions" && method == "POST") {
            const bool stream = body.find("\"stream\":true") != std::string::npos
                || body.find("\"stream\": true") != std::string::npos;
            ok = stream ? streamChat(fd)
                        : reply(fd,
                                200,
                                "application/json",
                                "{\"object\":\"chat.completion\",\"model\":\"" + g_model
                                    + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                                      "\"Hello from the engine double\"},\"finish_reason\":\"stop\"}]}");
        } else if (path.rfind("/v2/models/", 0) == 0 && path.size() > 6 && path.substr(path.size() - 6) == "/infer") {
            const std::string model = path.substr(11, path.size() - 11 - 6);
            ok = reply(fd,
                       200,
                       "application/json",
                       "{\"model_name\":\"" + model
                           + "\",\"outputs\":[{\"name\":\"OUTPUT0\",\"datatype\":\"FP32\","
                             "\"shape\":[1],\"data\":[1.0]}]}");
        } else {
            ok = reply(fd, 200, "application/json", "{\"method\":\"" + method + "\",\"path\":\"" + path + "\"}");
        }
        if (!ok) {
            ::close(fd);
            return;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    g_started = std::chrono::steady_clock::now();
    int port = std::getenv("PORT") ? std::atoi(std::getenv("PORT")) : 8000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--port" && i + 1 < argc)
            port = std::atoi(argv[++i]);
        else if (arg.rfind("--http-port=", 0) == 0)
            port = std::atoi(arg.c_str() + 12);
        else if (arg == "--served-model-name" && i + 1 < argc)
            g_model = argv[++i];
    }
    g_neverHealthy = std::getenv("NEVER_HEALTHY") != nullptr;
    if (const char* delay = std::getenv("STARTUP_DELAY_MS"))
        g_startupDelayMs = std::atol(delay);
    if (const char* die = std::getenv("DIE_AFTER_SECONDS")) {
        const int seconds = std::atoi(die);
        std::thread([seconds] {
            std::this_thread::sleep_for(std::chrono::seconds(seconds));
            std::printf("engine double: fatal: simulated crash after %d s\n", seconds);
            std::fflush(stdout);
            std::_Exit(3);
        }).detach();
    }

    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener, 128) != 0) {
        std::perror("engine double: listen");
        return 1;
    }
    std::printf("engine double listening on %d serving %s\n", port, g_model.c_str());
    std::fflush(stdout);
    for (;;) {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        std::thread(serve, fd).detach();
    }
}
