#include "v2gbench/simwire/control/lab_control_client.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/transports/tcp_stream.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <sstream>
#include <stdexcept>

namespace v2gbench::simwire {

namespace {

constexpr std::size_t kMaxReplyLines = 256;

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::string describeDefect(const std::string& defect) {
    return defect.empty() ? "the conforming charger" : "defect '" + defect + "'";
}

} // namespace

LabSettings parseLabSettings(const std::vector<std::string>& lines) {
    LabSettings s;
    bool sawDut = false, sawDefect = false, sawSeed = false;
    for (const auto& line : lines) {
        std::istringstream in(line);
        std::string key;
        in >> key;
        std::string rest;
        std::getline(in >> std::ws, rest);
        if (key == "dut") {
            s.dut = rest;
            sawDut = true;
        } else if (key == "defect") {
            s.defect = rest == "-" ? "" : rest;
            sawDefect = true;
        } else if (key == "seed") {
            s.seed = rest;
            sawSeed = true;
        } else if (key == "fault") {
            s.faults.push_back(rest);
        } else if (key == "bus-dut") {
            if (rest != "lab" && rest != "external")
                throw std::invalid_argument("unexpected bus-dut in the lab's settings reply: '" + line + "'");
            s.busDut = rest;
        } else if (key == "ev-profile") {
            s.evProfile = rest == "-" ? "" : rest;
        } else if (key == "ev") {
            // "ev ev.max_charge_voltage 750 V"; "-" for an empty value (a VIN sent as zeros)
            const auto space = rest.find(' ');
            if (space == std::string::npos) throw std::invalid_argument("malformed ev line in the lab's settings reply: '" + line + "'");
            const std::string value = rest.substr(space + 1);
            s.ev[rest.substr(0, space)] = value == "-" ? "" : value;
        } else {
            throw std::invalid_argument("unexpected line in the lab's settings reply: '" + line + "'");
        }
    }
    if (!sawDut || !sawDefect || !sawSeed)
        throw std::invalid_argument("the lab's settings reply lacks dut, defect or seed");
    return s;
}

void applyLabSettings(const LabSettings& lab, core::SessionContext& session, const std::string& where) {
    auto command = [&](const std::string& defect, const std::string& seed) {
        std::string c = "v2gbench-sim --dut <DUT profile '" + (session.dutId.empty() ? lab.dut : session.dutId) + "'>";
        if (!defect.empty()) c += " --defect " + defect;
        c += " --seed " + seed;
        return c;
    };
    const std::string wantDefect = session.settings.count("sim.defect") ? session.setting("sim.defect") : lab.defect;
    const std::string wantSeed = session.settings.count("sim.seed") ? session.setting("sim.seed") : lab.seed;
    if (!session.dutId.empty() && session.dutId != lab.dut)
        throw std::invalid_argument("v2gbench-sim at " + where + " simulates DUT '" + lab.dut + "', but this run's DUT profile is '" +
                                    session.dutId + "'; start it as `" + command(wantDefect, wantSeed) + "`");
    if (wantDefect != lab.defect)
        throw std::invalid_argument("v2gbench-sim at " + where + " runs " + describeDefect(lab.defect) + ", but this run asks for " +
                                    describeDefect(wantDefect) + "; start it as `" + command(wantDefect, wantSeed) + "`");
    if (wantSeed != lab.seed)
        throw std::invalid_argument("v2gbench-sim at " + where + " runs seed " + lab.seed + ", but this run asks for seed " +
                                    wantSeed + "; start it as `" + command(wantDefect, wantSeed) + "`");
    // Who talks on the lab's CAN hub: a BMS-side bench (setting sim.bus_dut: external) needs the
    // lab's own charger and EV emulator off the bus, a charger-side one needs them on it.
    const std::string wantBus = session.settings.count("sim.bus_dut") ? session.setting("sim.bus_dut") : lab.busDut;
    if (wantBus != lab.busDut)
        throw std::invalid_argument("v2gbench-sim at " + where + " runs with --bus-dut " + lab.busDut + ", but this run asks for " +
                                    wantBus + "; start it as `" + command(wantDefect, wantSeed) + " --bus-dut " + wantBus + "`");
    // The vehicle: the lab's EV emulator states what it was started with (v2gbench-sim --ev); a run
    // whose EV profile asks for another value is refused, naming the first difference.
    for (const auto& [key, wanted] : session.settings) {
        if (key.rfind("ev.", 0) != 0) continue;
        const auto held = lab.ev.find(key);
        if (held == lab.ev.end()) continue; // not the lab's to apply: the session reports it unapplied
        if (trimmed(held->second) != trimmed(wanted))
            throw std::invalid_argument("v2gbench-sim at " + where + " emulates a vehicle with " + key + " = '" + held->second +
                                        "' (EV profile '" + (lab.evProfile.empty() ? "-" : lab.evProfile) +
                                        "'), but this run asks for '" + wanted + "'; start it as `v2gbench-sim --ev <this run's EV profile>`");
        session.recordApplied(key, held->second);
    }
    session.recordApplied("sim.dut", lab.dut);
    session.recordApplied("sim.defect", lab.defect);
    session.recordApplied("sim.seed", lab.seed);
    session.recordApplied("sim.bus_dut", lab.busDut);
    std::string faults;
    for (const auto& f : lab.faults) faults += (faults.empty() ? "" : "; ") + f;
    session.recordApplied("sim.faults", faults.empty() ? "none" : faults);
}

void registerLabControls(core::DriverRegistry& registry) {
    registry.addLabControl(
        {"v2gbench-sim-control",
         "v2gbench-sim's control port: reads back the simulated lab's DUT, defect, seed, faults and vehicle (ev.*); refuses a run that "
         "asks for others",
         {core::option::duration("timeout", "2 s", "1 ms", "10 min",
                                 "bound on connecting to the control port and on each reply line")}},
        [](core::DriverRequest& request) {
            const auto timeout = request.options.duration("timeout");
            const auto& uri = request.uri;
            if (uri.scheme != "tcp" || uri.host.empty() || !uri.port)
                throw std::invalid_argument("v2gbench-sim-control needs tcp://HOST:PORT, got '" + uri.text + "'");
            const std::string where = uri.host + ":" + std::to_string(*uri.port);
            std::vector<std::string> lines;
            try {
                auto stream = transports::TcpStream::connect(uri.host, *uri.port, timeout);
                stream.writeAll("settings\n", timeout);
                while (true) {
                    std::string line = stream.readUntil("\n", timeout, 4096);
                    if (!line.empty() && line.back() == '\r') line.pop_back();
                    if (line == "end") break;
                    if (line.rfind("error:", 0) == 0)
                        throw core::InstrumentError("lab", "settings", "the control port answered '" + line + "'");
                    lines.push_back(line);
                    if (lines.size() > kMaxReplyLines)
                        throw core::InstrumentError("lab", "settings", "the settings reply does not end");
                }
            } catch (const transports::TransportError& e) {
                throw core::InstrumentError("lab", "settings", "v2gbench-sim control port " + where + ": " + e.what());
            }
            applyLabSettings(parseLabSettings(lines), request.session, where);
        });
}

} // namespace v2gbench::simwire
