#pragma once
// Test helper for the charger's sequence: steps the simulated lab 1 ms at a time and keeps every
// acquisition sample (Plant::daqValues), so orders and times are exact to one plant step; and a
// bus tap recording when each PGN was first sent after a moment.
#include "sim_rig.hpp"

#include "v2gbench/protocols/gbt27930/j1939_id.hpp"

#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace v2gbench::sim::test {

enum DaqCh { Inlet, Output, Across, Current, Cc1, Cc2, Aux, K1K2, K3K4, K5K6, Lock, DcPlusPe };

struct Watch {
    SimRig& rig;
    std::vector<std::pair<double, DaqValues>> samples;

    DaqValues now() { return rig.lab->withPlant([](Plant& p) { return p.daqValues(); }); }
    double time() { return rig.clock.now().value; }
    // Runs up to `seconds`, sampling every step; returns the time cond first held (nullopt: never).
    std::optional<double> until(const std::function<bool(const DaqValues&)>& cond, double seconds) {
        const int n = static_cast<int>(seconds / 0.001);
        for (int i = 0; i < n; ++i) {
            rig.wait(0.001);
            const auto v = now();
            samples.emplace_back(time(), v);
            if (cond(v)) return time();
        }
        return std::nullopt;
    }
    double peak(DaqCh c, double from, double to) const {
        double m = 0.0;
        for (const auto& [t, v] : samples)
            if (t >= from && t <= to) m = std::max(m, std::abs(v[c]));
        return m;
    }
    std::optional<double> firstTime(const std::function<bool(const DaqValues&)>& cond, double from = 0.0) const {
        for (const auto& [t, v] : samples)
            if (t >= from && cond(v)) return t;
        return std::nullopt;
    }
    // The last sample strictly before t.
    DaqValues before(double t) const {
        DaqValues last{};
        for (const auto& [ts, v] : samples)
            if (ts < t) last = v;
        return last;
    }
};

// Records the plant time of every frame of each PGN (shared with the bus listener).
struct BusTap {
    std::shared_ptr<std::map<std::uint32_t, std::vector<double>>> frames =
        std::make_shared<std::map<std::uint32_t, std::vector<double>>>();
    explicit BusTap(SimRig& rig) {
        auto f = frames;
        rig.lab->withPlant([f](Plant& p) {
            p.bus().addListener([f](const transports::CanFrame& frame, SimCanBus::NodeId, double t) {
                if (frame.extended) (*f)[protocols::gbt27930::J1939Id::fromCanId(frame.id).pgn].push_back(t);
            });
        });
    }
    std::optional<double> first(std::uint32_t pgn, double after = 0.0) const {
        for (double t : (*frames)[pgn])
            if (t >= after) return t;
        return std::nullopt;
    }
};

inline void plugIn(SimRig& rig, double batteryVolts = 400.0, double amps = 100.0) {
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel(batteryVolts));
    rig.ev.demand(cc(amps));
    rig.ev.connect();
}

inline std::string chargerState(SimRig& rig) {
    return rig.lab->withPlant([](Plant& p) { return p.snapshot().chargerState; });
}

inline constexpr std::uint32_t kPgnChm = 0x2600, kPgnCst = 0x1A00, kPgnCsd = 0x1D00, kPgnBst = 0x1900;

} // namespace v2gbench::sim::test
