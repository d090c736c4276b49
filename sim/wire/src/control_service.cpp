#include "v2gbench/simwire/control_service.hpp"

#include "v2gbench/transports/tcp_server.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace v2gbench::simwire {

namespace {

class ControlService final : public WireService, private transports::TcpHandler {
public:
    ControlService(WireContext& context, std::function<std::vector<ServiceListing>()> listing)
        : m_context(context), m_listing(std::move(listing)), m_server("control", *this) {}
    ~ControlService() override { stop(); }

    std::string name() const override { return "control"; }
    std::string protocol() const override { return "v2gbench-sim control (text lines over TCP)"; }
    int start(int port) override {
        const int bound = m_server.listen(port);
        m_server.start();
        return bound;
    }
    void stop() noexcept override { m_server.stop(); }

private:
    void onData(transports::TcpServer& server, transports::ConnectionId id, std::string_view bytes) override {
        auto& buffer = m_buffers[id];
        buffer.append(bytes);
        std::size_t pos;
        while ((pos = buffer.find('\n')) != std::string::npos) {
            std::string line = buffer.substr(0, pos);
            buffer.erase(0, pos + 1);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            server.send(id, handle(line));
        }
    }
    void onDisconnect(transports::TcpServer&, transports::ConnectionId id) override { m_buffers.erase(id); }

    std::string handle(const std::string& line) {
        std::istringstream in(line);
        std::string command;
        in >> command;
        if (command == "services") {
            std::string out;
            for (const auto& s : m_listing()) out += s.name + " " + std::to_string(s.port) + " " + s.protocol + "\n";
            return out + "end\n";
        }
        if (command == "fault") {
            std::string service, kindText;
            int value = 0;
            in >> service >> kindText;
            auto kind = faultKindFromString(kindText);
            if (service.empty() || !kind) return "error: usage: fault <service> drop|delay <ms>|garbage|modbus-exception <code>|stall\n";
            bool known = false;
            for (const auto& s : m_listing()) known = known || s.name == service;
            if (!known) return "error: no service '" + service + "'\n";
            in >> value;
            if (*kind == FaultKind::DelayReplies && value <= 0) return "error: delay needs a positive time in ms\n";
            if (*kind == FaultKind::ModbusException && (value < 1 || value > 255))
                return "error: modbus-exception needs a code 1..255\n";
            m_context.faults->set(service, Fault{*kind, value});
            return "ok\n";
        }
        if (command == "clear") {
            std::string service;
            in >> service;
            if (service.empty()) m_context.faults->clearAll();
            else m_context.faults->clear(service);
            return "ok\n";
        }
        if (command == "faults") {
            std::string out;
            for (const auto& [service, fault] : m_context.faults->active())
                out += service + " " + toString(fault.kind) + " " + std::to_string(fault.value) + "\n";
            return out + "end\n";
        }
        if (command == "settings") {
            // Read-only: what this sim was started with, so a client can check that the lab it
            // talks to is the one its run records (issue 9). Format fixed; clients parse it.
            std::string out = "dut " + (m_context.dutId.empty() ? std::string("-") : m_context.dutId) + "\n";
            out += "defect " + (m_context.lab->defect().empty() ? std::string("-") : m_context.lab->defect()) + "\n";
            out += "seed " + std::to_string(m_context.lab->seed()) + "\n";
            for (const auto& [service, fault] : m_context.faults->active())
                out += "fault " + service + " " + toString(fault.kind) + " " + std::to_string(fault.value) + "\n";
            return out + "end\n";
        }
        if (command == "status") {
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
    std::map<transports::ConnectionId, std::string> m_buffers;
};

} // namespace

std::unique_ptr<WireService> makeControlService(WireContext& context,
                                                std::function<std::vector<ServiceListing>()> listing) {
    return std::make_unique<ControlService>(context, std::move(listing));
}

} // namespace v2gbench::simwire
