// v2gbench-sim: the simulated lab on the wire. Serves one plant model in real time on loopback,
// each instrument with its real protocol on its own port, plus a control port for fault
// injection. A ticker thread steps the plant every millisecond (the GB/T 27930 charger and EV
// emulator run inside it and must talk on time whether or not a client looks); the can-hub is
// bridged to the plant's charger-EV bus. Runs until SIGINT or SIGTERM.
//
//   v2gbench-sim [--dut FILE] [--defect NAME] [--seed N] [--ephemeral] [--port NAME=PORT]...
//                [--fault NAME:KIND[:VALUE]]... [--ports-file FILE] [--bus-dut lab|external]
//   v2gbench-sim --version | --help
#include "service_catalog.hpp"
#include "v2gbench/core/build_info.hpp"
#include "v2gbench/core/data_dir.hpp"
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/profiles/dut_ratings_file.hpp"
#include "v2gbench/profiles/ev_profile_file.hpp"
#include "v2gbench/sim/ev_profile_config.hpp"
#include "v2gbench/sim/plant.hpp"
#include "v2gbench/sim/defects.hpp"
#include "v2gbench/simwire/control_service.hpp"
#include "v2gbench/simwire/fault_request.hpp"
#include "v2gbench/simwire/lab_ticker.hpp"

#include <chrono>
#include <clocale>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <pthread.h>
#include <string>
#include <vector>

using namespace v2gbench;

namespace {

const char* kUsage = "usage: v2gbench-sim [--dut FILE] [--ev FILE] [--defect NAME] [--seed N] [--ephemeral] [--port NAME=PORT]...\n"
                     "                    [--fault NAME:KIND[:VALUE]]... [--ports-file FILE] [--bus-dut lab|external]\n"
                     "       v2gbench-sim --version\n"
                     "  --dut FILE    DUT profile (default <data>/testplans/duts/sim-v2g-charger.yaml; <data> as\n"
                     "                `v2gbench --version` names it)\n"
                     "  --ev FILE     EV profile the EV emulator's BMS states (default <data>/testplans/evs/nmc-750v.yaml,\n"
                     "                the in-process lab's); read back on the control port, runs asking for another refused\n"
                     "  --seed N      decimal, 0..18446744073709551615 (default 1)\n"
                     "  --port NAME=PORT  0..65535; 0 binds an ephemeral port (as --ephemeral does for all)\n"
                     "  --bus-dut lab|external  who talks GB/T 27930 on the can-hub: lab (default) the simulated\n"
                     "                charger and EV emulator; external: neither of them (both off the bus), for a\n"
                     "                BMS under test and the bench's charger emulator (can-evse) connected to the hub;\n"
                     "                the connection circuit still works (EV:CONNect, EV:PLUG? for the BMS's wake-up);\n"
                     "                read back on the control port, runs asking for the other refused\n"
                     "fault kinds: drop, delay:<ms> (1..3600000), garbage, modbus-exception:<code> (1..255),\n"
                     "  stall; each service implements some, refuses the others (sim/wire/README.md)\n"
                     "control port (default 7999), one command per line: services, settings, faults, status,\n"
                     "  fault <service> <kind> [value], clear [<service>]   (see sim/wire/README.md)\n";

struct Options {
    std::string dut; // empty: the data folder's simulated charger (core/data_dir.hpp)
    std::string ev;  // empty: the data folder's nmc-750v, as benches/sim.yaml
    std::string defect;
    std::uint64_t seed = 1;
    bool ephemeral = false;
    std::map<std::string, int> ports;
    std::vector<std::string> faults;
    std::string portsFile;
    bool externalBusDevices = false; // --bus-dut external
};

int fail(const std::string& message) {
    std::cerr << "v2gbench-sim: " << message << "\n" << kUsage;
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::setlocale(LC_ALL, "C");
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--dut") o.dut = value();
            else if (a == "--ev") o.ev = value();
            else if (a == "--defect") o.defect = value();
            else if (a == "--seed") {
                const auto text = value();
                const auto seed = simwire::parseUnsigned(text, 0, UINT64_MAX);
                if (!seed) return fail("--seed '" + text + "' is not a decimal number 0..18446744073709551615");
                o.seed = *seed;
            }
            else if (a == "--ephemeral") o.ephemeral = true;
            else if (a == "--ports-file") o.portsFile = value();
            else if (a == "--fault") o.faults.push_back(value());
            else if (a == "--bus-dut") {
                const auto v = value();
                if (v != "lab" && v != "external") return fail("--bus-dut '" + v + "': takes lab or external");
                o.externalBusDevices = v == "external";
            }
            else if (a == "--port") {
                const auto v = value();
                const auto eq = v.find('=');
                if (eq == std::string::npos) return fail("--port takes NAME=PORT");
                const auto port = simwire::parseUnsigned(std::string_view(v).substr(eq + 1), 0, 65535);
                if (!port)
                    return fail("--port " + v + ": '" + v.substr(eq + 1) +
                                "' is not a port number 0..65535 (0: an ephemeral port)");
                o.ports[v.substr(0, eq)] = static_cast<int>(*port);
            } else if (a == "--help" || a == "-h") {
                std::cout << kUsage;
                return 0;
            } else if (a == "--version") {
                std::cout << core::versionLine("v2gbench-sim") << "\n";
                return 0;
            } else return fail("unknown argument '" + a + "'");
        } catch (const std::exception& e) {
            return fail(e.what());
        }
    }

    bench::DutRatingsFile dut;
    try {
        if (o.dut.empty()) o.dut = (core::dataDir() / "testplans/duts/sim-v2g-charger.yaml").string();
        dut = bench::loadDutRatings(o.dut);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }

    // Signals are taken by sigwait() below; every service thread inherits the blocked mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    simwire::WireContext context;
    try {
        context.lab = std::make_shared<sim::SimLab>(dut.ratings, o.defect, o.seed);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    try {
        if (o.ev.empty()) o.ev = (core::dataDir() / "testplans/evs/nmc-750v.yaml").string();
        const auto ev = bench::loadEvProfileFile(o.ev);
        core::SessionContext evSettings;
        evSettings.settings = ev.settings;
        const auto config = sim::bmsConfigFromSettings(evSettings);
        context.lab->withPlant([&](sim::Plant& p) { p.evConfigure(config); });
        context.evId = ev.id;
    } catch (const std::exception& e) {
        std::cerr << "v2gbench-sim: --ev " << o.ev << ": " << e.what() << "\n";
        return 2;
    }
    context.lab->withPlant([&](sim::Plant& p) { p.setExternalBusDevices(o.externalBusDevices); });
    auto clock = std::make_shared<core::RealClock>();
    context.lab->followClock(clock);
    context.faults = std::make_shared<simwire::FaultInjector>();
    context.ratings = dut.ratings;
    context.dutId = dut.id;
    // Started before the services so the CAN bridge can hook into a running ticker.
    context.ticker = std::make_shared<simwire::LabTicker>(context.lab, std::chrono::milliseconds(1));
    context.ticker->start();

    struct Running {
        std::string name;
        int port;
        std::unique_ptr<simwire::WireService> service;
    };
    std::vector<Running> running;
    auto listing = [&running] {
        std::vector<simwire::ServiceListing> out;
        for (const auto& r : running) out.push_back({r.name, r.port, r.service->protocol(), r.service->faultKinds()});
        return out;
    };
    auto catalog = simapp::serviceCatalog();
    catalog.push_back({"control", 7999, [&listing](simwire::WireContext& c) {
                           return simwire::makeControlService(c, listing);
                       }});
    for (const auto& [name, port] : o.ports) {
        bool known = false;
        for (const auto& e : catalog) known = known || e.name == name;
        if (!known) return fail("--port names no service '" + name + "'");
    }

    int exitCode = 0;
    try {
        for (const auto& entry : catalog) {
            auto service = entry.make(context);
            int port = o.ephemeral ? 0 : entry.defaultPort;
            if (auto it = o.ports.find(entry.name); it != o.ports.end()) port = it->second;
            const int bound = service->start(port);
            running.push_back({entry.name, bound, std::move(service)});
        }
        std::vector<simwire::FaultTarget> targets;
        for (const auto& r : running) targets.push_back({r.name, r.service->faultKinds()});
        for (const auto& f : o.faults) {
            // NAME:KIND[:VALUE], checked by the very function the control port uses.
            const auto c1 = f.find(':');
            if (c1 == std::string::npos) throw std::invalid_argument("--fault '" + f + "': takes NAME:KIND[:VALUE]");
            const auto c2 = f.find(':', c1 + 1);
            const auto service = f.substr(0, c1);
            const auto kind = f.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
            const auto value = c2 == std::string::npos ? std::nullopt : std::optional(f.substr(c2 + 1));
            try {
                context.faults->set(service, simwire::parseFaultRequest(service, kind, value, targets));
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument("--fault '" + f + "': " + e.what());
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "v2gbench-sim: " << e.what() << "\n";
        exitCode = 2;
    }

    if (exitCode == 0) {
        std::printf("v2gbench-sim: DUT %s%s%s, seed %llu%s\n", dut.id.c_str(), o.defect.empty() ? "" : ", defect ",
                    o.defect.c_str(), static_cast<unsigned long long>(o.seed),
                    o.externalBusDevices ? ", bus devices external (the lab's charger and EV emulator off the bus)" : "");
        for (const auto& r : running)
            std::printf("%-18s %-52s 127.0.0.1:%d\n", r.name.c_str(), r.service->protocol().c_str(), r.port);
        if (!o.portsFile.empty()) {
            const auto tmp = o.portsFile + ".tmp";
            {
                std::ofstream out(tmp);
                for (const auto& r : running) out << r.name << " " << r.port << "\n";
            }
            std::rename(tmp.c_str(), o.portsFile.c_str());
        }
        std::printf("ready (Ctrl-C to stop)\n");
        std::fflush(stdout);
        int sig = 0;
        sigwait(&stopSignals, &sig);
        std::printf("v2gbench-sim: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    }
    // The ticker first: nothing steps the plant on its own while the services go away.
    context.ticker->stop();
    for (auto it = running.rbegin(); it != running.rend(); ++it) it->service->stop();
    context.lab->stopFollowing(clock.get());
    return exitCode;
}
