#pragma once
// Pure judgement of a `capture` step's results (issue 11 §3a) over one daq capture and the `can`
// role's decoded frames, both on the bench time base: no clock, no instruments, no expressions
// (a frame's `where` arrives as a predicate), so every metric is unit-tested on hand-built data.
//
// Event times (the contract the plans rely on):
// - trigger: DaqCapture::triggerTime.
// - frame: the time of the first matching frame at or after the reference, up to the capture's end.
// - rising / falling edge: the time of the first sample at/above (rising) or at/below (falling) the
//   level whose predecessor was below (above) it, at or after the reference — edges are resolved to
//   the daq's samples, never interpolated.
// - The reference of `from` (and of `value`'s `at`) is the capture's start (trigger − pre); the
//   reference of `to` is the `from` event.
// Uncertainty of a time (uncertainty_budget.hpp): each event is quantised by its time base (daq
// samples: the capture's resolution, trigger included; frames: the `can` role's timestamp
// resolution), a rectangular term δ/(2√3) per event; the budget's U (k = 2) is the outcome's.
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/uncertainty_budget.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

// One event, resolved for judging: the channel is an index into the capture's channels.
struct CaptureEventSpec {
    CaptureEventKind kind = CaptureEventKind::Trigger;
    std::string message;                                  // Frame
    std::function<bool(const core::BusMessage&)> where;   // Frame; empty: every such frame
    std::string whereText;                                // Frame: for messages ("fault_code == 1")
    std::string channel;                                  // Rising / Falling
    double level = 0.0;                                   // Rising / Falling, SI
};

// "trigger", "CST frame", "CST frame (fault_code == 1)", "rising k1k2_closed through 0.5".
std::string describe(const CaptureEventSpec& event);

struct CaptureResultInput {
    CaptureMetric metric = CaptureMetric::Interval;
    CaptureEventSpec from; // Value: the `at` event
    CaptureEventSpec to;   // Interval, Rate
    std::string channel;   // Peak, Value, Rate
    double span = 0.0;     // Peak: seconds after `from`
};

struct CaptureData {
    core::DaqCapture capture;
    std::vector<core::BusMessage> frames; // bench time, in time order
    double preTrigger = 0.0;              // s: the capture starts at triggerTime − preTrigger
    double canResolution = 0.0;           // s: the `can` role's timestamp resolution
    std::string daqSource = "daq sample period";        // how budgets name the two time bases
    std::string canSource = "CAN timestamp resolution";
};

struct CaptureOutcome {
    std::optional<double> value;         // SI: s, the channel's unit, or its unit per second
    double uncertainty = 0.0;            // U of `time` (interval) or of the rate from the time bases alone; 0 for peak / value
    std::optional<UncertaintyBudget> time; // Interval, Rate: the budget of the time between the events
    std::optional<double> levelFrom;     // Rate: the channel's readings at the two events
    std::optional<double> levelTo;
    std::optional<double> t0;            // bench time where the clock started (or the window began)
    std::optional<double> t1;            // bench time where it stopped (or the peak / the sample read)
    std::string reason;                  // why there is no value (an event never happened): the DUT's fail
    bool planError = false;              // the plan asked for a channel the capture does not hold
    // Interval only: the two events' order is known exactly — both are frames (bus order), or both
    // are samples of the daq at least one sample apart. Two edges in one sample have no known order.
    bool orderKnown = false;
    std::vector<std::string> evidence;   // the events found, one line each
};

CaptureOutcome judgeCapture(const CaptureResultInput& input, const CaptureData& data);

} // namespace v2gbench::bench
