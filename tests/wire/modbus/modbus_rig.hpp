#pragma once
// A simulated lab served by the two Modbus wire services on ephemeral loopback ports, plus a
// recording exchange log. The lab runs in virtual time: tests advance it explicitly.
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/fault_injector.hpp"
#include "v2gbench/simwire/modbus/ea_battery_service.hpp"
#include "v2gbench/simwire/modbus/sunspec_charger_service.hpp"
#include "v2gbench/transports/modbus_settings.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace v2gbench::test {

class RecordingLog : public core::ExchangeLog {
public:
    void record(const std::string& instrument, core::Direction direction, const std::string& payload) noexcept override {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(instrument + (direction == core::Direction::ToInstrument ? " > " : " < ") + payload);
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }
    std::size_t size() const { return lines().size(); }
    bool contains(const std::string& text) const {
        for (const auto& l : lines())
            if (l.find(text) != std::string::npos) return true;
        return false;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

struct ModbusRig {
    std::shared_ptr<sim::SimLab> lab = std::make_shared<sim::SimLab>(core::DutRatings{});
    std::shared_ptr<simwire::FaultInjector> faults = std::make_shared<simwire::FaultInjector>();
    simwire::WireContext context{lab, faults, core::DutRatings{}};
    std::unique_ptr<simwire::WireService> battery = simwire::modbus::makeEaBatteryService(context);
    std::unique_ptr<simwire::WireService> charger = simwire::modbus::makeSunSpecChargerService(context);
    int batteryPort = battery->start(0);
    int chargerPort = charger->start(0);
    RecordingLog log;

    ~ModbusRig() {
        battery->stop();
        charger->stop();
    }

    static transports::ModbusSettings settings(int port, int timeoutMs = 500) {
        return transports::ModbusSettings::fromUri(core::ConnectionUri::parse(
            "modbus-tcp://127.0.0.1:" + std::to_string(port) + "?unit=1&timeout_ms=" + std::to_string(timeoutMs)));
    }

    // Grid on, EV connected and charging at `amps` (permitting V2G discharge), in virtual time.
    void startCharging(double amps) {
        lab->withPlant([&](sim::Plant& p) {
            p.gridApply(units::Volts(230.0), units::Hertz(50.0));
            core::ChargeDemand d;
            d.mode = core::DemandMode::ConstantCurrent;
            d.current = units::Amperes(amps);
            d.voltage = units::Volts(500.0);
            d.maxDischargeCurrent = units::Amperes(150.0);
            p.evDemand(d);
            p.evConnect();
        });
        advanceUntil([&] { return lab->withPlant([](sim::Plant& p) { return p.evStatus().phase; }) == core::EvPhase::Charging; }, 30.0);
    }
    void advance(double seconds) { lab->advance(units::Seconds(seconds), [] { return false; }, units::Seconds(0.1)); }
    void advanceUntil(const std::function<bool()>& pred, double timeout) {
        lab->advance(units::Seconds(timeout), pred, units::Seconds(0.05));
    }
};

} // namespace v2gbench::test
