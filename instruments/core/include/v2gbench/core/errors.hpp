#pragma once
// Exception types that cross layer boundaries. Each one carries what a test engineer needs to
// find the problem: the instrument (role and driver) and the exchange, or the file and line.
#include <stdexcept>
#include <string>

namespace v2gbench::core {

// An instrument or its link failed: timeout, refused command, lost connection, bad reply.
// The bench reports it as verdict "error" (a bench fault), never as a DUT failure.
class InstrumentError : public std::runtime_error {
public:
    InstrumentError(std::string instrument, std::string exchange, const std::string& message)
        : std::runtime_error(instrument + ": " + message + (exchange.empty() ? "" : " [" + exchange + "]")),
          m_instrument(std::move(instrument)), m_exchange(std::move(exchange)) {}
    const std::string& instrument() const { return m_instrument; }
    const std::string& exchange() const { return m_exchange; }

private:
    std::string m_instrument;
    std::string m_exchange;
};

// A request the instrument cannot honour by construction (out of its rated range, missing
// capability). Raised before anything is switched, never silently clamped.
class CapabilityError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A configuration file (bench profile, DUT profile, catalogue, plan) is wrong.
struct SourceLocation {
    std::string file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    std::string str() const {
        std::string s = file;
        if (line > 0) s += ":" + std::to_string(line);
        if (column > 0) s += ":" + std::to_string(column);
        return s;
    }
};

class ConfigError : public std::runtime_error {
public:
    ConfigError(SourceLocation where, const std::string& message)
        : std::runtime_error(where.str() + ": error: " + message), m_where(std::move(where)), m_message(message) {}
    const SourceLocation& where() const { return m_where; }
    const std::string& message() const { return m_message; }

private:
    SourceLocation m_where;
    std::string m_message;
};

} // namespace v2gbench::core
