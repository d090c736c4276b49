#pragma once
// The one logging facade. Libraries log through it; the composition root picks the sink
// (stderr for the CLI, a model for the GUI, nothing for tests). Thread-safe.
#include <functional>
#include <string>

namespace v2gbench::core::log {

enum class Level { Debug, Info, Warning, Error };

using Sink = std::function<void(Level, const std::string& component, const std::string& message)>;

// Replaces the process-wide sink; an empty sink discards everything. Default: warnings and errors to stderr.
void setSink(Sink sink);
void write(Level level, const std::string& component, const std::string& message);

inline void debug(const std::string& c, const std::string& m) { write(Level::Debug, c, m); }
inline void info(const std::string& c, const std::string& m) { write(Level::Info, c, m); }
inline void warning(const std::string& c, const std::string& m) { write(Level::Warning, c, m); }
inline void error(const std::string& c, const std::string& m) { write(Level::Error, c, m); }

} // namespace v2gbench::core::log
