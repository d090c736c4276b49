#pragma once
// Every wire exchange (SCPI line, Modbus request/response, CAN frame, iiod command) is evidence.
// Drivers report them here; the bench writes them into the run folder with a timestamp.
#include <string>

namespace v2gbench::core {

enum class Direction { ToInstrument, FromInstrument };

class ExchangeLog {
public:
    virtual ~ExchangeLog() = default;
    // Thread-safe; never throws.
    virtual void record(const std::string& instrument, Direction direction, const std::string& payload) noexcept = 0;
};

} // namespace v2gbench::core
