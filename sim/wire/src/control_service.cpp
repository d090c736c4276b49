#include "v2gbench/simwire/control_service.hpp"

#include "v2gbench/simwire/fault_request.hpp"
#include "v2gbench/simwire/line_splitter.hpp"
#include "v2gbench/sim/ev_profile_config.hpp"
#include "v2gbench/sim/plant.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <cstdio>
#include <map>
#include <stdexcept>

namespace v2gbench::simwire {

namespace {

// Commands are a few words; 4 KiB is generous and keeps a hostile client's line bounded.
constexpr std::size_t kMaxLine = 4096;

std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.emplace_back(line.substr(start, i - start));
    }
    return out;
}

class ControlService final : public WireService, private transports::TcpHandler {
public:
    ControlService(WireContext& context, std::function<std::vector<ServiceListing>()> listing)
        : m_context(context), m_listing(std::move(listing)), m_server("control", *this) {}
    ~ControlService() override { stop(); }

    std::string name() const override { return "control"; }
    std::string protocol() const override { return "v2gbench-sim control (text lines over TCP)"; }
    std::vector<FaultKind> faultKinds() const override { return {}; } // the way faults come in stays clean
    int start(int port) override {
        const int bound = m_server.listen(port);
        m_server.start();
        return bound;
    }
    void stop() noexcept override { m_server.stop(); }

private:
    void onData(transports::TcpServer& server, transports::ConnectionId id, std::string_view bytes) override {
        auto& splitter = m_buffers.try_emplace(id, kMaxLine).first->second;
        splitter.feed(
            bytes, [&](std::string_view line) { return server.send(id, handle(line)); },
            [&] { return server.send(id, "error: line longer than " + std::to_string(kMaxLine) + " bytes, ignored\n"); });
    }
    void onDisconnect(transports::TcpServer&, transports::ConnectionId id) override { m_buffers.erase(id); }

    std::vector<FaultTarget> targets() const {
        std::vector<FaultTarget> out;
        for (const auto& s : m_listing()) out.push_back({s.name, s.faults});
        return out;
    }

    std::string handle(std::string_view line) {
        const auto w = words(line);
        if (w.empty()) return "error: empty command\n";
        const std::string& command = w[0];
        auto noArguments = [&]() -> std::optional<std::string> {
            if (w.size() == 1) return std::nullopt;
            return "error: " + command + " takes no arguments\n";
        };
        if (command == "services") {
            if (auto e = noArguments()) return *e;
            std::string out;
            for (const auto& s : m_listing()) out += s.name + " " + std::to_string(s.port) + " " + s.protocol + "\n";
            return out + "end\n";
        }
        if (command == "settings") {
            if (auto e = noArguments()) return *e;
            // Read-only: what this sim was started with, so a client can check that the lab it
            // talks to is the one its run records (issue 9). Format fixed; clients parse it.
            std::string out = "dut " + (m_context.dutId.empty() ? std::string("-") : m_context.dutId) + "\n";
            out += "defect " + (m_context.lab->defect().empty() ? std::string("-") : m_context.lab->defect()) + "\n";
            out += "seed " + std::to_string(m_context.lab->seed()) + "\n";
            // Who talks on the can-hub (--bus-dut): "lab" or "external".
            const bool external = m_context.lab->withPlant([](sim::Plant& p) { return p.externalBusDevices(); });
            out += std::string("bus-dut ") + (external ? "external" : "lab") + "\n";
            // The vehicle the EV emulator states, as ev.* settings (what a run's EV profile is checked against).
            out += "ev-profile " + (m_context.evId.empty() ? std::string("-") : m_context.evId) + "\n";
            const auto ev = sim::evSettingsOf(m_context.lab->withPlant([](sim::Plant& p) { return p.evConfig(); }));
            for (const auto& [key, value] : ev) out += "ev " + key + " " + (value.empty() ? std::string("-") : value) + "\n";
            for (const auto& [service, fault] : m_context.faults->active())
                out += "fault " + service + " " + toString(fault.kind) + " " + std::to_string(fault.value) + "\n";
            return out + "end\n";
        }
        if (command == "fault") {
            if (w.size() < 3 || w.size() > 4) return "error: usage: fault <service> " + faultUsage() + "\n";
            try {
                const auto fault = parseFaultRequest(w[1], w[2], w.size() == 4 ? std::optional(w[3]) : std::nullopt,
                                                     targets());
                m_context.faults->set(w[1], fault);
                return "ok\n";
            } catch (const std::invalid_argument& e) {
                return std::string("error: ") + e.what() + "\n";
            }
        }
        if (command == "clear") {
            if (w.size() > 2) return "error: usage: clear [<service>]\n";
            if (w.size() == 1) {
                m_context.faults->clearAll();
                return "ok\n";
            }
            bool known = false;
            for (const auto& s : m_listing()) known = known || s.name == w[1];
            if (!known) return "error: no service '" + w[1] + "'\n";
            m_context.faults->clear(w[1]);
            return "ok\n";
        }
        if (command == "faults") {
            if (auto e = noArguments()) return *e;
            std::string out;
            for (const auto& [service, fault] : m_context.faults->active())
                out += service + " " + toString(fault.kind) + " " + std::to_string(fault.value) + "\n";
            return out + "end\n";
        }
        if (command == "status") {
            if (auto e = noArguments()) return *e;
            const auto s = m_context.lab->snapshot();
            char buf[256];
            std::snprintf(buf, sizeof buf,
                          "t=%.3f s grid=%s %.1f V %.2f Hz ev=%s dc=%.2f V %.2f A grid_power=%.1f W charger=%s\n",
                          s.time.value, s.grid.outputOn ? "on" : "off", s.grid.voltage.value, s.grid.frequency.value,
                          core::toString(s.evPhase).c_str(), s.dcVoltage.value, s.dcCurrent.value, s.gridPower.value,
                          s.chargerState.c_str());
            return buf;
        }
        return "error: unknown command '" + command + "' (services, settings, fault, clear, faults, status)\n";
    }

    WireContext& m_context;
    std::function<std::vector<ServiceListing>()> m_listing;
    transports::TcpServer m_server;
    std::map<transports::ConnectionId, LineSplitter> m_buffers;
};

} // namespace

std::unique_ptr<WireService> makeControlService(WireContext& context,
                                                std::function<std::vector<ServiceListing>()> listing) {
    return std::make_unique<ControlService>(context, std::move(listing));
}

} // namespace v2gbench::simwire
