// Hostile or mistyped plans never crash or stall the bench: expressions and YAML documents are
// bounded in depth and size (file:line errors), and parsing is linear in the input's length.
// Regression tests for issue 9's findings (SIGSEGV on 3,000 '(', 30,000 '!', a 40,000-term chain;
// "YAML syntax error: bad file" for deep YAML; 20k terms taking 1.6 s).
#include "helpers.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace plan_test;
using namespace v2gbench::bench;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// A chain "1 V + 1 V + …" of n terms.
std::string chain(std::size_t n) {
    std::string out = "1 V";
    for (std::size_t i = 1; i < n; ++i) out += " + 1 V";
    return out;
}

PlanLoadResult loadText(const std::string& text) { return loadPlanText(text, "deep.yaml", PlanLoadContext{}); }

std::string firstDiagnostic(const PlanLoadResult& r) {
    return r.diagnostics.empty() ? std::string() : r.diagnostics.front().str();
}

const char* kPlanHead = "plan: deep\ntitle: Deep\ncases:\n  - id: C1\n    steps:\n      - wait: 1 s\n";

} // namespace

BOOST_AUTO_TEST_SUITE(expression_bounds)

BOOST_AUTO_TEST_CASE(deep_parentheses_are_an_error_at_their_column) {
    // 3,000 pairs are over the length bound; 2,000 pairs are within it and too deep.
    BOOST_TEST(parseError(repeat("(", 3000) + "1" + repeat(")", 3000)).find("at most 4096") != std::string::npos);
    const auto e = parseError(repeat("(", 2000) + "1" + repeat(")", 2000));
    BOOST_TEST(e.find("nests deeper than 64 levels") != std::string::npos, e);
    // The 64th '(' still parses; the error stands at the 65th (column 10 + 64).
    BOOST_TEST(e.rfind("3:74:", 0) == 0, e);
    BOOST_TEST(parseError(repeat("(", 60) + "1" + repeat(")", 60)) == "");
}

BOOST_AUTO_TEST_CASE(long_unary_chains_are_an_error) {
    BOOST_TEST(parseError(repeat("!", 30000) + "true").find("at most 4096") != std::string::npos);
    BOOST_TEST(parseError(repeat("!", 4000) + "true").find("nests deeper") != std::string::npos);
    BOOST_TEST(parseError(repeat("-", 3000) + "1 V").find("nests deeper") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_operator_chains_are_an_error_not_a_deep_tree) {
    // Flat text, but a left-deep tree the type checker and evaluator would recurse over.
    const auto e = parseError(chain(600));
    BOOST_TEST(e.find("deeper than 64 levels of operators") != std::string::npos, e);
    BOOST_TEST(parseError(chain(60)) == "");
    BOOST_TEST(eval(chain(60)).quantity().value == 60.0);
}

BOOST_AUTO_TEST_CASE(long_expressions_are_refused_before_parsing) {
    const auto e = parseError(chain(40000));
    BOOST_TEST(e.find("characters long; at most 4096") != std::string::npos, e);
    BOOST_TEST(e.rfind("3:10:", 0) == 0, e);
}

BOOST_AUTO_TEST_CASE(parsing_is_linear_in_the_length) {
    // 4,000 characters of many short operands (each node asks for its location): before the fix
    // every location was found by scanning from the start.
    std::string text = "max(";
    while (text.size() < 4000) text += "1 V, ";
    text += "1 V)";
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 50; ++i) Expression::parse(text, at());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Generous: linear parsing takes milliseconds here; the quadratic one took seconds.
    BOOST_TEST(seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(locations_stay_exact_across_lines) {
    // A multi-line scalar: the second line's error column counts from that line's start.
    const auto e = configError([] { Expression::parse("1 V +\n  2 V + $", at(3, 10)); });
    BOOST_TEST(e.rfind("4:9:", 0) == 0, e);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(yaml_bounds)

BOOST_AUTO_TEST_CASE(deep_flow_nesting_is_a_located_error) {
    const auto r = loadText(std::string(kPlanHead) + "parameters:\n  x: " + repeat("[", 5000) + repeat("]", 5000) + "\n");
    BOOST_REQUIRE(!r.diagnostics.empty());
    const auto d = firstDiagnostic(r);
    BOOST_TEST(d.find("deep.yaml:8:") == 0, d);
    BOOST_TEST(d.find("nests deeper than 64 levels") != std::string::npos, d);
}

BOOST_AUTO_TEST_CASE(deep_block_nesting_is_a_located_error) {
    std::string text = kPlanHead;
    text += "parameters:\n";
    for (int i = 1; i < 200; ++i) text += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
    const auto d = firstDiagnostic(loadText(text));
    BOOST_TEST(d.find("nests deeper than 64 levels") != std::string::npos, d);
    BOOST_TEST(d.find("deep.yaml:") == 0, d);
}

BOOST_AUTO_TEST_CASE(nested_sequence_entries_on_one_line_count) {
    const auto d = firstDiagnostic(loadText(std::string(kPlanHead) + "parameters:\n  x:\n    " + repeat("- ", 100) + "1\n"));
    BOOST_TEST(d.find("nests deeper than 64 levels") != std::string::npos, d);
}

BOOST_AUTO_TEST_CASE(brackets_in_quotes_comments_and_block_scalars_are_text) {
    std::string text = "plan: quoted\ntitle: '" + repeat("[", 100) + "'\ndescription: |\n  " + repeat("{", 100) +
                       "\ncases: # " + repeat("[", 100) + "\n  - id: C1\n    title: \"" + repeat("{", 100) +
                       "\"\n    steps:\n      - wait: 1 s\n";
    const auto r = loadText(text);
    BOOST_TEST(r.diagnostics.empty(), firstDiagnostic(r));
}

BOOST_AUTO_TEST_CASE(alias_bombs_are_refused) {
    // Each level refers to the previous one nine times: 9^8 nodes once expanded.
    std::string text = std::string(kPlanHead) + "parameters:\n  l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
    for (int i = 1; i <= 8; ++i) {
        const auto prev = "*l" + std::to_string(i - 1);
        text += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
        for (int k = 1; k < 9; ++k) text += ", " + prev;
        text += "]\n";
    }
    const auto started = std::chrono::steady_clock::now();
    const auto d = firstDiagnostic(loadText(text));
    BOOST_TEST(d.find("expands to more than 200000 nodes") != std::string::npos, d);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < 10.0);
}

BOOST_AUTO_TEST_CASE(oversized_documents_are_refused_unparsed) {
    const std::string text = std::string(kPlanHead) + "description: '" + std::string(5 * 1024 * 1024, 'x') + "'\n";
    const auto d = firstDiagnostic(loadText(text));
    BOOST_TEST(d.find("at most 4 MiB") != std::string::npos, d);
}

BOOST_AUTO_TEST_SUITE_END()
