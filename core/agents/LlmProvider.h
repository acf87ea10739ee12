#pragma once

#include "core/agents/LlmTypes.h"
#include "core/protocol/Error.h"

#include <QStringList>
#include <functional>
#include <memory>

namespace aiops::agents {

// Cancels one chat call. Copies share the call; cancelling an empty or finished handle does nothing.
// A cancelled call still ends with its done callback, carrying a cancellation error.
class ChatCall
{
public:
    ChatCall() = default;
    explicit ChatCall(std::function<void()> cancel)
        : m_cancel(std::make_shared<std::function<void()>>(std::move(cancel)))
    {
    }

    void cancel() const
    {
        if (m_cancel && *m_cancel) {
            (*m_cancel)();
        }
    }
    bool isValid() const { return m_cancel != nullptr; }

private:
    std::shared_ptr<std::function<void()>> m_cancel;
};

// A chat-completion backend: an OpenAI-compatible server (vLLM, Ollama, llama.cpp, OpenAI) or Anthropic.
// Callbacks come on the provider's thread, asynchronously (never from inside chat() itself).
class LlmProvider
{
public:
    enum class Kind { Local, Cloud };
    template<typename T> using Done = std::function<void(Result<T>)>;
    using DeltaHandler = std::function<void(const ChatDelta&)>;

    virtual ~LlmProvider() = default;

    virtual QString name() const = 0;
    virtual Kind kind() const = 0;
    // onDelta gets each streamed piece (only when request.stream); done comes exactly once.
    virtual ChatCall chat(const ChatRequest& request, DeltaHandler onDelta, Done<ChatResult> done) = 0;
    virtual void listModels(Done<QStringList> done) = 0;
};

} // namespace aiops::agents
