// The command line's pieces that need no process: exit codes from verdicts, the help table the
// overview is built from, plan arguments (files, folders, ids) and near-match suggestions.
#include "test_paths.hpp"
#include "v2gbench/app/command_help.hpp"
#include "v2gbench/app/exit_codes.hpp"
#include "v2gbench/app/plan_library.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

using namespace v2gbench;
using bench::Verdict;

BOOST_AUTO_TEST_SUITE(app_exit_codes)

BOOST_AUTO_TEST_CASE(verdicts_map_to_the_documented_codes) {
    BOOST_TEST(app::exitCodeFor(Verdict::Pass) == 0);
    BOOST_TEST(app::exitCodeFor(Verdict::NotApplicable) == 0);
    BOOST_TEST(app::exitCodeFor(Verdict::Inconclusive) == 1);
    BOOST_TEST(app::exitCodeFor(Verdict::Fail) == 1);
    BOOST_TEST(app::exitCodeFor(Verdict::Error) == 2);
    BOOST_TEST(app::exitCodeFor(Verdict::Aborted) == 3);
}

BOOST_AUTO_TEST_CASE(invalid_input_is_2_whatever_the_verdict_says) {
    bench::RunOutcome outcome;
    outcome.verdict = Verdict::Pass;
    BOOST_TEST(app::exitCodeFor(outcome) == 0);
    outcome.diagnostics.push_back({{"plan.yaml", 3, 5}, "unknown action"});
    BOOST_TEST(app::exitCodeFor(outcome) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(app_help)

BOOST_AUTO_TEST_CASE(the_overview_is_built_from_every_command_entry) {
    const auto overview = app::helpOverview();
    std::set<std::string_view> names;
    for (const auto& c : app::commandHelps()) {
        BOOST_TEST(names.insert(c.name).second, "two entries for " << c.name);
        BOOST_TEST(c.synopsis.substr(0, c.name.size()) == c.name);
        BOOST_TEST(overview.find(std::string(c.synopsis)) != std::string::npos, c.name);
        BOOST_TEST(overview.find(std::string(c.summary)) != std::string::npos, c.name);
        const auto one = app::helpFor(c);
        BOOST_TEST(one.find("usage: v2gbench " + std::string(c.synopsis)) == 0u, one);
        BOOST_TEST(one.find(std::string(c.details)) != std::string::npos);
        BOOST_TEST(app::findCommandHelp(c.name) == &c);
    }
    for (const char* command : {"run", "validate", "list", "report", "decode", "analyze", "help"})
        BOOST_TEST(names.count(command) == 1u, command);
    BOOST_TEST(app::findCommandHelp("runs") == nullptr);
    BOOST_TEST(overview.find("--version") != std::string::npos);
    BOOST_TEST(overview.find("exit codes: 0 pass/not-applicable") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(app_plan_arguments)

BOOST_AUTO_TEST_CASE(near_ids_put_containing_names_first_then_close_ones) {
    const std::vector<std::string> ids{"gbt34657-cc1-break", "gbt34657-cc1-voltage-limits", "gbt34658-bcl-timeout",
                                       "v2g-discharge-response"};
    BOOST_TEST(app::nearestIds("gbt34657-cc1-brake", ids) == std::vector<std::string>{"gbt34657-cc1-break"},
               boost::test_tools::per_element());
    const std::vector<std::string> cc1{"gbt34657-cc1-break", "gbt34657-cc1-voltage-limits"};
    BOOST_TEST(app::nearestIds("cc1", ids) == cc1, boost::test_tools::per_element());
    BOOST_TEST(app::nearestIds("cc1", ids, 1).size() == 1u);
    BOOST_TEST(app::nearestIds("oscilloscope", ids).empty());
}

BOOST_AUTO_TEST_CASE(files_and_folders_need_no_data_folder_ids_resolve_in_it) {
    const std::string plan = test::sourcePath("testplans/gbt34657/cc1-break.yaml");
    const auto noDataFolder = []() -> std::filesystem::path {
        throw std::logic_error("the data folder was asked for although every argument is a path");
    };
    BOOST_TEST(app::resolvePlanArguments({plan, "missing/plan.yaml", "missing.yaml"}, noDataFolder) ==
                   (std::vector<std::string>{plan, "missing/plan.yaml", "missing.yaml"}),
               boost::test_tools::per_element());
    // A folder: its plans, sorted, without the DUT/EV profiles, catalogues and schema beside them.
    const auto folder = app::resolvePlanArguments({test::sourcePath("testplans")}, noDataFolder);
    BOOST_TEST(folder.size() >= 10u);
    BOOST_TEST(std::is_sorted(folder.begin(), folder.end()));
    BOOST_TEST((std::find(folder.begin(), folder.end(), plan) != folder.end()));
    for (const auto& f : folder)
        for (const char* other : {"/duts/", "/evs/", "/requirements/", "/schema/"})
            BOOST_TEST(f.find(other) == std::string::npos, f);
    const test::TempDir empty("no-plans");
    BOOST_CHECK_THROW(app::resolvePlanArguments({empty.path().string()}, noDataFolder), std::invalid_argument);

    const auto source = [] { return std::filesystem::path(V2G_SOURCE_DIR); };
    const auto byId = app::resolvePlanArguments({"gbt34657-cc1-break", plan}, source);
    BOOST_TEST(byId == (std::vector<std::string>{plan, plan}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unknown_id_names_the_library_and_the_near_ids) {
    const auto source = [] { return std::filesystem::path(V2G_SOURCE_DIR); };
    try {
        app::resolvePlanArguments({"gbt34657-cc1-brake"}, source);
        BOOST_FAIL("an unknown id was accepted");
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("'gbt34657-cc1-brake' is neither a file nor the id of a plan in " +
                             test::sourcePath("testplans")) == 0u, what);
        BOOST_TEST(what.find("did you mean gbt34657-cc1-break?") != std::string::npos, what);
        BOOST_TEST(what.find("`v2gbench list plans` lists all") != std::string::npos, what);
    }
}

BOOST_AUTO_TEST_SUITE_END()
