#include "sample_run.hpp"

#include "v2gbench/reports/reports.hpp"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <boost/test/unit_test.hpp>

#include <sstream>

namespace pt = boost::property_tree;
using namespace v2gbench::reports;
using v2gbench::reports::test::TempDir;

namespace {

pt::ptree parseXml(const std::string& xml) {
    std::istringstream in(xml);
    pt::ptree tree;
    pt::read_xml(in, tree); // throws xml_parser_error if not well-formed
    return tree;
}

const pt::ptree& suiteNamed(const pt::ptree& root, const std::string& name) {
    for (const auto& [tag, node] : root.get_child("testsuites")) {
        if (tag == "testsuite" && node.get<std::string>("<xmlattr>.name") == name) {
            return node;
        }
    }
    BOOST_FAIL("no testsuite named " << name);
    throw std::logic_error("unreachable");
}

std::vector<const pt::ptree*> cases(const pt::ptree& suite) {
    std::vector<const pt::ptree*> out;
    for (const auto& [tag, node] : suite) {
        if (tag == "testcase") {
            out.push_back(&node);
        }
    }
    return out;
}

struct SampleJunit {
    SampleJunit() {
        test::writeSampleRun(dir.path());
        writeJunitXml(dir.path(), dir.path() / "junit.xml");
        xml = test::readFile(dir.path() / "junit.xml");
        tree = parseXml(xml);
    }
    TempDir dir;
    std::string xml;
    pt::ptree tree;
};

} // namespace

BOOST_AUTO_TEST_SUITE(junit_output)

BOOST_FIXTURE_TEST_CASE(totals_and_per_suite_counts, SampleJunit) {
    const auto& root = tree.get_child("testsuites.<xmlattr>");
    BOOST_TEST(root.get<int>("tests") == 8);
    BOOST_TEST(root.get<int>("failures") == 2);
    BOOST_TEST(root.get<int>("errors") == 2);
    BOOST_TEST(root.get<int>("skipped") == 2);
    BOOST_TEST(root.get<double>("time") == 55.25);
    BOOST_TEST(root.get<std::string>("name") == "20261126T101500Z-gbt34657-dc-current-control-error");

    int suites = 0;
    for (const auto& [tag, node] : tree.get_child("testsuites")) {
        suites += tag == "testsuite" ? 1 : 0;
        (void)node;
    }
    BOOST_TEST(suites == 4);

    const auto& p1 = suiteNamed(tree, "gbt34657-dc-current-control-error");
    BOOST_TEST(p1.get<int>("<xmlattr>.tests") == 3);
    BOOST_TEST(p1.get<int>("<xmlattr>.failures") == 2);
    BOOST_TEST(p1.get<int>("<xmlattr>.errors") == 0);
    BOOST_TEST(p1.get<int>("<xmlattr>.skipped") == 0);
    BOOST_TEST(p1.get<double>("<xmlattr>.time") == 40.25);
    BOOST_TEST(cases(p1).size() == 3u);

    const auto& p3 = suiteNamed(tree, "v2g-dispatch");
    BOOST_TEST(p3.get<int>("<xmlattr>.errors") == 2);
    BOOST_TEST(p3.get<int>("<xmlattr>.failures") == 0);

    const auto& p4 = suiteNamed(tree, "grid-frequency");
    BOOST_TEST(p4.get<int>("<xmlattr>.tests") == 2);
    BOOST_TEST(p4.get<int>("<xmlattr>.skipped") == 1);
}

BOOST_FIXTURE_TEST_CASE(testcase_names_and_times, SampleJunit) {
    const auto& p1 = suiteNamed(tree, "gbt34657-dc-current-control-error");
    const auto list = cases(p1);
    BOOST_REQUIRE_EQUAL(list.size(), 3u);
    BOOST_TEST(list[0]->get<std::string>("<xmlattr>.classname") == "gbt34657-dc-current-control-error");
    BOOST_TEST(list[0]->get<std::string>("<xmlattr>.name") == "D0.4102 [current=10 A]");
    BOOST_TEST(list[0]->get<double>("<xmlattr>.time") == 5.5);
    BOOST_TEST(!list[0]->get_child_optional("failure"));
    BOOST_TEST(list[2]->get<std::string>("<xmlattr>.name") == "D0.4105");
    BOOST_TEST(list[2]->get<double>("<xmlattr>.time") == 0.0); // no bench_time_s given
}

BOOST_FIXTURE_TEST_CASE(escaping_survives_a_round_trip, SampleJunit) {
    // The raw text must be escaped (a parser would already have failed otherwise) ...
    BOOST_TEST(xml.find("current=30 A & <more>") == std::string::npos);
    BOOST_TEST(xml.find("current=30 A &amp; &lt;more&gt;") != std::string::npos);
    BOOST_TEST(xml.find("&quot;quoted&quot;") != std::string::npos);
    // ... and the parsed value must be the original text.
    const auto list = cases(suiteNamed(tree, "gbt34657-dc-current-control-error"));
    BOOST_TEST(list[1]->get<std::string>("<xmlattr>.name") == "D0.4102 [current=30 A & <more>]");
    const auto message = list[1]->get<std::string>("failure.<xmlattr>.message");
    BOOST_TEST(message.find("output current at 30 A <&> \"quoted\"") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(failure_lists_value_and_limits, SampleJunit) {
    const auto list = cases(suiteNamed(tree, "gbt34657-dc-current-control-error"));
    const auto& failure = list[1]->get_child("failure");
    BOOST_TEST(failure.get<std::string>("<xmlattr>.type") == "fail");
    const auto message = failure.get<std::string>("<xmlattr>.message");
    BOOST_TEST(message.find("31.1 A") != std::string::npos);
    BOOST_TEST(message.find("29.7 A .. 30.3 A") != std::string::npos);
    BOOST_TEST(message.find("30 A ± 1 %") != std::string::npos);
    BOOST_TEST(failure.data().find("above high limit") != std::string::npos);

    // Inconclusive is a failure too (CI must not go green on it), typed so that it can be told apart.
    const auto& inconclusive = list[2]->get_child("failure");
    BOOST_TEST(inconclusive.get<std::string>("<xmlattr>.type") == "inconclusive");
    BOOST_TEST(inconclusive.get<std::string>("<xmlattr>.message").find("≤ 2 s") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(error_and_aborted_are_errors, SampleJunit) {
    const auto list = cases(suiteNamed(tree, "v2g-dispatch"));
    BOOST_REQUIRE_EQUAL(list.size(), 2u);
    BOOST_TEST(list[0]->get<std::string>("error.<xmlattr>.type") == "error");
    BOOST_TEST(list[0]->get<std::string>("error.<xmlattr>.message").find("analyzer timed out") != std::string::npos);
    BOOST_TEST(list[0]->get<std::string>("error.<xmlattr>.message").find("no value") != std::string::npos);
    BOOST_TEST(!list[0]->get_child_optional("failure"));
    BOOST_TEST(list[1]->get<std::string>("error.<xmlattr>.type") == "aborted");
    BOOST_TEST(list[1]->get<std::string>("error.<xmlattr>.message") == "SIGINT");
}

BOOST_FIXTURE_TEST_CASE(not_applicable_is_skipped_with_reason, SampleJunit) {
    // A plan without cases still appears, as one skipped testcase carrying the plan's reason.
    const auto& p2 = suiteNamed(tree, "v2g-discharge-needs-4q");
    const auto list = cases(p2);
    BOOST_REQUIRE_EQUAL(list.size(), 1u);
    BOOST_TEST(list[0]->get<std::string>("skipped.<xmlattr>.message") ==
               "DUT has no discharge capability (dut.dc.v2g == false)");
    BOOST_TEST(p2.get<int>("<xmlattr>.skipped") == 1);

    const auto p4 = cases(suiteNamed(tree, "grid-frequency"));
    BOOST_TEST(p4[1]->get<std::string>("skipped.<xmlattr>.message") == "single-phase DUT");
    BOOST_TEST(!p4[0]->get_child_optional("skipped"));
}

BOOST_AUTO_TEST_CASE(control_characters_do_not_break_the_xml) {
    TempDir dir;
    auto summary = test::writeSampleRun(dir.path());
    summary["plans"][0]["cases"][1]["reason"] = std::string("bad\x01" "byte");
    test::writeFile(dir.path() / "summary.json", summary.dump());
    writeJunitXml(dir.path(), dir.path() / "out" / "junit.xml");
    const std::string xml = test::readFile(dir.path() / "out" / "junit.xml");
    BOOST_TEST(xml.find('\x01') == std::string::npos);
    BOOST_CHECK_NO_THROW(parseXml(xml));
}

BOOST_FIXTURE_TEST_CASE(every_check_names_its_criterion_source_and_confidence, SampleJunit) {
    const auto& suite = suiteNamed(tree, "gbt34657-dc-current-control-error");
    const auto kases = cases(suite);
    BOOST_REQUIRE(kases.size() == 3u);
    // Passing cases too: <system-out> lists each check with where its limits come from.
    const std::string pass = kases[0]->get<std::string>("system-out");
    BOOST_TEST(pass.find("output current at 10 A: pass") != std::string::npos, pass);
    BOOST_TEST(pass.find("[criterion current_error of GBT34657.1-2017/D0.4102, single-source, source: "
                         "GB/T 34657.1-2017 6.3.5.2 [S1]]") != std::string::npos, pass);
    const std::string settle = kases[2]->get<std::string>("system-out");
    BOOST_TEST(settle.find("UNVERIFIED") != std::string::npos, settle);
    BOOST_TEST(settle.find("ours: 2 s is our engineering bound") != std::string::npos, settle);
    bool certificate = false;
    for (const auto& [tag, node] : suite.get_child("properties"))
        certificate = certificate || (node.get<std::string>("<xmlattr>.name") == "certificate" &&
                                      node.get<std::string>("<xmlattr>.value").find("certificate-grade: no") == 0);
    BOOST_TEST(certificate);
}

BOOST_AUTO_TEST_SUITE_END()
