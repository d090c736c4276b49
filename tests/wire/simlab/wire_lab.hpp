#pragma once
// Runs `v2gbench-sim` as a child process on ephemeral ports, and turns the shipped
// benches/sim-wire.yaml into a profile pointing at those ports — so the tests exercise the
// profile users run, the real drivers, and the real protocols end to end.
#include "child_process.hpp"
#include "run_helpers.hpp"
#include "v2gbench/transports/tcp_stream.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace v2gbench::test {

class WireLab {
public:
    // `extraArgs`: more v2gbench-sim arguments (e.g. --ev FILE).
    explicit WireLab(const TempDir& dir, const std::string& defect = "", const std::string& bench = "benches/sim-wire.yaml",
                     const std::vector<std::string>& extraArgs = {})
        : m_benchSource(bench) {
        const auto portsFile = dir.file("ports.txt");
        std::vector<std::string> argv{binaryPath("sim/wire/app/v2gbench-sim"), "--ephemeral", "--ports-file", portsFile};
        argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
        if (!defect.empty()) {
            argv.push_back("--defect");
            argv.push_back(defect);
        }
        m_process = std::make_unique<ChildProcess>(argv, dir.file("sim.err"));
        if (!m_process->waitForLine("ready")) throw std::runtime_error("v2gbench-sim did not start: " + m_process->output());
        std::ifstream in(portsFile);
        std::string name;
        int port;
        while (in >> name >> port) m_ports[name] = port;
        m_benchFile = dir.file("sim-wire.yaml");
        std::ofstream(m_benchFile) << benchProfile();
    }
    ~WireLab() {
        if (m_process) {
            m_process->signal(SIGTERM);
            m_process->wait();
        }
    }
    int port(const std::string& service) const { return m_ports.at(service); }
    const std::string& benchFile() const { return m_benchFile; }

    static void replaceAll(std::string& text, const std::string& from, const std::string& to) {
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    }

    // benches/sim-wire.yaml with each service's default port replaced by the bound one.
    std::string benchProfile() const {
        std::ifstream in(sourcePath(m_benchSource));
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        const std::map<std::string, std::string> defaults{{"2101", "grid-scpi"}, {"30000", "battery-scpi"},
                                                          {"5027", "ev-scpi"},   {"5026", "analyzer-scpi"},
                                                          {"5503", "dut-sunspec"}, {"29536", "can-hub"},
                                                          {"5502", "battery-modbus"}, {"30431", "analyzer-iiod"},
                                                          {"5504", "fault-box-modbus"},
                                                          {"7999", "control"}};
        for (const auto& [port, service] : defaults) {
            const auto bound = std::to_string(m_ports.at(service));
            // VISA "127.0.0.1::PORT::" and URL "127.0.0.1:PORT" followed by '/', '?' or '"'.
            // (Plain string replacement: std::regex trips GCC 12's -Wmaybe-uninitialized under ASan.)
            replaceAll(text, "127.0.0.1::" + port + "::", "127.0.0.1::" + bound + "::");
            for (const char* end : {"/", "?", "\""})
                replaceAll(text, "127.0.0.1:" + port + end, "127.0.0.1:" + bound + end);
        }
        // The profile is written elsewhere: its relative paths (ev_profile, instrument_register) point
        // back into the sources.
        replaceAll(text, "../testplans/", sourcePath("testplans") + "/");
        replaceAll(text, "../lab/", sourcePath("lab") + "/");
        return text;
    }

    // One command on the control port; the reply (first line, or lines up to "end").
    std::string control(const std::string& command) const {
        auto s = transports::TcpStream::connect("127.0.0.1", port("control"), units::Seconds(2));
        s.writeAll(command + "\n", units::Seconds(2));
        std::string reply = s.readUntil("\n", units::Seconds(2));
        if (command == "services" || command == "faults") {
            std::string all = reply;
            while (reply != "end") {
                reply = s.readUntil("\n", units::Seconds(2));
                all += "\n" + reply;
            }
            return all;
        }
        return reply;
    }

private:
    std::string m_benchSource;
    std::unique_ptr<ChildProcess> m_process;
    std::map<std::string, int> m_ports;
    std::string m_benchFile;
};

inline bench::RunRequest wireRequest(const WireLab& lab, std::vector<std::string> plans, const std::filesystem::path& out) {
    auto r = simRequest(std::move(plans), out);
    r.benchProfile = lab.benchFile();
    return r;
}

} // namespace v2gbench::test
