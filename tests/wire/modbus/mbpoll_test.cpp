// An independent client no one here wrote: Debian's mbpoll reads the SunSpec marker and writes
// then reads back an EA set value on the in-process wire services.
#include "modbus_rig.hpp"

#include "child_process.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace v2gbench;
using test::ModbusRig;

namespace {

const char* kMbpoll = "/usr/bin/mbpoll";

// Runs mbpoll once (-1) against 127.0.0.1:port; returns {exit code, stdout}.
// mbpoll's syntax is `mbpoll [options] host [values to write]`.
std::pair<int, std::string> mbpoll(int port, std::vector<std::string> args, std::vector<std::string> writes = {}) {
    test::TempDir tmp("mbpoll");
    std::vector<std::string> argv{kMbpoll, "-m", "tcp", "-p", std::to_string(port), "-a", "1", "-1", "-o", "2"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("127.0.0.1");
    argv.insert(argv.end(), writes.begin(), writes.end());
    auto result = test::runProgram(argv, tmp.file("stderr.txt"));
    std::ifstream err(tmp.file("stderr.txt"));
    const std::string errText((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    // stderr goes with stdout so that assertions and failure messages see mbpoll's complaints.
    result.second += errText;
    BOOST_TEST_MESSAGE("mbpoll exit " << result.first << ", output:\n" << result.second);
    return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(mbpoll_client)

BOOST_AUTO_TEST_CASE(reads_the_sunspec_marker) {
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(kMbpoll), "mbpoll is not installed (Debian package mbpoll)");
    ModbusRig rig;
    // -0: 0-based references, so -r 40000 is protocol address 40000.
    const auto [code, out] = mbpoll(rig.chargerPort, {"-0", "-t", "4:hex", "-r", "40000", "-c", "2"});
    BOOST_TEST(code == 0);
    BOOST_TEST(out.find("[40000]: \t0x5375") != std::string::npos, out);
    BOOST_TEST(out.find("[40001]: \t0x6E53") != std::string::npos, out);
    // The same through mbpoll's default 1-based references: 40001 is address 40000.
    const auto [code1, out1] = mbpoll(rig.chargerPort, {"-t", "4:hex", "-r", "40001", "-c", "2"});
    BOOST_TEST(code1 == 0);
    BOOST_TEST(out1.find("[40001]: \t0x5375") != std::string::npos, out1);
}

BOOST_AUTO_TEST_CASE(writes_and_reads_back_an_ea_set_value) {
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(kMbpoll), "mbpoll is not installed (Debian package mbpoll)");
    ModbusRig rig;
    // Remote control on (coil 402), then the source current set value (register 501): 26214 = 50 %.
    auto [c1, o1] = mbpoll(rig.batteryPort, {"-0", "-t", "0", "-r", "402"}, {"1"});
    BOOST_TEST(c1 == 0, o1);
    auto [c2, o2] = mbpoll(rig.batteryPort, {"-0", "-t", "4", "-r", "501"}, {"26214"});
    BOOST_TEST(c2 == 0, o2);
    BOOST_TEST(o2.find("Written 1 references.") != std::string::npos, o2);
    auto [c3, o3] = mbpoll(rig.batteryPort, {"-0", "-t", "4", "-r", "500", "-c", "2"});
    BOOST_TEST(c3 == 0);
    BOOST_TEST(o3.find("[501]: \t26214") != std::string::npos, o3);
    // A set value above 102 % is refused with an exception mbpoll reports.
    auto [c4, o4] = mbpoll(rig.batteryPort, {"-0", "-t", "4", "-r", "501"}, {"60000"});
    BOOST_TEST(c4 != 0, o4);
    BOOST_TEST(o4.find("Illegal data value") != std::string::npos, o4);
}

BOOST_AUTO_TEST_SUITE_END()
