// Steps: actions (checked against the RoleCatalog), wait, wait_until, measure, response; their keys
// and words come from the plan grammar (plan_grammar.hpp).
#include "plan_loader_impl.hpp"
#include "plan_limits.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace {

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string hint = closestMatch(word, candidates);
    return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

std::string joined(const std::vector<std::string>& items, const std::string& last = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
    return out;
}

const ValueType kTime = ValueType::quantity(core::Dimension::time());

// RAII flag: signals read inside steps must belong to a declared role.
struct InSteps {
    bool& flag;
    bool saved;
    explicit InSteps(bool& f) : flag(f), saved(f) { flag = true; }
    ~InSteps() { flag = saved; }
};

} // namespace

// A duration written as a literal (no names) beyond the bench's limit, as an error message;
// durations built from parameters or dut.* values are checked by the executor when they run.
std::optional<std::string> PlanLoaderImpl::beyondDurationLimit(const std::optional<Expression>& e, const std::string& what) {
    if (!e || e->empty() || !e->names().empty()) return std::nullopt;
    try {
        const Value v = e->evaluate([](const std::string&) { return std::optional<Value>{}; });
        if (!v.isQuantity() || v.quantity().value <= kMaxDurationS) return std::nullopt;
        return what + " of " + e->text() + " is longer than the bench's limit of 24 h (" +
               std::to_string(static_cast<long>(kMaxDurationS)) + " s) for one step";
    } catch (const std::exception&) {
        return std::nullopt; // the type check has said what is wrong
    }
}

std::vector<Step> PlanLoaderImpl::readSteps(const MapEntry& e, bool required) {
    std::vector<Step> steps;
    const core::SourceLocation at = m_source.at(e.value, m_source.at(e.keyNode));
    if (e.value.IsNull() && !required) return steps;
    if (!e.value.IsSequence()) {
        error(at, "'" + e.key + "' must be a list of steps (each starting with '- '), got " + describeNode(e.value));
        return steps;
    }
    if (required && e.value.size() == 0) {
        error(at, "'" + e.key + "' needs at least one step");
        return steps;
    }
    InSteps guard(m_inSteps);
    for (const auto& node : e.value)
        if (auto s = readStep(node)) steps.push_back(std::move(*s));
    return steps;
}

std::optional<Step> PlanLoaderImpl::readStep(const YAML::Node& node) {
    const core::SourceLocation at = m_source.at(node);
    if (!node.IsMap() || node.size() != 1) {
        std::string message = "a step is a map with exactly one key, e.g. 'wait: 3 s' or 'ev.stop: {}'";
        if (node.IsScalar() && node.Scalar().find('.') != std::string::npos)
            message = "write '" + node.Scalar() + ": {}' (an action step is a map, even without arguments)";
        else if (node.IsMap())
            message += "; this one has " + std::to_string(node.size()) + " keys (is a '- ' missing, or an indent wrong?)";
        error(at, message);
        return std::nullopt;
    }
    const auto items = entries(node, {}, {}, at);
    if (items.empty()) return std::nullopt;
    const MapEntry& e = items.front();
    if (e.key == "wait") return readWait(e);
    if (e.key == "wait_until") return readWaitUntil(e);
    if (e.key == "measure") return readMeasure(e);
    if (e.key == "response") return readResponse(e);
    if (e.key == "bus_check") return readBusCheck(e);
    if (e.key == "inspect") return readInspect(e);
    if (e.key == "capture") return readCapture(e);
    if (e.key.find('.') != std::string::npos) {
        if (auto a = readAction(e)) return Step(std::move(*a));
        return std::nullopt;
    }
    std::vector<std::string> candidates = grammar::stepKeywords();
    const std::string kinds = joined(candidates, ", ");
    for (const auto& a : m_catalog.actions()) candidates.push_back(a.qualifiedName());
    error(m_source.at(e.keyNode), "unknown step '" + e.key + "'" + didYouMean(e.key, candidates) + "; a step is " +
                                      kinds + " or <role>.<action>");
    return std::nullopt;
}

std::optional<ActionStep> PlanLoaderImpl::readAction(const MapEntry& e) {
    const core::SourceLocation at = m_source.at(e.keyNode);
    const std::string role = e.key.substr(0, e.key.find('.'));
    if (!m_catalog.isRole(role)) {
        std::string hint = m_catalog.suggestAction(e.key);
        error(at, "unknown role '" + role + "'" +
                      (hint.empty() ? didYouMean(role, m_catalog.roles()) : " (did you mean '" + hint + "'?)") +
                      "; the roles are " + joined(m_catalog.roles()));
        return std::nullopt;
    }
    const ActionSpec* spec = m_catalog.action(e.key);
    if (!spec) {
        std::vector<std::string> ofRole;
        for (const auto& a : m_catalog.actions())
            if (a.role == role) ofRole.push_back(a.name);
        const std::string hint = m_catalog.suggestAction(e.key);
        error(at, "unknown action '" + e.key + "'" +
                      (hint.empty() ? "; " + role + " can: " + joined(ofRole) : " (did you mean '" + hint + "'?)"));
        return std::nullopt;
    }
    useRole(role, at);
    ActionStep step;
    step.role = spec->role;
    step.action = spec->name;
    step.where = at;
    if (!e.value.IsNull() && !e.value.IsMap()) {
        error(m_source.at(e.value, at), "the arguments of " + e.key + " must be a map, e.g. '" + e.key + ": {" +
                                            (spec->parameters.empty() ? "" : spec->parameters.front().name + ": ...") +
                                            "}', got " + describeNode(e.value));
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& p : spec->parameters) names.push_back(p.name);
    const core::SourceLocation argsAt = e.value.IsMap() ? m_source.at(e.value, at) : at;
    std::vector<MapEntry> args;
    if (e.value.IsMap()) args = entries(e.value, {}, {}, argsAt);
    for (const auto& arg : args) {
        const core::SourceLocation argAt = m_source.at(arg.keyNode);
        const auto it = std::find_if(spec->parameters.begin(), spec->parameters.end(),
                                     [&](const ParameterSpec& p) { return p.name == arg.key; });
        if (it == spec->parameters.end()) {
            std::string message = "unknown parameter '" + arg.key + "' for " + e.key;
            const std::string hint = didYouMean(arg.key, names);
            if (!hint.empty()) message += hint;
            else if (names.empty()) message += "; it takes no parameters";
            else message += "; it takes " + joined(names, " and ");
            error(argAt, message);
            continue;
        }
        const ParameterSpec& p = *it;
        if (p.literal && p.choices.empty()) {
            if (!arg.value.IsScalar() || arg.value.Scalar().empty()) {
                error(m_source.at(arg.value, argAt), "'" + p.name + "' must be a word or phrase, got " + describeNode(arg.value));
                continue;
            }
            core::SourceLocation quoteAt = m_source.contentAt(arg.value, argAt);
            quoteAt.column = std::max(0, quoteAt.column - 1);
            std::string quoted = arg.value.Scalar();
            if (quoted.find('\'') != std::string::npos) {
                error(m_source.contentAt(arg.value, argAt), "'" + p.name + "' may not contain a quote (')");
                continue;
            }
            step.arguments.emplace(p.name, Expression::parse("'" + quoted + "'", quoteAt));
            continue;
        }
        if (p.type.kind == ValueType::Kind::String && !p.choices.empty()) {
            // A choice is a word, not an expression: "constant-current" is not "constant - current".
            if (!arg.value.IsScalar()) {
                error(m_source.at(arg.value, argAt), "'" + p.name + "' must be one of " + joined(p.choices, " or ") +
                                                          ", got " + describeNode(arg.value));
                continue;
            }
            const std::string word = arg.value.Scalar();
            const core::SourceLocation wordAt = m_source.contentAt(arg.value, argAt);
            if (std::find(p.choices.begin(), p.choices.end(), word) == p.choices.end()) {
                error(wordAt, "invalid " + p.name + " '" + word + "' for " + e.key + didYouMean(word, p.choices) +
                                  "; choose " + joined(p.choices, " or "));
                continue;
            }
            core::SourceLocation quoteAt = wordAt;
            quoteAt.column = std::max(0, quoteAt.column - 1);
            step.arguments.emplace(p.name, Expression::parse("'" + word + "'", quoteAt));
            continue;
        }
        auto value = expression(arg.value, argAt);
        expectType(value, p.type, Percent::Rejected);
        if (value) step.arguments.emplace(p.name, *value);
    }
    for (const auto& p : spec->parameters)
        if (p.required && !find(args, p.name))
            error(argsAt, "missing required parameter '" + p.name + "' for " + e.key);
    return step;
}

std::optional<Step> PlanLoaderImpl::readWait(const MapEntry& e) {
    WaitStep step;
    step.where = m_source.at(e.keyNode);
    auto duration = expression(e.value, step.where);
    expectType(duration, kTime, Percent::Rejected);
    if (auto beyond = beyondDurationLimit(duration, "'wait'")) error(m_source.contentAt(e.value, step.where), *beyond);
    if (!duration) return std::nullopt;
    step.duration = *duration;
    return Step(step);
}

Expression PlanLoaderImpl::timeOrDefault(const std::vector<MapEntry>& keys, const std::string& key,
                                         const std::string& fallback, const core::SourceLocation& where) {
    if (const MapEntry* m = find(keys, key)) {
        auto value = expression(m->value, m_source.at(m->keyNode));
        expectType(value, kTime, Percent::Rejected);
        if (value) return *value;
    }
    return Expression::parse(fallback, where);
}

std::optional<Step> PlanLoaderImpl::readWaitUntil(const MapEntry& e) {
    WaitUntilStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'wait_until' needs a map, e.g. {condition: ev.phase == 'charging', timeout: 30 s}, got " + describeNode(e.value));
        return std::nullopt;
    }
    const auto keys = entries(e.value, *grammar::stepKind("wait_until").keys, step.where);
    if (const MapEntry* c = find(keys, "condition")) {
        auto cond = expression(c->value, m_source.at(c->keyNode));
        expectType(cond, ValueType::boolean(), Percent::Rejected);
        if (cond) step.condition = *cond;
    }
    if (const MapEntry* t = find(keys, "timeout")) {
        auto timeout = expression(t->value, m_source.at(t->keyNode));
        expectType(timeout, kTime, Percent::Rejected);
        if (auto beyond = beyondDurationLimit(timeout, "a timeout")) error(m_source.contentAt(t->value, step.where), *beyond);
        if (timeout) step.timeout = *timeout;
    }
    step.poll = timeOrDefault(keys, "poll", "10 ms", step.where);
    return Step(step);
}

// A check's `name:` template; every name it interpolates must exist and type-check.
TextTemplate PlanLoaderImpl::readName(const MapEntry& e) {
    TextTemplate name;
    auto s = text(e);
    if (!s) return name;
    try {
        name = TextTemplate::parse(*s, m_source.contentAt(e.value));
        bool known = true;
        for (const auto& ref : name.names())
            if (!lookupType(ref.name)) {
                error(ref.where, "unknown name '" + ref.name + "'" + didYouMean(ref.name, knownNames()));
                known = false;
            }
        if (known) name.typeCheck([this](const std::string& n) { return lookupType(n); });
    } catch (const core::ConfigError& err) {
        error(err.where(), err.message());
    }
    return name;
}

const SignalSpec* PlanLoaderImpl::readSignal(const MapEntry& e) {
    if (!e.value.IsScalar()) {
        error(m_source.at(e.value, m_source.at(e.keyNode)), "'signal' must be a signal name, e.g. analyzer.dc_current");
        return nullptr;
    }
    const std::string name = e.value.Scalar();
    const core::SourceLocation at = m_source.contentAt(e.value);
    const SignalSpec* s = m_catalog.signal(name);
    if (!s) {
        const std::string hint = m_catalog.suggestSignal(name);
        error(at, "unknown signal '" + name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        return nullptr;
    }
    if (s->type.kind != ValueType::Kind::Quantity) {
        error(at, "signal '" + name + "' is " + describe(s->type) + "; only quantities can be measured");
        return nullptr;
    }
    useRole(s->role, at);
    return s;
}

Expectation PlanLoaderImpl::readExpectation(const MapEntry& e, const ValueType& valueType,
                                            const std::vector<std::string>* stepRequirements) {
    Expectation x;
    x.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, x.where),
              "'expect' needs a map, e.g. {nominal: 10 A, tolerance: 1 %} or {min: 9 A, max: 11 A}, got " +
                  describeNode(e.value));
        return x;
    }
    const core::SourceLocation at = m_source.at(e.value, x.where);
    const auto keys = entries(e.value, grammar::expectationKeys(), x.where);
    if (const MapEntry* c = find(keys, "criterion")) {
        if (keys.size() > 1) {
            error(at, "'criterion' stands alone: the limits come from the catalogue, so the plan gives none of its own");
            return x;
        }
        resolveCriterion(*c, x, valueType, stepRequirements);
        return x;
    }
    const bool answerWord = valueType.kind == ValueType::Kind::String; // yes-no and text inspect answers
    if (const MapEntry* eq = find(keys, "equals")) {
        if (!answerWord) {
            error(m_source.at(eq->keyNode), "'equals' is for inspect steps with yes-no or text answers; use min/max or "
                                            "nominal and tolerance");
            return x;
        }
        if (keys.size() > 1) error(at, "'equals' stands alone: the answer that passes");
        x.equals = text(*eq);
        return x;
    }
    if (answerWord) {
        error(at, "a yes-no or text answer is judged with {equals: ...} or {criterion: NAME}");
        return x;
    }
    auto read = [&](const char* key, Percent percent) -> std::optional<Expression> {
        const MapEntry* m = find(keys, key);
        if (!m) return std::nullopt;
        auto value = expression(m->value, m_source.at(m->keyNode));
        expectType(value, valueType, percent);
        return value;
    };
    x.nominal = read("nominal", Percent::Rejected);
    x.tolerance = read("tolerance", Percent::Accepted);
    x.min = read("min", Percent::Rejected);
    x.max = read("max", Percent::Rejected);
    const MapEntry* nominal = find(keys, "nominal");
    const MapEntry* tolerance = find(keys, "tolerance");
    if (nominal && !tolerance) error(m_source.at(nominal->keyNode), "'nominal' needs a 'tolerance' (absolute, or a percentage)");
    if (tolerance && !nominal) error(m_source.at(tolerance->keyNode), "'tolerance' needs a 'nominal' value");
    if (!nominal && !tolerance && !find(keys, "min") && !find(keys, "max") && keys.size() == e.value.size())
        error(at, "'expect' needs 'nominal' and 'tolerance', or 'min' and/or 'max'");
    return x;
}

std::optional<Step> PlanLoaderImpl::readMeasure(const MapEntry& e) {
    MeasureStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'measure' needs a map with name, signal and window, got " + describeNode(e.value));
        return std::nullopt;
    }
    const grammar::Section& section = *grammar::stepKind("measure").keys;
    const auto keys = entries(e.value, section, step.where);
    if (const MapEntry* n = find(keys, "name")) step.name = readName(*n);
    const SignalSpec* signal = nullptr;
    if (const MapEntry* s = find(keys, "signal")) {
        signal = readSignal(*s);
        if (signal) step.signal = signal->name;
    }
    if (const MapEntry* w = find(keys, "window")) {
        auto window = expression(w->value, m_source.at(w->keyNode));
        expectType(window, kTime, Percent::Rejected);
        if (auto beyond = beyondDurationLimit(window, "a window")) error(m_source.contentAt(w->value, step.where), *beyond);
        if (window) step.window = *window;
    }
    if (const MapEntry* st = find(keys, "statistic")) {
        const std::vector<std::string>& names = section.key("statistic").choices;
        if (auto s = text(*st)) {
            if (const auto statistic = fromWord(*s, kStatistics))
                step.statistic = *statistic;
            else
                error(m_source.contentAt(st->value),
                      "unknown statistic '" + *s + "'" + didYouMean(*s, names) + "; choose " + joined(names, " or "));
        }
    }
    step.samplePeriod = timeOrDefault(keys, "sample_period", "10 ms", step.where);
    if (const MapEntry* r = find(keys, "requirements")) step.requirements = requirementList(*r);
    if (const MapEntry* x = find(keys, "expect")) {
        if (signal) step.expect = readExpectation(*x, signal->type, &step.requirements);
        else step.expect.where = m_source.at(x->keyNode);
    }
    return Step(std::move(step));
}

std::optional<ActionStep> PlanLoaderImpl::readCommand(const MapEntry& c) {
    if (!c.value.IsMap() || c.value.size() != 1) {
        error(m_source.at(c.value, m_source.at(c.keyNode)),
              "'command' must be one action, e.g. {ev.demand: {voltage: 450 V, current: 10 A}}");
        return std::nullopt;
    }
    const auto cmd = entries(c.value, {}, {}, m_source.at(c.keyNode));
    if (cmd.empty()) return std::nullopt;
    if (cmd.front().key.find('.') == std::string::npos) {
        error(m_source.at(cmd.front().keyNode), "'command' must be an action such as ev.demand, not '" + cmd.front().key + "'");
        return std::nullopt;
    }
    return readAction(cmd.front());
}

std::optional<Step> PlanLoaderImpl::readResponse(const MapEntry& e) {
    ResponseStep step;
    step.where = m_source.at(e.keyNode);
    if (!e.value.IsMap()) {
        error(m_source.at(e.value, step.where),
              "'response' needs a map with name, command, signal, target and timeout, got " + describeNode(e.value));
        return std::nullopt;
    }
    const grammar::Section& section = *grammar::stepKind("response").keys;
    const auto keys = entries(e.value, section, step.where);
    if (const MapEntry* n = find(keys, "name")) step.name = readName(*n);
    if (const MapEntry* c = find(keys, "command"))
        if (auto a = readCommand(*c)) step.command = std::move(*a);
    const SignalSpec* signal = nullptr;
    if (const MapEntry* s = find(keys, "signal")) {
        signal = readSignal(*s);
        if (signal) step.signal = signal->name;
    }
    const ValueType signalType = signal ? signal->type : ValueType::unknown();
    if (const MapEntry* t = find(keys, "target")) {
        auto target = expression(t->value, m_source.at(t->keyNode));
        if (signal) expectType(target, signalType, Percent::Rejected);
        if (target) step.target = *target;
    }
    if (const MapEntry* b = find(keys, "band")) {
        auto band = expression(b->value, m_source.at(b->keyNode));
        if (signal) expectType(band, signalType, Percent::Accepted);
        if (band) step.band = *band;
    }
    if (const MapEntry* m = find(keys, "metric")) {
        const std::vector<std::string>& names = section.key("metric").choices;
        if (auto s = text(*m)) {
            if (const auto metric = fromWord(*s, kResponseMetrics))
                step.metric = *metric;
            else
                error(m_source.contentAt(m->value),
                      "unknown metric '" + *s + "'" + didYouMean(*s, names) + "; choose " + joined(names, " or "));
        }
    }
    if (const auto& band = section.key("band").requiredWhen; band && band->holds(toString(step.metric)) && !find(keys, "band"))
        error(m_source.at(e.value, step.where),
              "missing required key 'band' (" + toString(step.metric) + " needs a band around the target)");
    // rated and steady_window: the control deviation's, required there and refused elsewhere.
    for (const char* name : {"rated", "steady_window"}) {
        const grammar::Key& k = section.key(name);
        const MapEntry* given = find(keys, name);
        if (given && k.onlyWhen && !k.onlyWhen->holds(toString(step.metric)))
            error(m_source.at(given->keyNode), "'" + k.name + "' only applies to metric " + k.onlyWhen->describe());
        else if (!given && k.requiredWhen && k.requiredWhen->holds(toString(step.metric)))
            error(m_source.at(e.value, step.where),
                  "missing required key '" + k.name + "' (" + toString(step.metric) + " needs it)");
    }
    if (const MapEntry* r = find(keys, "rated")) {
        auto rated = expression(r->value, m_source.at(r->keyNode));
        if (signal) expectType(rated, signalType, Percent::Rejected);
        if (rated) step.rated = *rated;
    }
    if (const MapEntry* w = find(keys, "steady_window")) {
        auto window = expression(w->value, m_source.at(w->keyNode));
        expectType(window, kTime, Percent::Rejected);
        if (window) step.steadyWindow = *window;
    }
    if (const MapEntry* t = find(keys, "timeout")) {
        auto timeout = expression(t->value, m_source.at(t->keyNode));
        expectType(timeout, kTime, Percent::Rejected);
        if (auto beyond = beyondDurationLimit(timeout, "a timeout")) error(m_source.contentAt(t->value, step.where), *beyond);
        if (timeout) step.timeout = *timeout;
    }
    step.samplePeriod = timeOrDefault(keys, "sample_period", "1 ms", step.where);
    if (const MapEntry* r = find(keys, "requirements")) step.requirements = requirementList(*r);
    if (const MapEntry* x = find(keys, "expect")) {
        if (signal) {
            const ValueType metricType =
                step.metric == ResponseMetric::SlewRate ? ValueType::quantity(signal->type.dimension / core::Dimension::time())
                : step.metric == ResponseMetric::ControlDeviation ? ValueType::quantity(core::Dimension::none())
                                                                  : kTime;
            step.expect = readExpectation(*x, metricType, &step.requirements);
        } else {
            step.expect.where = m_source.at(x->keyNode);
        }
    }
    return Step(std::move(step));
}

} // namespace v2gbench::bench
