#include "v2gbench/bench/capture_judgement.hpp"

#include "v2gbench/core/quantity.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::bench {

namespace {

constexpr double kEps = 1e-9; // s: bench times equal within a nanosecond are the same instant

enum class TimeBase { Daq, Can };

struct FoundEvent {
    double t = 0.0;
    TimeBase base = TimeBase::Daq;
    std::string evidence;
};

struct Search {
    std::optional<FoundEvent> event;
    std::string missing; // why not found
    bool planError = false;
};

std::string secs(double s) { return core::formatQuantity(s, core::Dimension::time()); }

std::optional<std::size_t> channelIndex(const core::DaqCapture& c, const std::string& channel) {
    for (std::size_t i = 0; i < c.channels.size(); ++i)
        if (c.channels[i] == channel) return i;
    return std::nullopt;
}

double captureStart(const CaptureData& d) {
    return d.capture.samples.empty() ? d.capture.triggerTime - d.preTrigger
                                     : std::min(d.capture.samples.front().time, d.capture.triggerTime - d.preTrigger);
}

double captureEnd(const CaptureData& d) {
    return d.capture.samples.empty() ? d.capture.triggerTime : d.capture.samples.back().time;
}

std::string untilEnd(const CaptureData& d) {
    return " (the capture ends " + secs(captureEnd(d) - d.capture.triggerTime) + " after the trigger)";
}

std::string sinceText(double reference, const CaptureData& d) {
    const double offset = reference - d.capture.triggerTime;
    if (std::fabs(offset) < kEps) return "after the trigger";
    return "from " + secs(std::fabs(offset)) + (offset < 0 ? " before" : " after") + " the trigger";
}

Search findEvent(const CaptureEventSpec& e, double reference, const CaptureData& d) {
    Search s;
    switch (e.kind) {
    case CaptureEventKind::Trigger:
        s.event = FoundEvent{d.capture.triggerTime, TimeBase::Daq, "trigger at " + secs(d.capture.triggerTime)};
        return s;
    case CaptureEventKind::Frame:
        for (const auto& m : d.frames) {
            if (m.time < reference - kEps) continue;
            if (m.time > captureEnd(d) + kEps) break;
            if (m.name != e.message || (e.where && !e.where(m))) continue;
            s.event = FoundEvent{m.time, TimeBase::Can, secs(m.time) + " " + m.summary};
            return s;
        }
        s.missing = "no " + describe(e) + " " + sinceText(reference, d) + untilEnd(d);
        return s;
    case CaptureEventKind::Rising:
    case CaptureEventKind::Falling: {
        const auto index = channelIndex(d.capture, e.channel);
        if (!index) {
            s.planError = true;
            s.missing = "the capture holds no channel '" + e.channel + "'";
            return s;
        }
        const bool rising = e.kind == CaptureEventKind::Rising;
        const auto& samples = d.capture.samples;
        for (std::size_t i = 1; i < samples.size(); ++i) {
            if (samples[i].time < reference - kEps) continue;
            const double before = samples[i - 1].values.at(*index);
            const double now = samples[i].values.at(*index);
            const bool crossed = rising ? (before < e.level && now >= e.level) : (before > e.level && now <= e.level);
            if (!crossed) continue;
            s.event = FoundEvent{samples[i].time, TimeBase::Daq,
                                 secs(samples[i].time) + " " + e.channel + " " + core::formatQuantity(before, core::Dimension::none()) +
                                     " → " + core::formatQuantity(now, core::Dimension::none())};
            return s;
        }
        s.missing = "no " + describe(e) + " " + sinceText(reference, d) + untilEnd(d);
        return s;
    }
    }
    return s;
}

TimeInstant instantOf(const FoundEvent& e, const CaptureEventSpec& spec, const CaptureData& d) {
    if (e.base == TimeBase::Daq) return {describe(spec), d.daqSource, d.capture.resolution.value};
    return {describe(spec), d.canSource, d.canResolution};
}

// Each of the two events is read on its time base: quantised once each.
UncertaintyBudget intervalBudget(const FoundEvent& a, const CaptureEventSpec& aSpec, const FoundEvent& b,
                                 const CaptureEventSpec& bSpec, const CaptureData& d) {
    return timeBudget(instantOf(a, aSpec, d), instantOf(b, bSpec, d));
}

// The channel's value at time t: the last sample at or before t.
std::optional<double> valueAtOrBefore(const CaptureData& d, std::size_t index, double t) {
    std::optional<double> v;
    for (const auto& s : d.capture.samples) {
        if (s.time > t + kEps) break;
        v = s.values.at(index);
    }
    return v;
}

CaptureOutcome missing(Search s) {
    CaptureOutcome o;
    o.reason = std::move(s.missing);
    o.planError = s.planError;
    return o;
}

// `from` then `to` (searched from `from` on).
struct EventPair {
    std::optional<FoundEvent> from, to;
    std::optional<CaptureOutcome> failure;
};

EventPair findPair(const CaptureResultInput& in, const CaptureData& d) {
    EventPair p;
    Search from = findEvent(in.from, captureStart(d), d);
    if (!from.event) {
        p.failure = missing(std::move(from));
        return p;
    }
    Search to = findEvent(in.to, from.event->t, d);
    if (!to.event) {
        if (!to.planError && in.from.kind != CaptureEventKind::Trigger)
            to.missing += " — the " + describe(in.from) + " was at " + secs(from.event->t - d.capture.triggerTime) +
                          " after the trigger";
        p.failure = missing(std::move(to));
        p.failure->evidence.push_back(from.event->evidence);
        return p;
    }
    p.from = from.event;
    p.to = to.event;
    return p;
}

CaptureOutcome noChannel(const std::string& channel) {
    CaptureOutcome o;
    o.planError = true;
    o.reason = "the capture holds no channel '" + channel + "'";
    return o;
}

} // namespace

std::string describe(const CaptureEventSpec& e) {
    switch (e.kind) {
    case CaptureEventKind::Trigger: return "trigger";
    case CaptureEventKind::Frame: return e.message + " frame" + (e.whereText.empty() ? "" : " (" + e.whereText + ")");
    case CaptureEventKind::Rising:
    case CaptureEventKind::Falling:
        return std::string(e.kind == CaptureEventKind::Rising ? "rising " : "falling ") + e.channel + " through " +
               core::formatQuantity(e.level, core::Dimension::none());
    }
    return "event";
}

CaptureOutcome judgeCapture(const CaptureResultInput& in, const CaptureData& d) {
    switch (in.metric) {
    case CaptureMetric::Interval: {
        EventPair p = findPair(in, d);
        if (p.failure) return *p.failure;
        CaptureOutcome o;
        o.value = p.to->t - p.from->t;
        o.t0 = p.from->t;
        o.t1 = p.to->t;
        o.time = intervalBudget(*p.from, in.from, *p.to, in.to, d);
        o.uncertainty = o.time->expanded;
        o.orderKnown = p.from->base == p.to->base && (p.from->base == TimeBase::Can || std::fabs(*o.value) > kEps);
        o.evidence = {"from: " + p.from->evidence, "to: " + p.to->evidence};
        return o;
    }
    case CaptureMetric::Peak: {
        const auto index = channelIndex(d.capture, in.channel);
        if (!index) return noChannel(in.channel);
        Search from = findEvent(in.from, captureStart(d), d);
        if (!from.event) return missing(std::move(from));
        const double begin = from.event->t;
        const double end = begin + in.span;
        CaptureOutcome o;
        o.evidence.push_back("from: " + from.event->evidence);
        if (end > captureEnd(d) + d.capture.resolution.value / 2 + kEps) {
            // Nothing the DUT did can be judged on samples the capture does not have.
            o.planError = true;
            o.reason = "the peak window " + secs(begin - d.capture.triggerTime) + " … " + secs(end - d.capture.triggerTime) +
                       " after the trigger runs past the capture" + untilEnd(d) + "; lengthen 'post'";
            return o;
        }
        for (const auto& s : d.capture.samples) {
            if (s.time < begin - kEps) continue;
            if (s.time > end + kEps) break;
            const double magnitude = std::fabs(s.values.at(*index));
            if (!o.value || magnitude > *o.value) {
                o.value = magnitude;
                o.t1 = s.time;
            }
        }
        o.t0 = begin;
        if (!o.value) o.reason = "no sample of " + in.channel + " between " + secs(begin) + " and " + secs(end);
        else o.evidence.push_back("peak: " + secs(*o.t1) + " |" + in.channel + "| = " +
                                  core::formatQuantity(*o.value, core::Dimension::none()));
        return o;
    }
    case CaptureMetric::Value: {
        const auto index = channelIndex(d.capture, in.channel);
        if (!index) return noChannel(in.channel);
        Search at = findEvent(in.from, captureStart(d), d);
        if (!at.event) return missing(std::move(at));
        CaptureOutcome o;
        o.evidence.push_back("at: " + at.event->evidence);
        const core::DaqSample* last = nullptr;
        for (const auto& s : d.capture.samples) {
            if (s.time >= at.event->t - kEps) break;
            last = &s;
        }
        if (!last) {
            o.planError = true;
            o.reason = "no sample of " + in.channel + " before the " + describe(in.from) + " at " + secs(at.event->t) +
                       " (give the capture a 'pre' time)";
            return o;
        }
        o.value = last->values.at(*index);
        o.t0 = at.event->t;
        o.t1 = last->time;
        o.evidence.push_back("sample: " + secs(last->time) + " " + in.channel + " = " +
                             core::formatQuantity(*o.value, core::Dimension::none()));
        return o;
    }
    case CaptureMetric::Rate: {
        const auto index = channelIndex(d.capture, in.channel);
        if (!index) return noChannel(in.channel);
        EventPair p = findPair(in, d);
        if (p.failure) return *p.failure;
        CaptureOutcome o;
        o.t0 = p.from->t;
        o.t1 = p.to->t;
        o.evidence = {"from: " + p.from->evidence, "to: " + p.to->evidence};
        const auto v0 = valueAtOrBefore(d, *index, p.from->t);
        const auto v1 = valueAtOrBefore(d, *index, p.to->t);
        const double dt = p.to->t - p.from->t;
        if (!v0 || !v1) {
            o.planError = true;
            o.reason = "no sample of " + in.channel + " at or before the " + describe(in.from) + " (give the capture a 'pre' time)";
            return o;
        }
        if (dt <= kEps) {
            o.reason = "the " + describe(in.from) + " and the " + describe(in.to) + " are the same instant (" + secs(p.from->t) +
                       "): no rate";
            return o;
        }
        o.value = std::fabs(*v1 - *v0) / dt;
        o.time = intervalBudget(*p.from, in.from, *p.to, in.to, d);
        o.uncertainty = *o.value * o.time->expanded / dt;
        o.levelFrom = v0;
        o.levelTo = v1;
        o.evidence.push_back(in.channel + ": " + core::formatQuantity(*v0, core::Dimension::none()) + " → " +
                             core::formatQuantity(*v1, core::Dimension::none()) + " in " + secs(dt));
        return o;
    }
    }
    return {};
}

} // namespace v2gbench::bench
