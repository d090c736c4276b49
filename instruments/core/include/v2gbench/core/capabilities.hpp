#pragma once
// What a driver can do, published by the driver, checked by the bench against what a plan
// requires before anything is switched on. Names, not model numbers.
#include <set>
#include <string>

namespace v2gbench::core {

class Capabilities {
public:
    Capabilities() = default;
    Capabilities(std::initializer_list<std::string> names) : m_names(names) {}
    void add(const std::string& name) { m_names.insert(name); }
    bool has(const std::string& name) const { return m_names.count(name) != 0; }
    const std::set<std::string>& names() const { return m_names; }

private:
    std::set<std::string> m_names;
};

// Well-known capability names.
namespace capability {
inline constexpr const char* fourQuadrant = "four-quadrant";       // battery: source and sink
inline constexpr const char* batteryModel = "battery-model";      // battery: internal resistance, SoC
inline constexpr const char* threePhase = "three-phase";           // grid
inline constexpr const char* listMode = "list-mode";               // grid: sags, frequency steps
inline constexpr const char* acMeasurement = "ac-measurement";     // analyzer
inline constexpr const char* dcMeasurement = "dc-measurement";     // analyzer
inline constexpr const char* powerDispatch = "power-dispatch";     // dut: signed active-power setpoint
inline constexpr const char* demandControl = "demand-control";     // ev: voltage/current demand
inline constexpr const char* evPause = "ev-pause";                 // ev: BSM charging permitted off/on
inline constexpr const char* protocolFaults = "protocol-faults";   // ev: declarative GB/T 27930 faults
inline constexpr const char* busDecode = "bus-decode";             // can: decoded GB/T 27930 messages
inline constexpr const char* connectionCircuit = "connection-circuit"; // ev: CC1 voltage, switch S
inline constexpr const char* vehicleContactors = "vehicle-contactors"; // ev: K5/K6 held closed (welded)
inline constexpr const char* daqCanTrigger = "daq-can-trigger";   // daq: trigger on a CAN frame
inline constexpr const char* declaredFaults = "declared-faults";   // dut: declared-fault test mode (D0.4506)
inline constexpr const char* operatorStop = "operator-stop";       // dut: the charger's stop control (D0.5001 a)
inline constexpr const char* insulationFault = "insulation-fault"; // fault_box: Rt between DC+/DC- and PE
} // namespace capability

} // namespace v2gbench::core
