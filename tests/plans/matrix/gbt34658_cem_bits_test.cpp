// GB/T 34658 DN.3001 is the BCS-timeout case and DN.3002 the BCL-timeout case (two public charger
// firmwares agree; issue 12). Proven on the wire bytes, not on the decoder's names: the CEM
// frames the conforming charger sends in each case carry CEM byte 2 bits 0–1 (BCS) for DN.3001
// and byte 2 bits 2–3 (BCL) for DN.3002, and the catalogue says the same.
#include "run_helpers.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <tuple>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

struct CemFrame {
    double time = 0.0;
    std::uint8_t byte2 = 0;
};

// The charger's CEM frames in a candump -L log: "(1700000000.123456) can0 081FF456#00F0FCFF".
std::vector<CemFrame> chargerCems(const std::filesystem::path& log) {
    constexpr std::uint32_t kCemPgn = 0x1F00;
    constexpr std::uint32_t kCharger = 0x56;
    std::vector<CemFrame> out;
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string time, channel, frame;
        if (!(words >> time >> channel >> frame)) continue;
        const auto hash = frame.find('#');
        if (hash == std::string::npos || hash != 8) continue; // extended ids only
        const auto id = static_cast<std::uint32_t>(std::stoul(frame.substr(0, hash), nullptr, 16));
        const std::string data = frame.substr(hash + 1);
        if (((id >> 8) & 0x3FF00) != kCemPgn || (id & 0xFF) != kCharger || data.size() < 6) continue;
        out.push_back({std::stod(time.substr(1)), static_cast<std::uint8_t>(std::stoul(data.substr(4, 2), nullptr, 16))});
    }
    return out;
}

unsigned bits(std::uint8_t byte, unsigned first) { return (byte >> first) & 0x3u; }

} // namespace

BOOST_AUTO_TEST_SUITE(gbt34658_cem_bits)

BOOST_AUTO_TEST_CASE(dn3001_is_the_bcs_timeout_and_dn3002_the_bcl_timeout) {
    TempDir dir("cem-bits");
    const auto out = test::runQuiet(
        test::simRequest({test::sourcePath("testplans/gbt34658/charging-start.yaml")}, dir.path() / "run"));
    BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
    const auto& cases = out.plans.front().cases;
    BOOST_REQUIRE_GE(cases.size(), 2u);
    BOOST_TEST(cases[0].id == "DN.3001");
    BOOST_TEST(cases[1].id == "DN.3002");
    for (const auto& c : cases) BOOST_TEST(c.verdict == bench::Verdict::Pass, c.id << ": " << c.reason);

    // Each case's CEMs (can.log is stamped in bench time, the journal gives each case's span):
    // DN.3001 (BCS withheld) names BCS only — byte 2 bits 0–1 = 01, bits 2–3 = 00 — and DN.3002
    // (BCL withheld) names BCL only — bits 2–3 = 01, bits 0–1 = 00.
    const auto cems = chargerCems(dir.path() / "run" / "can.log");
    std::map<std::string, std::pair<double, double>> span;
    for (const auto& e : test::readJournal(dir.path() / "run")) {
        if (e.at("event") == "case_started") span[e.at("case")].first = e.at("t_bench_s").get<double>();
        if (e.at("event") == "case_finished") span[e.at("case")].second = e.at("t_bench_s").get<double>();
    }
    for (const auto& [id, named, other] : {std::tuple{"DN.3001", 0u, 2u}, std::tuple{"DN.3002", 2u, 0u}}) {
        BOOST_TEST_CONTEXT(id) {
            BOOST_REQUIRE(span.count(id));
            int seen = 0;
            for (const auto& cem : cems) {
                if (cem.time < span[id].first || cem.time > span[id].second) continue;
                ++seen;
                BOOST_TEST_CONTEXT("CEM at " << cem.time << " s, byte 2 = 0x" << std::hex << unsigned(cem.byte2)) {
                    BOOST_TEST(bits(cem.byte2, named) == 0x1u);
                    BOOST_TEST(bits(cem.byte2, other) == 0x0u);
                }
            }
            BOOST_TEST(seen >= 1);
        }
    }

    // The catalogue agrees: DN.3001 judges a BCS timeout of 5 s, DN.3002 a BCL timeout of 1 s.
    bench::RequirementSet catalogue;
    catalogue.loadFile(test::sourcePath("testplans/requirements/gbt34658-2017.yaml"));
    const auto* dn3001 = catalogue.find("GBT34658-2017/DN.3001");
    const auto* dn3002 = catalogue.find("GBT34658-2017/DN.3002");
    BOOST_REQUIRE(dn3001 && dn3002);
    BOOST_TEST(dn3001->title.find("BCS timeout") != std::string::npos);
    BOOST_TEST(dn3002->title.find("BCL timeout") != std::string::npos);
    BOOST_REQUIRE(dn3001->criterion("cem_timeout") && dn3002->criterion("cem_timeout"));
    BOOST_TEST(dn3001->criterion("cem_timeout")->nominal->text() == "5 s");
    BOOST_TEST(dn3002->criterion("cem_timeout")->nominal->text() == "1 s");
}

BOOST_AUTO_TEST_SUITE_END()
