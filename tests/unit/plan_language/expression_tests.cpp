#include "helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace plan_test;
using bench::ValueType;
using core::Dimension;

namespace {
bool isQuantityOf(const ValueType& t, Dimension d, bool percent = false) {
    return t.kind == ValueType::Kind::Quantity && t.dimension == d && t.percent == percent;
}
double number(const std::string& text, double current = 10.0) { return eval(text, current).quantity().value; }
} // namespace

BOOST_AUTO_TEST_SUITE(expression_parse)

BOOST_AUTO_TEST_CASE(precedence_and_associativity) {
    BOOST_TEST(number("1 + 2 * 3") == 7.0);
    BOOST_TEST(number("(1 + 2) * 3") == 9.0);
    BOOST_TEST(number("10 - 4 - 3") == 3.0);
    BOOST_TEST(number("12 / 3 / 2") == 2.0);
    BOOST_TEST(number("-2 * 3") == -6.0);
    BOOST_TEST(number("- -2") == 2.0);
    BOOST_TEST(eval("1 + 1 == 2 && !(3 < 2)").boolean());
    BOOST_TEST(eval("true || false && false").boolean()); // && binds tighter than ||
    BOOST_TEST(eval("not false and true or false").boolean());
    BOOST_TEST(number("true ? 1 : false ? 2 : 3") == 1.0); // ?: nests to the right
    BOOST_TEST(number("false ? 1 : false ? 2 : 3") == 3.0);
}

BOOST_AUTO_TEST_CASE(names_are_dotted_and_located) {
    const auto e = bench::Expression::parse("current < dut.dc.max_current", at(5, 20));
    const auto names = e.names();
    BOOST_TEST_REQUIRE(names.size() == 2u);
    BOOST_TEST(names[0].name == "current");
    BOOST_TEST(names[0].where.column == 20);
    BOOST_TEST(names[1].name == "dut.dc.max_current");
    BOOST_TEST(names[1].where.column == 30);
    BOOST_TEST(names[1].where.line == 5);
    BOOST_TEST(names[1].where.file == "plan.yaml");
    BOOST_TEST(e.text() == "current < dut.dc.max_current");
}

BOOST_AUTO_TEST_CASE(syntax_errors_point_at_the_offending_character) {
    BOOST_TEST(parseError("") == "3:10: empty expression");
    BOOST_TEST(parseError("1 +") == "3:13: the expression ends too early: expected a value or a name");
    BOOST_TEST(parseError("(1 + 2") == "3:16: expected ')' to close the '(' opened at column 10, found end of the expression");
    BOOST_TEST(parseError("1 2") == "3:12: unexpected '2' after the end of the expression");
    BOOST_TEST(parseError("a = 3") == "3:12: use '==' to compare, not '='");
    BOOST_TEST(parseError("a # b") == "3:12: unexpected character '#'");
    BOOST_TEST(parseError("'open") == "3:10: unterminated text: missing the closing '");
    BOOST_TEST(parseError("sqrt(4)") == "3:10: unknown function 'sqrt'; the functions are min, max and abs");
    BOOST_TEST(parseError("mn(1, 2)") == "3:10: unknown function 'mn' (did you mean 'min'?); the functions are min, max and abs");
    BOOST_TEST(parseError("abs(1, 2)") == "3:10: abs() takes one argument, got 2");
    BOOST_TEST(parseError("x ? 1") == "3:15: expected ':' to go with the '?' at column 12, found end of the expression");
    BOOST_TEST(parseError("a.") == "3:12: expected a name after '.'");
}

BOOST_AUTO_TEST_CASE(multi_line_text_reports_the_right_line) {
    const std::string error = configError([] { bench::Expression::parse("1 +\n  $", at(7, 5)); });
    BOOST_TEST(error == "8:3: unexpected character '$'");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(expression_types)

BOOST_AUTO_TEST_CASE(dimensions_are_tracked) {
    BOOST_TEST(isQuantityOf(typeOf("voltage * current"), Dimension::power()));
    BOOST_TEST(isQuantityOf(typeOf("400 V / 10 A"), Dimension::resistance()));
    BOOST_TEST(isQuantityOf(typeOf("current / 2 s"), Dimension::currentRate()));
    BOOST_TEST(isQuantityOf(typeOf("10 % * 400 V"), Dimension::voltage()));
    BOOST_TEST(isQuantityOf(typeOf("voltage + 5 V"), Dimension::voltage()));
    BOOST_TEST(isQuantityOf(typeOf("count * 2"), Dimension::none()));
    BOOST_TEST((typeOf("current > 30 A").kind == ValueType::Kind::Bool));
}

BOOST_AUTO_TEST_CASE(dimension_mistakes_are_errors) {
    BOOST_TEST(typeError("voltage + current") == "3:18: cannot add a voltage (V) to a current (A)");
    BOOST_TEST(typeError("voltage - 3 A") == "3:18: cannot subtract a current (A) from a voltage (V)");
    BOOST_TEST(typeError("current < 30 V") == "3:18: cannot compare a current (A) with a voltage (V)");
    BOOST_TEST(typeError("400 V + 1 %") == "3:16: cannot add a voltage (V) to a percentage (%)");
    BOOST_TEST(typeError("-ev.phase") == "3:10: cannot negate a text");
    BOOST_TEST(typeError("current && true") == "3:18: '&&' needs a boolean on both sides, got a current (A)");
    BOOST_TEST(typeError("not current") == "3:10: 'not' needs a boolean, got a current (A)");
}

BOOST_AUTO_TEST_CASE(unknown_names) {
    BOOST_TEST(typeError("2 * curent") == "3:14: unknown name 'curent'");
}

BOOST_AUTO_TEST_CASE(percent_semantics) {
    BOOST_TEST(isQuantityOf(typeOf("1 %"), Dimension::none(), true));
    BOOST_TEST(isQuantityOf(typeOf("1 % + 2 %"), Dimension::none(), true));
    BOOST_TEST(isQuantityOf(typeOf("2 * 1 %"), Dimension::none(), true));
    BOOST_TEST(isQuantityOf(typeOf("1 % + 0.5"), Dimension::none(), false));
    BOOST_TEST(isQuantityOf(typeOf("1 % * 400 V"), Dimension::voltage(), false));
}

BOOST_AUTO_TEST_CASE(conditional_tolerance) {
    // An absolute and a relative tolerance may share a conditional: typed as the absolute one.
    BOOST_TEST(isQuantityOf(typeOf("current < 30 A ? 0.3 A : 1 %"), Dimension::current(), false));
    BOOST_TEST(isQuantityOf(typeOf("current < 30 A ? 1 % : 2 %"), Dimension::none(), true));
    BOOST_TEST(typeError("current < 30 A ? 0.3 A : 1 V") ==
               "3:25: the two results of '?' have different types: a current (A) and a voltage (V)");
    BOOST_TEST(typeError("current ? 1 A : 2 A") == "3:10: the condition before '?' must be a boolean, got a current (A)");
}

BOOST_AUTO_TEST_CASE(texts_compare_with_equality_only) {
    BOOST_TEST((typeOf("ev.phase == 'charging'").kind == ValueType::Kind::Bool));
    BOOST_TEST((typeOf("ev.phase != \"idle\"").kind == ValueType::Kind::Bool));
    BOOST_TEST(typeError("ev.phase < 'z'") == "3:19: texts can only be compared with '==' and '!='");
    BOOST_TEST(typeError("ev.phase == 3 A") == "3:19: cannot compare a text with a current (A)");
}

BOOST_AUTO_TEST_CASE(lists) {
    const ValueType t = typeOf("[10 A, 30 A, current]");
    BOOST_TEST((t.kind == ValueType::Kind::List));
    BOOST_TEST((t.elementKind == ValueType::Kind::Quantity));
    BOOST_TEST((t.dimension == Dimension::current()));
    BOOST_TEST(bench::describe(t) == "a list of currents (A)");
    BOOST_TEST(typeError("[10 A, 30 V]") ==
               "3:17: all elements of a list must have the same type: this one is a voltage (V), the first is a current (A)");
    BOOST_TEST(typeError("[[1], [2]]") == "3:11: a list cannot contain lists");
}

BOOST_AUTO_TEST_CASE(functions) {
    BOOST_TEST(isQuantityOf(typeOf("min(current, 30 A)"), Dimension::current()));
    BOOST_TEST(isQuantityOf(typeOf("max([1 V, 2 V])"), Dimension::voltage()));
    BOOST_TEST(isQuantityOf(typeOf("abs(-current)"), Dimension::current()));
    BOOST_TEST(typeError("max(current, 3 V)") ==
               "3:23: max() needs arguments of one kind: a current (A) and a voltage (V) cannot be compared");
    BOOST_TEST(typeError("abs(ev.phase)") == "3:14: abs() needs quantities, got a text");
}

BOOST_AUTO_TEST_CASE(describe_types) {
    BOOST_TEST(bench::describe(ValueType::quantity(Dimension::voltage())) == "a voltage (V)");
    BOOST_TEST(bench::describe(ValueType::quantity(Dimension::none(), true)) == "a percentage (%)");
    BOOST_TEST(bench::describe(ValueType::boolean()) == "a boolean");
    BOOST_TEST(bench::describe(ValueType::text()) == "a text");
    BOOST_TEST(bench::describe(typeOf("[1 Ah]")) == "a list of charges (Ah)");
    BOOST_TEST(bench::describe(typeOf("[1 A/s]")) == "a list of current rates (A/s)");
    BOOST_TEST(bench::describe(typeOf("[1 J]")) == "a list of energies (J)");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(expression_evaluation)

BOOST_AUTO_TEST_CASE(arithmetic_with_units) {
    BOOST_TEST(number("voltage * current") == 4000.0);
    BOOST_TEST(number("7.4 kW / 400 V") == 18.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(number("10 % * 400 V") == 40.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(number("250 ms + 1 s") == 1.25);
    BOOST_TEST(eval("0.1 V + 0.2 V == 0.3 V").boolean()); // decimal literals compare as written
}

BOOST_AUTO_TEST_CASE(conditional_keeps_the_percent_of_the_branch_taken) {
    const bench::Value low = eval("current < 30 A ? 0.3 A : 1 %", 10.0);
    BOOST_TEST(!low.quantity().percent);
    BOOST_TEST(low.quantity().value == 0.3);
    BOOST_TEST((low.quantity().dimension == Dimension::current()));
    const bench::Value high = eval("current < 30 A ? 0.3 A : 1 %", 50.0);
    BOOST_TEST(high.quantity().percent);
    BOOST_TEST(high.quantity().value == 0.01, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(bench::toDisplayString(high) == "1 %");
}

BOOST_AUTO_TEST_CASE(texts_and_booleans) {
    BOOST_TEST(eval("ev.phase == 'charging'").boolean());
    BOOST_TEST(!eval("ev.phase != 'charging'").boolean());
    BOOST_TEST(eval("grid.on and current > 1 A").boolean());
}

BOOST_AUTO_TEST_CASE(lists_and_functions) {
    const bench::Value v = eval("[10 A, 30 A, current * 2]");
    BOOST_TEST_REQUIRE(v.isList());
    BOOST_TEST(v.list().size() == 3u);
    BOOST_TEST(v.list()[2].quantity().value == 20.0);
    BOOST_TEST(bench::toDisplayString(v) == "[10 A, 30 A, 20 A]");
    BOOST_TEST(number("min(current, 30 A, 5 A)") == 5.0);
    BOOST_TEST(number("max([1 V, 7 V, 3 V])") == 7.0);
    BOOST_TEST(number("abs(-3 kW)") == 3000.0);
}

BOOST_AUTO_TEST_CASE(short_circuit_skips_the_other_side) {
    // The right side would divide by zero; && and || must not evaluate it.
    BOOST_TEST(!eval("false && 1 / count > 0").boolean());
    BOOST_TEST(eval("true || 1 / count > 0").boolean());
}

BOOST_AUTO_TEST_CASE(division_by_zero) {
    try {
        eval("current / count");
        BOOST_FAIL("no EvaluationError");
    } catch (const bench::EvaluationError& e) {
        BOOST_TEST(std::string(e.what()) == "plan.yaml:3:18: error: division by zero (in 'current / count')");
    }
}

BOOST_AUTO_TEST_CASE(unknown_name_at_run_time) {
    BOOST_CHECK_THROW(eval("nobody + 1"), bench::EvaluationError);
}

BOOST_AUTO_TEST_CASE(display_strings) {
    BOOST_TEST(bench::toDisplayString(eval("400 V")) == "400 V");
    BOOST_TEST(bench::toDisplayString(eval("250 ms")) == "250 ms");
    BOOST_TEST(bench::toDisplayString(eval("0.5 %")) == "0.5 %");
    BOOST_TEST(bench::toDisplayString(eval("true")) == "true");
    BOOST_TEST(bench::toDisplayString(eval("'charging'")) == "charging");
    BOOST_TEST(bench::toDisplayString(eval("0.95")) == "0.95");
}

BOOST_AUTO_TEST_CASE(literal_expressions) {
    const auto e = bench::Expression::literal(bench::Value(core::Quantity::of(0.01, Dimension::time())));
    BOOST_TEST(e.text() == "10 ms");
    BOOST_TEST(e.evaluate({}).quantity().value == 0.01);
    BOOST_TEST(isQuantityOf(e.typeCheck({}), Dimension::time()));
}

BOOST_AUTO_TEST_SUITE_END()
