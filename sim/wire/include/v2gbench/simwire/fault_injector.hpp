#pragma once
// Faults the wire-level simulated lab can inject into one service, so drivers' error paths are
// exercised for real: the bench must report each as a clear instrument error (verdict "error"),
// run its teardown and leave every reachable instrument safe. Thread-safe.
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace v2gbench::simwire {

enum class FaultKind {
    DropConnection,  // close the client's connection at its next request
    DelayReplies,    // hold every reply for `value` ms
    Garbage,         // answer with bytes that are not the protocol
    ModbusException, // answer every Modbus request with exception code `value`
    StallStream,     // a streaming service (iiod) stops sending data, connection stays open
};

struct Fault {
    FaultKind kind;
    int value = 0;
};

std::string toString(FaultKind kind);               // "drop", "delay", "garbage", "modbus-exception", "stall"
std::optional<FaultKind> faultKindFromString(const std::string& text);

class FaultInjector {
public:
    void set(const std::string& service, Fault fault);
    void clear(const std::string& service);
    void clearAll();
    std::optional<Fault> get(const std::string& service) const;
    std::map<std::string, Fault> active() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::string, Fault> m_faults;
};

} // namespace v2gbench::simwire
