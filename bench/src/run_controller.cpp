#include "v2gbench/bench/run_controller.hpp"

#include "v2gbench/bench/declared_duration.hpp"

#include "v2gbench/bench/case_selection.hpp"
#include "v2gbench/bench/decision_rule.hpp"
#include "v2gbench/bench/standard_coverage.hpp"

#include "check_json.hpp"
#include "v2gbench/profiles/input_limits.hpp"

#include "v2gbench/bench/answers_file.hpp"
#include "v2gbench/bench/bench_bindings.hpp"
#include "v2gbench/bench/bench_lock.hpp"
#include "v2gbench/bench/ev_profile.hpp"
#include "v2gbench/bench/instrument_register.hpp"

#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/bench/run_seal.hpp"
#include "v2gbench/core/build_info.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/utc_time.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

namespace v2gbench::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// An input already loaded (and so already checked) once; read it again for the run folder copy.
std::string readAll(const std::string& path, const char* what) { return core::readRegularFile(path, kInputFileMaxBytes, what); }

Diagnostic fromConfigError(const core::ConfigError& e) { return {e.where(), e.message()}; }

struct Inputs {
    RequirementSet requirements;
    std::optional<DutProfile> dut;
    std::optional<BenchProfile> bench;
    std::optional<EvProfile> ev;
    std::optional<AnswersFile> answers;
    std::string signingKey;
    std::optional<InstrumentRegister> instrumentRegister;
    DecisionRule decisionRule;
    std::vector<Plan> plans;
    std::vector<Diagnostic> diagnostics;
};

Inputs loadInputs(const RunRequest& request, const core::DriverRegistry* registry) {
    Inputs in;
    for (const auto& folder : request.requirementFolders) {
        try {
            in.requirements.loadFolder(folder);
        } catch (const core::ConfigError& e) {
            in.diagnostics.push_back(fromConfigError(e));
        }
    }
    try {
        in.dut = loadDutProfile(request.dutProfile);
    } catch (const core::ConfigError& e) {
        in.diagnostics.push_back(fromConfigError(e));
    }
    try {
        in.bench = loadBenchProfile(request.benchProfile);
        if (registry)
            for (auto& d : checkBindings(*in.bench, *registry)) in.diagnostics.push_back(std::move(d));
    } catch (const core::ConfigError& e) {
        in.diagnostics.push_back(fromConfigError(e));
    }

    if (!request.signingKey.empty()) in.signingKey = request.signingKey;
    else if (in.bench) in.signingKey = in.bench->signingKey;
    if (!in.signingKey.empty()) {
        try {
            checkSigningKey(in.signingKey);
        } catch (const SealError& e) {
            const bool fromProfile = request.signingKey.empty();
            in.diagnostics.push_back({fromProfile ? in.bench->signingKeyAt : core::SourceLocation{"--sign-key", 0, 0},
                                      std::string("signing key: ") + e.what()});
        }
    }

    if (!request.decisionRule.empty()) {
        try {
            in.decisionRule = parseDecisionRule(request.decisionRule);
        } catch (const std::invalid_argument& e) {
            in.diagnostics.push_back({core::SourceLocation{"--rule", 0, 0}, e.what()});
        }
    } else if (in.bench && !in.bench->decisionRule.empty()) {
        in.decisionRule = parseDecisionRule(in.bench->decisionRule); // checked when the profile was loaded
    }
    if (in.bench && !in.bench->instrumentRegister.empty()) {
        try {
            in.instrumentRegister = loadInstrumentRegister(in.bench->instrumentRegister);
        } catch (const core::ConfigError& e) {
            in.diagnostics.push_back(fromConfigError(e));
        }
    }

    const std::string evPath = !request.evProfile.empty() ? request.evProfile : in.bench ? in.bench->evProfile : "";
    if (!evPath.empty()) {
        try {
            in.ev = loadEvProfile(evPath);
        } catch (const core::ConfigError& e) {
            in.diagnostics.push_back(fromConfigError(e));
        }
    }

    PlanLoadContext context;
    context.dutTypes = [](const std::string& name) { return DutProfile::typeOf(name); };
    if (!in.requirements.all().empty())
        context.isKnownRequirement = [&in](const std::string& id) { return in.requirements.contains(id); };
    context.requirements = &in.requirements;
    if (request.plans.empty()) in.diagnostics.push_back({{"", 0, 0}, "no plan given"});
    std::set<std::string> ids;
    for (const auto& path : request.plans) {
        auto loaded = loadPlanFile(path, context);
        for (auto& d : loaded.diagnostics) in.diagnostics.push_back(std::move(d));
        if (loaded.plan) {
            if (!ids.insert(loaded.plan->id).second)
                in.diagnostics.push_back({{path, 0, 0}, "plan id '" + loaded.plan->id + "' is used by two plans of this run"});
            in.plans.push_back(std::move(*loaded.plan));
        }
    }
    // The rack is checked before the charger is judged: self-checks first, in the order given.
    for (std::size_t i = 1; i < in.plans.size(); ++i)
        if (in.plans[i].rackSelfCheck && !in.plans[i - 1].rackSelfCheck)
            in.diagnostics.push_back({{in.plans[i].file, 0, 0},
                                      "rack self-check plan '" + in.plans[i].id + "' is given after the charger's plan '" +
                                          in.plans[i - 1].id + "': give the rack's self-check plans first"});
    if (!request.answersFile.empty()) {
        try {
            in.answers = AnswersFile::load(request.answersFile);
            for (auto& d : in.answers->checkAgainst(in.plans)) in.diagnostics.push_back(std::move(d));
        } catch (const core::ConfigError& e) {
            in.diagnostics.push_back(fromConfigError(e));
        }
    }
    // After the answers check: an answers file for the whole set stays valid for one of its cases.
    for (auto& d : selectCases(in.plans, request.cases)) in.diagnostics.push_back(std::move(d));
    return in;
}

fs::path chooseRunDir(const RunRequest& request, const std::string& firstPlan) {
    fs::path base = request.outDir.empty() ? fs::path("runs") / (core::utcNow(core::UtcFormat::Compact) + "-" + firstPlan) : request.outDir;
    fs::path dir = base;
    for (int i = 2; fs::exists(dir); ++i) dir = base.string() + "-" + std::to_string(i);
    return dir;
}

json limitsJson(const Limits& l) {
    json j;
    j["low"] = l.low ? json(*l.low) : json(nullptr);
    j["high"] = l.high ? json(*l.high) : json(nullptr);
    j["nominal"] = l.nominal ? json(*l.nominal) : json(nullptr);
    j["limit_text"] = l.text;
    return j;
}

json planJson(const PlanResult& p) {
    json cases = json::array();
    for (const auto& c : p.cases) {
        json checks = json::array();
        for (const auto& ch : c.checks) {
            json j = {{"name", ch.name},
                      {"kind", ch.kind},
                      {"signal", ch.signal},
                      {"unit", ch.unit},
                      {"uncertainty", ch.uncertainty},
                      {"verdict", toString(ch.verdict)},
                      {"reason", ch.reason},
                      {"requirements", ch.requirements},
                      {"trace", ch.trace},
                      {"t_start_s", ch.tStart},
                      {"t_end_s", ch.tEnd},
                      {"source", ch.source}};
            j[ch.kind == "measure" ? "statistic" : "metric"] = ch.method;
            if (!ch.evidence.empty()) j["evidence"] = ch.evidence;
            j["value"] = ch.value ? json(*ch.value) : json(nullptr);
            j["criterion"] = criterionJson(ch.criterion);
            j["answer"] = answerJson(ch);
            j["budget"] = budgetJson(ch.budget);
            j.update(limitsJson(ch.limits));
            checks.push_back(j);
        }
        cases.push_back({{"id", c.id},
                         {"instance", c.instance},
                         {"title", c.title},
                         {"verdict", toString(c.verdict)},
                         {"reason", c.reason},
                         {"requirements", c.requirements},
                         {"t_start_s", c.tStart},
                         {"bench_time_s", c.benchTime},
                         {"checks", checks}});
    }
    return {{"id", p.id},           {"title", p.title},         {"file", p.file},
            {"source", p.source},   {"sha256", p.sha256},       {"verdict", toString(p.verdict)},
            {"reason", p.reason},   {"bench_time_s", p.benchTime}, {"requirements", p.requirements},
            {"cases", cases}};
}

// Requirement coverage: each requirement referenced by a plan, case or check takes the worst
// verdict of the checks (or, without checks, of the cases / plans) that reference it.
json requirementsJson(const std::vector<PlanResult>& plans, const RequirementSet& set) {
    std::map<std::string, std::pair<Verdict, int>> seen; // id → verdict, number of checks
    auto touch = [&](const std::string& id, Verdict v, int checks) {
        auto it = seen.find(id);
        if (it == seen.end()) seen[id] = {v, checks};
        else {
            it->second.first = worst(it->second.first, v);
            it->second.second += checks;
        }
    };
    for (const auto& p : plans) {
        if (p.cases.empty())
            for (const auto& id : p.requirements) touch(id, p.verdict, 0);
        for (const auto& c : p.cases) {
            if (c.checks.empty() && c.id != "setup" && c.id != "teardown")
                for (const auto& id : c.requirements) touch(id, c.verdict, 0);
            for (const auto& ch : c.checks)
                for (const auto& id : ch.requirements) touch(id, ch.verdict, 1);
        }
    }
    json out = json::array();
    for (const auto& [id, vc] : seen) {
        json j = {{"id", id}, {"verdict", toString(vc.first)}, {"checks", vc.second}};
        if (const auto* r = set.find(id)) {
            j["catalogue"] = r->catalogue;
            j["standard"] = r->standard;
            j["clause"] = r->clause;
            j["title"] = r->title;
            j["summary"] = r->summary;
            j["source"] = r->source;
            j["confidence"] = toString(r->confidence);
            json criteria = json::array();
            for (const auto& c : r->criteria)
                criteria.push_back({{"name", c.name}, {"text", c.text}, {"source", c.source},
                                    {"confidence", toString(c.confidence)}, {"ours", c.ours}});
            j["criteria"] = criteria;
        } else {
            j["catalogue"] = "";
        }
        out.push_back(j);
    }
    return out;
}

// Every catalogue the run loaded, with all its entries, so the report can say how many of a
// standard's cases the run covered (not only the ones it touched).
json cataloguesJson(const RequirementSet& set) {
    json out = json::array();
    for (const auto& c : set.catalogues()) {
        json entries = json::array();
        for (const auto& id : c.ids) {
            const Requirement* r = set.find(id);
            entries.push_back({{"id", id}, {"clause", r->clause}, {"title", r->title},
                               {"confidence", toString(r->confidence)}});
        }
        json catalogue = {{"name", c.name}, {"standard", c.standard}, {"title", c.title}, {"complete", c.complete},
                          {"entries", entries}};
        if (c.casesInStandard) catalogue["cases_in_standard"] = *c.casesInStandard;
        out.push_back(std::move(catalogue));
    }
    return out;
}

json rackJson(const std::optional<RackReadiness>& rack) {
    if (!rack) return nullptr;
    return {{"self_check_plans", rack->selfCheckPlans}, {"ready", rack->ready()}, {"reasons", rack->reasons},
            {"plans_not_run", rack->plansNotRun}};
}

// A run is certificate-grade only when no check was judged on an unverified criterion.
json certificateJson(const std::vector<PlanResult>& plans) {
    const CertificateStatus status = certificateStatus(plans);
    json list = json::array();
    for (const auto& c : status.unverified)
        list.push_back({{"requirement", c.requirement}, {"name", c.name}, {"text", c.text}, {"source", c.source},
                        {"confidence", c.confidence}, {"ours", c.ours}});
    return {{"certificate_grade", status.certificateGrade}, {"statement", status.statement()},
            {"unverified_criteria", list}, {"plan_limit_checks", status.planLimitChecks}};
}

json ratingsJson(const core::DutRatings& r) {
    return {{"dc_min_voltage_V", r.dcMinVoltage.value},
            {"dc_max_voltage_V", r.dcMaxVoltage.value},
            {"dc_max_current_A", r.dcMaxCurrent.value},
            {"dc_max_power_W", r.dcMaxPower.value},
            {"bidirectional", r.bidirectional},
            {"max_discharge_power_W", r.maxDischargePower.value},
            {"max_discharge_current_A", r.maxDischargeCurrent.value},
            {"ac_nominal_voltage_V", r.acNominalVoltage.value},
            {"ac_nominal_frequency_Hz", r.acNominalFrequency.value},
            {"ac_phases", r.acPhases}};
}

// Every opened instrument but the DUT (the item tested, not the lab's) matched to its register
// entry; each instrument's JSON gains its "register" object.
std::vector<InstrumentAdmission> admitInstruments(const InstrumentRegister* reg, const std::vector<OpenedInstrument>& opened,
                                                  json& instruments) {
    std::vector<OpenedIdentity> identities;
    for (const auto& i : opened)
        if (i.role != "dut") identities.push_back({i.role, i.driver, i.identity});
    auto admissions = matchInstruments(reg, identities, core::utcNow(core::UtcFormat::Date));
    for (const auto& a : admissions)
        for (auto& j : instruments) {
            if (j.at("role") != a.role) continue;
            json entry = {{"state", toString(a.state)}, {"message", a.message}};
            if (a.entry) {
                entry["id"] = a.entry->id;
                entry["simulation"] = a.entry->simulation;
                if (a.entry->calibration)
                    entry["calibration"] = {{"certificate", a.entry->calibration->certificate},
                                            {"lab", a.entry->calibration->lab},
                                            {"date", a.entry->calibration->date},
                                            {"due", a.entry->calibration->due}};
                json ranges = json::array();
                for (const auto& u : a.entry->uncertainty)
                    ranges.push_back({{"function", u.function}, {"range", u.range}, {"absolute", u.absolute},
                                      {"relative", u.relative}, {"k", u.k}});
                entry["uncertainty"] = ranges;
                if (a.entry->calibration) j["calibration_due"] = a.entry->calibration->due;
            }
            j["register"] = entry;
        }
    return admissions;
}

std::vector<std::string> refusalsOf(const std::vector<InstrumentAdmission>& admissions) {
    std::vector<std::string> out;
    for (const auto& a : admissions)
        if (!a.admitted()) out.push_back(a.message);
    return out;
}

// A simulated run: an instrument's register entry says simulation, or the lab read back a
// simulated charger (sim.defect comes only from the simulator's plant or control port).
bool isSimulation(const std::vector<InstrumentAdmission>& admissions, const std::map<std::string, std::string>& settings) {
    for (const auto& a : admissions)
        if (a.entry && a.entry->simulation && a.state != AdmissionState::NoEntry) return true;
    return settings.count("sim.defect") > 0;
}

json certificationJson(bool requested, const std::vector<InstrumentAdmission>& admissions, const std::string& error,
                       const InstrumentRegister* reg) {
    const auto refused = refusalsOf(admissions);
    const bool forCertification = requested && refused.empty() && !admissions.empty() && error.empty();
    std::string statement = forCertification ? "for certification: every instrument matched its register entry"
                                             : "NOT FOR CERTIFICATION";
    if (!forCertification) {
        if (!requested) statement += " \xE2\x80\x94 run with --not-for-certification";
        if (!refused.empty()) statement += " \xE2\x80\x94 " + std::to_string(refused.size()) + " instrument(s) not admitted";
    }
    return {{"requested", requested},
            {"for_certification", forCertification},
            {"statement", statement},
            {"register", reg ? json(reg->file) : json(nullptr)},
            {"refused", refused}};
}

} // namespace

ValidationReport validateInputs(const RunRequest& request, const core::DriverRegistry* registry) {
    auto in = loadInputs(request, registry);
    ValidationReport report;
    report.diagnostics = std::move(in.diagnostics);
    report.plans = std::move(in.plans);
    return report;
}

RunOutcome executeRun(const RunRequest& request, const core::DriverRegistry& registry, AbortFlag& abort,
                      const ProgressSink& progress) {
    RunOutcome outcome;
    const auto wallStart = std::chrono::steady_clock::now();
    auto in = loadInputs(request, &registry);
    if (!in.diagnostics.empty()) {
        outcome.diagnostics = std::move(in.diagnostics);
        outcome.verdict = Verdict::Error;
        return outcome;
    }
    const auto& bench = *in.bench;
    const auto& dut = *in.dut;
    outcome.signingKey = in.signingKey;

    // One owner per bench: refused before a run folder exists or anything is switched on.
    BenchLock lock;
    try {
        lock = BenchLock::acquire(bench);
    } catch (const std::exception& e) {
        outcome.error = e.what();
        outcome.verdict = Verdict::Error;
        if (progress) progress(std::string("ERROR: ") + e.what());
        return outcome;
    }

    outcome.runDir = chooseRunDir(request, in.plans.front().id);
    RunRecorder recorder(outcome.runDir);
    const auto runId = outcome.runDir.filename().string();
    const auto started = core::utcNow(core::UtcFormat::Milliseconds);

    std::vector<RunRecorder::InputCopy> planCopies;
    for (std::size_t i = 0; i < in.plans.size(); ++i) {
        char prefix[40];
        std::snprintf(prefix, sizeof prefix, "plan-%02zu-", i + 1);
        planCopies.push_back(recorder.addInput(in.plans[i].file, prefix + in.plans[i].id + ".yaml", in.plans[i].sourceText));
    }
    const auto benchCopy = recorder.addInput(bench.file, "bench.yaml", bench.sourceText);
    const auto dutCopy = recorder.addInput(dut.file, "dut.yaml", dut.sourceText);
    if (in.ev) recorder.addInput(in.ev->file, "ev.yaml", in.ev->sourceText);
    if (in.answers) recorder.addInput(in.answers->file(), "answers.yaml", readAll(in.answers->file(), "an answers file"));
    int n = 0;
    for (const auto& f : in.requirements.files())
        recorder.addInput(f, "requirements-" + std::to_string(++n) + "-" + fs::path(f).filename().string(),
                          readAll(f, "a requirement catalogue"));
    recorder.writeManifest({{"tool_version", core::toolVersion()},
                            {"tool_commit", core::toolCommit()},
                            {"run_id", runId},
                            {"command_line", request.commandLine}});

    // The EV profile's values go to the session as ev.* settings; explicit settings win.
    std::map<std::string, std::string> sessionSettings;
    if (in.ev) sessionSettings = in.ev->settings;
    for (const auto& [k, v] : request.settings) sessionSettings[k] = v;
    std::map<std::string, std::string> requested = bench.settings;
    for (const auto& [k, v] : sessionSettings) requested[k] = v;
    recorder.journal("run_started", {{"run_id", runId}, {"plans", request.plans}, {"cases", request.cases},
                                     {"bench", bench.file}, {"dut", dut.file}, {"requested_settings", requested},
                                     {"run_info", request.runInfo.empty() ? json(nullptr) : json(request.runInfo)}});

    json instruments = json::array();
    std::vector<InstrumentAdmission> admissions;
    bool simulated = false;
    // What the run folder records: the settings as the instruments and the lab read them back.
    std::map<std::string, std::string> settings;
    std::string clockName = bench.clock;
    try {
        const auto lockedResources = lock.resources();
        const auto reclaimed = lock.reclaimed();
        BenchSession session(registry, bench, dut, sessionSettings, &recorder, std::move(lock));
        recorder.setBenchClock([&session] { return session.clock().now().value; });
        if (!lockedResources.empty())
            recorder.journal("bench_locked", {{"resources", lockedResources}, {"reclaimed_stale", reclaimed}});
        settings = session.appliedSettings();
        recorder.journal("settings_applied", {{"settings", settings}});
        for (const auto& i : session.opened()) {
            instruments.push_back({{"role", i.role},
                                   {"driver", i.driver},
                                   {"uri", i.uri},
                                   {"manufacturer", i.identity.manufacturer},
                                   {"model", i.identity.model},
                                   {"serial", i.identity.serial},
                                   {"firmware", i.identity.firmware},
                                   {"calibration_due", i.identity.calibrationDue},
                                   {"capabilities", i.capabilities.names()}});
        }
        admissions = admitInstruments(in.instrumentRegister ? &*in.instrumentRegister : nullptr, session.opened(),
                                      instruments);
        simulated = isSimulation(admissions, settings);
        recorder.journal("session_opened", {{"clock", session.clockName()}, {"instruments", instruments}});
        const auto refusals = refusalsOf(admissions);
        recorder.journal("instruments_admitted", {{"for_certification", request.forCertification},
                                                  {"refused", refusals}, {"simulation", simulated}});
        const bool selfChecked = std::any_of(in.plans.begin(), in.plans.end(), [](const Plan& p) { return p.rackSelfCheck; });
        if (selfChecked) {
            // The register's verdict on each instrument is the self-check's first part: a refused
            // instrument makes the rack not ready (also for a run not for certification).
            outcome.rack.emplace();
            for (const auto& p : in.plans)
                if (p.rackSelfCheck) outcome.rack->selfCheckPlans.push_back(p.id);
            for (const auto& r : refusals) outcome.rack->reasons.push_back(r);
        }
        if (request.forCertification && !refusals.empty() && !selfChecked) {
            std::string message = "certification run refused: ";
            for (std::size_t i = 0; i < refusals.size(); ++i) message += (i ? "; " : "") + refusals[i];
            throw std::runtime_error(message + " (--not-for-certification runs anyway, and the report says so)");
        }
        // The charger↔EV bus is evidence: record it for the whole session.
        if (session.has("can")) {
            session.can().startRecording((outcome.runDir / "can.log").string());
            recorder.journal("can_recording", {{"file", "can.log"}});
        }
        if (progress) progress("bench " + bench.id + " open (clock " + session.clockName() + "), run folder " +
                               outcome.runDir.string());

        Executor executor(session, bench, dut, recorder, abort, progress, in.ev ? &*in.ev : nullptr);
        ChainedAnswers answers(in.answers ? &*in.answers : nullptr, request.operatorAnswers);
        executor.setAnswerSource(&answers);
        executor.setInstrumentFigures(figuresFromAdmissions(admissions));
        executor.setLiveSinks(request.signalStream, request.runProgress);
        // What each plan declares, for the later plans' share of the run's time estimate.
        std::vector<DeclaredDurations> declared;
        if (request.runProgress) {
            const NameLookup outside = [&](const std::string& name) -> std::optional<Value> {
                if (auto d = dut.lookup(name)) return d;
                if (name.rfind("vehicle.", 0) == 0 && in.ev) return in.ev->lookup(name);
                return std::nullopt;
            };
            for (const auto& p : in.plans) declared.push_back(declaredDurations(p, outside));
        }
        for (std::size_t i = 0; i < in.plans.size(); ++i) {
            if (!declared.empty()) {
                double later = 0.0;
                std::size_t undeclared = 0;
                for (std::size_t k = i + 1; k < declared.size(); ++k) {
                    later += declared[k].total();
                    undeclared += declared[k].undeclared;
                }
                executor.setPlanPosition(i, in.plans.size(), later, undeclared);
            }
            if (outcome.rack && !outcome.rack->ready() && !in.plans[i].rackSelfCheck) {
                outcome.rack->plansNotRun.push_back(in.plans[i].id);
                continue;
            }
            outcome.plans.push_back(executor.run(in.plans[i], planCopies[i].copy, planCopies[i].sha256));
            auto& done = outcome.plans.back();
            if (in.plans[i].rackSelfCheck && !abort.requested())
                if (auto finding = selfCheckFinding(done)) outcome.rack->reasons.push_back(std::move(*finding));
            if (abort.requested() && done.verdict != Verdict::Aborted) {
                // The request came while the plan's teardown ran (never interrupted): its cases keep
                // their verdicts, the plan is aborted, and the journal says when it came.
                recorder.journal("abort_requested", {{"plan", done.id}, {"reason", abort.reason()},
                                                     {"during", "teardown"}});
                done.verdict = Verdict::Aborted;
            }
        }
        if (outcome.rack) {
            recorder.journal(outcome.rack->ready() ? "rack_ready" : "rack_not_ready",
                             {{"self_check_plans", outcome.rack->selfCheckPlans}, {"reasons", outcome.rack->reasons},
                              {"plans_not_run", outcome.rack->plansNotRun}});
            if (progress) progress(outcome.rack->statement());
        }
        outcome.benchTime = session.clock().now().value;
        if (session.has("can")) {
            session.can().stopRecording();
            recorder.journal("can_recording_stopped", {{"frames", session.can().framesRecorded()}});
        }
        session.makeAllSafe([&recorder](const std::string& role) { recorder.journal("make_safe", {{"role", role}}); });
        // The session (and its clock) ends here; later events carry the time it ended at.
        const double endedAt = session.clock().now().value;
        outcome.benchTime = endedAt;
        recorder.setBenchClock([endedAt] { return endedAt; });
    } catch (const std::exception& e) {
        // Opening the bench failed (or something escaped the executor): a bench error, never the DUT's.
        const double endedAt = outcome.benchTime;
        recorder.setBenchClock([endedAt] { return endedAt; });
        outcome.error = e.what();
        recorder.journal("error", {{"message", e.what()}});
        if (progress) progress(std::string("ERROR: ") + e.what());
    }

    // A rack that is not ready judged no charger: a bench error, whatever its self-checks' verdicts.
    if (outcome.rack && !outcome.rack->ready() && outcome.error.empty() && !abort.requested())
        outcome.error = outcome.rack->statement();
    Verdict verdict = outcome.error.empty() ? Verdict::Pass : Verdict::Error;
    for (const auto& p : outcome.plans) verdict = worst(verdict, p.verdict);
    if (abort.requested()) verdict = Verdict::Aborted;
    if (outcome.plans.empty() && outcome.error.empty()) verdict = Verdict::Error;
    bool allNotApplicable = !outcome.plans.empty() && outcome.error.empty();
    for (const auto& p : outcome.plans) allNotApplicable = allNotApplicable && p.verdict == Verdict::NotApplicable;
    if (allNotApplicable) verdict = Verdict::NotApplicable;
    outcome.verdict = verdict;
    outcome.wallTime = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    json counts = {{"pass", 0}, {"fail", 0}, {"inconclusive", 0}, {"not-applicable", 0}, {"error", 0}, {"aborted", 0}};
    json plans = json::array();
    for (const auto& p : outcome.plans) {
        plans.push_back(planJson(p));
        bool caseAborted = false;
        for (const auto& c : p.cases) {
            counts[toString(c.verdict)] = counts[toString(c.verdict)].get<int>() + 1;
            caseAborted = caseAborted || c.verdict == Verdict::Aborted;
        }
        // A plan with no cases, or one aborted in its teardown, counts once itself.
        if (p.cases.empty() || (p.verdict == Verdict::Aborted && !caseAborted))
            counts[toString(p.verdict)] = counts[toString(p.verdict)].get<int>() + 1;
    }
    json summary = {
        {"format", "v2gbench-run/1"},
        {"tool_version", core::toolVersion()},
        {"run_id", runId},
        {"started_utc", started},
        {"finished_utc", core::utcNow(core::UtcFormat::Milliseconds)},
        {"wall_time_s", outcome.wallTime},
        {"bench_time_s", outcome.benchTime},
        {"clock", clockName},
        {"verdict", toString(verdict)},
        {"abort_reason", abort.requested() ? json(abort.reason()) : json(nullptr)},
        {"error", outcome.error.empty() ? json(nullptr) : json(outcome.error)},
        {"bench", {{"file", benchCopy.copy}, {"source", bench.file}, {"sha256", benchCopy.sha256}, {"name", bench.id},
                   {"title", bench.title}}},
        {"dut", {{"file", dutCopy.copy}, {"source", dut.file}, {"sha256", dutCopy.sha256}, {"id", dut.id},
                 {"manufacturer", dut.ratings.manufacturer}, {"model", dut.ratings.model},
                 {"ratings", ratingsJson(dut.ratings)}}},
        {"settings", settings},
        {"instruments", instruments},
        {"requirements", requirementsJson(outcome.plans, in.requirements)},
        {"catalogues", cataloguesJson(in.requirements)},
        {"certificate", certificateJson(outcome.plans)},
        {"certification", certificationJson(request.forCertification, admissions, outcome.error,
                                            in.instrumentRegister ? &*in.instrumentRegister : nullptr)},
        {"simulation", simulated},
        {"rack", rackJson(outcome.rack)},
        {"run_info", request.runInfo.empty() ? json(nullptr) : json(request.runInfo)},
        {"plans", plans},
        {"counts", counts},
    };
    // The executor judged every value against its limits with w = U (guarded r=1); the run's rule
    // decides them, and the outcome (verdict table, exit code) follows what the summary records.
    applyDecisionRule(summary, in.decisionRule, DecisionRule{});
    summary["standard_coverage"] = standardCoverage(summary);
    outcome.verdict = verdictFromString(summary["verdict"].get<std::string>()).value_or(outcome.verdict);
    for (std::size_t p = 0; p < outcome.plans.size(); ++p) {
        auto& plan = outcome.plans[p];
        const auto& pj = summary["plans"][p];
        plan.verdict = verdictFromString(pj["verdict"].get<std::string>()).value_or(plan.verdict);
        for (std::size_t c = 0; c < plan.cases.size(); ++c) {
            auto& kase = plan.cases[c];
            const auto& cj = pj["cases"][c];
            kase.verdict = verdictFromString(cj["verdict"].get<std::string>()).value_or(kase.verdict);
            for (std::size_t k = 0; k < kase.checks.size(); ++k) {
                kase.checks[k].verdict =
                    verdictFromString(cj["checks"][k]["verdict"].get<std::string>()).value_or(kase.checks[k].verdict);
                kase.checks[k].reason = cj["checks"][k].value("reason", kase.checks[k].reason);
            }
        }
    }
    recorder.writeSummary(summary);
    recorder.journal("run_finished", {{"verdict", toString(outcome.verdict)}, {"decision_rule", in.decisionRule.name()}, {"wall_time_s", outcome.wallTime},
                                      {"bench_time_s", outcome.benchTime}});
    return outcome;
}

} // namespace v2gbench::bench
