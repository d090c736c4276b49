#include "helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace plan_test;

BOOST_AUTO_TEST_SUITE(quantity_literals)

BOOST_AUTO_TEST_CASE(units_and_prefixes) {
    struct Row {
        const char* text;
        double si;
        core::Dimension dim;
    };
    const Row rows[] = {
        {"400 V", 400.0, core::Dimension::voltage()},      {"7.4kW", 7400.0, core::Dimension::power()},
        {"250 ms", 0.25, core::Dimension::time()},         {"20 A/s", 20.0, core::Dimension::currentRate()},
        {"1.5 kV", 1500.0, core::Dimension::voltage()},    {"50 Hz", 50.0, core::Dimension::frequency()},
        {"100 Ah", 360000.0, core::Dimension::charge()},   {"10 mOhm", 0.01, core::Dimension::resistance()},
        {"2 min", 120.0, core::Dimension::time()},         {"1e3 W", 1000.0, core::Dimension::power()},
        {"300 mA", 0.3, core::Dimension::current()},       {".5 s", 0.5, core::Dimension::time()},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.text) {
            const bench::Value v = eval(r.text);
            BOOST_TEST_REQUIRE(v.isQuantity());
            BOOST_TEST(v.quantity().value == r.si, boost::test_tools::tolerance(1e-9));
            BOOST_TEST((v.quantity().dimension == r.dim));
            BOOST_TEST(!v.quantity().percent);
        }
    }
}

BOOST_AUTO_TEST_CASE(percent_and_plus_minus) {
    const bench::Value v = eval("\xC2\xB1" "0.5 %");
    BOOST_TEST(v.quantity().value == 0.005, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(v.quantity().percent);
    BOOST_TEST(v.quantity().plusMinus);
    BOOST_TEST(v.quantity().dimension.dimensionless());
    BOOST_TEST(bench::toDisplayString(v) == "\xC2\xB1" "0.5 %");
    BOOST_TEST(eval("1%").quantity().percent);
}

BOOST_AUTO_TEST_CASE(a_unit_is_not_taken_from_a_following_name) {
    // "5 soc" must not become "5 s" followed by "oc": it is an unknown unit.
    BOOST_TEST(parseError("5 soc") == "3:12: unknown unit 'soc' (did you mean 's'?)");
    BOOST_TEST(parseError("3 sec") == "3:12: unknown unit 'sec' (did you mean 's'?)");
    BOOST_TEST(parseError("3x") == "3:11: unknown unit 'x'");
    // A unit followed by an operator ends where the symbol ends.
    BOOST_TEST(eval("10 A/2").quantity().value == 5.0);
    BOOST_TEST((eval("10 A/2").quantity().dimension == core::Dimension::current()));
    BOOST_TEST(eval("10 / 2").quantity().value == 5.0);
}

BOOST_AUTO_TEST_CASE(plain_numbers_are_dimensionless) {
    const bench::Value v = eval("3");
    BOOST_TEST(v.quantity().value == 3.0);
    BOOST_TEST(v.quantity().dimension.dimensionless());
    BOOST_TEST(!v.quantity().percent);
}

BOOST_AUTO_TEST_CASE(malformed_numbers) {
    BOOST_TEST(parseError("1.2.3 V") == "3:10: '1.2.3' is not a valid number");
    BOOST_TEST(parseError("\xC2\xB1 x") == "3:10: expected a number after '\xC2\xB1'");
}

BOOST_AUTO_TEST_SUITE_END()
