#pragma once
// A transport-level failure. Drivers wrap it into core::InstrumentError with the instrument's
// name and the exchange that failed.
#include <stdexcept>
#include <string>

namespace v2gbench::transports {

class TransportError : public std::runtime_error {
public:
    enum class Kind { Refused, Timeout, Closed, Io, Protocol };
    TransportError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace v2gbench::transports
