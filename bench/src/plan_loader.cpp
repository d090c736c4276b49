#include "plan_loader_impl.hpp"
#include "plan_limits.hpp"

#include "v2gbench/profiles/input_limits.hpp"
#include "v2gbench/profiles/yaml_document.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace v2gbench::bench {

namespace {

const std::vector<std::string> kReservedWords{"true", "false", "and", "or", "not", "min", "max", "abs"};

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string hint = closestMatch(word, candidates);
    return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool isPlainNumberText(const std::string& text) {
    const auto parsed = core::parseQuantity(text);
    return parsed.quantity && parsed.quantity->dimension.dimensionless() && !parsed.quantity->percent;
}

std::string exampleUnit(core::Dimension d) {
    if (d == core::Dimension::charge()) return "Ah";
    return core::unitSymbol(d);
}

} // namespace

std::string toString(Statistic s) {
    switch (s) {
    case Statistic::Mean: return "mean";
    case Statistic::Min: return "min";
    case Statistic::Max: return "max";
    case Statistic::Rms: return "rms";
    case Statistic::Final: return "final";
    case Statistic::PeakToPeak: return "p2p";
    case Statistic::StdDev: return "stddev";
    }
    return "mean";
}

std::string toString(ResponseMetric m) {
    switch (m) {
    case ResponseMetric::SettlingTime: return "settling_time";
    case ResponseMetric::RiseTime: return "rise_time";
    case ResponseMetric::SlewRate: return "slew_rate";
    case ResponseMetric::ResponseTime: return "response_time";
    case ResponseMetric::RegulationTime: return "regulation_time";
    case ResponseMetric::ControlDeviation: return "control_deviation";
    }
    return "settling_time";
}

std::string toString(BusMetric m) {
    switch (m) {
    case BusMetric::Latency: return "latency";
    case BusMetric::Count: return "count";
    case BusMetric::Period: return "period";
    case BusMetric::Episodes: return "episodes";
    case BusMetric::Field: return "field";
    case BusMetric::Layout: return "layout";
    case BusMetric::Distinct: return "distinct";
    case BusMetric::Span: return "span";
    }
    return "latency";
}

std::string toString(PeriodStatistic s) {
    switch (s) {
    case PeriodStatistic::Median: return "median";
    case PeriodStatistic::P95: return "p95";
    case PeriodStatistic::Max: return "max";
    case PeriodStatistic::Min: return "min";
    case PeriodStatistic::Mean: return "mean";
    }
    return "median";
}

std::string toString(CaptureMetric m) {
    switch (m) {
    case CaptureMetric::Interval: return "interval";
    case CaptureMetric::Peak: return "peak";
    case CaptureMetric::Value: return "value";
    case CaptureMetric::Rate: return "rate";
    }
    return "interval";
}

PlanLoaderImpl::PlanLoaderImpl(const std::string& text, const std::string& file, const PlanLoadContext& context)
    : m_context(context), m_catalog(context.catalog ? *context.catalog : RoleCatalog::builtin()), m_text(text),
      m_source(text, file) {}

void PlanLoaderImpl::error(const core::SourceLocation& where, const std::string& message) {
    m_diagnostics.push_back({where, message});
}

std::vector<MapEntry> PlanLoaderImpl::entries(const YAML::Node& map, const std::vector<std::string>& allowed,
                                              const std::vector<std::string>& required,
                                              const core::SourceLocation& where) {
    std::vector<MapEntry> out;
    const core::SourceLocation mapAt = m_source.at(map, where);
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        const core::SourceLocation keyAt = m_source.at(key, mapAt);
        if (!key.IsScalar()) {
            error(keyAt, "a key must be a plain word, got " + describeNode(key));
            continue;
        }
        const std::string name = key.Scalar();
        if (const MapEntry* first = find(out, name)) {
            error(keyAt, "duplicate key '" + name + "' (first given at line " +
                             std::to_string(m_source.at(first->keyNode).line) + ")");
            continue;
        }
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            error(keyAt, "unknown key '" + name + "'" + didYouMean(name, allowed));
            continue;
        }
        out.push_back({name, key, it->second});
    }
    for (const auto& r : required)
        if (!find(out, r)) error(mapAt, "missing required key '" + r + "'");
    return out;
}

std::vector<MapEntry> PlanLoaderImpl::entries(const YAML::Node& map, const grammar::Section& section,
                                              const core::SourceLocation& where) {
    return entries(map, section.names(), section.requiredNames(), where);
}

const MapEntry* PlanLoaderImpl::find(const std::vector<MapEntry>& entries, const std::string& key) {
    for (const auto& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

std::optional<std::string> PlanLoaderImpl::text(const MapEntry& e) {
    if (!e.value.IsScalar()) {
        error(m_source.at(e.value, m_source.at(e.keyNode)), "'" + e.key + "' must be a text, got " + describeNode(e.value));
        return std::nullopt;
    }
    return e.value.Scalar();
}

std::vector<std::string> PlanLoaderImpl::textList(const MapEntry& e) {
    std::vector<std::string> out;
    if (e.value.IsNull()) return out;
    if (!e.value.IsSequence()) {
        error(m_source.at(e.value, m_source.at(e.keyNode)),
              "'" + e.key + "' must be a list, e.g. [a, b], got " + describeNode(e.value));
        return out;
    }
    for (const auto& item : e.value) {
        if (!item.IsScalar()) {
            error(m_source.at(item), "the items of '" + e.key + "' must be texts, got " + describeNode(item));
            continue;
        }
        out.push_back(item.Scalar());
    }
    return out;
}

std::vector<std::string> PlanLoaderImpl::requirementList(const MapEntry& e) {
    std::vector<std::string> ids = textList(e);
    if (m_context.isKnownRequirement && e.value.IsSequence()) {
        std::size_t i = 0;
        for (const auto& item : e.value) {
            if (!item.IsScalar()) continue;
            if (!m_context.isKnownRequirement(ids.at(i)))
                error(m_source.contentAt(item), "unknown requirement id '" + ids.at(i) + "'");
            ++i;
        }
    }
    return ids;
}

bool PlanLoaderImpl::isSimpleName(const std::string& name) const {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// ---------------------------------------------------------------- names and types

std::optional<ValueType> PlanLoaderImpl::lookupType(const std::string& name) const {
    for (auto it = m_loopVariables.rbegin(); it != m_loopVariables.rend(); ++it)
        if (it->first == name) return it->second;
    for (const auto& [n, t] : m_parameters)
        if (n == name) return t;
    if (const SignalSpec* s = m_catalog.signal(name)) return s->type;
    if (name.rfind("dut.", 0) == 0 && m_context.dutTypes) return m_context.dutTypes(name);
    if (name.rfind("vehicle.", 0) == 0 && m_context.vehicleTypes) return m_context.vehicleTypes(name);
    return std::nullopt;
}

std::vector<std::string> PlanLoaderImpl::knownNames() const {
    std::vector<std::string> names;
    for (const auto& v : m_loopVariables) names.push_back(v.first);
    for (const auto& p : m_parameters) names.push_back(p.first);
    for (const auto& s : m_catalog.signals()) names.push_back(s.name);
    if (m_context.vehicleTypes)
        for (const auto& n : EvProfile::names()) names.push_back(n);
    return names;
}

std::optional<Expression> PlanLoaderImpl::expression(const YAML::Node& node, const core::SourceLocation& fallback) {
    const core::SourceLocation where = m_source.at(node, fallback);
    if (node.IsSequence()) {
        // A YAML list of expressions is one list expression; each item keeps its own location.
        std::vector<Expression> items;
        bool ok = true;
        for (const auto& item : node) {
            if (!item.IsScalar()) {
                error(m_source.at(item, where), "a list item must be a value or an expression, got " + describeNode(item));
                ok = false;
                continue;
            }
            try {
                items.push_back(Expression::parse(item.Scalar(), m_source.contentAt(item)));
            } catch (const core::ConfigError& e) {
                error(e.where(), e.message());
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        return Expression::list(items, where);
    }
    if (!node.IsScalar()) {
        error(where, "expected a value or an expression, got " + describeNode(node));
        return std::nullopt;
    }
    try {
        return Expression::parse(node.Scalar(), m_source.contentAt(node));
    } catch (const core::ConfigError& e) {
        error(e.where(), e.message());
        return std::nullopt;
    }
}

void PlanLoaderImpl::useRole(const std::string& role, const core::SourceLocation& where) {
    if (!m_catalog.isRole(role)) return;
    if (std::find(m_requiredRoles.begin(), m_requiredRoles.end(), role) != m_requiredRoles.end()) return;
    if (!m_reportedRoles.insert(role).second) return; // once per role is enough to fix it
    error(where, "role '" + role + "' is used but not listed in requires.roles");
}

std::optional<ValueType> PlanLoaderImpl::check(const Expression& e) {
    bool ok = true;
    for (const auto& ref : e.names()) {
        if (!lookupType(ref.name)) {
            std::string hint = didYouMean(ref.name, knownNames());
            if (hint.empty() && ref.name.find('.') == std::string::npos &&
                (e.text().find("==") != std::string::npos || e.text().find("!=") != std::string::npos))
                hint = " (to compare with a text, quote it: '" + ref.name + "')";
            error(ref.where, "unknown name '" + ref.name + "'" + hint);
            ok = false;
        } else if (m_inSteps) {
            if (const SignalSpec* s = m_catalog.signal(ref.name)) useRole(s->role, ref.where);
        }
    }
    if (!ok) return std::nullopt;
    try {
        return e.typeCheck([this](const std::string& n) { return lookupType(n); });
    } catch (const core::ConfigError& err) {
        error(err.where(), err.message());
        return std::nullopt;
    }
}

void PlanLoaderImpl::expectType(const std::optional<Expression>& e, const ValueType& wanted, Percent percent) {
    if (!e) return;
    const std::optional<ValueType> t = check(*e);
    if (!t || t->kind == ValueType::Kind::Unknown) return;
    using Kind = ValueType::Kind;
    std::string wantedText = describe(wanted);
    if (wanted.kind == Kind::Quantity) {
        if (t->kind == Kind::Quantity) {
            if (t->dimension == wanted.dimension) return;
            if (percent == Percent::Accepted && t->percent) return;
        }
        if (percent == Percent::Accepted) wantedText += " or a percentage (%)";
        std::string message = "expected " + wantedText + ", got " + describe(*t);
        if (t->kind == Kind::Quantity && !t->percent && t->dimension.dimensionless() && isPlainNumberText(e->text())) {
            std::string number = e->text();
            while (!number.empty() && number.back() == ' ') number.pop_back();
            message += " \xE2\x80\x94 add a unit, e.g. '" + number + " " + exampleUnit(wanted.dimension) + "'";
        }
        error(e->where(), message);
        return;
    }
    if (t->kind != wanted.kind) error(e->where(), "expected " + wantedText + ", got " + describe(*t));
}

// ---------------------------------------------------------------- plan structure

void PlanLoaderImpl::readRequires(const MapEntry& e, Plan& plan) {
    if (e.value.IsNull()) return;
    if (!e.value.IsMap()) {
        error(m_source.at(e.value), "'requires' must be a map, e.g. {roles: [grid, ev]}, got " + describeNode(e.value));
        return;
    }
    const auto keys = entries(e.value, grammar::requiresKeys(), m_source.at(e.keyNode));
    if (const MapEntry* roles = find(keys, "roles")) {
        plan.requiredRoles = textList(*roles);
        if (roles->value.IsSequence()) {
            for (const auto& item : roles->value) {
                if (!item.IsScalar() || m_catalog.isRole(item.Scalar())) continue;
                error(m_source.contentAt(item), "unknown role '" + item.Scalar() + "'" +
                                                    didYouMean(item.Scalar(), m_catalog.roles()) + "; the roles are " +
                                                    joined(m_catalog.roles()));
            }
        }
        m_requiredRoles = plan.requiredRoles;
    }
    if (const MapEntry* caps = find(keys, "capabilities")) plan.requiredCapabilities = textList(*caps);
}

void PlanLoaderImpl::readParameters(const MapEntry& e, Plan& plan) {
    if (e.value.IsNull()) return;
    if (!e.value.IsMap()) {
        error(m_source.at(e.value), "'parameters' must be a map of name: value, got " + describeNode(e.value));
        return;
    }
    for (const auto& p : entries(e.value, {}, {}, m_source.at(e.keyNode))) {
        const core::SourceLocation at = m_source.at(p.keyNode);
        ValueType type = ValueType::unknown();
        if (!isSimpleName(p.key)) {
            error(at, "parameter name '" + p.key +
                          "' must be a simple name (letters, digits and '_'); dotted names are signals and DUT values");
        } else if (std::find(kReservedWords.begin(), kReservedWords.end(), p.key) != kReservedWords.end()) {
            error(at, "'" + p.key + "' is a reserved word and cannot name a parameter");
        } else if (auto value = expression(p.value, at)) {
            if (auto t = check(*value)) type = *t;
            plan.parameters.push_back({p.key, *value, at});
        }
        // Registered even when wrong, as Unknown, so later uses do not report it again.
        m_parameters.emplace_back(p.key, type);
    }
}

void PlanLoaderImpl::readCases(const MapEntry& e, Plan& plan) {
    if (!e.value.IsSequence()) {
        error(m_source.at(e.value, m_source.at(e.keyNode)),
              "'cases' must be a list of cases (each starting with '- id:'), got " + describeNode(e.value));
        return;
    }
    if (e.value.size() == 0) {
        error(m_source.at(e.value, m_source.at(e.keyNode)), "a plan needs at least one case");
        return;
    }
    std::map<std::string, int> seenIds;
    for (const auto& node : e.value)
        if (auto c = readCase(node, seenIds)) plan.cases.push_back(std::move(*c));
}

std::optional<Case> PlanLoaderImpl::readCase(const YAML::Node& node, std::map<std::string, int>& seenIds) {
    const core::SourceLocation at = m_source.at(node);
    if (!node.IsMap()) {
        error(at, "a case must be a map with 'id' and 'steps', got " + describeNode(node));
        return std::nullopt;
    }
    Case c;
    c.where = at;
    const auto keys = entries(node, grammar::caseKeys(), at);
    if (const MapEntry* id = find(keys, "id")) {
        if (auto s = text(*id)) {
            c.id = *s;
            if (s->size() > kMaxIdLength)
                error(m_source.contentAt(id->value), "case id is " + std::to_string(s->size()) +
                                                         " characters long; the bench allows at most " +
                                                         std::to_string(kMaxIdLength));
            const int line = m_source.at(id->value).line;
            if (auto [it, inserted] = seenIds.emplace(c.id, line); !inserted)
                error(m_source.contentAt(id->value),
                      "duplicate case id '" + c.id + "' (first used at line " + std::to_string(it->second) + ")");
        }
    }
    if (const MapEntry* title = find(keys, "title"))
        if (auto s = text(*title)) c.title = *s;
    if (const MapEntry* reqs = find(keys, "requirements")) c.requirements = requirementList(*reqs);
    m_caseRequirements = c.requirements;

    m_loopVariables.clear();
    if (const MapEntry* fe = find(keys, "for_each")) {
        if (!fe->value.IsMap()) {
            error(m_source.at(fe->value, m_source.at(fe->keyNode)),
                  "'for_each' must be a map of variable: list, e.g. {current: [10 A, 30 A]}, got " + describeNode(fe->value));
        } else {
            for (const auto& v : entries(fe->value, {}, {}, m_source.at(fe->keyNode))) {
                const core::SourceLocation vAt = m_source.at(v.keyNode);
                ValueType element = ValueType::unknown();
                if (!isSimpleName(v.key)) {
                    error(vAt, "loop variable '" + v.key + "' must be a simple name (letters, digits and '_')");
                } else if (std::any_of(m_parameters.begin(), m_parameters.end(),
                                       [&](const auto& p) { return p.first == v.key; })) {
                    error(vAt, "loop variable '" + v.key + "' hides the parameter of the same name");
                } else if (auto values = expression(v.value, vAt)) {
                    if (auto t = check(*values)) {
                        if (t->kind == ValueType::Kind::List) {
                            element.kind = t->elementKind;
                            element.dimension = t->dimension;
                            element.percent = t->percent;
                        } else if (t->kind != ValueType::Kind::Unknown) {
                            error(values->where(), "for_each needs a list for '" + v.key + "', got " + describe(*t) +
                                                       "; write e.g. [10 A, 30 A] or the name of a list parameter");
                        }
                    }
                    c.forEach.push_back({v.key, *values, vAt});
                }
                m_loopVariables.emplace_back(v.key, element);
            }
        }
    }
    if (const MapEntry* cond = find(keys, "applies_if")) {
        auto e = expression(cond->value, m_source.at(cond->keyNode));
        expectType(e, ValueType::boolean(), Percent::Rejected);
        c.appliesIf = e;
    }
    if (const MapEntry* steps = find(keys, "steps")) c.steps = readSteps(*steps, true);
    m_loopVariables.clear();
    m_caseRequirements.clear();
    return c;
}

PlanLoadResult PlanLoaderImpl::load() {
    PlanLoadResult result;
    YAML::Node root;
    try {
        root = parseBoundedYaml(m_text, m_source.file());
    } catch (const core::ConfigError& e) {
        error(e.where(), e.message());
        result.diagnostics = m_diagnostics;
        return result;
    }
    Plan plan;
    plan.file = m_source.file();
    plan.sourceText = m_text;
    if (!root.IsMap()) {
        error(m_source.at(1, 1), "a plan file must be a YAML map with at least the keys 'plan', 'title' and 'cases'");
        result.diagnostics = m_diagnostics;
        return result;
    }
    const auto keys = entries(root, grammar::planKeys(), m_source.at(1, 1));
    if (const MapEntry* id = find(keys, "plan")) {
        if (auto s = text(*id)) {
            plan.id = *s;
            const bool ok = !s->empty() && std::all_of(s->begin(), s->end(), [](char ch) {
                return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
            });
            if (!ok)
                error(m_source.contentAt(id->value),
                      "plan id '" + *s + "' may contain only lower-case letters, digits and '-'");
            else if (s->size() > kMaxIdLength)
                error(m_source.contentAt(id->value), "plan id is " + std::to_string(s->size()) +
                                                         " characters long; the bench allows at most " +
                                                         std::to_string(kMaxIdLength) + " (it names the run folder)");
        }
    }
    if (const MapEntry* title = find(keys, "title"))
        if (auto s = text(*title)) plan.title = *s;
    if (const MapEntry* d = find(keys, "description"))
        if (auto s = text(*d)) plan.description = *s;
    if (const MapEntry* purpose = find(keys, "purpose")) {
        if (auto s = text(*purpose)) {
            if (*s == "rack-self-check") plan.rackSelfCheck = true;
            else if (*s != "charger-test")
                error(m_source.contentAt(purpose->value),
                      "'purpose' is 'charger-test' (default) or 'rack-self-check', got '" + *s + "'");
        }
    }
    if (const MapEntry* reqs = find(keys, "requirements")) plan.requirements = requirementList(*reqs);
    m_planRequirements = plan.requirements;
    if (const MapEntry* r = find(keys, "requires")) readRequires(*r, plan);
    if (const MapEntry* p = find(keys, "parameters")) readParameters(*p, plan);
    if (const MapEntry* cond = find(keys, "applies_if")) {
        auto e = expression(cond->value, m_source.at(cond->keyNode));
        expectType(e, ValueType::boolean(), Percent::Rejected);
        plan.appliesIf = e;
    }
    if (const MapEntry* s = find(keys, "setup")) plan.setup = readSteps(*s, false);
    if (const MapEntry* c = find(keys, "cases")) readCases(*c, plan);
    if (const MapEntry* t = find(keys, "teardown")) plan.teardown = readSteps(*t, false);

    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    result.diagnostics = m_diagnostics;
    if (m_diagnostics.empty()) result.plan = std::move(plan);
    return result;
}

PlanLoadResult loadPlanText(const std::string& text, const std::string& fileName, const PlanLoadContext& context) {
    return PlanLoaderImpl(text, fileName, context).load();
}

PlanLoadResult loadPlanFile(const std::string& path, const PlanLoadContext& context) {
    std::string text;
    try {
        text = core::readRegularFile(path, kInputFileMaxBytes, "a plan");
    } catch (const core::FileReadError& e) {
        // "<path>: not a regular file (a FIFO)" → a diagnostic at the file, without the path twice.
        std::string message = e.what();
        if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
        PlanLoadResult result;
        result.diagnostics.push_back({{path, 0, 0}, message});
        return result;
    }
    return loadPlanText(text, path, context);
}

} // namespace v2gbench::bench
