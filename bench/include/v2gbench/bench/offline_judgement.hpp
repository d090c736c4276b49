#pragma once
// `v2gbench judge`: a plan's bus_checks judged on a capture instead of a live bench. Pure (no I/O,
// no protocol stack): the caller imports the capture as core::BusMessages on one time base, with
// the session phases its messages show; every check is judged by judgeBusCheck, the live run's
// own code (bus_check_verdict.hpp), so a metric added there works here too.
//
// Contract — how a plan maps onto a capture (`v2gbench help judge` says the same):
// - Time is a cursor on the capture's time base, from its first frame. `wait` moves it by its
//   duration; `wait_until` to the first moment its condition holds, where the condition may read
//   ev.phase (the phase the capture's messages show), parameters, loop variables and dut.* (its
//   timeout is not applied: a capture does not start when the bench would have); a bus_check to
//   the end of its window, or to the message that completes its latency.
// - Setup actions are taken as done by whoever made the capture: it shows that session. Every
//   case (and for_each instance) starts where the setup left the cursor: on a bench the cases are
//   separate experiments, in a capture they share one session.
// - In a case, an action is a stimulus. An EV action with a bus signature (busStimuli():
//   ev.connect → BHM, ev.stop → BST, ev.pause → BSM charging forbidden, ev.resume → BSM charging
//   permitted, ev.demand → BCL with the demanded current) moves the cursor to the first such
//   message after it; when there is
//   none, the case's remaining checks are not-applicable, naming the missing stimulus. Any other
//   action (grid, battery, dut, fault_box, ev.disconnect, ev.fault, ...) leaves no trace on the bus:
//   the remaining checks are not-applicable.
// - measure, response, capture and inspect steps need instruments or a person: not-applicable.
// - Every bus_check needs usable times (its window is a time span): on a capture without them
//   (flattened timestamps, candump without -t, coarser than 1 ms) it is not-applicable with the
//   reason; stimuli and phases are still found by the frames' order, so the report says which
//   stimuli the capture holds.
// - A check whose window the capture ends inside is not-applicable (unless its latency was
//   already decided), so a short capture never passes or fails on half a window.
// - A name a capture cannot give (a live signal other than ev.phase, vehicle.*) makes the step
//   that reads it not-applicable; a plan asking for a field its message does not have is an error.
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/results.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"

#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace v2gbench::bench {

struct CapturePhase {
    double time = 0.0;
    std::size_t position = 0; // index in CaptureView::marks of the first mark after the change
    std::string phase;        // ev.phase's word: "handshake", "parameters", "charging", "stopping"
};

// A message that may show a stimulus (its name is a busStimuli() message), reduced to what finding
// the stimulus needs, so a night's capture holds a few bytes per BCL.
struct StimulusMark {
    double time = 0.0;
    const char* message = "";    // "BST", "BSM", "BCL": busStimuli()'s own text (no allocation)
    std::optional<double> value; // the field the stimuli of this message read, when available
};

// The messages of a capture between two times (inclusive), in order, of the kinds the plan reads
// (messagesNeeded). Within one case the judge asks for windows whose start never goes back;
// each case starts again from the setup's end.
using CaptureWindow = std::function<std::vector<core::BusMessage>(double from, double to)>;

struct CaptureView {
    std::vector<StimulusMark> marks;  // in the capture's order
    std::vector<CapturePhase> phases; // each change of the session phase the frames show, in order
    CaptureWindow window;
    double end = 0.0;              // time of the last frame, s from the first
    double timeResolution = 0.0;   // s, of the capture's timestamps
    std::string timesUnusable;     // why its times cannot be judged; empty when they can
};

// An EV action the bus shows: the first `message` after the action (with `field` equal to the
// value of `argument`, or to `value`, when set) is when it happened.
struct BusStimulus {
    const char* action;   // "ev.pause"
    const char* message;  // "BSM"
    const char* field;    // nullptr: any such message
    std::optional<double> value;
    const char* argument; // the action's argument that gives the field's value (SI), or nullptr
    double tolerance;     // on the field's value, in its unit (half its resolution)
    const char* meaning;  // "a BSM with charging forbidden"
};
std::span<const BusStimulus> busStimuli();

// The names of the messages `plan`'s bus_checks read: the windows hold only those.
std::set<std::string> messagesNeeded(const Plan& plan);

// The mark of `m` when it may show a stimulus.
std::optional<StimulusMark> stimulusMark(const core::BusMessage& m);

// A capture held in memory (tests, small captures): marks and windows from `messages` (in time
// order); the caller adds the phases.
CaptureView captureFromMessages(std::vector<core::BusMessage> messages, double timeResolution);

// Every case of `plan` judged on `capture` (for_each instances included). Check and case reasons
// say why a check is not-applicable. The plan's verdict is the worst of its cases'.
PlanResult judgeCapture(const Plan& plan, const CaptureView& capture, const DutProfile& dut);

} // namespace v2gbench::bench
