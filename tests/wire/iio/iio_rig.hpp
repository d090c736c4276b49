#pragma once
// Shared fixture of the IIO wire tests: a simulated lab (optionally charging at 100 A into a 400 V
// battery from a 230 V / 50 Hz grid) following the real clock, served by analyzer-iiod on an
// ephemeral loopback port.
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/iio/iiod_service.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::test {

class RecordingLog : public core::ExchangeLog {
public:
    void record(const std::string& instrument, core::Direction direction, const std::string& payload) noexcept override {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(instrument + (direction == core::Direction::ToInstrument ? " > " : " < ") + payload);
    }
    bool contains(const std::string& text) const {
        std::lock_guard lock(m_mutex);
        return std::any_of(m_lines.begin(), m_lines.end(), [&](const auto& l) { return l.find(text) != std::string::npos; });
    }
    std::size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_lines.size();
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

struct IioRig {
    std::shared_ptr<core::RealClock> clock = std::make_shared<core::RealClock>();
    std::shared_ptr<sim::SimLab> lab = std::make_shared<sim::SimLab>(core::DutRatings{});
    simwire::WireContext context;
    std::unique_ptr<simwire::WireService> service;
    int port = 0;

    explicit IioRig(bool charging = true, simwire::iio::IiodServiceOptions options = {}) {
        if (charging) startCharging(100.0);
        lab->followClock(clock);
        context.lab = lab;
        context.faults = std::make_shared<simwire::FaultInjector>();
        service = simwire::iio::makeIiodService(context, options);
        port = service->start(0);
    }
    ~IioRig() { service->stop(); }

    std::string uri() const { return "ip:127.0.0.1:" + std::to_string(port); }

    // Virtual time, before the lab follows the real clock: connect and settle at `amps`.
    void startCharging(double amps) {
        lab->withPlant([&](sim::Plant& p) {
            p.gridApply(units::Volts(230.0), units::Hertz(50.0));
            p.batteryEmulate(core::BatteryEmulation{});
            core::ChargeDemand d;
            d.voltage = units::Volts(450.0);
            d.current = units::Amperes(amps);
            d.mode = core::DemandMode::ConstantCurrent;
            p.evDemand(d);
            p.evConnect();
        });
        for (int i = 0; i < 300; ++i) {
            if (lab->snapshot().evPhase == core::EvPhase::Charging) break;
            lab->advance(units::Seconds(0.1), [] { return false; }, units::Seconds(0.1));
        }
        if (lab->snapshot().evPhase != core::EvPhase::Charging) throw std::runtime_error("the plant does not charge");
        lab->advance(units::Seconds(3.0), [] { return false; }, units::Seconds(0.1));
    }

    // Noise-free plant values the front-end's waveforms carry.
    struct Truth {
        double gridVoltage, frequency, gridPower, powerFactor, thd, dcVoltage, dcCurrent;
        double apparent() const { return std::abs(gridPower) / powerFactor; }
        double lineCurrentRms() const { return apparent() / (3.0 * gridVoltage) * std::sqrt(1.0 + thd * thd); }
    };
    Truth truth() {
        return lab->withPlant([](sim::Plant& p) {
            const auto s = p.snapshot();
            return Truth{s.grid.voltage.value, s.grid.frequency.value, s.gridPower.value,
                         p.parameters().powerFactor, p.parameters().currentThd, s.dcVoltage.value, s.dcCurrent.value};
        });
    }
};

inline bool near(double measured, double expected, double relative) {
    return std::abs(measured - expected) <= relative * std::abs(expected);
}

} // namespace v2gbench::test
