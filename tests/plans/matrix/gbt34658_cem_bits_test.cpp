// GB/T 34658 DN.3001 is the BCS-timeout case and DN.3002 the BCL-timeout case (two public charger
// firmwares agree; issue 12). Proven on the wire bytes, not on the decoder's names: the CEM
// frames the conforming charger sends in each case carry CEM byte 2 bits 0–1 (BCS) for DN.3001
// and byte 2 bits 2–3 (BCL) for DN.3002, and the catalogue says the same.
#include "run_helpers.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
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

    // The CEMs of DN.3001 (BCS withheld) come first, then those of DN.3002 (BCL withheld): the
    // first CEM names BCS (byte 2 bits 0–1 = 01), none before the first naming BCL (byte 2 bits
    // 2–3 = 01) names BCL, and none from it on names BCS.
    const auto cems = chargerCems(dir.path() / "run" / "can.log");
    BOOST_REQUIRE(!cems.empty());
    std::size_t firstBcl = cems.size();
    for (std::size_t i = 0; i < cems.size(); ++i)
        if (bits(cems[i].byte2, 2) == 0x1 && firstBcl == cems.size()) firstBcl = i;
    BOOST_REQUIRE(firstBcl > 0);
    BOOST_REQUIRE(firstBcl < cems.size());
    for (std::size_t i = 0; i < cems.size(); ++i) {
        BOOST_TEST_CONTEXT("CEM at " << cems[i].time << " s, byte 2 = 0x" << std::hex << unsigned(cems[i].byte2)) {
            if (i == 0) BOOST_TEST(bits(cems[i].byte2, 0) == 0x1u); // BCS timeout: byte 2 bits 0–1 = 01
            if (i < firstBcl) BOOST_TEST(bits(cems[i].byte2, 2) == 0x0u); // DN.3001 never names BCL
            else BOOST_TEST(bits(cems[i].byte2, 0) == 0x0u);               // DN.3002 never names BCS
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
