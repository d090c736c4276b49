// One owner per bench: a second run on a bench in use exits 2 naming the holder, and the lock of a
// run that was SIGKILLed does not block: the next run reclaims it and says so in its journal.
#include "wire_lab.hpp"
#include "v2gbench/bench/bench_lock.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

const std::string kPlan = "testplans/gbt34658/bcl-timeout.yaml";

// Locks live in the test's own folder, so parallel tests and a real lab's locks never meet.
struct LockDir {
    explicit LockDir(const TempDir& dir) {
        const auto path = dir.file("locks");
        ::setenv("V2G_LOCK_DIR", path.c_str(), 1);
    }
    ~LockDir() { ::unsetenv("V2G_LOCK_DIR"); }
};

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> cliRun(const test::WireLab& lab, const TempDir& dir, const std::string& out) {
    // Not for certification: on ephemeral ports the can-monitor's identity (its channel) is not the
    // one lab/instruments.yaml registers; these tests are about the lock.
    return {test::binaryPath("cli/v2gbench"), "run", test::sourcePath(kPlan), "--bench", lab.benchFile(),
            "--requirements", test::sourcePath("testplans/requirements"), "--out", dir.file(out),
            "--not-for-certification"};
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_bench_lock)

BOOST_AUTO_TEST_CASE(a_second_run_on_a_bench_in_use_exits_2_naming_the_holder) {
    TempDir dir("lock-busy");
    LockDir locks(dir);
    test::WireLab lab(dir);
    const auto held = bench::BenchLock::acquire(bench::loadBenchProfile(lab.benchFile()));
    BOOST_REQUIRE(!held.resources().empty());
    const auto [code, output] = test::runProgram(cliRun(lab, dir, "second"), dir.file("second.err"));
    const auto err = readFile(dir.file("second.err"));
    BOOST_TEST(code == 2);
    BOOST_TEST(err.find("is in use") != std::string::npos, err);
    BOOST_TEST(err.find("pid " + std::to_string(::getpid())) != std::string::npos, err);
    BOOST_TEST(err.find("since ") != std::string::npos, err);
    // Refused before anything: no run folder.
    BOOST_TEST(!std::filesystem::exists(dir.file("second")));
}

BOOST_AUTO_TEST_CASE(the_lock_of_a_sigkilled_run_is_reclaimed) {
    TempDir dir("lock-stale");
    LockDir locks(dir);
    test::WireLab lab(dir);
    pid_t killedPid = 0;
    {
        test::ChildProcess first(cliRun(lab, dir, "first"), dir.file("first.err"));
        // The session is open (and the bench locked) once the bench's progress line is out.
        BOOST_REQUIRE_MESSAGE(first.waitForLine("bench sim-wire open"), first.output() << readFile(dir.file("first.err")));
        killedPid = first.pid();
        first.signal(SIGKILL);
        BOOST_TEST(first.wait() == 128 + SIGKILL);
    }
    const auto second = test::runQuiet(test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "second"));
    BOOST_TEST(second.error.empty(), second.error);
    BOOST_TEST((second.verdict == bench::Verdict::Pass));
    bool reclaimed = false;
    for (const auto& e : test::readJournal(second.runDir))
        if (e.at("event") == "bench_locked")
            for (const auto& r : e.at("reclaimed_stale"))
                reclaimed = reclaimed || r.get<std::string>().find("pid " + std::to_string(killedPid)) != std::string::npos;
    BOOST_TEST(reclaimed);
}

BOOST_AUTO_TEST_CASE(in_process_simulated_benches_take_no_lock) {
    TempDir dir("lock-sim");
    LockDir locks(dir);
    const auto profile = bench::loadBenchProfile(test::sourcePath("benches/sim.yaml"));
    const auto a = bench::BenchLock::acquire(profile);
    const auto b = bench::BenchLock::acquire(profile); // a private plant per process: nothing shared
    BOOST_TEST(a.resources().empty());
    BOOST_TEST(b.resources().empty());
}

BOOST_AUTO_TEST_CASE(the_same_address_under_two_spellings_is_one_instrument) {
    TempDir dir("lock-address");
    LockDir locks(dir);
    const auto first = dir.file("a.yaml"), second = dir.file("b.yaml");
    std::ofstream(first) << "bench: a\ninstruments:\n  grid: {driver: chroma-61800, uri: \"TCPIP0::127.0.0.1::2101::SOCKET\"}\n";
    std::ofstream(second) << "bench: b\ninstruments:\n  grid: {driver: chroma-61800, uri: \"tcp://127.0.0.1:2101\"}\n";
    const auto held = bench::BenchLock::acquire(bench::loadBenchProfile(first));
    try {
        bench::BenchLock::acquire(bench::loadBenchProfile(second));
        BOOST_FAIL("the second bench took an instrument in use");
    } catch (const bench::BenchBusyError& e) {
        BOOST_TEST(std::string(e.what()).find("instrument 127.0.0.1:2101") != std::string::npos, e.what());
        BOOST_TEST(e.holder().pid == ::getpid());
    }
}

BOOST_AUTO_TEST_SUITE_END()
