// v2gbench-sim's control port and arguments against hostile input (issue 9): numbers parsed
// strictly (99999999999999999 was stored as INT_MAX), faults a service does not implement
// refused naming it, `settings` in its fixed format, bad arguments refused with exit 2 and a
// message naming them (`--port control=70000` bound 4464, `--seed abc` said "stoull"), and a
// long delay fault that no longer holds SIGTERM.
#include "wire_lab.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace v2gbench;
using test::TempDir;

namespace {

// One command; the reply up to "end" for the listing commands, else its one line.
std::string ask(const test::WireLab& lab, const std::string& command, bool listing = false) {
    auto s = transports::TcpStream::connect("127.0.0.1", lab.port("control"), units::Seconds(2));
    s.writeAll(command + "\n", units::Seconds(2));
    std::string reply = s.readUntil("\n", units::Seconds(2));
    std::string all = reply;
    while (listing && reply != "end") {
        reply = s.readUntil("\n", units::Seconds(2));
        all += "\n" + reply;
    }
    return all;
}

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

struct Refused {
    int exitCode;
    std::string stderrText;
};

Refused runSim(const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), test::binaryPath("sim/wire/app/v2gbench-sim"));
    const auto err = dir.file("args.err");
    const auto [code, out] = test::runProgram(args, err);
    std::ifstream in(err);
    std::stringstream ss;
    ss << in.rdbuf();
    return {code, ss.str()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_control_port)

BOOST_AUTO_TEST_CASE(numbers_are_parsed_strictly_and_faults_checked_per_service) {
    TempDir dir("control-strict");
    test::WireLab lab(dir);
    for (const auto* bad : {"99999999999999999", "-5", "+5", "12abc", "0", "3600001", "1e3", " "}) {
        const auto reply = ask(lab, std::string("fault grid-scpi delay ") + bad);
        BOOST_TEST(startsWith(reply, "error: delay needs a time in ms, 1..3600000"), bad << " -> " << reply);
    }
    BOOST_TEST(ask(lab, "faults", true) == "end"); // nothing was stored
    BOOST_TEST(ask(lab, "fault dut-sunspec modbus-exception 256") ==
               "error: modbus-exception needs a code 1..255: '256' is not one");
    BOOST_TEST(ask(lab, "fault grid-scpi drop now") == "error: drop takes no value (got 'now')");
    BOOST_TEST(ask(lab, "fault dut-sunspec stall") ==
               "error: dut-sunspec does not implement stall (it implements drop, delay, garbage, modbus-exception)");
    BOOST_TEST(ask(lab, "fault analyzer-scpi modbus-exception 4") ==
               "error: analyzer-scpi does not implement modbus-exception (it implements drop, delay, garbage, stall)");
    BOOST_TEST(ask(lab, "fault control drop") == "error: control does not implement drop (it takes no faults)");
    BOOST_TEST(ask(lab, "clear no-such-service") == "error: no service 'no-such-service'");
    BOOST_TEST(startsWith(ask(lab, "fault grid-scpi"), "error: usage: fault <service>"));
    BOOST_TEST(ask(lab, "status now") == "error: status takes no arguments");
    BOOST_TEST(startsWith(ask(lab, std::string(10'000, 'x')), "error: line longer than 4096 bytes"));
    BOOST_TEST(ask(lab, "fault grid-scpi delay 3600000") == "ok");
    BOOST_TEST(ask(lab, "fault analyzer-scpi stall") == "ok");
    BOOST_TEST(ask(lab, "faults", true) == "analyzer-scpi stall 0\ngrid-scpi delay 3600000\nend");
    BOOST_TEST(ask(lab, "clear") == "ok");
}

// The vehicle block of `settings`: the default EV profile (nmc-750v) as the EV emulator states it.
const std::string kVehicle = "ev-profile nmc-750v\nev ev.battery_type NMC\nev ev.battery_voltage 360 V\nev ev.max_cell_voltage 4.2 V\n"
                                  "ev ev.max_charge_current 250 A\nev ev.max_charge_voltage 750 V\nev ev.max_temperature 55\n"
                                  "ev ev.nominal_energy 82.8 kWh\nev ev.rated_capacity 120 Ah\nev ev.rated_voltage 690 V\nev ev.soc 30 %\n"
                                  "ev ev.vin LNBSCCAK8PR000001\n";

BOOST_AUTO_TEST_CASE(settings_reply_in_its_fixed_format) {
    TempDir dir("control-settings");
    test::WireLab lab(dir, "ignores-bcl-timeout");
    BOOST_TEST(ask(lab, "settings", true) == "dut sim-v2g-charger-120kw\ndefect ignores-bcl-timeout\nseed 1\nbus-dut lab\n" + kVehicle + "end");
    BOOST_TEST(ask(lab, "fault grid-scpi delay 250") == "ok");
    BOOST_TEST(ask(lab, "fault dut-sunspec modbus-exception 4") == "ok");
    BOOST_TEST(ask(lab, "settings", true) == "dut sim-v2g-charger-120kw\ndefect ignores-bcl-timeout\nseed 1\nbus-dut lab\n" + kVehicle +
                                                 "fault dut-sunspec modbus-exception 4\nfault grid-scpi delay 250\nend");
    BOOST_TEST(ask(lab, "settings now") == "error: settings takes no arguments");

    TempDir plain("control-settings-plain");
    test::WireLab conforming(plain);
    BOOST_TEST(ask(conforming, "settings", true) == "dut sim-v2g-charger-120kw\ndefect -\nseed 1\nbus-dut lab\n" + kVehicle + "end");
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2_naming_them) {
    TempDir dir("sim-args");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--port", "control=70000"}, "--port control=70000: '70000' is not a port number 0..65535"},
        {{"--port", "control=-5"}, "--port control=-5: '-5' is not a port number 0..65535"},
        {{"--port", "control="}, "is not a port number 0..65535"},
        {{"--seed", "abc"}, "--seed 'abc' is not a decimal number 0..18446744073709551615"},
        {{"--seed", "18446744073709551616"}, "--seed '18446744073709551616' is not a decimal number"},
        {{"--seed", "-1"}, "--seed '-1' is not a decimal number"},
        {{"--ephemeral", "--fault", "can-hub:delay:-5"},
         "--fault 'can-hub:delay:-5': delay needs a time in ms, 1..3600000: '-5' is not one"},
        {{"--ephemeral", "--fault", "grid-scpi:delay:99999999999999999"}, "delay needs a time in ms"},
        {{"--ephemeral", "--fault", "analyzer-scpi:modbus-exception:4"},
         "analyzer-scpi does not implement modbus-exception"},
        {{"--ephemeral", "--fault", "nowhere:drop"}, "no service 'nowhere'"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = runSim(dir, args);
        BOOST_TEST(r.exitCode == 2, args.back());
        BOOST_TEST(r.stderrText.find(message) != std::string::npos, args.back() << ": " << r.stderrText);
        BOOST_TEST(r.stderrText.find("stoull") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(sigterm_during_a_long_can_hub_delay_stops_at_once) {
    TempDir dir("sim-delay-stop");
    const auto portsFile = dir.file("ports.txt");
    test::ChildProcess sim({test::binaryPath("sim/wire/app/v2gbench-sim"), "--ephemeral", "--ports-file", portsFile,
                            "--fault", "can-hub:delay:600000"},
                           dir.file("sim.err"));
    BOOST_TEST_REQUIRE(sim.waitForLine("ready"));
    std::ifstream in(portsFile);
    std::map<std::string, int> ports;
    std::string name;
    int port = 0;
    while (in >> name >> port) ports[name] = port;
    // A client whose greeting the delay holds, and who asks for more.
    auto client = transports::TcpStream::connect("127.0.0.1", ports.at("can-hub"), units::Seconds(2));
    client.writeAll("< open can0 >", units::Seconds(2));
    const auto t0 = std::chrono::steady_clock::now();
    sim.signal(SIGTERM);
    BOOST_TEST(sim.wait() == 0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST_MESSAGE("v2gbench-sim stopped " << seconds * 1000 << " ms after SIGTERM with a 600 s can-hub delay");
    BOOST_TEST(seconds < 5.0); // was the whole delay
}

BOOST_AUTO_TEST_SUITE_END()
