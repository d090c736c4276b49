// capture results on hand-built daq captures and frame lists: every metric, events that never come,
// an edge exactly on a sample, pre-trigger samples, and the time bases' resolution in the budget:
// each instant rectangular over its base's step, u = δ/(2√3), U = 2·u_c (uncertainty_budget.hpp).
#include "v2gbench/bench/capture_judgement.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

// Channels: 0 = k1k2_closed, 1 = output_current. 1 ms samples from 9.900 s to 10.100 s, trigger at
// 10.000 s. K1/K2 opens (1 → 0) at 10.042 s; the current falls linearly from 100 A at 10.010 s to
// 0 A at 10.060 s (2 A per ms) and is 100 A before.
CaptureData stopCapture() {
    CaptureData d;
    d.capture.channels = {"k1k2_closed", "output_current"};
    d.capture.triggerTime = 10.0;
    d.capture.resolution = units::Seconds(0.001);
    d.preTrigger = 0.1;
    d.canResolution = 1e-6;
    for (int i = -100; i <= 100; ++i) {
        const double t = 10.0 + i * 0.001;
        const double k = i < 42 ? 1.0 : 0.0;
        const double current = i <= 10 ? 100.0 : i >= 60 ? 0.0 : 100.0 - 2.0 * (i - 10);
        d.capture.samples.push_back({t, {k, current}});
    }
    return d;
}

core::BusMessage frame(double t, const std::string& name, double code = 0) {
    core::BusMessage m;
    m.time = t;
    m.name = name;
    m.sender = "charger";
    m.fields.push_back({"fault code", code, "", "", true});
    m.summary = "charger→ev " + name;
    return m;
}

CaptureEventSpec trigger() { return {}; }

CaptureEventSpec frameEvent(const std::string& message) {
    CaptureEventSpec e;
    e.kind = CaptureEventKind::Frame;
    e.message = message;
    return e;
}

CaptureEventSpec edge(CaptureEventKind kind, const std::string& channel, double level) {
    CaptureEventSpec e;
    e.kind = kind;
    e.channel = channel;
    e.level = level;
    return e;
}

CaptureResultInput interval(CaptureEventSpec from, CaptureEventSpec to) {
    CaptureResultInput in;
    in.metric = CaptureMetric::Interval;
    in.from = std::move(from);
    in.to = std::move(to);
    return in;
}

} // namespace

BOOST_AUTO_TEST_SUITE(capture_judgement)

BOOST_AUTO_TEST_CASE(interval_from_the_trigger_to_an_edge_carries_the_sample_period) {
    const auto o = judgeCapture(interval(trigger(), edge(CaptureEventKind::Falling, "k1k2_closed", 0.5)), stopCapture());
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 0.042, boost::test_tools::tolerance(1e-9));
    // Two 1 ms daq instants: u = 0.001/(2√3) = 2.886751e-4 s each, U = 2·√2·2.886751e-4 = 8.164966e-4 s.
    BOOST_TEST(o.uncertainty == 8.164966e-4, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(o.time->contributions.size() == 2u);
    BOOST_TEST(*o.t0 == 10.0);
    BOOST_TEST(*o.t1 == 10.042, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(o.evidence.size() == 2u);
}

BOOST_AUTO_TEST_CASE(interval_to_a_frame_adds_the_can_resolution_and_skips_frames_before_the_reference) {
    auto d = stopCapture();
    d.frames = {frame(9.95, "CST"), frame(10.0123, "BSM"), frame(10.0311, "CST")};
    const auto o = judgeCapture(interval(trigger(), frameEvent("CST")), d);
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 0.0311, boost::test_tools::tolerance(1e-9));
    // A 1 ms daq instant and a 1 µs frame: U = 2·sqrt((0.001² + 1e-6²)/12) = 5.773506e-4 s.
    BOOST_TEST(o.uncertainty == 5.773506e-4, boost::test_tools::tolerance(1e-6));
    // From a pre-trigger frame: `from` is searched from the capture's start (trigger − pre).
    const auto early = judgeCapture(interval(frameEvent("CST"), edge(CaptureEventKind::Falling, "k1k2_closed", 0.5)), d);
    BOOST_REQUIRE(early.value);
    BOOST_TEST(*early.value == 0.092, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(*early.t0 == 9.95);
}

BOOST_AUTO_TEST_CASE(the_order_of_two_events_is_known_on_one_time_base_only) {
    auto d = stopCapture();
    d.frames = {frame(10.01, "BST"), frame(10.01, "CST")};
    // Two frames: bus order, even 0 s apart.
    BOOST_TEST(judgeCapture(interval(frameEvent("BST"), frameEvent("CST")), d).orderKnown);
    // Two daq samples apart: known; an edge in the trigger's own sample: not.
    BOOST_TEST(judgeCapture(interval(trigger(), edge(CaptureEventKind::Falling, "k1k2_closed", 0.5)), d).orderKnown);
    auto same = stopCapture();
    same.capture.triggerTime = 10.042;
    BOOST_TEST(!judgeCapture(interval(trigger(), edge(CaptureEventKind::Falling, "k1k2_closed", 0.5)), same).orderKnown);
    // A daq edge and a frame: two time bases, the order is not known.
    BOOST_TEST(!judgeCapture(interval(trigger(), frameEvent("CST")), d).orderKnown);
}

BOOST_AUTO_TEST_CASE(a_frame_condition_selects_the_frame) {
    auto d = stopCapture();
    d.frames = {frame(10.01, "CST", 0), frame(10.02, "CST", 1)};
    auto to = frameEvent("CST");
    to.where = [](const core::BusMessage& m) { return m.field("fault code")->value == 1; };
    to.whereText = "fault_code == 1";
    const auto o = judgeCapture(interval(trigger(), to), d);
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 0.02, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(an_event_that_never_comes_is_named_with_the_capture_length) {
    auto d = stopCapture();
    d.frames = {frame(10.01, "BSM")};
    const auto o = judgeCapture(interval(trigger(), frameEvent("CST")), d);
    BOOST_TEST(!o.value);
    BOOST_TEST(!o.planError);
    BOOST_TEST(o.reason.find("no CST frame") != std::string::npos, o.reason);
    BOOST_TEST(o.reason.find("(the capture ends 100 ms after the trigger)") != std::string::npos, o.reason);
    // A frame after the capture's end does not count.
    d.frames.push_back(frame(10.2, "CST"));
    BOOST_TEST(!judgeCapture(interval(trigger(), frameEvent("CST")), d).value);
    // An edge that never comes: the level is never crossed.
    const auto never = judgeCapture(interval(trigger(), edge(CaptureEventKind::Rising, "output_current", 150)), d);
    BOOST_TEST(!never.value);
    BOOST_TEST(never.reason.find("no rising output_current") != std::string::npos, never.reason);
}

BOOST_AUTO_TEST_CASE(a_missing_from_event_is_named_and_to_is_searched_after_from) {
    auto d = stopCapture();
    d.frames = {frame(10.05, "BST")};
    // `to` before `from` is not found: a falling K1/K2 after the BST never happens.
    const auto o = judgeCapture(interval(frameEvent("BST"), edge(CaptureEventKind::Falling, "k1k2_closed", 0.5)), d);
    BOOST_TEST(!o.value);
    BOOST_TEST(o.reason.find("BST frame was at") != std::string::npos, o.reason);
    const auto noFrom = judgeCapture(interval(frameEvent("CST"), trigger()), d);
    BOOST_TEST(!noFrom.value);
    BOOST_TEST(noFrom.reason.find("no CST frame") != std::string::npos, noFrom.reason);
}

BOOST_AUTO_TEST_CASE(an_edge_exactly_on_a_sample_is_that_sample) {
    // The current reaches exactly 80 A at 10.020 s (100 − 2·10): a falling edge through 80 A is there.
    const auto o = judgeCapture(interval(trigger(), edge(CaptureEventKind::Falling, "output_current", 80.0)), stopCapture());
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 0.020, boost::test_tools::tolerance(1e-9));
    // A rising edge needs a sample below first: the level held from the start is no edge.
    const auto held = judgeCapture(interval(trigger(), edge(CaptureEventKind::Rising, "output_current", 50.0)), stopCapture());
    BOOST_TEST(!held.value);
}

BOOST_AUTO_TEST_CASE(peak_over_a_window_after_an_event) {
    auto d = stopCapture();
    d.capture.samples[105].values[1] = -130.0; // 10.005 s: a negative spike counts by magnitude
    CaptureResultInput in;
    in.metric = CaptureMetric::Peak;
    in.channel = "output_current";
    in.from = trigger();
    in.span = 0.01;
    const auto o = judgeCapture(in, d);
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 130.0);
    BOOST_TEST(*o.t1 == 10.005, boost::test_tools::tolerance(1e-12));
    // The spike outside the window is not seen: from K1/K2 opening (10.042 s), 36 A at 10.042 s.
    in.from = edge(CaptureEventKind::Falling, "k1k2_closed", 0.5);
    const auto later = judgeCapture(in, d);
    BOOST_REQUIRE(later.value);
    BOOST_TEST(*later.value == 36.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(*later.t0 == 10.042, boost::test_tools::tolerance(1e-12));
    // A window running past the capture cannot be judged: the plan's post is too short.
    in.from = trigger();
    in.span = 0.5;
    const auto beyond = judgeCapture(in, d);
    BOOST_TEST(!beyond.value);
    BOOST_TEST(beyond.planError);
    BOOST_TEST(beyond.reason.find("lengthen 'post'") != std::string::npos, beyond.reason);
}

BOOST_AUTO_TEST_CASE(value_is_the_last_sample_before_the_event_including_pre_trigger) {
    auto d = stopCapture();
    d.capture.samples[99].values[1] = 97.0; // 9.999 s, a pre-trigger sample
    CaptureResultInput in;
    in.metric = CaptureMetric::Value;
    in.channel = "output_current";
    in.from = trigger();
    const auto o = judgeCapture(in, d);
    BOOST_REQUIRE(o.value);
    BOOST_TEST(*o.value == 97.0);
    BOOST_TEST(*o.t1 == 9.999, boost::test_tools::tolerance(1e-12));
    // Without pre-trigger samples there is nothing before the trigger.
    d.capture.samples.erase(d.capture.samples.begin(), d.capture.samples.begin() + 100);
    d.preTrigger = 0.0;
    const auto none = judgeCapture(in, d);
    BOOST_TEST(!none.value);
    BOOST_TEST(none.planError);
    BOOST_TEST(none.reason.find("'pre'") != std::string::npos, none.reason);
}

BOOST_AUTO_TEST_CASE(rate_between_a_frame_and_a_level_with_its_time_uncertainty) {
    auto d = stopCapture();
    d.frames = {frame(10.0105, "BST")}; // between samples: the value read is the 10.010 s sample (100 A)
    CaptureResultInput in;
    in.metric = CaptureMetric::Rate;
    in.channel = "output_current";
    in.from = frameEvent("BST");
    in.to = edge(CaptureEventKind::Falling, "output_current", 5.0); // 4 A at 10.058 s
    const auto o = judgeCapture(in, d);
    BOOST_REQUIRE(o.value);
    const double dt = 10.058 - 10.0105;
    BOOST_TEST(*o.value == (100.0 - 4.0) / dt, boost::test_tools::tolerance(1e-9));
    // From the time bases alone (the levels' terms are the executor's, from the register):
    // rate × U(Δt) / Δt with U(Δt) = 5.773506e-4 s (a 1 µs frame, a 1 ms daq edge).
    BOOST_TEST(o.uncertainty == *o.value * 5.773506e-4 / dt, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*o.levelFrom == 100.0);
    BOOST_TEST(*o.levelTo == 4.0);
    // A delayed stop (the fall starts 300 ms after BST) gives a much lower rate: it cannot pass a
    // limit the fast stop passes. Here: BST 40 ms before the fall starts halves the rate.
    d.frames = {frame(9.97, "BST")};
    const auto delayed = judgeCapture(in, d);
    BOOST_REQUIRE(delayed.value);
    BOOST_TEST(*delayed.value < *o.value * 0.6);
}

BOOST_AUTO_TEST_CASE(a_channel_the_capture_lacks_is_a_plan_error) {
    CaptureResultInput in;
    in.metric = CaptureMetric::Peak;
    in.channel = "cc1_voltage";
    in.span = 0.01;
    const auto o = judgeCapture(in, stopCapture());
    BOOST_TEST(o.planError);
    BOOST_TEST(o.reason.find("cc1_voltage") != std::string::npos);
    const auto e = judgeCapture(interval(trigger(), edge(CaptureEventKind::Rising, "lock_engaged", 0.5)), stopCapture());
    BOOST_TEST(e.planError);
}

BOOST_AUTO_TEST_CASE(describing_events) {
    BOOST_TEST(describe(trigger()) == "trigger");
    auto f = frameEvent("CST");
    f.whereText = "fault_code == 1";
    BOOST_TEST(describe(f) == "CST frame (fault_code == 1)");
    BOOST_TEST(describe(edge(CaptureEventKind::Rising, "k1k2_closed", 0.5)).find("rising k1k2_closed through") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
