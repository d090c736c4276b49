// Replays every file of fuzz/regressions/<harness>/ through the harness function libFuzzer runs
// (fuzz/targets), so each crash the fuzzers ever found stays a test with the normal build (and
// under ASan/UBSan in CI). A file that still crashes kills only its harness's suite. See
// docs/fuzzing.md.
#include <boost/test/unit_test.hpp>

#include "v2gbench/fuzz/fuzz_targets.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace v2gbench;

namespace {

std::vector<fs::path> regressions(std::string_view harness) {
    std::vector<fs::path> files;
    const fs::path dir = fs::path(V2G_SOURCE_DIR) / "fuzz" / "regressions" / std::string(harness);
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

void replay(std::string_view harness) {
    const auto& all = fuzz::harnesses();
    const auto it = std::find_if(all.begin(), all.end(), [&](const fuzz::Harness& h) { return h.name == harness; });
    BOOST_TEST_REQUIRE((it != all.end()), "no harness " << harness);
    const auto files = regressions(harness);
    // Each folder holds at least one well-formed input, so the harness itself is exercised.
    BOOST_TEST_REQUIRE(!files.empty(), "fuzz/regressions/" << harness << "/ is empty");
    for (const auto& file : files) {
        BOOST_TEST_MESSAGE(harness << ": " << file.filename().string());
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        BOOST_TEST(it->function(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) == 0,
                   file.filename().string());
    }
    // The empty input too.
    BOOST_TEST(it->function(nullptr, 0) == 0);
}

} // namespace

// One suite per harness (each its own CTest test: unit.fuzz_<harness>).
BOOST_AUTO_TEST_SUITE(fuzz_plan)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("plan"); }
BOOST_AUTO_TEST_CASE(every_harness_has_a_suite) {
    // The suites in this file are written out (the CTest registration reads them from the source).
    BOOST_TEST(fuzz::harnesses().size() == 14u);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_quantity)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("quantity"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_expression)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("expression"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_candump)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("candump"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_zlg_trace)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("zlg_trace"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_zlg_csv)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("zlg_csv"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_asc)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("asc"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_trc)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("trc"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_blf)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("blf"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_gbt27930)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("gbt27930"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_scpi)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("scpi"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_iiod)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("iiod"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_modbus_server)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("modbus_server"); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fuzz_socketcand)
BOOST_AUTO_TEST_CASE(regressions_replay) { replay("socketcand"); }
BOOST_AUTO_TEST_SUITE_END()
