// The bus_check step: a judgement over the decoded messages the `can` role sees (GB/T 27930).
#include "plan_loader_impl.hpp"
#include "v2gbench/bench/bus_vocabulary.hpp"

#include <algorithm>
#include <cstdlib>

namespace v2gbench::bench {

namespace {

const ValueType kTime = ValueType::quantity(core::Dimension::time());
const ValueType kPlain = ValueType::quantity(core::Dimension::none());

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    return out;
}

// A field condition's value: a decimal or 0x-hex number ("0xAA" reads better for CRM than 170).
std::optional<double> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    const double v = hex ? static_cast<double>(std::strtoull(text.c_str() + 2, &end, 16)) : std::strtod(text.c_str(), &end);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return v;
}

} // namespace

BusMatch PlanLoaderImpl::readBusMatch(const MapEntry* message, const MapEntry* where, const core::SourceLocation& at) {
    BusMatch match;
    match.at = at;
    if (message) {
        if (auto name = text(*message)) {
            const core::SourceLocation nameAt = m_source.contentAt(message->value);
            if (!isBusMessage(*name)) {
                const std::string hint = closestMatch(*name, busMessageNames());
                error(nameAt, "unknown bus message '" + *name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                  "; GB/T 27930 messages are CHM … CEM, TP frames TP.CM_RTS, TP.CM_CTS, "
                                  "TP.CM_EndOfMsgAck, TP.Conn_Abort, TP.DT");
            } else {
                match.message = *name;
                match.at = nameAt;
            }
        }
    }
    if (where) {
        const core::SourceLocation whereAt = m_source.at(where->value, m_source.at(where->keyNode));
        if (!where->value.IsMap()) {
            error(whereAt, "'where' needs a map of field name to value, e.g. {BRM timeout: 1} or {recognition result: 0xAA}, got " +
                               describeNode(where->value));
            return match;
        }
        for (const auto& kv : entries(where->value, {}, {}, whereAt)) {
            const auto value = kv.value.IsScalar() ? number(kv.value.Scalar()) : std::nullopt;
            if (!value) {
                error(m_source.at(kv.value, m_source.at(kv.keyNode)),
                      "the value of field '" + kv.key + "' must be a number as on the bus (raw value of a status or "
                      "enumeration field, e.g. 1 or 0xAA; physical value in the field's unit otherwise), got " +
                          describeNode(kv.value));
                continue;
            }
            match.where.emplace_back(kv.key, *value);
        }
    }
    return match;
}

std::optional<Step> PlanLoaderImpl::readBusCheck(const MapEntry& e) {
    BusCheckStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'bus_check' needs a map with name, message and window, got " + describeNode(e.value));
        return std::nullopt;
    }
    const grammar::Section& section = *grammar::stepKind("bus_check").keys;
    const auto keys = entries(e.value, section, step.where);
    useRole("can", step.where);
    if (const MapEntry* n = find(keys, "name")) step.name = readName(*n);
    if (const MapEntry* c = find(keys, "command"))
        if (auto a = readCommand(*c)) step.command = std::move(*a);
    step.match = readBusMatch(find(keys, "message"), find(keys, "where"), step.where);
    if (const MapEntry* a = find(keys, "after")) {
        const core::SourceLocation afterAt = m_source.at(a->value, m_source.at(a->keyNode));
        if (!a->value.IsMap()) {
            error(afterAt, "'after' needs a map {message: ..., where: {...}}, got " + describeNode(a->value));
        } else {
            const auto inner = entries(a->value, grammar::busAfterKeys(), afterAt);
            step.after = readBusMatch(find(inner, "message"), find(inner, "where"), afterAt);
            if (const MapEntry* w = find(inner, "which"))
                if (auto s = text(*w)) {
                    if (*s == "last") step.after.last = true;
                    else if (*s != "first")
                        error(m_source.contentAt(w->value), "'which' is 'first' (default) or 'last', got '" + *s + "'");
                }
        }
    }
    if (const MapEntry* m = find(keys, "metric")) {
        const std::vector<std::string>& names = section.key("metric").choices;
        if (auto s = text(*m)) {
            if (const auto metric = fromWord(*s, kBusMetrics))
                step.metric = *metric;
            else
                error(m_source.contentAt(m->value), "unknown metric '" + *s + "'" +
                                                        (closestMatch(*s, names).empty() ? "" : " (did you mean '" + closestMatch(*s, names) + "'?)") +
                                                        "; choose " + joined(names));
        }
    }
    // Keys that apply to one metric only (grammar: onlyWhen).
    for (const auto& k : section.keys)
        if (const MapEntry* given = find(keys, k.name); given && k.onlyWhen && k.onlyWhen->key == "metric" &&
                                                        !k.onlyWhen->holds(toString(step.metric)))
            error(m_source.at(given->keyNode), "'" + k.name + "' only applies to metric " + k.onlyWhen->describe());
    if (const MapEntry* st = find(keys, "statistic")) {
        const std::vector<std::string>& names = section.key("statistic").choices;
        if (auto s = text(*st)) {
            if (const auto statistic = fromWord(*s, kPeriodStatistics))
                step.statistic = *statistic;
            else
                error(m_source.contentAt(st->value), "unknown statistic '" + *s + "'; choose " + joined(names));
        }
    }
    if (const MapEntry* f = find(keys, "field")) {
        if (auto s = text(*f)) step.field = *s;
    } else if (const auto& needed = section.key("field").requiredWhen; needed && needed->holds(toString(step.metric))) {
        error(step.where, "metric '" + toString(step.metric) +
                              "' needs 'field': the name of the field to read, e.g. recognition result");
    }
    step.gap = timeOrDefault(keys, "gap", "1 s", step.where);
    if (const MapEntry* w = find(keys, "window")) {
        auto window = expression(w->value, m_source.at(w->keyNode));
        expectType(window, kTime, Percent::Rejected);
        if (window) step.window = *window;
    }
    if (const MapEntry* since = find(keys, "since")) {
        if (auto s = text(*since)) {
            if (*s == "case") step.sinceCaseStart = true;
            else if (*s != "step")
                error(m_source.contentAt(since->value), "'since' is 'step' (default) or 'case', got '" + *s + "'");
        }
        if (step.command && step.sinceCaseStart)
            error(m_source.at(since->keyNode), "'since: case' and 'command' exclude each other (t0 is the command)");
    }
    if (const MapEntry* r = find(keys, "requirements")) step.requirements = requirementList(*r);
    if (const MapEntry* x = find(keys, "expect")) {
        const bool timed = isTimed(step.metric);
        step.expect = readExpectation(*x, timed ? kTime : kPlain, &step.requirements);
    }
    return Step(std::move(step));
}

} // namespace v2gbench::bench
