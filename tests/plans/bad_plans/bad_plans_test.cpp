// Every plan in corpus/ is wrong in a known way. Its leading "# expect: line:column: message"
// comments list the exact diagnostics the loader must report (in order), and no plan may be
// returned: the bench refuses to switch anything on for a plan that does not validate.
#define BOOST_TEST_MODULE bad_plans
#include <boost/test/unit_test.hpp>

#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(V2G_SOURCE_DIR) / "tests/plans/bad_plans/corpus";

// The DUT profile values and requirement catalogues the corpus is written against.
PlanLoadContext corpusContext() {
    PlanLoadContext c;
    // The built-in vocabulary with the role "daq" (capture plans list it), whether or not it lists it yet.
    static const RoleCatalog withDaq = [] {
        const auto& builtin = RoleCatalog::builtin();
        auto roles = builtin.roles();
        if (!builtin.isRole("daq")) roles.push_back("daq");
        return RoleCatalog(roles, builtin.actions(), builtin.signals());
    }();
    c.catalog = &withDaq;
    c.dutTypes = [](const std::string& name) -> std::optional<ValueType> {
        using core::Dimension;
        if (name == "dut.dc.max_current" || name == "dut.v2g.max_discharge_current")
            return ValueType::quantity(Dimension::current());
        if (name == "dut.dc.max_voltage" || name == "dut.dc.min_voltage" || name == "dut.ac.nominal_voltage")
            return ValueType::quantity(Dimension::voltage());
        if (name == "dut.dc.max_power" || name == "dut.v2g.max_discharge_power")
            return ValueType::quantity(Dimension::power());
        if (name == "dut.ac.nominal_frequency") return ValueType::quantity(Dimension::frequency());
        if (name == "dut.bidirectional") return ValueType::boolean();
        return std::nullopt;
    };
    c.isKnownRequirement = [](const std::string& id) {
        return id.rfind("GBT34657.1-2017/", 0) == 0 || id.rfind("V2G/", 0) == 0;
    };
    // `expect: {criterion: ...}` is resolved against a fixed catalogue, so the shipped ones can grow.
    static const RequirementSet catalogues = [] {
        RequirementSet set;
        set.loadFolder((std::filesystem::path(V2G_SOURCE_DIR) / "tests/support/requirements").string());
        return set;
    }();
    c.requirements = &catalogues;
    return c;
}

std::vector<std::filesystem::path> corpusFiles() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> expectedDiagnostics(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> expected;
    const std::string marker = "# expect: ";
    for (std::string line; std::getline(in, line);)
        if (line.rfind(marker, 0) == 0) expected.push_back(line.substr(marker.size()));
    return expected;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bad_plans)

BOOST_AUTO_TEST_CASE(corpus_is_large_enough) {
    BOOST_TEST(corpusFiles().size() >= 20u);
}

BOOST_AUTO_TEST_CASE(every_bad_plan_is_rejected_with_its_exact_diagnostics) {
    const PlanLoadContext context = corpusContext();
    for (const auto& file : corpusFiles()) {
        BOOST_TEST_CONTEXT("plan " << file.filename().string()) {
            const std::vector<std::string> expected = expectedDiagnostics(file);
            BOOST_TEST(!expected.empty(), "the file states no '# expect:' line");
            const PlanLoadResult result = loadPlanFile(file.string(), context);
            BOOST_TEST(!result.plan.has_value());
            std::vector<std::string> actual;
            for (const auto& d : result.diagnostics) {
                BOOST_TEST(d.where.file == file.string());
                actual.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message);
            }
            BOOST_TEST(actual == expected, boost::test_tools::per_element());
            if (actual != expected)
                for (const auto& a : actual) BOOST_TEST_MESSAGE(file.filename().string() << " actual: # expect: " << a);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
