// bus_check judgement on hand-made message lists: latency from t0 or a reference message, count,
// period statistics, episodes, field values, and the reasons given when something is missing.
#include "v2gbench/bench/bus_judgement.hpp"
#include "v2gbench/bench/bus_vocabulary.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

core::BusMessage msg(double t, const std::string& name, std::vector<std::pair<std::string, double>> fields = {}) {
    core::BusMessage m;
    m.time = t;
    m.name = name;
    m.sender = "charger";
    for (auto& [n, v] : fields) m.fields.push_back({n, v, "", std::to_string(v), true});
    m.summary = "charger→ev " + name;
    return m;
}

BusMatch match(const std::string& name, std::vector<std::pair<std::string, double>> where = {}) {
    BusMatch m;
    m.message = name;
    m.where = std::move(where);
    return m;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bus_judgement)

BOOST_AUTO_TEST_CASE(latency_from_t0_and_from_a_reference_message) {
    const std::vector<core::BusMessage> ms{msg(10.0, "CRM", {{"recognition", 0}}), msg(10.3, "CEM", {{"BRM timeout", 0}}),
                                           msg(15.25, "CEM", {{"BRM timeout", 1}})};
    BusCheckInput in;
    in.match = match("CEM", {{"BRM timeout", 1}});
    in.t0 = 9.5;
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 5.75, boost::test_tools::tolerance(1e-9));
    in.after = match("CRM", {{"recognition", 0}});
    j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 5.25, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(j.evidence.back().find("first match") != std::string::npos);
    BOOST_TEST(latencyComplete(in, ms));
}

BOOST_AUTO_TEST_CASE(a_match_before_its_reference_gives_a_negative_latency) {
    // CRM 0xAA sent before the BRM transfer completed: the defect DP.1003 must catch.
    const std::vector<core::BusMessage> ms{msg(1.000, "CRM", {{"recognition", 0xAA}}), msg(1.001, "TP.CM_EndOfMsgAck")};
    BusCheckInput in;
    in.match = match("CRM", {{"recognition", 0xAA}});
    in.after = match("TP.CM_EndOfMsgAck");
    const auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value < 0.0);
}

BOOST_AUTO_TEST_CASE(missing_match_or_reference_is_a_reason_not_a_value) {
    BusCheckInput in;
    in.match = match("CEM", {{"BCL timeout", 1}});
    auto j = judgeBus(in, {msg(1.0, "CEM", {{"BCL timeout", 0}})});
    BOOST_TEST(!j.value);
    BOOST_TEST(j.reason == "no CEM (BCL timeout=1) seen");
    // The CEM that did come (with the wrong bit) is the evidence.
    BOOST_TEST(j.evidence.size() == 3u);
    BOOST_TEST(j.evidence[1].find("1 CEM seen without the condition") != std::string::npos, j.evidence[1]);
    in.after = match("BST");
    j = judgeBus(in, {msg(1.0, "CEM", {{"BCL timeout", 1}})});
    BOOST_TEST(!j.value);
    BOOST_TEST(j.reason == "the reference BST was never seen");
    BOOST_TEST(!latencyComplete(in, {msg(1.0, "CEM", {{"BCL timeout", 1}})}));
}

BOOST_AUTO_TEST_CASE(period_statistics_count_and_episodes) {
    std::vector<core::BusMessage> ms;
    for (int i = 0; i < 10; ++i) ms.push_back(msg(0.05 * i + (i == 5 ? 0.02 : 0.0), "CCS"));
    BusCheckInput in;
    in.match = match("CCS");
    in.metric = BusMetric::Period;
    in.statistic = PeriodStatistic::Median;
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 0.05, boost::test_tools::tolerance(1e-9));
    in.statistic = PeriodStatistic::Max;
    BOOST_TEST(*judgeBus(in, ms).value == 0.07, boost::test_tools::tolerance(1e-9));
    in.metric = BusMetric::Count;
    BOOST_TEST(*judgeBus(in, ms).value == 10.0);
    in.metric = BusMetric::Period;
    j = judgeBus(in, {msg(1.0, "CCS")});
    BOOST_TEST(!j.value);
    BOOST_TEST(j.reason.find("fewer than two") != std::string::npos);

    // Three bursts of CEM separated by more than a second: three reconnect attempts.
    std::vector<core::BusMessage> cem;
    for (double start : {5.0, 11.0, 17.0})
        for (int k = 0; k < 4; ++k) cem.push_back(msg(start + 0.25 * k, "CEM"));
    in.match = match("CEM");
    in.metric = BusMetric::Episodes;
    in.gap = 1.0;
    BOOST_TEST(*judgeBus(in, cem).value == 3.0);
}

BOOST_AUTO_TEST_CASE(field_value_of_the_first_match_and_unknown_fields) {
    BusCheckInput in;
    in.match = match("CCS");
    in.metric = BusMetric::Field;
    in.field = "output current";
    const std::vector<core::BusMessage> ms{msg(1.0, "CCS", {{"output current", 49.9}}), msg(1.05, "CCS", {{"output current", 50.0}})};
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 49.9);
    in.field = "output curent";
    j = judgeBus(in, ms);
    BOOST_TEST(!j.value);
    BOOST_TEST(j.planError);
    BOOST_TEST(j.reason.find("fields: output current") != std::string::npos, j.reason);
}

BOOST_AUTO_TEST_CASE(evidence_is_bounded_for_long_runs) {
    std::vector<core::BusMessage> ms;
    for (int i = 0; i < 1000; ++i) ms.push_back(msg(0.01 * i, "CST"));
    BusCheckInput in;
    in.match = match("CST");
    in.metric = BusMetric::Count;
    const auto j = judgeBus(in, ms);
    BOOST_TEST(j.evidence.size() < 20u);
    BOOST_TEST(j.evidence.front().find("1000 messages observed, 1000 of them CST") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(vocabulary_knows_every_message_and_tp_frame) {
    BOOST_TEST(busMessageNames().size() == 27u);
    BOOST_TEST(isBusMessage("CEM"));
    BOOST_TEST(isBusMessage("TP.CM_EndOfMsgAck"));
    BOOST_TEST(!isBusMessage("CEN"));
}

BOOST_AUTO_TEST_CASE(latency_from_the_last_reference_before_the_match) {
    // Amendment No. 1 times the error path from the last BRO(0xAA), not the first.
    const std::vector<core::BusMessage> ms{msg(1.00, "BRO", {{"BMS ready", 0xAA}}), msg(1.25, "BRO", {{"BMS ready", 0xAA}}),
                                           msg(1.50, "BRO", {{"BMS ready", 0}}), msg(6.25, "CEM", {{"BRO timeout", 1}}),
                                           msg(6.50, "BRO", {{"BMS ready", 0xAA}})};
    BusCheckInput in;
    in.match = match("CEM", {{"BRO timeout", 1}});
    in.after = match("BRO", {{"BMS ready", 0xAA}});
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 5.25, boost::test_tools::tolerance(1e-9));
    in.after.last = true;
    j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 5.0, boost::test_tools::tolerance(1e-9)); // the BRO after the CEM does not count
    in.after = match("BRO", {{"BMS ready", 0x55}});
    in.after.last = true;
    j = judgeBus(in, ms);
    BOOST_TEST(!j.value);
    BOOST_TEST(j.reason.find("the last BRO") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(layout_counts_the_frames_that_depart_from_the_table) {
    std::vector<core::BusMessage> ms{msg(0.00, "CCS"), msg(0.05, "CCS"), msg(0.10, "CCS")};
    ms[1].layout = "CCS byte 7: unused bits are not filled with 1 (0x00)";
    BusCheckInput in;
    in.match = match("CCS");
    in.metric = BusMetric::Layout;
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 1.0);
    BOOST_TEST(j.evidence.back().find("unused bits") != std::string::npos);
    in.match = match("CST");
    j = judgeBus(in, ms);
    BOOST_TEST(!j.value); // nothing to judge is not a pass
}

BOOST_AUTO_TEST_CASE(distinct_values_of_a_field_and_the_span_of_a_stream) {
    const std::vector<core::BusMessage> ms{msg(0.00, "CRM", {{"charger number", 1}}), msg(0.25, "CRM", {{"charger number", 1}}),
                                           msg(0.50, "CRM", {{"charger number", 2}}), msg(10.0, "CST")};
    BusCheckInput in;
    in.match = match("CRM");
    in.metric = BusMetric::Distinct;
    in.field = "charger number";
    auto j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 2.0);
    in.field = "region";
    j = judgeBus(in, ms);
    BOOST_TEST(j.planError);
    in.metric = BusMetric::Span;
    j = judgeBus(in, ms);
    BOOST_REQUIRE(j.value);
    BOOST_TEST(*j.value == 0.5, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(isTimed(BusMetric::Span));
    BOOST_TEST(!isTimed(BusMetric::Layout));
}

BOOST_AUTO_TEST_SUITE_END()
