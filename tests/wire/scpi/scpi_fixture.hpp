#pragma once
// A simulated lab on virtual time with the five SCPI services on ephemeral loopback ports, and
// a driver session (registry, exchange log) for the SCPI drivers. Tests advance the plant with
// advance(); nothing sleeps.
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/drivers/scpi/register_scpi_drivers.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/sim/sim_virtual_clock.hpp"
#include "v2gbench/simwire/scpi/scpi_services.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace v2gbench::test {

class MemoryExchangeLog : public core::ExchangeLog {
public:
    void record(const std::string& instrument, core::Direction direction, const std::string& payload) noexcept override {
        std::lock_guard lock(m_mutex);
        m_records.push_back({instrument, direction, payload});
    }
    struct Record {
        std::string instrument;
        core::Direction direction;
        std::string payload;
    };
    std::vector<Record> records() const {
        std::lock_guard lock(m_mutex);
        return m_records;
    }
    bool sent(const std::string& needle) const {
        for (const auto& r : records())
            if (r.direction == core::Direction::ToInstrument && r.payload.find(needle) != std::string::npos) return true;
        return false;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<Record> m_records;
};

struct ScpiLabFixture {
    ScpiLabFixture() {
        context.lab = std::make_shared<sim::SimLab>(core::DutRatings{});
        context.faults = std::make_shared<simwire::FaultInjector>();
        context.ratings = context.lab->ratings();
        for (const auto& info : simwire::scpi::scpiServices()) {
            auto service = simwire::scpi::makeScpiService(info.name, context);
            ports[info.name] = service->start(0);
            services.push_back(std::move(service));
        }
        clock = std::make_unique<sim::SimVirtualClock>(context.lab);
        session.exchanges = &log;
        drivers::scpi::registerScpiDrivers(registry);
    }
    ~ScpiLabFixture() {
        for (auto& s : services) s->stop();
    }

    // options as a bench profile writes them ({"timeout", "300 ms"}), checked by the driver's declaration.
    template <class T>
    std::unique_ptr<T> make(const std::string& driver, const std::string& role, const std::string& uri,
                            const std::map<std::string, std::string>& options = {}) {
        core::DriverRequest request{role, core::ConnectionUri::parse(uri), registry.driverOptions(driver, options),
                                    session, *clock};
        auto instrument = registry.createDriver(driver, request);
        auto* typed = dynamic_cast<T*>(instrument.get());
        if (!typed) throw std::logic_error(driver + " is not of the expected role type");
        instrument.release();
        return std::unique_ptr<T>(typed);
    }
    std::string visa(const std::string& service) const {
        return "TCPIP0::127.0.0.1::" + std::to_string(ports.at(service)) + "::SOCKET";
    }
    std::string tcp(const std::string& service) const { return "tcp://127.0.0.1:" + std::to_string(ports.at(service)); }
    void advance(double seconds) {
        context.lab->advance(units::Seconds(seconds), [] { return false; }, units::Seconds(0.05));
    }

    simwire::WireContext context;
    std::vector<std::unique_ptr<simwire::WireService>> services;
    std::map<std::string, int> ports;
    MemoryExchangeLog log;
    core::SessionContext session;
    // The plant's time stamps the analyzer's readings, as on a bench.
    std::unique_ptr<sim::SimVirtualClock> clock;
    core::DriverRegistry registry;
};

} // namespace v2gbench::test
