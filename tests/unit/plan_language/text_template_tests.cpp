#include "helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace plan_test;

BOOST_AUTO_TEST_SUITE(text_template)

BOOST_AUTO_TEST_CASE(interpolates_with_display_strings) {
    const auto t = bench::TextTemplate::parse("output current at ${current} (${voltage * current})", at());
    BOOST_TEST(t.render(values(30.0)) == "output current at 30 A (12 kW)");
    BOOST_TEST(t.text() == "output current at ${current} (${voltage * current})");
    BOOST_TEST(t.names().size() == 3u);
    BOOST_CHECK_NO_THROW(t.typeCheck(types()));
}

BOOST_AUTO_TEST_CASE(plain_text_and_quoted_braces) {
    BOOST_TEST(bench::TextTemplate::parse("no interpolation", at()).render(values()) == "no interpolation");
    BOOST_TEST(bench::TextTemplate::parse("${ev.phase == '}' ? 'odd' : 'phase ok'}!", at()).render(values()) == "phase ok!");
}

BOOST_AUTO_TEST_CASE(errors_are_located_inside_the_template) {
    // "at ${" : the expression starts at offset 5, column 10 + 5.
    BOOST_TEST(configError([] { bench::TextTemplate::parse("at ${cur ++}", at()); }) ==
               "3:20: expected a value, a name or '(', found '+'");
    BOOST_TEST(configError([] { bench::TextTemplate::parse("at ${current", at()); }) == "3:13: '${' without a closing '}'");
    BOOST_TEST(configError([] { bench::TextTemplate::parse("at ${curent}", at()).typeCheck(types()); }) ==
               "3:15: unknown name 'curent'");
}

BOOST_AUTO_TEST_SUITE_END()
