#include "v2gbench/sim/register_sim_drivers.hpp"

#include "v2gbench/sim/sim_analyzer.hpp"
#include "v2gbench/sim/ev_profile_config.hpp"
#include "v2gbench/sim/sim_battery.hpp"
#include "v2gbench/sim/sim_can_recorder.hpp"
#include "v2gbench/sim/sim_daq.hpp"
#include "v2gbench/sim/sim_dut.hpp"
#include "v2gbench/sim/sim_ev.hpp"
#include "v2gbench/sim/sim_evse.hpp"
#include "v2gbench/sim/sim_fault_box.hpp"
#include "v2gbench/sim/sim_grid.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/sim/sim_realtime_clock.hpp"
#include "v2gbench/sim/sim_virtual_clock.hpp"

#include <stdexcept>

namespace v2gbench::sim {

namespace {

// The session's lab, after checking the URI scheme and that the session runs on a sim clock of
// this very lab (any other clock would leave the plant frozen).
std::shared_ptr<SimLab> labFor(core::DriverRequest& request, const std::string& driver) {
    const std::string who = request.instrumentName + " (" + driver + ")";
    if (request.uri.scheme != "sim")
        throw std::invalid_argument(who + ": connection URI '" + request.uri.text + "' has scheme '" +
                                    request.uri.scheme + "'; simulated instruments accept only 'sim' (e.g. sim://lab)");
    auto lab = SimLab::forSession(request.session);
    const core::Clock* clock = &request.clock;
    const auto* virt = dynamic_cast<const SimVirtualClock*>(clock);
    const auto* real = dynamic_cast<const SimRealtimeClock*>(clock);
    const SimLab* clockLab = virt ? &virt->lab() : real ? &real->lab() : nullptr;
    if (clockLab != lab.get())
        throw std::invalid_argument(who + ": the simulated lab runs only on the session's clock 'sim-virtual' or "
                                          "'sim-realtime'; this session has another clock");
    return lab;
}

template <class Driver> core::DriverFactory factory(const std::string& driver) {
    return [driver](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
        return std::make_unique<Driver>(labFor(request, driver), request.instrumentName);
    };
}

} // namespace

void registerSimDrivers(core::DriverRegistry& registry) {
    registry.addClock("sim-virtual",
                      "simulated lab, virtual time: waits step the plant at once, deterministic (setting sim.pace "
                      "paces it: 1 = real time, 10 = ten times)",
                      [](core::SessionContext& session) -> std::shared_ptr<core::Clock> {
                          auto clock = std::make_shared<SimVirtualClock>(
                              SimLab::forSession(session), units::Seconds(0.01),
                              SimVirtualClock::parsePace(session.setting("sim.pace")));
                          session.recordApplied("sim.pace", SimVirtualClock::formatPace(clock->pace()));
                          return clock;
                      });
    registry.addClock("sim-realtime", "simulated lab in real time (wall clock)",
                      [](core::SessionContext& session) -> std::shared_ptr<core::Clock> {
                          return std::make_shared<SimRealtimeClock>(SimLab::forSession(session));
                      });
    registry.addDriver({"sim-grid", "grid", "simulated three-phase grid emulator, 0..300 V L-N, 45..65 Hz"},
                       factory<SimGrid>("sim-grid"));
    registry.addDriver({"sim-battery", "battery",
                        "simulated bidirectional DC supply emulating the battery, 0..1000 V, "
                        "+-300 A"},
                       factory<SimBattery>("sim-battery"));
    registry.addDriver({"sim-ev", "ev", "simulated EV emulator: GB/T 27930 BMS (EV profile from ev.* settings), CC1, switch S"},
                       [](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
                           auto lab = labFor(request, "sim-ev");
                           try {
                               const auto config = bmsConfigFromSettings(request.session);
                               const auto configured =
                                   lab->withPlant([&](Plant& p) { p.evConfigure(config); return p.evConfig(); });
                               // Every ev.* setting the session asked for, as the emulator now holds it.
                               const auto readBack = evSettingsOf(configured);
                               for (const auto& [key, value] : request.session.settings)
                                   if (auto it = readBack.find(key); it != readBack.end())
                                       request.session.recordApplied(key, it->second);
                           } catch (const std::invalid_argument& e) {
                               throw std::invalid_argument(request.instrumentName + " (sim-ev): EV profile: " + e.what());
                           }
                           return std::make_unique<SimEv>(lab, request.instrumentName);
                       });
    registry.addDriver({"sim-can", "can", "records and decodes the simulated lab's charger-EV CAN bus (GB/T 27930)"},
                       factory<SimCanRecorder>("sim-can"));
    registry.addDriver({"sim-analyzer", "analyzer", "simulated power analyzer, AC input and DC output"},
                       factory<SimAnalyzer>("sim-analyzer"));
    registry.addDriver({"sim-dut", "dut",
                        "simulated bidirectional DC charger's control interface (named defects: "
                        "setting sim.defect; declared-fault test mode)"},
                       factory<SimDut>("sim-dut"));
    registry.addDriver({"sim-fault-box", "fault_box",
                        "simulated fault-simulation unit: S, CC1, CC2, PE, S+/S- lines, R4 100..10000 ohm, "
                        "insulation fault 1 kohm..10 Mohm"},
                       factory<SimFaultBox>("sim-fault-box"));
    registry.addDriver({"sim-evse", "evse",
                        "simulated charger emulator: the lab's GB/T 27930 charger speaking to the vehicle under "
                        "test (BMS-side cases), declarative faults on its frames"},
                       factory<SimEvse>("sim-evse"));
    registry.addDriver({"sim-daq", "daq",
                        "simulated acquisition: every daq channel at the plant step (1 ms), 30 s memory, "
                        "edge and CAN-frame triggers"},
                       factory<SimDaq>("sim-daq"));
}

} // namespace v2gbench::sim
