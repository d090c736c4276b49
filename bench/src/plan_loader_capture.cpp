// The capture step (issue 11 §3a): a daq capture around a trigger, judged on event timestamps.
// Keys and words come from the plan grammar (captureEventKeys, captureResultKeys, captureMetricKeys).
#include "plan_loader_impl.hpp"
#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace {

const ValueType kTime = ValueType::quantity(core::Dimension::time());

std::vector<std::string> channelNames() {
    std::vector<std::string> names;
    for (const auto& c : core::daqChannels()) names.emplace_back(c.name);
    return names;
}

core::Dimension channelDimension(const core::DaqChannelInfo& c) {
    switch (c.kind) {
    case core::DaqChannelKind::Voltage: return core::Dimension::voltage();
    case core::DaqChannelKind::Current: return core::Dimension::current();
    case core::DaqChannelKind::Digital: return core::Dimension::none();
    }
    return core::Dimension::none();
}

} // namespace

// A frame's `where` names its fields with '_' for spaces; they are known only on the bus, so any
// name the plan does not define is taken as a field (typed at run time, where a missing field is an error).
ValueType PlanLoaderImpl::fieldOrPlanType(const std::string& name) const {
    if (auto t = lookupType(name)) return *t;
    return ValueType::unknown();
}

const core::DaqChannelInfo* PlanLoaderImpl::readDaqChannel(const YAML::Node& value, const core::SourceLocation& fallback) {
    const core::SourceLocation at = m_source.contentAt(value, fallback);
    if (!value.IsScalar()) {
        error(at, "a daq channel must be a name such as k1k2_closed, got " + describeNode(value));
        return nullptr;
    }
    const core::DaqChannelInfo* c = core::daqChannel(value.Scalar());
    if (!c) {
        const std::string hint = closestMatch(value.Scalar(), channelNames());
        error(at, "unknown daq channel '" + value.Scalar() + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                      "; the channels are " + [] {
                          std::string all;
                          for (const auto& n : channelNames()) all += (all.empty() ? "" : ", ") + n;
                          return all;
                      }());
        return nullptr;
    }
    return c;
}

// `word` (immediate for the trigger, trigger for an event) or {frame, where} / {rising|falling, level}.
std::optional<CaptureEvent> PlanLoaderImpl::readCaptureEvent(const YAML::Node& node, const core::SourceLocation& fallback,
                                                             const std::string& word, CaptureStep& step) {
    CaptureEvent event;
    event.at = m_source.at(node, fallback);
    if (node.IsScalar()) {
        if (node.Scalar() == word) return event;
        error(m_source.contentAt(node, fallback), "expected '" + word +
                                                      "', {frame: MESSAGE} or {rising: CHANNEL, level: VALUE} / "
                                                      "{falling: CHANNEL, level: VALUE}, got '" + node.Scalar() + "'");
        return std::nullopt;
    }
    if (!node.IsMap()) {
        error(event.at, "expected '" + word + "' or a map such as {frame: CST} or {falling: k1k2_closed, level: 0.5}, got " +
                            describeNode(node));
        return std::nullopt;
    }
    const auto keys = entries(node, grammar::captureEventKeys(), event.at);
    const MapEntry* frame = find(keys, "frame");
    const MapEntry* rising = find(keys, "rising");
    const MapEntry* falling = find(keys, "falling");
    const MapEntry* level = find(keys, "level");
    const MapEntry* where = find(keys, "where");
    const int kinds = (frame ? 1 : 0) + (rising ? 1 : 0) + (falling ? 1 : 0);
    if (kinds != 1) {
        error(event.at, kinds == 0 ? "an event needs 'frame', 'rising' or 'falling'"
                                   : "an event is one of 'frame', 'rising' or 'falling', not several");
        return std::nullopt;
    }
    if (frame) {
        if (level) error(m_source.at(level->keyNode), "'level' belongs to a rising or falling edge, not to a frame");
        const BusMatch match = readBusMatch(frame, nullptr, event.at);
        if (match.empty()) return std::nullopt;
        event.kind = CaptureEventKind::Frame;
        event.message = match.message;
        if (word != "immediate") { // a result's frame comes from the `can` role; the trigger's is the daq's CAN input
            useRole("can", event.at);
            step.usesFrames = true;
        }
        if (where) {
            auto condition = expression(where->value, m_source.at(where->keyNode));
            if (!condition) return std::nullopt;
            try {
                const ValueType t = condition->typeCheck([this](const std::string& n) { return fieldOrPlanType(n); });
                if (t.kind != ValueType::Kind::Bool && t.kind != ValueType::Kind::Unknown)
                    error(condition->where(), "'where' must be a condition (true or false), got " + describe(t));
            } catch (const core::ConfigError& err) {
                error(err.where(), err.message());
            }
            event.where = *condition;
        }
        return event;
    }
    if (where) error(m_source.at(where->keyNode), "'where' applies to a frame event only");
    const MapEntry& edge = rising ? *rising : *falling;
    event.kind = rising ? CaptureEventKind::Rising : CaptureEventKind::Falling;
    const core::DaqChannelInfo* channel = readDaqChannel(edge.value, m_source.at(edge.keyNode));
    if (!level) {
        error(event.at, "a " + edge.key + " edge needs a 'level', e.g. {" + edge.key + ": " +
                            (channel ? channel->name : "k1k2_closed") + ", level: 0.5}");
        return std::nullopt;
    }
    auto value = expression(level->value, m_source.at(level->keyNode));
    if (channel) expectType(value, ValueType::quantity(channelDimension(*channel)), Percent::Rejected);
    if (!channel || !value) return std::nullopt;
    event.channel = channel->name;
    event.level = *value;
    if (std::find(step.channels.begin(), step.channels.end(), event.channel) == step.channels.end())
        step.channels.push_back(event.channel);
    return event;
}

std::optional<CaptureResultSpec> PlanLoaderImpl::readCaptureResult(const YAML::Node& node, CaptureStep& step) {
    CaptureResultSpec result;
    result.where = m_source.at(node);
    if (!node.IsMap()) {
        error(result.where, "a capture result is a map with a name and one of interval, peak, value or rate, got " +
                                describeNode(node));
        return std::nullopt;
    }
    const grammar::Section& section = grammar::captureResultKeys();
    const auto keys = entries(node, section, result.where);
    if (const MapEntry* n = find(keys, "name")) result.name = readName(*n);
    std::vector<const MapEntry*> given;
    for (const auto& name : section.exactlyOne)
        if (const MapEntry* m = find(keys, name)) given.push_back(m);
    if (given.size() != 1) {
        error(given.size() > 1 ? m_source.at(given[1]->keyNode) : result.where,
              given.empty() ? "a capture result needs one of interval, peak, value or rate"
                            : "a capture result has one of interval, peak, value or rate, not several");
        return std::nullopt;
    }
    const MapEntry& metric = *given.front();
    const core::SourceLocation metricAt = m_source.at(metric.value, m_source.at(metric.keyNode));
    result.metric = *fromWord(metric.key, kCaptureMetrics);
    if (!metric.value.IsMap()) {
        error(metricAt, "'" + metric.key + "' needs a map, e.g. " +
                            (metric.key == "interval" ? std::string("{from: trigger, to: {frame: CST}}")
                             : metric.key == "peak"   ? std::string("{channel: output_current, for: 50 ms}")
                             : metric.key == "value"  ? std::string("{channel: contactor_voltage, at: {rising: k1k2_closed, level: 0.5}}")
                                                      : std::string("{channel: output_current, to: {falling: output_current, level: 5 A}}")) +
                            ", got " + describeNode(metric.value));
        return std::nullopt;
    }
    const auto inner = entries(metric.value, grammar::captureMetricKeys(metric.key), metricAt);
    bool ok = true;
    auto event = [&](const char* key, CaptureEvent& into) {
        const MapEntry* e = find(inner, key);
        if (!e) return; // absent: the trigger (a required key was reported by entries())
        if (auto read = readCaptureEvent(e->value, m_source.at(e->keyNode), "trigger", step)) into = std::move(*read);
        else ok = false;
    };
    event("from", result.from);
    event("at", result.from);
    event("to", result.to);
    const core::DaqChannelInfo* channel = nullptr;
    if (const MapEntry* c = find(inner, "channel")) {
        channel = readDaqChannel(c->value, m_source.at(c->keyNode));
        if (channel) {
            result.channel = channel->name;
            if (std::find(step.channels.begin(), step.channels.end(), result.channel) == step.channels.end())
                step.channels.push_back(result.channel);
        } else {
            ok = false;
        }
    }
    if (const MapEntry* f = find(inner, "for")) {
        auto span = expression(f->value, m_source.at(f->keyNode));
        expectType(span, kTime, Percent::Rejected);
        if (span) result.span = *span;
        else ok = false;
    }
    if (const MapEntry* r = find(keys, "requirements")) result.requirements = requirementList(*r);
    if (const MapEntry* x = find(keys, "expect")) {
        ValueType type = kTime;
        if (result.metric == CaptureMetric::Peak || result.metric == CaptureMetric::Value)
            type = channel ? ValueType::quantity(channelDimension(*channel)) : ValueType::unknown();
        if (result.metric == CaptureMetric::Rate)
            type = channel ? ValueType::quantity(channelDimension(*channel) / core::Dimension::time()) : ValueType::unknown();
        if (type.kind == ValueType::Kind::Unknown) result.expect.where = m_source.at(x->keyNode);
        else result.expect = readExpectation(*x, type, &result.requirements);
    }
    if (!ok) return std::nullopt;
    return result;
}

std::optional<Step> PlanLoaderImpl::readCapture(const MapEntry& e) {
    CaptureStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'capture' needs a map with name, trigger, post and results, got " + describeNode(e.value));
        return std::nullopt;
    }
    const grammar::Section& section = *grammar::stepKind("capture").keys;
    const auto keys = entries(e.value, section, step.where);
    useRole("daq", step.where);
    if (const MapEntry* n = find(keys, "name")) step.name = readName(*n);
    if (const MapEntry* t = find(keys, "trigger")) {
        if (auto event = readCaptureEvent(t->value, m_source.at(t->keyNode), "immediate", step)) {
            step.trigger.at = event->at;
            switch (event->kind) {
            case CaptureEventKind::Trigger: step.trigger.kind = CaptureTriggerKind::Immediate; break;
            case CaptureEventKind::Rising: step.trigger.kind = CaptureTriggerKind::Rising; break;
            case CaptureEventKind::Falling: step.trigger.kind = CaptureTriggerKind::Falling; break;
            case CaptureEventKind::Frame: step.trigger.kind = CaptureTriggerKind::Frame; break;
            }
            step.trigger.channel = event->channel;
            step.trigger.level = event->level;
            step.trigger.message = event->message;
            if (event->kind == CaptureEventKind::Frame && !busMessagePgn(event->message))
                error(event->at, "the daq triggers on a GB/T 27930 message's PGN; '" + event->message +
                                     "' is a transport frame, trigger on the message it carries");
            if (event->where)
                error(event->where->where(), "the daq triggers on the frame's identifier only; put a 'where' condition on a "
                                             "result's frame event instead");
        }
    }
    auto time = [&](const char* key, const char* fallback, const char* what) {
        const MapEntry* m = find(keys, key);
        if (!m) return fallback ? Expression::parse(fallback, step.where) : Expression();
        auto value = expression(m->value, m_source.at(m->keyNode));
        expectType(value, kTime, Percent::Rejected);
        if (auto beyond = beyondDurationLimit(value, what)) error(m_source.contentAt(m->value, step.where), *beyond);
        return value ? *value : Expression();
    };
    step.pre = time("pre", "0 s", "'pre'");
    step.post = time("post", nullptr, "'post'");
    step.samplePeriod = time("sample_period", "1 ms", "'sample_period'");
    step.timeout = time("timeout", "10 s", "a timeout");
    if (const MapEntry* c = find(keys, "command"))
        if (auto a = readCommand(*c)) step.command = std::move(*a);
    if (const MapEntry* r = find(keys, "results")) {
        const core::SourceLocation at = m_source.at(r->value, m_source.at(r->keyNode));
        if (!r->value.IsSequence() || r->value.size() == 0) {
            error(at, r->value.IsSequence() ? std::string("'results' needs at least one result: a capture judges something")
                                            : "'results' must be a list of results (each starting with '- '), got " +
                                                  describeNode(r->value));
        } else {
            for (const auto& node : r->value)
                if (auto result = readCaptureResult(node, step)) step.results.push_back(std::move(*result));
        }
    }
    return Step(std::move(step));
}

} // namespace v2gbench::bench
