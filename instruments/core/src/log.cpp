#include "v2gbench/core/log.hpp"

#include <cstdio>
#include <mutex>

namespace v2gbench::core::log {

namespace {

std::mutex& sinkMutex() {
    static std::mutex m;
    return m;
}

Sink& currentSink() {
    static Sink sink = [](Level level, const std::string& component, const std::string& message) {
        if (level < Level::Warning) return;
        std::fprintf(stderr, "%s: %s: %s\n", level == Level::Error ? "error" : "warning", component.c_str(),
                     message.c_str());
    };
    return sink;
}

} // namespace

void setSink(Sink sink) {
    std::lock_guard lock(sinkMutex());
    currentSink() = std::move(sink);
}

void write(Level level, const std::string& component, const std::string& message) {
    std::lock_guard lock(sinkMutex());
    if (currentSink()) currentSink()(level, component, message);
}

} // namespace v2gbench::core::log
