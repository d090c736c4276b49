// SCPI query round trips per second through our ScpiSession and through pyvisa-py, against the
// same in-process grid server (Chroma dialect) in the same run. Prints both and the ratio.
// usage: v2g_perf_scpi [queries=20000] [pyvisa-queries=3000]
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/scpi/scpi_server.hpp"
#include "v2gbench/simwire/scpi/scpi_services.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>

using namespace v2gbench;

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int nPy = argc > 2 ? std::atoi(argv[2]) : 3000;
    const std::string query = "FREQ?";

    simwire::WireContext context;
    context.lab = std::make_shared<sim::SimLab>(core::DutRatings{});
    context.faults = std::make_shared<simwire::FaultInjector>();
    auto server = simwire::scpi::makeScpiService("grid-scpi", context);
    const int port = server->start(0);

    transports::ScpiSessionOptions o;
    o.instrument = "grid (benchmark)";
    o.port = port;
    transports::ScpiSession session(o);
    session.queryNumber(query); // connect and warm up
    // Wall time per round trip includes the server's wake-up, which both clients pay alike; the
    // client's own CPU time per query is the driver's cost.
    auto threadCpu = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return ts.tv_sec + ts.tv_nsec * 1e-9;
    };
    const double cpu0 = threadCpu();
    const auto t0 = std::chrono::steady_clock::now();
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += session.queryNumber(query);
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double oursCpuUs = 1e6 * (threadCpu() - cpu0) / n;
    const double ours = n / dt;
    if (sum != 50.0 * n) std::printf("unexpected replies\n");

    const std::string cmd = std::string("/usr/bin/python3 ") + V2G_SOURCE_DIR + "/perf/scpi_pyvisa_loop.py " +
                            std::to_string(port) + " " + std::to_string(nPy) + " '" + query + "'";
    double pyvisa = 0.0;
    double pyvisaCpuUs = 0.0;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, p)) {
            std::sscanf(line, "RATE %lf", &pyvisa);
            std::sscanf(line, "CPU_US %lf", &pyvisaCpuUs);
        }
        ::pclose(p);
    }
    server->stop();

    // The server's own share of a round trip: parsing and executing the message, no sockets.
    auto& scpiServer = dynamic_cast<simwire::scpi::ScpiServer&>(*server);
    const auto t1 = std::chrono::steady_clock::now();
    std::size_t replyBytes = 0;
    for (int i = 0; i < n; ++i) replyBytes += scpiServer.process(query).size();
    const double processUs = 1e6 * std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count() / n;

    std::printf("SCPI round trips (query '%s', loopback, grid-scpi server in-process)\n", query.c_str());
    std::printf("  ScpiSession : %10.0f queries/s (%d queries, %.1f us each)\n", ours, n, 1e6 / ours);
    if (pyvisa > 0) {
        std::printf("  pyvisa-py   : %10.0f queries/s (%d queries, %.1f us each)\n", pyvisa, nPy, 1e6 / pyvisa);
        std::printf("  ratio       : %10.1fx round trips (target >= 5x)\n", ours / pyvisa);
        std::printf("  client CPU per query: ScpiSession %.1f us, pyvisa-py %.1f us: %.1fx less\n", oursCpuUs,
                    pyvisaCpuUs, pyvisaCpuUs / oursCpuUs);
    } else {
        std::printf("  pyvisa-py   : not measured (needs /usr/bin/python3 with python3-pyvisa-py)\n");
    }
    std::printf("  server parse+execute alone: %.2f us per query (%zu reply bytes)\n", processUs, replyBytes);
    return 0;
}
