#include "core/safety/MessageFilter.h"

namespace aiops::safety {

void MessageFilterChain::add(std::shared_ptr<MessageFilter> filter)
{
    m_filters.push_back(std::move(filter));
}

void MessageFilterChain::run(FilterContext& context) const
{
    for (const auto& filter : m_filters) {
        if (!filter->appliesTo(context.direction))
            continue;
        filter->apply(context);
        if (context.blocked)
            return;
    }
}

QStringList MessageFilterChain::names() const
{
    QStringList out;
    for (const auto& filter : m_filters)
        out.append(filter->name());
    return out;
}

} // namespace aiops::safety
