// Requirement catalogues: the structured criteria format (sources, confidence, `ours`), its
// file:line errors, and the shipped catalogues themselves.
#include "test_paths.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

using namespace v2gbench;
using v2gbench::test::TempDir;

namespace {

// Loads `entries` (YAML list items of `requirements:`) as one catalogue; "ok" or "line:column: message".
std::string loadError(const std::string& entries) {
    TempDir dir("catalogue");
    const auto path = dir.file("c.yaml");
    std::ofstream(path) << "catalogue: C\nrequirements:\n" << entries;
    bench::RequirementSet set;
    try {
        set.loadFile(path);
    } catch (const core::ConfigError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.message();
    }
    return "ok";
}

const std::string kEntry = "  - id: X/1\n    source: public text\n    confidence: single-source\n";

} // namespace

BOOST_AUTO_TEST_SUITE(requirement_catalogue)

BOOST_AUTO_TEST_CASE(criteria_take_their_entry_source_and_confidence_unless_they_have_their_own) {
    TempDir dir("catalogue");
    const auto path = dir.file("c.yaml");
    std::ofstream(path) << "catalogue: C\ncomplete: true\nrequirements:\n" << kEntry
                        << "    criteria:\n"
                           "      - {name: within, text: CST within 100 ms, max: 100 ms}\n"
                           "      - name: off\n        text: output off\n        max: 1 A\n"
                           "        source: our lab\n        confidence: unverified\n        ours: our bound\n";
    bench::RequirementSet set;
    set.loadFile(path);
    const auto* r = set.find("X/1");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->criteria.size() == 2u);
    const auto* within = r->criterion("within");
    BOOST_REQUIRE(within);
    BOOST_TEST(within->source == "public text");
    BOOST_TEST(toString(within->confidence) == "single-source");
    BOOST_TEST(within->max->text() == "100 ms");
    BOOST_TEST(within->where.line == 8);
    const auto* off = r->criterion("off");
    BOOST_TEST(off->source == "our lab");
    BOOST_TEST(toString(off->confidence) == "unverified");
    BOOST_TEST(off->ours == "our bound");
    BOOST_TEST(set.catalogues().size() == 1u);
    BOOST_TEST(set.catalogues().front().complete);
    BOOST_TEST(set.catalogues().front().ids == std::vector<std::string>{"X/1"});
}

BOOST_AUTO_TEST_CASE(an_entry_needs_a_source_and_a_known_confidence) {
    BOOST_TEST(loadError("  - id: X/1\n    confidence: confirmed\n") == "3:5: requirement 'X/1' needs the key 'source'");
    BOOST_TEST(loadError("  - id: X/1\n    source: \"  \"\n    confidence: confirmed\n") == "4:13: source must not be empty");
    BOOST_TEST(loadError("  - id: X/1\n    source: s\n") == "3:5: requirement 'X/1' needs the key 'confidence'");
    BOOST_TEST(loadError("  - id: X/1\n    source: s\n    confidence: single_source\n") ==
               "5:17: unknown confidence 'single_source' (did you mean 'single-source'?); choose confirmed, "
               "single-source or unverified");
}

BOOST_AUTO_TEST_CASE(old_limits_and_provisional_keys_are_refused_with_the_way_forward) {
    BOOST_TEST(loadError(kEntry + "    limits: {within: 1 s}\n").find("6:13: 'limits' is no longer read") == 0u);
    BOOST_TEST(loadError(kEntry + "    provisional: true\n").find("6:18: 'provisional' is replaced by") == 0u);
}

BOOST_AUTO_TEST_CASE(criterion_errors_name_line_and_column) {
    const std::string c = kEntry + "    criteria:\n";
    BOOST_TEST(loadError(c + "      - {text: t, max: 1 s}\n") == "7:9: a criterion needs the key 'name'");
    BOOST_TEST(loadError(c + "      - {name: x, max: 1 s}\n") == "7:9: a criterion needs the key 'text'");
    BOOST_TEST(loadError(c + "      - {name: cst within, text: t, max: 1 s}\n") ==
               "7:16: criterion name 'cst within' must be a simple name (letters, digits and '_'), e.g. cst_within");
    BOOST_TEST(loadError(c + "      - {name: x, text: t, max: 1 s}\n      - {name: x, text: u, max: 2 s}\n") ==
               "8:16: criterion 'x' is defined twice in 'X/1'");
    BOOST_TEST(loadError(c + "      - {name: x, text: t, nominal: 1 s}\n") ==
               "7:37: 'nominal' needs a 'tolerance' (absolute, or a percentage)");
    BOOST_TEST(loadError(c + "      - {name: x, text: t, max: 1 s +}\n").find("7:") == 0u);
    BOOST_TEST(loadError(c + "      - {name: x, text: t, mx: 1 s}\n").find("7:28: unknown key 'mx' (did you mean 'max'?)") == 0u);
    BOOST_TEST(loadError(c + "      - {name: x, text: t, max: 1 s, source: \"\"}\n") ==
               "7:46: a criterion's source must not be empty");
}

BOOST_AUTO_TEST_CASE(an_unverified_number_must_say_whose_it_is) {
    const std::string c = kEntry + "    criteria:\n";
    BOOST_TEST(loadError(c + "      - {name: x, text: t, max: 1 s, confidence: unverified}\n") ==
               "7:16: criterion 'x' is unverified but carries a limit: say in 'ours:' where the number comes from "
               "(our engineering bound, or why the standard's is unknown)");
    BOOST_TEST(loadError(c + "      - {name: x, text: the limit is not public, confidence: unverified}\n") == "ok");
    BOOST_TEST(loadError(c + "      - {name: x, text: t, max: 1 s, ours: mine}\n") ==
               "7:44: 'ours' is for unverified criteria; criterion 'x' is single-source");
}

BOOST_AUTO_TEST_CASE(gbt34657_catalogue_lists_every_dc_case_of_the_standard) {
    bench::RequirementSet set;
    set.loadFile(test::sourcePath("testplans/requirements/gbt34657.1-2017.yaml"));
    const std::set<std::string> expected{
        "C0.0001", "C0.0002", "C0.0101", "D0.0001", "D0.1001", "D0.2001", "D0.2501", "D0.3001",
        "D0.3101", "D0.4001", "D0.4101", "D0.4102", "D0.4103", "D0.4501", "D0.4502", "D0.4503",
        "D0.4504", "D0.4505", "D0.4506", "D0.5001", "D0.5101", "D0.6001", "D0.6002"};
    std::set<std::string> clauses;
    for (const auto& r : set.all()) {
        clauses.insert(r.clause);
        BOOST_TEST(r.id == "GBT34657.1-2017/" + r.clause);
        BOOST_TEST(!r.title.empty(), r.id << " has no title");
    }
    BOOST_TEST(clauses == expected);
    BOOST_TEST(set.catalogues().front().complete);
}

BOOST_AUTO_TEST_CASE(shipped_catalogues_stand_alone_and_every_criterion_has_a_source) {
    bench::RequirementSet set;
    set.loadFolder(test::sourcePath("testplans/requirements"));
    BOOST_TEST(set.files().size() >= 3u);
    for (const auto& file : set.files()) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        BOOST_TEST(text.str().find("../") == std::string::npos, file << " refers to a file outside the repository");
        BOOST_TEST(text.str().find("shared/reference") == std::string::npos, file << " refers to the shared folder");
    }
    int criteria = 0;
    for (const auto& r : set.all())
        for (const auto& c : r.criteria) {
            ++criteria;
            BOOST_TEST(!c.source.empty(), r.id << " " << c.name);
            if (c.confidence == bench::Confidence::Unverified && (c.min || c.max || c.nominal))
                BOOST_TEST(!c.ours.empty(), r.id << " " << c.name);
        }
    BOOST_TEST(criteria >= 40);
}

// The catalogue's one table of tolerances: criteria name its rows; an unverified row makes the
// criterion unverified and says whose number it is; cases_in_standard bounds the entries.
BOOST_AUTO_TEST_CASE(tolerance_table_rows_pass_their_confidence_to_the_criteria) {
    TempDir dir("catalogue");
    const auto path = dir.file("c.yaml");
    std::ofstream(path) << "catalogue: C\ncases_in_standard: 2\ntolerances:\n"
                           "  - {name: period_median, value: 10 %, text: t, confidence: unverified, ours: our jitter}\n"
                           "  - {name: cst_repeat, value: 10 s, text: t, source: Amd 1, confidence: single-source}\n"
                           "requirements:\n" << kEntry << "    criteria:\n"
                           "      - {name: p, text: t, nominal: 250 ms, tolerance: period_median}\n"
                           "      - {name: r, text: t, min: cst_repeat}\n";
    bench::RequirementSet set;
    set.loadFile(path);
    const auto* r = set.find("X/1");
    BOOST_REQUIRE(r);
    BOOST_TEST((r->criterion("p")->confidence == bench::Confidence::Unverified));
    BOOST_TEST(r->criterion("p")->ours == "tolerance period_median: our jitter");
    BOOST_TEST(r->criterion("p")->tolerance->text() == "10 %");
    BOOST_TEST((r->criterion("r")->confidence == bench::Confidence::SingleSource));
    BOOST_TEST(r->criterion("r")->min->text() == "10 s");
    BOOST_TEST((set.catalogues().front().casesInStandard == std::optional<int>(2)));
}

BOOST_AUTO_TEST_CASE(tolerance_table_errors_name_line_and_column) {
    const auto load = [](const std::string& table, int cases = 5) {
        TempDir dir("catalogue");
        const auto path = dir.file("c.yaml");
        std::ofstream(path) << "catalogue: C\ncases_in_standard: " << cases << "\ntolerances:\n" << table << "requirements:\n" << kEntry;
        bench::RequirementSet set;
        try {
            set.loadFile(path);
        } catch (const core::ConfigError& e) {
            return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.message();
        }
        return std::string("ok");
    };
    BOOST_TEST(load("  - {name: a, value: 1 s, text: t, confidence: unverified}\n") ==
               "4:12: tolerance 'a' is unverified: say in 'ours:' where its number comes from");
    BOOST_TEST(load("  - {name: a, value: 1 s, text: t, confidence: confirmed}\n").find("name its public source") !=
               std::string::npos);
    BOOST_TEST(load("  - {name: a, value: 1 s, text: t, confidence: unverified, ours: x}\n"
                    "  - {name: a, value: 2 s, text: t, confidence: unverified, ours: x}\n") ==
               "5:12: tolerance 'a' is defined twice");
    BOOST_TEST(load("", 0) == "2:20: cases_in_standard must be a whole number of cases, at least 1");
    BOOST_TEST(load("  - {name: a, value: 1 s, text: t, confidence: unverified, ours: x}\n") == "ok");
    BOOST_TEST(load("", 5).find("tolerances must be a list") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gbt34658_catalogue_lists_the_43_charger_cases_in_the_standards_order) {
    bench::RequirementSet set;
    set.loadFile(test::sourcePath("testplans/requirements/gbt34658-2017.yaml"));
    std::vector<std::string> expected;
    const auto range = [&](const char* prefix, int from, int to) {
        for (int i = from; i <= to; ++i) expected.push_back(std::string("GBT34658-2017/") + prefix + std::to_string(i));
    };
    for (const auto& [prefix, from, to] : std::vector<std::tuple<const char*, int, int>>{
             {"DP.", 1001, 1003}, {"DN.", 1001, 1004}, {"DP.", 2001, 2003}, {"DN.", 2001, 2010},
             {"DP.", 3001, 3007}, {"DN.", 3001, 3010}, {"DP.", 4001, 4002}, {"DN.", 4001, 4004}})
        range(prefix, from, to);
    BOOST_REQUIRE(set.catalogues().size() == 1u);
    BOOST_TEST(set.catalogues().front().ids == expected, boost::test_tools::per_element());
    BOOST_TEST((set.catalogues().front().casesInStandard == std::optional<int>(43)));
    // A title that is ours says so and is unverified.
    for (const auto& r : set.all())
        if (r.title.find("(title ours)") != std::string::npos) BOOST_TEST((r.confidence == bench::Confidence::Unverified), r.id);
}

BOOST_AUTO_TEST_SUITE_END()
