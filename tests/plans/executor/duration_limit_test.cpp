// A wait computed from parameters cannot be checked at validation; the executor holds it to the
// bench's 24 h limit before any time passes (issue 9: `wait: 100000 h` ran ~50 h of wall time).
#include "run_helpers.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace v2gbench;

BOOST_AUTO_TEST_SUITE(executor_duration_limit)

BOOST_AUTO_TEST_CASE(a_computed_wait_beyond_24_h_is_a_bench_error_at_its_line) {
    test::TempDir dir("duration-limit");
    const auto plan = test::writeFile(dir.path() / "p.yaml", R"(plan: computed-wait
title: a wait computed from a parameter
requires: {roles: [grid]}
parameters:
  hold: 1000 h
cases:
  - id: C1
    steps:
      - wait: hold * 100
)");
    const auto start = std::chrono::steady_clock::now();
    const auto outcome = test::runQuiet(test::simRequest({plan}, dir.path() / "run"));
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 30.0);
    BOOST_REQUIRE_EQUAL(outcome.plans.size(), 1u);
    BOOST_TEST(outcome.verdict == bench::Verdict::Error);
    bool named = false;
    for (const auto& e : test::readJournal(dir.path() / "run"))
        if (e["event"] == "error" || e["event"] == "case_finished") {
            const auto text = e.dump();
            named = named || (text.find(plan + ":9:9") != std::string::npos &&
                              text.find("longer than the bench's limit of 24 h") != std::string::npos);
        }
    BOOST_TEST(named);
}

BOOST_AUTO_TEST_SUITE_END()
