#include "v2gbench/reports/run_summary.hpp"

#include "text_file.hpp"
#include "v2gbench/reports/text_format.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <stdexcept>

namespace v2gbench::reports {

namespace {

// ordered_json keeps settings and ratings in the order the run wrote them.
using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> kVerdictNames{"pass", "not-applicable", "inconclusive", "fail", "error",
                                                        "aborted"};

// Walks the JSON with a path string, so every error says exactly where it is ("plans[0].cases[2].verdict").
class Reader {
public:
    explicit Reader(const std::string& fileName) : m_fileName(fileName) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw std::runtime_error(m_fileName + ": " + what + (path.empty() ? "" : " (at " + path + ")"));
    }

    static std::string typeName(const Json& j) { return j.type_name(); }

    const Json* optionalField(const Json& obj, const std::string& path, const char* key) const {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            return nullptr;
        }
        (void)path;
        return &*it;
    }

    const Json& requiredField(const Json& obj, const std::string& path, const char* key) const {
        const Json* j = optionalField(obj, path, key);
        if (j == nullptr) {
            fail(path, std::string("missing required field '") + key + "'");
        }
        return *j;
    }

    std::string string(const Json& obj, const std::string& path, const char* key, bool required = false) const {
        const Json* j = required ? &requiredField(obj, path, key) : optionalField(obj, path, key);
        if (j == nullptr) {
            return {};
        }
        if (!j->is_string()) {
            fail(join(path, key), std::string("field '") + key + "' must be a string, got " + typeName(*j));
        }
        return j->get<std::string>();
    }

    std::optional<double> number(const Json& obj, const std::string& path, const char* key) const {
        const Json* j = optionalField(obj, path, key);
        if (j == nullptr) {
            return std::nullopt;
        }
        if (!j->is_number()) {
            fail(join(path, key), std::string("field '") + key + "' must be a number or null, got " + typeName(*j));
        }
        return j->get<double>();
    }

    bool boolean(const Json& obj, const std::string& path, const char* key) const {
        const Json* j = optionalField(obj, path, key);
        if (j == nullptr) {
            return false;
        }
        if (!j->is_boolean()) {
            fail(join(path, key), std::string("field '") + key + "' must be true or false, got " + typeName(*j));
        }
        return j->get<bool>();
    }

    std::optional<Verdict> verdict(const Json& obj, const std::string& path, const char* key, bool required) const {
        const std::string text = string(obj, path, key, required);
        if (text.empty()) {
            return std::nullopt;
        }
        try {
            return parseVerdict(text);
        } catch (const std::invalid_argument&) {
            fail(join(path, key), "unknown verdict '" + text +
                                      "' (expected pass, fail, inconclusive, not-applicable, error or aborted)");
        }
    }

    const Json* array(const Json& obj, const std::string& path, const char* key, bool required = false) const {
        const Json* j = required ? &requiredField(obj, path, key) : optionalField(obj, path, key);
        if (j != nullptr && !j->is_array()) {
            fail(join(path, key), std::string("field '") + key + "' must be an array, got " + typeName(*j));
        }
        return j;
    }

    const Json* object(const Json& obj, const std::string& path, const char* key) const {
        const Json* j = optionalField(obj, path, key);
        if (j != nullptr && !j->is_object()) {
            fail(join(path, key), std::string("field '") + key + "' must be an object, got " + typeName(*j));
        }
        return j;
    }

    void expectObject(const Json& j, const std::string& path) const {
        if (!j.is_object()) {
            fail(path, "expected an object, got " + typeName(j));
        }
    }

    std::vector<std::string> strings(const Json& obj, const std::string& path, const char* key) const {
        std::vector<std::string> out;
        if (const Json* a = array(obj, path, key)) {
            for (std::size_t i = 0; i < a->size(); ++i) {
                if (!(*a)[i].is_string()) {
                    fail(join(path, key) + "[" + std::to_string(i) + "]", "expected a string");
                }
                out.push_back((*a)[i].get<std::string>());
            }
        }
        return out;
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }
    static std::string index(const std::string& path, const char* key, std::size_t i) {
        return join(path, key) + "[" + std::to_string(i) + "]";
    }

    // Settings and ratings are shown, not computed with: keep any scalar as display text.
    static std::string scalarText(const Json& j) {
        if (j.is_string()) {
            return j.get<std::string>();
        }
        if (j.is_number()) {
            return formatNumber(j.get<double>(), 12);
        }
        return j.dump();
    }

    std::vector<std::pair<std::string, std::string>> keyValues(const Json& obj, const std::string& path,
                                                               const char* key) const {
        std::vector<std::pair<std::string, std::string>> out;
        if (const Json* o = object(obj, path, key)) {
            for (const auto& [k, v] : o->items()) {
                out.emplace_back(k, scalarText(v));
            }
        }
        return out;
    }

    void inputFile(const Json& obj, const std::string& path, InputFile& f) const {
        f.file = string(obj, path, "file");
        f.source = string(obj, path, "source");
        f.sha256 = string(obj, path, "sha256");
    }

private:
    std::string m_fileName;
};

CriterionInfo parseCriterion(const Reader& r, const Json& j, const std::string& path) {
    r.expectObject(j, path);
    return {r.string(j, path, "name", true), r.string(j, path, "text"), r.string(j, path, "source"),
            r.string(j, path, "confidence"), r.string(j, path, "ours")};
}

UncertaintyBudget parseBudget(const Reader& r, const Json& j, const std::string& path) {
    UncertaintyBudget b;
    b.kind = r.string(j, path, "kind");
    b.k = r.number(j, path, "k");
    b.combinedStandard = r.number(j, path, "combined_standard");
    b.expanded = r.number(j, path, "expanded");
    b.unit = r.string(j, path, "unit");
    b.note = r.string(j, path, "note");
    if (const Json* list = r.array(j, path, "contributions"))
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& c = (*list)[i];
            const std::string at = Reader::index(path, "contributions", i);
            r.expectObject(c, at);
            b.contributions.push_back({r.string(c, at, "name"), r.string(c, at, "source"), r.string(c, at, "type"),
                                       r.number(c, at, "standard"), r.number(c, at, "sensitivity"),
                                       r.string(c, at, "unit")});
        }
    return b;
}

CheckResult parseCheck(const Reader& r, const Json& j, const std::string& path) {
    r.expectObject(j, path);
    CheckResult c;
    c.name = r.string(j, path, "name", true);
    c.kind = r.string(j, path, "kind");
    c.signal = r.string(j, path, "signal");
    c.statistic = r.string(j, path, "statistic");
    c.metric = r.string(j, path, "metric");
    c.value = r.number(j, path, "value");
    c.unit = r.string(j, path, "unit");
    c.low = r.number(j, path, "low");
    c.high = r.number(j, path, "high");
    c.nominal = r.number(j, path, "nominal");
    c.limitText = r.string(j, path, "limit_text");
    c.uncertainty = r.number(j, path, "uncertainty");
    c.verdict = *r.verdict(j, path, "verdict", true);
    c.reason = r.string(j, path, "reason");
    c.requirements = r.strings(j, path, "requirements");
    c.trace = r.string(j, path, "trace");
    c.tStartS = r.number(j, path, "t_start_s");
    c.tEndS = r.number(j, path, "t_end_s");
    c.source = r.string(j, path, "source");
    c.evidence = r.strings(j, path, "evidence");
    if (const Json* k = r.object(j, path, "criterion")) {
        const std::string at = Reader::join(path, "criterion");
        c.criterionRequirement = r.string(*k, at, "requirement");
        c.criterion = parseCriterion(r, *k, at);
    }
    if (const Json* a = r.object(j, path, "answer")) {
        const std::string at = Reader::join(path, "answer");
        c.answer = r.string(*a, at, "value");
        c.answeredBy = r.string(*a, at, "by");
        c.answerOrigin = r.string(*a, at, "origin");
    }
    c.decision = r.string(j, path, "decision");
    c.guardBand = r.number(j, path, "guard_band");
    if (const Json* b = r.object(j, path, "budget")) c.budget = parseBudget(r, *b, Reader::join(path, "budget"));
    return c;
}

CaseResult parseCase(const Reader& r, const Json& j, const std::string& path) {
    r.expectObject(j, path);
    CaseResult c;
    c.id = r.string(j, path, "id", true);
    c.instance = r.string(j, path, "instance");
    c.title = r.string(j, path, "title");
    c.verdict = *r.verdict(j, path, "verdict", true);
    c.reason = r.string(j, path, "reason");
    c.benchTimeS = r.number(j, path, "bench_time_s");
    c.requirements = r.strings(j, path, "requirements");
    if (const Json* checks = r.array(j, path, "checks")) {
        for (std::size_t i = 0; i < checks->size(); ++i) {
            c.checks.push_back(parseCheck(r, (*checks)[i], Reader::index(path, "checks", i)));
        }
    }
    return c;
}

PlanResult parsePlan(const Reader& r, const Json& j, const std::string& path) {
    r.expectObject(j, path);
    PlanResult p;
    p.id = r.string(j, path, "id", true);
    p.title = r.string(j, path, "title");
    r.inputFile(j, path, p);
    p.verdict = *r.verdict(j, path, "verdict", true);
    p.reason = r.string(j, path, "reason");
    p.benchTimeS = r.number(j, path, "bench_time_s");
    if (const Json* cases = r.array(j, path, "cases")) {
        for (std::size_t i = 0; i < cases->size(); ++i) {
            p.cases.push_back(parseCase(r, (*cases)[i], Reader::index(path, "cases", i)));
        }
    }
    return p;
}

// manifest.json is a secondary source (the report must not depend on its exact shape): take any
// array of objects under "inputs" or "files" that name a copy path and a hash, ignore the rest.
void mergeManifestInputs(const Json& manifest, RunSummary& summary) {
    if (!manifest.is_object()) {
        return;
    }
    for (const char* key : {"inputs", "files"}) {
        const auto it = manifest.find(key);
        if (it == manifest.end() || !it->is_array()) {
            continue;
        }
        for (const Json& entry : *it) {
            if (!entry.is_object()) {
                continue;
            }
            const auto text = [&entry](std::initializer_list<const char*> names) {
                for (const char* n : names) {
                    const auto f = entry.find(n);
                    if (f != entry.end() && f->is_string()) {
                        return f->get<std::string>();
                    }
                }
                return std::string{};
            };
            InputFile f{text({"copy", "file", "path"}), text({"original", "source"}), text({"sha256"})};
            if (f.file.empty() && f.source.empty()) {
                continue;
            }
            summary.extraInputs.push_back(std::move(f));
        }
    }
}

} // namespace

std::string_view toString(Verdict verdict) { return kVerdictNames.at(static_cast<std::size_t>(verdict)); }

Verdict parseVerdict(std::string_view text) {
    for (std::size_t i = 0; i < kVerdictNames.size(); ++i) {
        if (kVerdictNames[i] == text) {
            return static_cast<Verdict>(i);
        }
    }
    throw std::invalid_argument("unknown verdict '" + std::string(text) + "'");
}

Verdict worst(Verdict a, Verdict b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

RunSummary parseRunSummary(std::string_view jsonText, const std::string& fileName) {
    Json root;
    try {
        root = Json::parse(jsonText.begin(), jsonText.end());
    } catch (const Json::parse_error& e) {
        throw std::runtime_error(fileName + ": invalid JSON: " + e.what());
    }
    const Reader r(fileName);
    r.expectObject(root, "");

    RunSummary s;
    s.format = r.string(root, "", "format", true);
    // Accept later minor revisions of format 1; a different major format is a different contract.
    if (s.format.rfind("v2gbench-run/1", 0) != 0) {
        r.fail("format", "unsupported format '" + s.format + "' (expected v2gbench-run/1)");
    }
    s.toolVersion = r.string(root, "", "tool_version");
    s.runId = r.string(root, "", "run_id", true);
    s.startedUtc = r.string(root, "", "started_utc");
    s.finishedUtc = r.string(root, "", "finished_utc");
    s.wallTimeS = r.number(root, "", "wall_time_s");
    s.benchTimeS = r.number(root, "", "bench_time_s");
    s.clock = r.string(root, "", "clock");
    s.verdict = *r.verdict(root, "", "verdict", true);
    if (const auto code = r.number(root, "", "exit_code")) {
        s.exitCode = static_cast<int>(*code);
    }
    s.abortReason = r.string(root, "", "abort_reason");
    if (const Json* bench = r.object(root, "", "bench")) {
        r.inputFile(*bench, "bench", s.bench);
        s.bench.name = r.string(*bench, "bench", "name");
    }
    if (const Json* dut = r.object(root, "", "dut")) {
        r.inputFile(*dut, "dut", s.dut);
        s.dut.manufacturer = r.string(*dut, "dut", "manufacturer");
        s.dut.model = r.string(*dut, "dut", "model");
        s.dut.ratings = r.keyValues(*dut, "dut", "ratings");
    }
    s.settings = r.keyValues(root, "", "settings");
    if (const Json* instruments = r.array(root, "", "instruments")) {
        for (std::size_t i = 0; i < instruments->size(); ++i) {
            const Json& j = (*instruments)[i];
            const std::string path = Reader::index("", "instruments", i);
            r.expectObject(j, path);
            s.instruments.push_back({r.string(j, path, "role"), r.string(j, path, "driver"), r.string(j, path, "uri"),
                                     r.string(j, path, "manufacturer"), r.string(j, path, "model"),
                                     r.string(j, path, "serial"), r.string(j, path, "firmware"),
                                     r.string(j, path, "calibration_due")});
            if (const Json* reg = r.object(j, path, "register")) {
                s.instruments.back().registerId = r.string(*reg, path + ".register", "id");
                s.instruments.back().registerState = r.string(*reg, path + ".register", "state");
                if (const Json* cal = r.object(*reg, path + ".register", "calibration")) {
                    const std::string at = path + ".register.calibration";
                    s.instruments.back().calibrationCertificate = r.string(*cal, at, "certificate");
                    s.instruments.back().calibrationLab = r.string(*cal, at, "lab");
                    s.instruments.back().calibrationDate = r.string(*cal, at, "date");
                }
            }
        }
    }
    if (const Json* reqs = r.array(root, "", "requirements")) {
        for (std::size_t i = 0; i < reqs->size(); ++i) {
            const Json& j = (*reqs)[i];
            const std::string path = Reader::index("", "requirements", i);
            r.expectObject(j, path);
            RequirementInfo q;
            q.id = r.string(j, path, "id", true);
            q.catalogue = r.string(j, path, "catalogue");
            q.standard = r.string(j, path, "standard");
            q.clause = r.string(j, path, "clause");
            q.title = r.string(j, path, "title");
            q.summary = r.string(j, path, "summary");
            q.source = r.string(j, path, "source");
            q.confidence = r.string(j, path, "confidence");
            if (const Json* criteria = r.array(j, path, "criteria"))
                for (std::size_t k = 0; k < criteria->size(); ++k)
                    q.criteria.push_back(parseCriterion(r, (*criteria)[k], Reader::index(path, "criteria", k)));
            q.verdict = r.verdict(j, path, "verdict", false);
            q.checks = static_cast<int>(r.number(j, path, "checks").value_or(0));
            s.requirements.push_back(std::move(q));
        }
    }
    if (const Json* catalogues = r.array(root, "", "catalogues")) {
        for (std::size_t i = 0; i < catalogues->size(); ++i) {
            const Json& j = (*catalogues)[i];
            const std::string path = Reader::index("", "catalogues", i);
            r.expectObject(j, path);
            CatalogueInfo c{r.string(j, path, "name", true), r.string(j, path, "standard"), r.string(j, path, "title"),
                            r.boolean(j, path, "complete"), {}, {}};
            if (const auto cases = r.number(j, path, "cases_in_standard")) c.casesInStandard = static_cast<int>(*cases);
            if (const Json* entries = r.array(j, path, "entries"))
                for (std::size_t k = 0; k < entries->size(); ++k) {
                    const Json& e = (*entries)[k];
                    const std::string at = Reader::index(path, "entries", k);
                    r.expectObject(e, at);
                    c.entries.push_back({r.string(e, at, "id", true), r.string(e, at, "clause"),
                                         r.string(e, at, "title"), r.string(e, at, "confidence")});
                }
            s.catalogues.push_back(std::move(c));
        }
    }
    if (const Json* cert = r.object(root, "", "certificate")) {
        s.certificate.known = true;
        s.certificate.certificateGrade = r.boolean(*cert, "certificate", "certificate_grade");
        s.certificate.statement = r.string(*cert, "certificate", "statement");
        s.certificate.planLimitChecks =
            static_cast<int>(r.number(*cert, "certificate", "plan_limit_checks").value_or(0));
        if (const Json* list = r.array(*cert, "certificate", "unverified_criteria"))
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string path = Reader::index("certificate", "unverified_criteria", i);
                s.certificate.unverified.emplace_back(r.string((*list)[i], path, "requirement"),
                                                      parseCriterion(r, (*list)[i], path));
            }
    }
    if (const Json* cert = r.object(root, "", "certification")) {
        s.certification.known = true;
        s.certification.requested = r.boolean(*cert, "certification", "requested");
        s.certification.forCertification = r.boolean(*cert, "certification", "for_certification");
        s.certification.statement = r.string(*cert, "certification", "statement");
        s.certification.refused = r.strings(*cert, "certification", "refused");
    }
    if (root.contains("simulation")) s.simulation = r.boolean(root, "", "simulation");
    if (const Json* rack = r.object(root, "", "rack")) {
        s.rack.present = true;
        s.rack.ready = r.boolean(*rack, "rack", "ready");
        s.rack.selfCheckPlans = r.strings(*rack, "rack", "self_check_plans");
        s.rack.reasons = r.strings(*rack, "rack", "reasons");
        s.rack.plansNotRun = r.strings(*rack, "rack", "plans_not_run");
    }
    if (const Json* rule = r.object(root, "", "decision_rule")) {
        s.decisionRule = r.string(*rule, "decision_rule", "name");
        s.decisionRuleStatement = r.string(*rule, "decision_rule", "statement");
    }
    const Json& plans = *r.array(root, "", "plans", true);
    for (std::size_t i = 0; i < plans.size(); ++i) {
        s.plans.push_back(parsePlan(r, plans[i], Reader::index("", "plans", i)));
    }
    if (const Json* coverage = r.array(root, "", "standard_coverage")) {
        for (std::size_t i = 0; i < coverage->size(); ++i) {
            const Json& j = (*coverage)[i];
            const std::string path = Reader::index("", "standard_coverage", i);
            r.expectObject(j, path);
            StandardCoverage sc{r.string(j, path, "standard"), {}, !j.contains("complete") || r.boolean(j, path, "complete")};
            if (const Json* cases = r.array(j, path, "cases"))
                for (std::size_t k = 0; k < cases->size(); ++k) {
                    const Json& c = (*cases)[k];
                    const std::string at = Reader::index(path, "cases", k);
                    r.expectObject(c, at);
                    sc.cases.push_back({r.string(c, at, "id"), r.string(c, at, "title"), r.string(c, at, "status"),
                                        r.string(c, at, "verdict"), r.string(c, at, "reason")});
                }
            s.standardCoverage.push_back(std::move(sc));
        }
    }
    if (const Json* counts = r.object(root, "", "counts")) {
        for (const auto& [k, v] : counts->items()) {
            if (!v.is_number_integer()) {
                r.fail("counts." + k, "expected an integer, got " + std::string(v.type_name()));
            }
            s.counts[k] = v.get<int>();
        }
    }
    return s;
}

RunSummary loadRunSummary(const std::filesystem::path& runDir) {
    const std::filesystem::path file = runDir / "summary.json";
    RunSummary summary = parseRunSummary(readTextFile(file, kSummaryMaxBytes, "summary.json"), file.string());
    const std::filesystem::path manifest = runDir / "manifest.json";
    if (std::filesystem::exists(manifest)) {
        Json j;
        try {
            j = Json::parse(readTextFile(manifest, kManifestMaxBytes, "manifest.json"));
        } catch (const Json::parse_error& e) {
            throw std::runtime_error(manifest.string() + ": invalid JSON: " + e.what());
        }
        mergeManifestInputs(j, summary);
    }
    return summary;
}

} // namespace v2gbench::reports
