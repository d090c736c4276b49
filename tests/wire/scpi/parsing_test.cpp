// SCPI text handling without sockets: codecs, header patterns, message parsing, and the generic
// server's command tree and error queue driven by the dialect tables.
#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"
#include "v2gbench/simwire/scpi/scpi_server.hpp"
#include "v2gbench/simwire/scpi/scpi_services.hpp"
#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/scpi_dialects.hpp"
#include "v2gbench/transports/scpi_header_pattern.hpp"

#include <boost/test/unit_test.hpp>

#include <clocale>
#include <cmath>
#include <locale>

using namespace v2gbench;
namespace codec = v2gbench::transports::scpi;
using transports::ScpiHeaderPattern;
using simwire::scpi::ScpiMessageParser;

namespace {

struct ServerFixture {
    ServerFixture() {
        context.lab = std::make_shared<sim::SimLab>(core::DutRatings{});
        context.faults = std::make_shared<simwire::FaultInjector>();
    }
    simwire::scpi::ScpiServer& server(const std::string& name) {
        auto s = simwire::scpi::makeScpiService(name, context);
        servers.push_back(std::move(s));
        return dynamic_cast<simwire::scpi::ScpiServer&>(*servers.back());
    }
    simwire::WireContext context;
    std::vector<std::unique_ptr<simwire::WireService>> servers;
};

std::string nextError(simwire::scpi::ScpiServer& s) { return s.process("SYST:ERR?"); }

} // namespace

BOOST_AUTO_TEST_SUITE(scpi_codecs)

BOOST_AUTO_TEST_CASE(numbers_ignore_the_global_locale) {
    // A comma-decimal locale must not leak into the wire format (when the machine has one).
    const char* previous = std::setlocale(LC_ALL, nullptr);
    const std::string saved = previous ? previous : "C";
    const bool german = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
    BOOST_TEST(codec::formatNumber(230.5) == "230.5");
    BOOST_TEST(codec::formatFixed(49.95, 2) == "49.95");
    BOOST_TEST(*codec::parseNumber("230.5") == 230.5);
    std::setlocale(LC_ALL, saved.c_str());
    BOOST_TEST_MESSAGE("comma-decimal locale available: " << german);
    BOOST_TEST(codec::formatNumber(-0.001) == "-0.001");
    BOOST_TEST(codec::formatNumber(NAN) == "NAN");
    BOOST_TEST(*codec::parseNumber(" +2.30E+02 ") == 230.0);
    BOOST_TEST(*codec::parseNumber("-5") == -5.0);
    BOOST_TEST(std::isnan(*codec::parseNumber("9.91E37")));
    BOOST_TEST(std::isinf(*codec::parseNumber("INF")));
    BOOST_TEST(!codec::parseNumber("230 V"));
    BOOST_TEST(!codec::parseNumber("230,5"));
    BOOST_TEST(!codec::parseNumber(""));
    BOOST_TEST(!codec::parseNumber("\x15\xfe"));
}

BOOST_AUTO_TEST_CASE(identity_errors_strings) {
    auto id = codec::parseIdentity("Chroma ATE,61845,SN123,1.02\r");
    BOOST_REQUIRE(id);
    BOOST_TEST(id->manufacturer == "Chroma ATE");
    BOOST_TEST(id->model == "61845");
    BOOST_TEST(id->serial == "SN123");
    BOOST_TEST(id->firmware == "1.02");
    BOOST_TEST(!codec::parseIdentity("garbage"));
    BOOST_TEST(!codec::parseIdentity("a,b,c,d,e"));
    auto e = codec::parseErrorEntry("-222,\"Data out of range\"");
    BOOST_REQUIRE(e);
    BOOST_TEST(e->code == -222);
    BOOST_TEST(e->message == "Data out of range");
    BOOST_TEST(codec::parseErrorEntry("+0,\"No error\"")->code == 0);
    BOOST_TEST(!codec::parseErrorEntry("0"));
    BOOST_TEST(codec::quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
    BOOST_TEST(*codec::unquote("\"say \"\"hi\"\"\"") == "say \"hi\"");
    const auto parts = codec::splitList("a, \"b,c\" ,d");
    BOOST_TEST(parts.size() == 3u);
    BOOST_TEST(parts[1] == "\"b,c\"");
}

BOOST_AUTO_TEST_CASE(definite_length_blocks) {
    const std::string block = codec::makeDefiniteBlock(std::string("ab\ncd\0e", 7));
    BOOST_TEST(block.substr(0, 3) == "#17");
    auto parsed = codec::parseDefiniteBlock(block + "\n");
    BOOST_REQUIRE(parsed);
    BOOST_TEST(parsed->data == std::string("ab\ncd\0e", 7));
    BOOST_TEST(parsed->consumed == block.size());
    BOOST_TEST(!codec::parseDefiniteBlock("#210abc")); // incomplete: more bytes needed
    BOOST_TEST(!codec::parseDefiniteBlock("#2"));
    BOOST_CHECK_THROW(codec::parseDefiniteBlock("X11a"), std::invalid_argument);
    BOOST_CHECK_THROW(codec::parseDefiniteBlock("#0abc"), std::invalid_argument);
    BOOST_CHECK_THROW(codec::parseDefiniteBlock("#2x1abc"), std::invalid_argument);
    const std::string big(1234, 'z');
    auto b = codec::parseDefiniteBlock(codec::makeDefiniteBlock(big));
    BOOST_REQUIRE(b);
    BOOST_TEST(b->data.size() == 1234u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(scpi_headers)

BOOST_AUTO_TEST_CASE(short_long_and_optional_nodes) {
    ScpiHeaderPattern p("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC");
    BOOST_TEST(p.shortText() == "VOLT:AC");
    for (const auto& typed : std::vector<std::vector<std::string>>{{"VOLT", "AC"},
                                                                   {"volt", "ac"},
                                                                   {"SOURCE", "VOLTAGE", "AC"},
                                                                   {"sour", "volt", "lev", "imm", "ampl", "ac"},
                                                                   {"Source", "Voltage", "Level", "AC"}})
        BOOST_TEST(p.match(typed).has_value());
    BOOST_TEST(!p.match({"VOLTA", "AC"}));  // neither short nor long form
    BOOST_TEST(!p.match({"VOLT"}));         // AC is mandatory
    BOOST_TEST(!p.match({"AC", "VOLT"}));
    ScpiHeaderPattern s("UTRMS#");
    BOOST_TEST(s.shortText(2) == "UTRMS2");
    BOOST_TEST(s.match({"utrms3"})->suffix == 3);
    BOOST_TEST(s.match({"UTRMS"})->suffix == -1);
    BOOST_TEST(!ScpiHeaderPattern("P#").match({"PF1"}));
    BOOST_CHECK_THROW(ScpiHeaderPattern("[VOLT"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(message_units_chaining_and_paths) {
    auto units = ScpiMessageParser::parse("SOUR:VOLT:AC 230;FREQ? ; *IDN?;:OUTP ON;STAT?");
    BOOST_REQUIRE(units.size() == 5u);
    BOOST_TEST(units[0].path == (std::vector<std::string>{"SOUR", "VOLT", "AC"}));
    BOOST_TEST(units[0].args == std::vector<std::string>{"230"});
    BOOST_TEST(units[1].path == (std::vector<std::string>{"SOUR", "VOLT", "FREQ"})); // relative to SOUR:VOLT:
    BOOST_TEST(units[1].query);
    BOOST_TEST(units[2].common);
    BOOST_TEST(units[3].path == std::vector<std::string>{"OUTP"});
    BOOST_TEST(units[4].path == std::vector<std::string>{"STAT"}); // the root: OUTP had no path
    auto ev = ScpiMessageParser::parse("EV:DEM:VOLT 450;CURR 30;MODE CC");
    BOOST_TEST(ev[2].path == (std::vector<std::string>{"EV", "DEM", "MODE"}));
    BOOST_TEST(ScpiMessageParser::parse("EV:STAT \"a;b\",2")[0].args.size() == 2u);
    BOOST_CHECK_THROW(ScpiMessageParser::parse("VOLT::AC 1"), simwire::scpi::ScpiStatusError);
    BOOST_CHECK_THROW(ScpiMessageParser::parse("A;;B"), simwire::scpi::ScpiStatusError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(scpi_server_commands, ServerFixture)

BOOST_AUTO_TEST_CASE(long_and_short_forms_act_alike) {
    auto& chroma = server("grid-scpi");
    BOOST_TEST(chroma.process("*IDN?").rfind("Chroma ATE,61845,", 0) == 0);
    chroma.process("SOURce:VOLTage:LEVel:IMMediate:AMPLitude:AC 231.5");
    BOOST_TEST(chroma.process("VOLT:AC?") == "231.5");
    chroma.process("sour:volt:ac 229");
    BOOST_TEST(chroma.process("source:voltage:ac?") == "229");
    chroma.process("FREQ 60;:OUTP:STAT ON");
    BOOST_TEST(chroma.process("FREQ?;:OUTPut?") == "60;1");
    BOOST_TEST(nextError(chroma) == "0,\"No error\"");
    const auto grid = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    BOOST_TEST(grid.outputOn);
    BOOST_TEST(grid.voltage.value == 229.0);
    BOOST_TEST(grid.frequency.value == 60.0);
}

BOOST_AUTO_TEST_CASE(ametek_chained_per_phase_message) {
    auto& ametek = server("grid-ametek-scpi");
    ametek.process("inst:coup none;:inst:nsel 2;:volt:ac 200;:phas 240;:inst:coup all");
    BOOST_TEST(nextError(ametek) == "0,\"No error\"");
    ametek.process("inst:coup none;:inst:nsel 2");
    BOOST_TEST(ametek.process("volt:ac?;:phas?") == "200;240");
    BOOST_TEST(ametek.process("VOLT:AC? MAX") == "300");
}

BOOST_AUTO_TEST_CASE(error_queue_codes) {
    auto& chroma = server("grid-scpi");
    chroma.process("VOLT:BOGUS 1");
    chroma.process("VOLT:AC 301");
    chroma.process("VOLT:AC");
    chroma.process("VOLT:AC abc");
    chroma.process("OUTP MAYBE");
    chroma.process("VOLT::AC 1");
    chroma.process("*FOO");
    chroma.process("INST:EDIT SOME");
    chroma.process("MEAS:VOLT:AC 5");
    BOOST_TEST(nextError(chroma) == "-113,\"Undefined header; VOLT:BOGUS\"");
    BOOST_TEST(nextError(chroma).rfind("-222,\"Data out of range", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-109,\"Missing parameter", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-104,\"Data type error", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-104,", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-102,\"Syntax error", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-113,", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-224,\"Illegal parameter value", 0) == 0);
    BOOST_TEST(nextError(chroma).rfind("-113,", 0) == 0); // a query-only header used as a command
    BOOST_TEST(nextError(chroma) == "0,\"No error\"");
    // A rejected value changes nothing, and the rest of its message is not executed.
    chroma.process("VOLT:AC 100");
    chroma.process("VOLT:AC 999;:FREQ 55");
    BOOST_TEST(chroma.process("VOLT:AC?;:FREQ?") == "100;50");
    BOOST_TEST(chroma.process("SYST:ERR:COUN?") == "1");
    chroma.process("*CLS");
    BOOST_TEST(chroma.process("SYSTem:ERRor:NEXT?") == "0,\"No error\"");
    BOOST_TEST(chroma.process("*OPC?") == "1");
}

BOOST_AUTO_TEST_CASE(error_queue_overflow) {
    auto& chroma = server("grid-scpi");
    for (int i = 0; i < 20; ++i) chroma.process("NOPE");
    const auto queue = chroma.errorQueue();
    BOOST_TEST(queue.size() == simwire::scpi::ScpiServer::kErrorQueueSize);
    BOOST_TEST(queue.back().code == -350);
    BOOST_TEST(queue.front().code == -113);
}

BOOST_AUTO_TEST_CASE(analyzer_suffixes_and_multiple_replies) {
    auto& lmg = server("analyzer-scpi");
    const auto values = codec::splitList(lmg.process("INIM;UTRMS1?;P4?;FCYC1?"), ';');
    BOOST_TEST(values.size() == 3u);
    lmg.process("UTRMS9?");
    BOOST_TEST(nextError(lmg).rfind("-114,\"Header suffix out of range", 0) == 0);
}

BOOST_AUTO_TEST_CASE(every_dialect_table_is_served) {
    // Each query in every table is understood by its own server, in the form the driver sends.
    for (const auto& info : simwire::scpi::scpiServices()) {
        auto& s = server(info.name);
        const auto& d = codec::dialect(info.dialect);
        for (const auto& c : d.commands) {
            if (!c.queryable) continue;
            s.process(c.query(c.suffixName.empty() ? -1 : 1));
            BOOST_TEST(nextError(s) == "0,\"No error\"", info.name << " " << c.query());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
