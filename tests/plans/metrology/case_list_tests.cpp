// The requirement catalogues marked `complete: true` are the machine-readable full case lists of
// their standards (standard_coverage.hpp): this checks them against the public case lists in
// ../shared/reference/standards-cases.md (§1 GB/T 34657.1-2017 Annex A DC cases, §2 GB/T
// 34658-2017 charger-side and BMS-side ids), so neither can change without the other.
#include "test_paths.hpp"

#include "v2gbench/bench/requirement_catalogue.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>

namespace bench = v2gbench::bench;

namespace {

std::string referenceFile() {
    for (const char* candidate : {V2G_SOURCE_DIR "/../shared/reference/standards-cases.md",
                                  V2G_SOURCE_DIR "/../../shared/reference/standards-cases.md"})
        if (std::filesystem::is_regular_file(candidate)) return candidate;
    return {};
}

// The text between the line starting with `from` and the next line starting with `to`.
std::string section(const std::string& text, const std::string& from, const std::string& to) {
    const auto begin = text.find("\n" + from);
    if (begin == std::string::npos) return {};
    const auto end = text.find("\n" + to, begin + 1);
    return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

bool isDigits(const std::string& s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// §1: every "C0.dddd" / "D0.dddd" in the first cell of the case table's rows.
std::set<std::string> gbt34657Cases(const std::string& md) {
    std::set<std::string> ids;
    const std::string table = section(md, "### 1.1 Case list", "### 1.2");
    std::size_t line = 0;
    while ((line = table.find("\n| ", line)) != std::string::npos) {
        ++line;
        const auto cellEnd = table.find(" |", line + 2);
        const std::string cell = table.substr(line + 2, cellEnd - line - 2);
        for (std::size_t i = 0; i + 7 <= cell.size(); ++i)
            if ((cell[i] == 'C' || cell[i] == 'D') && cell[i + 1] == '0' && cell[i + 2] == '.' && isDigits(cell, i + 3, 4))
                ids.insert(cell.substr(i, 7));
    }
    return ids;
}

// §2: "Charger-side set = 43 ids: DP1001–1003, DN1001–1004, …;" (or "BMS-side set = 42 ids: …
// BN4001–4003 [S1].") expanded to DP.1001 … .
std::set<std::string> gbt34658Cases(const std::string& md, const std::string& side, std::size_t& stated) {
    std::set<std::string> ids;
    const std::string key = side + "-side set = ";
    const auto at = md.find(key);
    if (at == std::string::npos) return ids;
    stated = std::stoul(md.substr(at + key.size()));
    const auto listStart = md.find(": ", at) + 2;
    const std::string list = md.substr(listStart, std::min(md.find(';', listStart), md.find(" [", listStart)) - listStart);
    const std::string dash = "\xE2\x80\x93"; // the en dash of "DP1001–1003"
    std::size_t pos = 0;
    while (pos < list.size()) {
        auto end = list.find(", ", pos);
        if (end == std::string::npos) end = list.size();
        const std::string item = list.substr(pos, end - pos); // "DP1001–1003"
        const std::string prefix = item.substr(0, 2);
        const int first = std::stoi(item.substr(2, 4));
        const auto d = item.find(dash);
        const int last = d == std::string::npos ? first : std::stoi(item.substr(d + dash.size()));
        for (int n = first; n <= last; ++n) ids.insert(prefix + "." + std::to_string(n));
        pos = end + 2;
    }
    return ids;
}

std::set<std::string> catalogueClauses(const std::string& file, std::optional<int>& casesInStandard, bool& complete) {
    bench::RequirementSet set;
    set.loadFile(v2gbench::test::sourcePath(file));
    BOOST_TEST_REQUIRE(set.catalogues().size() == 1u);
    casesInStandard = set.catalogues()[0].casesInStandard;
    complete = set.catalogues()[0].complete;
    std::set<std::string> clauses;
    for (const auto& r : set.all()) clauses.insert(r.clause);
    return clauses;
}

} // namespace

BOOST_AUTO_TEST_SUITE(standard_case_lists)

BOOST_AUTO_TEST_CASE(the_gbt34657_catalogue_is_the_public_dc_case_list) {
    const auto file = referenceFile();
    BOOST_TEST_REQUIRE(!file.empty(), "standards-cases.md not found beside the checkout (../shared/reference)");
    const auto reference = gbt34657Cases(v2gbench::test::readFile(file));
    BOOST_TEST(reference.size() == 23u); // 20 D0 ids and the three C0 inspections of the DC part
    std::optional<int> stated;
    bool complete = false;
    const auto catalogue = catalogueClauses("testplans/requirements/gbt34657.1-2017.yaml", stated, complete);
    BOOST_TEST(complete);
    BOOST_TEST((stated && static_cast<std::size_t>(*stated) == reference.size()));
    for (const auto& id : reference) BOOST_TEST(catalogue.count(id) == 1u, id << " is in standards-cases.md §1, not in the catalogue");
    for (const auto& id : catalogue) BOOST_TEST(reference.count(id) == 1u, id << " is in the catalogue, not in standards-cases.md §1");
}

BOOST_AUTO_TEST_CASE(the_gbt34658_catalogue_is_the_public_charger_side_case_list) {
    const auto file = referenceFile();
    BOOST_TEST_REQUIRE(!file.empty(), "standards-cases.md not found beside the checkout (../shared/reference)");
    std::size_t stated = 0;
    const auto reference = gbt34658Cases(v2gbench::test::readFile(file), "Charger", stated);
    BOOST_TEST(stated == 43u);
    BOOST_TEST(reference.size() == stated); // the ranges expand to the count the text states
    std::optional<int> casesInStandard;
    bool complete = false;
    const auto catalogue = catalogueClauses("testplans/requirements/gbt34658-2017.yaml", casesInStandard, complete);
    BOOST_TEST(complete);
    BOOST_TEST((casesInStandard && static_cast<std::size_t>(*casesInStandard) == reference.size()));
    for (const auto& id : reference) BOOST_TEST(catalogue.count(id) == 1u, id << " is in standards-cases.md §2, not in the catalogue");
    for (const auto& id : catalogue) BOOST_TEST(reference.count(id) == 1u, id << " is in the catalogue, not in standards-cases.md §2");
}

// The BMS side (issue 12 item 5): its own catalogue, complete, 42 ids, every entry unverified (no
// title or criterion of this side is public).
BOOST_AUTO_TEST_CASE(the_gbt34658_bms_catalogue_is_the_public_bms_side_case_list) {
    const auto file = referenceFile();
    BOOST_TEST_REQUIRE(!file.empty(), "standards-cases.md not found beside the checkout (../shared/reference)");
    std::size_t stated = 0;
    const auto reference = gbt34658Cases(v2gbench::test::readFile(file), "BMS", stated);
    BOOST_TEST(stated == 42u);
    BOOST_TEST(reference.size() == stated);
    std::optional<int> casesInStandard;
    bool complete = false;
    const auto catalogue = catalogueClauses("testplans/requirements/gbt34658-2017-bms.yaml", casesInStandard, complete);
    BOOST_TEST(complete);
    BOOST_TEST((casesInStandard && static_cast<std::size_t>(*casesInStandard) == reference.size()));
    for (const auto& id : reference) BOOST_TEST(catalogue.count(id) == 1u, id << " is in standards-cases.md §2, not in the catalogue");
    for (const auto& id : catalogue) BOOST_TEST(reference.count(id) == 1u, id << " is in the catalogue, not in standards-cases.md §2");
    bench::RequirementSet set;
    set.loadFile(v2gbench::test::sourcePath("testplans/requirements/gbt34658-2017-bms.yaml"));
    for (const auto& r : set.all()) {
        BOOST_TEST((r.confidence == bench::Confidence::Unverified), r.id);
        BOOST_TEST(r.title.find("(title ours") != std::string::npos, r.id);
        for (const auto& c : r.criteria) BOOST_TEST((c.confidence == bench::Confidence::Unverified), r.id << " " << c.name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
