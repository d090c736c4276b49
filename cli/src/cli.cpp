#include "v2gbench/app/cli.hpp"

#include "v2gbench/app/approve_command.hpp"
#include "v2gbench/app/command_help.hpp"
#include "v2gbench/app/exit_codes.hpp"
#include "v2gbench/app/judge_command.hpp"
#include "v2gbench/app/pdf_report_command.hpp"
#include "v2gbench/app/plan_library.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/app/rejudge_command.hpp"
#include "v2gbench/app/run_folder_finish.hpp"
#include "v2gbench/app/results_commands.hpp"
#include "v2gbench/app/signal_guard.hpp"
#include "v2gbench/app/terminal_answers.hpp"
#include "v2gbench/app/verdict_table.hpp"
#include "v2gbench/app/verify_command.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/bench/run_controller.hpp"
#include "v2gbench/app/trace_commands.hpp"
#include "v2gbench/core/build_info.hpp"
#include "v2gbench/core/data_dir.hpp"
#include "v2gbench/reports/reports.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"
#include "v2gbench/sim/defects.hpp"
#include "v2gbench/sim/rack_faults.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iomanip>
#include <map>
#include <optional>
#include <set>

#include <unistd.h>

namespace v2gbench::app {

namespace fs = std::filesystem;

namespace {

struct UsageError {
    std::string message;
};

struct Options {
    std::vector<std::string> positional;
    std::string bench;
    std::string dut;
    std::string ev;
    std::vector<std::string> requirements;
    std::string defect;
    std::string rackFault; // run: a fault of the simulated lab's own instruments (sim/rack_faults.hpp)
    std::string seed;
    std::string out;
    std::string junit;
    std::string answers;
    std::string signKey;
    std::string rule;
    PdfReportRequest pdf; // run and report: --pdf, --lang, --run-info
    bool pdfRequested = false;
    std::vector<std::string> cases;
    std::string results; // run: where its results go (results_commands.hpp)
    bool quiet = false;
    bool notForCertification = false;
    bool strict = false;   // decode: 2015 layouts only
    bool tolerant = false; // analyze: accept the 2011 layouts seen on the wire
};

// --seed: a whole number that fits the simulator's 64-bit seed, in decimal, and nothing else
// ("abc", "-1", "1e3", "12x" and 2^64 are refused here, not deep inside a driver).
std::string parseSeed(const std::string& text) {
    std::uint64_t seed = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, seed);
    if (text.empty() || text[0] == '+' || text[0] == '-' || ec != std::errc{} || ptr != end)
        throw UsageError{"--seed '" + text + "': expected a whole number from 0 to 18446744073709551615"};
    return std::to_string(seed);
}

Options parseOptions(const std::vector<std::string>& args, std::size_t first) {
    Options o;
    auto value = [&](std::size_t& i) -> std::string {
        if (i + 1 >= args.size()) throw UsageError{"option " + args[i] + " needs a value"};
        return args[++i];
    };
    for (std::size_t i = first; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--bench") o.bench = value(i);
        else if (a == "--dut") o.dut = value(i);
        else if (a == "--ev") o.ev = value(i);
        else if (a == "--requirements") o.requirements.push_back(value(i));
        else if (a == "--defect") o.defect = value(i);
        else if (a == "--rack-fault") o.rackFault = value(i);
        else if (a == "--seed") o.seed = parseSeed(value(i));
        else if (a == "--out") o.out = value(i);
        else if (a == "--junit") o.junit = value(i);
        else if (a == "--answers") o.answers = value(i);
        else if (a == "--case") o.cases.push_back(value(i));
        else if (a == "--sign-key") o.signKey = value(i);
        else if (a == "--results") o.results = value(i);
        else if (a == "--not-for-certification") o.notForCertification = true;
        else if (a == "--rule") o.rule = value(i);
        else if (a == "--pdf") o.pdfRequested = true;
        else if (a == "--lang") o.pdf.languages.push_back(value(i));
        else if (a == "--run-info") o.pdf.runInfoFile = value(i);
        else if (a == "--quiet" || a == "-q") o.quiet = true;
        else if (a == "--strict") o.strict = true;
        else if (a == "--tolerant") o.tolerant = true;
        else if (a.size() > 1 && a[0] == '-') throw UsageError{"unknown option '" + a + "'"};
        else o.positional.push_back(a);
    }
    return o;
}

// --pdf [--lang zh|en]... [--run-info FILE]: checked before anything runs. `forReport`: --out names
// the PDF (for `run` it is the runs folder).
PdfReportRequest pdfRequest(const Options& o, bool forReport) {
    PdfReportRequest pdf = o.pdf;
    if (!o.pdfRequested) {
        if (!pdf.languages.empty() || !pdf.runInfoFile.empty()) throw UsageError{"--lang and --run-info go with --pdf"};
        return pdf;
    }
    if (pdf.languages.empty()) pdf.languages.push_back("en");
    if (forReport) pdf.out = o.out;
    try {
        checkPdfReportRequest(pdf);
    } catch (const std::invalid_argument& e) {
        throw UsageError{e.what()};
    }
    return pdf;
}

bench::RunRequest makeRequest(const Options& o, const std::vector<std::string>& args) {
    bench::RunRequest r;
    // The data folder only when a default needs it: `run my-plan.yaml --bench lab.yaml --dut x.yaml
    // --requirements reqs/` works without one.
    std::optional<fs::path> data;
    const auto dataFolder = [&data] {
        if (!data) data = core::dataDir();
        return *data;
    };
    r.plans = resolvePlanArguments(o.positional, dataFolder);
    r.benchProfile = o.bench.empty() ? (dataFolder() / "benches/sim.yaml").string() : o.bench;
    r.dutProfile = o.dut.empty() ? (dataFolder() / "testplans/duts/sim-v2g-charger.yaml").string() : o.dut;
    r.evProfile = o.ev;
    r.requirementFolders = o.requirements;
    if (r.requirementFolders.empty()) r.requirementFolders.push_back((dataFolder() / "testplans/requirements").string());
    if (!o.defect.empty()) r.settings["sim.defect"] = o.defect;
    if (!o.rackFault.empty()) r.settings["sim.rack_fault"] = o.rackFault;
    if (!o.seed.empty()) r.settings["sim.seed"] = o.seed;
    r.outDir = o.out;
    r.answersFile = o.answers;
    r.cases = o.cases;
    r.signingKey = o.signKey;
    r.forCertification = !o.notForCertification;
    r.decisionRule = o.rule;
    r.commandLine = args;
    return r;
}

// Exit 3 for a command that switched nothing on: one line, no teardown wording.
int stopped(std::ostream& err, const bench::AbortFlag& abort, const std::string& progress) {
    const auto signal = SignalGuard::lastSignalName();
    err << "v2gbench: stopped by " << (signal.empty() ? abort.reason() : signal)
        << (progress.empty() ? "" : " (" + progress + ")") << "\n";
    return kExitAborted;
}

void printDiagnostics(const std::vector<bench::Diagnostic>& diagnostics, std::ostream& err) {
    for (const auto& d : diagnostics) err << d.str() << "\n";
    err << diagnostics.size() << (diagnostics.size() == 1 ? " error" : " errors") << "; nothing was run\n";
}

int commandRun(const Options& o, const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               bench::AbortFlag& abort) {
    if (o.positional.empty()) throw UsageError{"run needs at least one plan"};
    core::DriverRegistry registry;
    registerAllDrivers(registry);
    // A simulator catalogue name (defect, rack fault) is checked here, naming its list, before any input is read.
    const auto unknown = [](const auto& catalogue, const std::string& name) {
        return !name.empty() &&
               std::none_of(catalogue.begin(), catalogue.end(), [&name](const auto& entry) { return entry.name == name; });
    };
    if (unknown(sim::defects(), o.defect)) {
        err << "v2gbench: unknown defect '" << o.defect << "' (see `v2gbench list defects`)\n";
        return 2;
    }
    if (unknown(sim::rackFaults(), o.rackFault)) {
        err << "v2gbench: unknown rack fault '" << o.rackFault << "' (see `v2gbench list rack-faults`)\n";
        return 2;
    }
    auto request = makeRequest(o, args);
    const auto pdf = pdfRequest(o, false);
    // Who tested which sample goes into summary.json run_info too (checked by pdfRequest above).
    if (!pdf.runInfoFile.empty()) request.runInfo = reports_pdf::runInfoSummaryFields(reports_pdf::loadRunInfo(pdf.runInfoFile));
    {
        // The results URL before the run, so a night's results cannot be lost to a typo found after
        // it. A profile that does not load is the run's own diagnostic (file:line), below.
        std::string profileResults, profileAt;
        try {
            const auto profile = bench::loadBenchProfile(request.benchProfile);
            profileResults = profile.results;
            profileAt = profile.resultsAt.str();
        } catch (const std::exception&) {
        }
        if (const auto problem = runResultsUrlProblem(o.results, profileResults, profileAt); !problem.empty()) {
            err << "v2gbench: results database: " << problem << " (nothing was run)\n";
            return kExitInvalidOrBenchError;
        }
    }
    // Inspect steps the answers file does not answer are asked at the terminal, when there is one.
    TerminalAnswers terminal(std::cin, out);
    if (isatty(STDIN_FILENO) == 1) request.operatorAnswers = &terminal;
    bench::ProgressSink progress;
    if (!o.quiet) progress = [&out](const std::string& line) { out << line << "\n" << std::flush; };
    auto outcome = bench::executeRun(request, registry, abort, progress);
    if (!outcome.diagnostics.empty()) {
        printDiagnostics(outcome.diagnostics, err);
        return exitCodeFor(outcome);
    }
    int exitCode = exitCodeFor(outcome);
    std::string pdfLines;
    if (!outcome.runDir.empty()) {
        try {
            // The seal comes last, over every file; --junit's copy lies outside the folder.
            const auto finished = writeReportsAndSeal(outcome.runDir, outcome.signingKey, pdf);
            for (const auto& r : finished.refusedPaths) {
                err << "v2gbench: report: not read: " << r << "\n";
                exitCode = std::max(exitCode, int{kExitInvalidOrBenchError});
            }
            for (const auto& p : finished.pdfs) {
                pdfLines += "pdf report: " + p.file.string() + " (" + std::to_string(p.pages) + " pages)\n";
                for (const auto& r : p.unreadTraces) err << "v2gbench: pdf report: trace not read: " << r << "\n";
            }
            if (!finished.pdfFailure.empty()) {
                err << "v2gbench: the pdf report was not written: " << finished.pdfFailure << "\n";
                exitCode = std::max(exitCode, int{kExitInvalidOrBenchError});
            }
            if (!o.junit.empty()) fs::copy_file(outcome.runDir / "junit.xml", o.junit, fs::copy_options::overwrite_existing);
        } catch (const std::exception& e) {
            err << "v2gbench: writing the reports failed: " << e.what() << "\n";
            exitCode = std::max(exitCode, int{kExitInvalidOrBenchError});
        }
    }
    out << "\n";
    printVerdictTable(outcome, out);
    if (!outcome.error.empty()) err << "v2gbench: bench error: " << outcome.error << "\n";
    if (!outcome.runDir.empty()) {
        out << "run folder: " << outcome.runDir.string() << "\n";
        out << "report:     " << (outcome.runDir / "report.html").string() << "\n" << pdfLines;
        // A results database that fails warns and leaves the exit code alone: the run folder is the run.
        if (fs::exists(outcome.runDir / "summary.json")) {
            std::string profileResults, profileAt;
            try {
                const auto profile = bench::loadBenchProfile(request.benchProfile); // the run read it already
                profileResults = profile.results;
                profileAt = profile.resultsAt.str();
            } catch (const std::exception&) {
                // Unreadable now: the default applies (the run folder holds the copy it ran with).
            }
            recordRunResults(outcome.runDir, o.results, profileResults, profileAt, out, err);
        }
    }
    return exitCode;
}

// Plans are validated one file at a time, so Ctrl-C stops between two files and every "ok" line
// is out before the next file is read. The profiles and catalogues are checked once, with the
// first plan (bench::validateInputs); the rest are checked against the same catalogues.
int commandValidate(const Options& o, const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                    const bench::AbortFlag& abort) {
    if (o.positional.empty()) throw UsageError{"validate needs at least one plan"};
    core::DriverRegistry registry;
    registerAllDrivers(registry);
    auto request = makeRequest(o, args);
    const std::vector<std::string> plans = request.plans;
    std::size_t errors = 0;
    std::set<std::string> ids;
    const auto report = [&](const std::vector<bench::Diagnostic>& diagnostics, const std::vector<bench::Plan>& valid) {
        for (const auto& d : diagnostics) err << d.str() << "\n";
        errors += diagnostics.size();
        for (const auto& p : valid) {
            if (!ids.insert(p.id).second) {
                err << bench::Diagnostic{{p.file, 0, 0}, "plan id '" + p.id + "' is used by two plans of this run"}.str()
                    << "\n";
                ++errors;
                continue;
            }
            out << "ok  " << p.file << "  (" << p.id << ", " << p.cases.size() << " cases)\n" << std::flush;
        }
    };
    const auto progress = [&](std::size_t done) {
        return "validated " + std::to_string(done) + " of " + std::to_string(plans.size()) + " plans";
    };
    if (abort.requested()) return stopped(err, abort, progress(0));
    request.plans.resize(1);
    const auto first = bench::validateInputs(request, &registry);
    report(first.diagnostics, first.plans);

    bench::PlanLoadContext context;
    context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
    bench::RequirementSet requirements;
    try {
        for (const auto& folder : request.requirementFolders) requirements.loadFolder(folder);
        if (!requirements.all().empty())
            context.isKnownRequirement = [&requirements](const std::string& id) { return requirements.contains(id); };
        context.requirements = &requirements;
    } catch (const core::ConfigError&) {
        // Already reported with the first plan; the remaining plans are checked without catalogues.
    }
    for (std::size_t i = 1; i < plans.size(); ++i) {
        if (abort.requested()) return stopped(err, abort, progress(i));
        auto loaded = bench::loadPlanFile(plans[i], context);
        std::vector<bench::Plan> valid;
        if (loaded.plan) valid.push_back(std::move(*loaded.plan));
        report(loaded.diagnostics, valid);
    }
    if (errors) {
        err << errors << (errors == 1 ? " error\n" : " errors\n");
        return 2;
    }
    return 0;
}

int commandList(const Options& o, std::ostream& out, std::ostream& err) {
    if (o.positional.size() != 1) throw UsageError{"list needs one of: plans, drivers, defects, rack-faults"};
    const auto& what = o.positional[0];
    if (what == "drivers") {
        core::DriverRegistry registry;
        registerAllDrivers(registry);
        out << std::left << std::setw(10) << "ROLE" << std::setw(18) << "DRIVER" << "DESCRIPTION\n";
        // Each entry's declared options, one line each, under it (the bench profile's `options:`).
        auto optionLines = [&out](const core::OptionDeclaration& options) {
            for (const auto& spec : options.specs()) out << std::setw(28) << "" << "option " << core::describeOption(spec) << "\n";
        };
        for (const auto& d : registry.drivers()) {
            out << std::setw(10) << d.role << std::setw(18) << d.name << d.description << "\n";
            optionLines(d.options);
        }
        out << "\nclocks:\n  " << std::setw(16) << "real" << "wall-clock time, for real instruments\n";
        for (const auto& [name, description] : registry.clocks()) out << "  " << std::setw(16) << name << description << "\n";
        out << "\nlab controls (`lab:`):\n";
        for (const auto& c : registry.labControls()) {
            out << "  " << std::setw(24) << c.name << c.description << "\n";
            optionLines(c.options);
        }
        return 0;
    }
    if (what == "defects") {
        for (const auto& d : sim::defects()) {
            out << d.name << "\n    " << d.description << "\n    targets:";
            for (const auto& t : d.targets) out << " " << t;
            out << "\n";
        }
        return 0;
    }
    if (what == "rack-faults") {
        for (const auto& f : sim::rackFaults()) out << f.name << "\n    " << f.description << "\n";
        return 0;
    }
    if (what == "plans") {
        const auto data = core::dataDir();
        int bad = 0;
        // Requirements whose title or reading is ours are marked, as in the catalogue and the report.
        bench::RequirementSet catalogues;
        try {
            catalogues.loadFolder((data / "testplans" / "requirements").string());
        } catch (const core::ConfigError&) {
            // A broken catalogue is reported by run/validate; the list still shows the plans.
        }
        const auto mark = [&](const std::string& id) {
            const bench::Requirement* r = catalogues.find(id);
            return r && r->confidence == bench::Confidence::Unverified ? " [unverified]" : "";
        };
        for (const auto& [path, loaded] : loadPlanLibrary(data)) {
            const auto rel = fs::relative(path, data).string();
            if (!loaded.plan) {
                ++bad;
                err << rel << ": invalid (" << loaded.diagnostics.size() << " errors; run `v2gbench validate`)\n";
                continue;
            }
            out << std::left << std::setw(48) << loaded.plan->id << rel << "\n    " << loaded.plan->title << "\n    requirements:";
            for (const auto& r : loaded.plan->requirements) out << " " << r << mark(r);
            out << "\n";
        }
        return bad ? 2 : 0;
    }
    throw UsageError{"list needs one of: plans, drivers, defects, rack-faults (not '" + what + "')"};
}

int commandReport(const Options& o, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    if (o.positional.size() != 1) throw UsageError{"report needs one run folder"};
    const fs::path dir = o.positional[0];
    const core::StopCheck stop = [&abort] { return abort.requested(); };
    const auto pdf = pdfRequest(o, true);
    if (o.pdfRequested) {
        if (stop()) return stopped(err, abort, "");
        const bool sealed = pdf.out.empty() && fs::exists(dir / "manifest.json");
        std::size_t unread = 0;
        for (const auto& p : writePdfReports(dir, pdf, false)) {
            out << "wrote " << p.file.string() << " (" << p.pages << " pages)"
                << (sealed ? ", beside the sealed run folder: a file added inside it would break its seal" : "") << "\n";
            for (const auto& r : p.unreadTraces) err << "v2gbench: " << p.file.string() << ": trace not read: " << r << "\n";
            unread += p.unreadTraces.size();
        }
        return unread == 0 ? 0 : 2; // as the HTML report: the PDF says so, but it is not the run's evidence
    }
    reports::HtmlReportOutcome outcome;
    try {
        if (stop()) return stopped(err, abort, "");
        reports::writeJunitXml(dir, dir / "junit.xml");
        outcome = reports::writeHtmlReport(dir, dir / "report.html", stop);
    } catch (const core::ReadStopped&) {
        return stopped(err, abort, "no report written");
    }
    out << "wrote " << (dir / "junit.xml").string() << " and " << (dir / "report.html").string() << "\n";
    if (!outcome.refusedPaths.empty()) {
        // The report is written (with the warning in it), but it is not the evidence the run folder
        // claims to hold: invalid input, exit 2.
        for (const auto& r : outcome.refusedPaths)
            err << "v2gbench: " << (dir / "summary.json").string() << ": not read: " << r << "\n";
        err << "v2gbench: summary.json names " << outcome.refusedPaths.size()
            << (outcome.refusedPaths.size() == 1 ? " path" : " paths") << " outside the run folder; the report says so\n";
        return 2;
    }
    return 0;
}

// " (did you mean run?)" when a command is close to NAME, else empty.
std::string didYouMean(const std::string& name) {
    std::vector<std::string> names;
    for (const auto& c : commandHelps()) names.emplace_back(c.name);
    const auto near = nearestIds(name, names, 1);
    return near.empty() ? "" : " (did you mean " + near.front() + "?)";
}

// `help [COMMAND]` and `COMMAND --help`: on stdout, exit 0.
int commandHelp(const std::vector<std::string>& topics, std::ostream& out) {
    if (topics.empty()) {
        out << helpOverview();
        return 0;
    }
    if (topics.size() > 1) throw UsageError{"help takes one command"};
    const auto* help = findCommandHelp(topics.front());
    if (!help) throw UsageError{"help: no command '" + topics.front() + "'" + didYouMean(topics.front())};
    out << helpFor(*help);
    return 0;
}

// The version line, then where the data is read from (what an install problem needs to know).
int commandVersion(std::ostream& out) {
    out << core::versionLine("v2gbench") << "\n";
    try {
        out << "data: " << core::dataDir().string() << "\n";
    } catch (const core::DataDirError& e) {
        out << "data: not found: " << e.what() << "\n";
    }
    return 0;
}

} // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bench::AbortFlag& abort) {
    if (args.empty()) {
        err << helpOverview();
        return kExitInvalidOrBenchError;
    }
    const auto& command = args[0];
    try {
        if (command == "--help" || command == "-h") return commandHelp({}, out);
        if (command == "help") return commandHelp({args.begin() + 1, args.end()}, out);
        if (command == "--version") return commandVersion(out);
        const auto* help = findCommandHelp(command);
        if (!help) throw UsageError{"unknown command '" + command + "'" + didYouMean(command)};
        if (std::find_if(args.begin() + 1, args.end(), [](const auto& a) { return a == "--help" || a == "-h"; }) !=
            args.end()) {
            out << helpFor(*help);
            return 0;
        }
        if (command == "judge") { // its own options (--plan), parsed by the command
            SignalGuard::setStopWording(StopWording::Quiet);
            return runJudge({args.begin() + 1, args.end()}, out, err, abort);
        }
        if (command == "verify") return runVerify({args.begin() + 1, args.end()}, out, err); // its own --pubkey
        if (command == "approve") return runApprove({args.begin() + 1, args.end()}, out, err); // its own options
        if (command == "results" || command == "history" || command == "compare" || command == "trend" ||
            command == "flaky" || command == "dashboard") {
            SignalGuard::setStopWording(StopWording::Quiet);
            return runResultsCommand(args, out, err, abort);
        }
        if (command == "rejudge") return runRejudge({args.begin() + 1, args.end()}, out, err); // its own --rule
        const auto options = parseOptions(args, 1);
        // Only `run` switches instruments on; the others stop without teardown wording.
        SignalGuard::setStopWording(command == "run" ? StopWording::Teardown : StopWording::Quiet);
        if (command == "run") return commandRun(options, args, out, err, abort);
        if (command == "validate") return commandValidate(options, args, out, err, abort);
        if (command == "list") return commandList(options, out, err);
        if (command == "report") return commandReport(options, out, err, abort);
        if (command == "decode") return runDecode({args.begin() + 1, args.end()}, out, err, abort);
        if (command == "analyze") return runAnalyze({args.begin() + 1, args.end()}, out, err, abort);
        throw std::logic_error("command '" + command + "' has a help entry but no implementation");
    } catch (const UsageError& e) {
        err << "v2gbench: " << e.message << "\n";
        const auto* help = findCommandHelp(command);
        if (help && help->name != "help")
            err << "usage: v2gbench " << help->synopsis << "\n`v2gbench help " << help->name << "` describes its options\n";
        else
            err << helpOverview();
        return kExitInvalidOrBenchError;
    } catch (const std::exception& e) {
        err << "v2gbench: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
}

} // namespace v2gbench::app
