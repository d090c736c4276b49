// An independent client (pyvisa + pyvisa-py, Debian python3-pyvisa-py) programs our grid server;
// our analyzer driver then measures what the plant applies.
#include "scpi_fixture.hpp"

#include "child_process.hpp"
#include "test_paths.hpp"

#include "v2gbench/core/roles/power_analyzer.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace v2gbench;
using test::ScpiLabFixture;

BOOST_FIXTURE_TEST_SUITE(scpi_pyvisa, ScpiLabFixture)

BOOST_AUTO_TEST_CASE(pyvisa_sets_the_grid_and_our_analyzer_measures_it) {
    // Debian's interpreter, where python3-pyvisa-py is installed (not a PATH-shadowing one).
    const std::string python = "/usr/bin/python3";
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(python), "needs " + python + " with python3-pyvisa-py");
    test::TempDir tmp("pyvisa");
    test::ChildProcess client({python, test::sourcePath("tests/wire/scpi/pyvisa_client.py"),
                               std::to_string(ports.at("grid-scpi")), "231.5"},
                              tmp.file("stderr.txt"));
    const int code = client.wait();
    const std::string out = client.output();
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(code == 0);
    BOOST_TEST(out.find("IDN Chroma ATE,61845,") != std::string::npos);
    BOOST_TEST(out.find("ERR 0,\"No error\"") != std::string::npos);
    BOOST_TEST(out.find("VOLT 231.5") != std::string::npos);
    BOOST_TEST(out.find("DONE") != std::string::npos);

    const auto grid = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    BOOST_TEST(grid.outputOn);
    BOOST_TEST(grid.voltage.value == 231.5);
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", visa("analyzer-scpi"));
    advance(0.1);
    const auto r = analyzer->read();
    BOOST_TEST(r.ac.voltage.value == 231.5, boost::test_tools::tolerance(0.001));
    BOOST_TEST(r.ac.frequency.value == 50.0, boost::test_tools::tolerance(0.001));
}

BOOST_AUTO_TEST_SUITE_END()
