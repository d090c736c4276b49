// The hostile plans of issue 9 through the real executable: 3,000 nested '(' and a 40,000-term
// chain in applies_if used to kill `validate` and `run` with SIGSEGV; deeply nested YAML said only
// "bad file". Each now exits 2 with a file:line error, and nothing runs.
#include "child_process.hpp"
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

std::string planWithAppliesIf(const std::string& expression) {
    return "plan: deep\ntitle: deep\nrequires: {roles: [grid]}\napplies_if: \"" + expression +
           "\"\ncases:\n  - id: C1\n    steps:\n      - wait: 1 s\n";
}

std::string parens(std::size_t n) { return std::string(n, '(') + "1 V > 0 V" + std::string(n, ')'); }

std::string chain(std::size_t n) {
    std::string out = "1 V";
    for (std::size_t i = 1; i < n; ++i) out += " + 1 V";
    return out + " > 0 V";
}

void expectRefused(const std::string& plan, const std::string& message) {
    TempDir dir("deep-plan");
    const auto file = dir.file("deep.yaml");
    std::ofstream(file) << plan;
    for (const std::string command : {"validate", "run"}) {
        BOOST_TEST_CONTEXT(command) {
            std::vector<std::string> argv{test::binaryPath("cli/v2gbench"), command, file};
            if (command == "run") argv.insert(argv.end(), {"--out", dir.file("run")});
            const auto [code, out] = test::runProgram(argv, dir.file("err"));
            const auto err = test::readFile(dir.file("err"));
            BOOST_TEST(code == 2);
            BOOST_TEST(err.find(file + ":4:") != std::string::npos, err);
            BOOST_TEST(err.find(message) != std::string::npos, err);
            BOOST_TEST(!std::filesystem::exists(dir.file("run")));
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_deep_plans)

BOOST_AUTO_TEST_CASE(three_thousand_parentheses_exit_2) { expectRefused(planWithAppliesIf(parens(3000)), "at most 4096"); }

BOOST_AUTO_TEST_CASE(two_thousand_parentheses_exit_2) { expectRefused(planWithAppliesIf(parens(2000)), "nests deeper"); }

BOOST_AUTO_TEST_CASE(forty_thousand_terms_exit_2) { expectRefused(planWithAppliesIf(chain(40000)), "at most 4096"); }

BOOST_AUTO_TEST_CASE(six_hundred_terms_exit_2) { expectRefused(planWithAppliesIf(chain(600)), "levels of operators"); }

BOOST_AUTO_TEST_CASE(deep_yaml_names_its_line) {
    TempDir dir("deep-yaml");
    const auto file = dir.file("deep.yaml");
    std::ofstream(file) << "plan: deep\ntitle: deep\ncases: []\nparameters:\n  x: " << std::string(100000, '[')
                        << std::string(100000, ']') << "\n";
    const auto [code, out] = test::runProgram({test::binaryPath("cli/v2gbench"), "validate", file}, dir.file("err"));
    const auto err = test::readFile(dir.file("err"));
    BOOST_TEST(code == 2);
    BOOST_TEST(err.find(file + ":5:") != std::string::npos, err);
    BOOST_TEST(err.find("nests deeper than 64 levels") != std::string::npos, err);
}

BOOST_AUTO_TEST_SUITE_END()
