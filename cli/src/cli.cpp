#include "v2gbench/app/cli.hpp"

#include "v2gbench/app/registration.hpp"
#include "v2gbench/app/verdict_table.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/run_controller.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/reports/reports.hpp"
#include "v2gbench/sim/defects.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <map>
#include <optional>

#ifndef V2G_SOURCE_DIR
#define V2G_SOURCE_DIR "."
#endif

namespace v2gbench::app {

namespace fs = std::filesystem;

std::string dataDir() {
    if (const char* env = std::getenv("V2G_DATA_DIR"); env && *env) return env;
    return V2G_SOURCE_DIR;
}

namespace {

const char* kUsage =
    "usage:\n"
    "  v2gbench run PLAN|DIR... [--bench FILE] [--dut FILE] [--ev FILE] [--defect NAME] [--seed N]\n"
    "                           [--requirements DIR]... [--out DIR] [--junit FILE] [--quiet]\n"
    "  v2gbench validate PLAN|DIR... [--bench FILE] [--dut FILE] [--requirements DIR]...\n"
    "  v2gbench list plans|drivers|defects\n"
    "  v2gbench report RUN_DIR\n"
    "  v2gbench decode TRACE [--strict]       GB/T 27930 frames decoded (candump -L or ZLG CANTest export)\n"
    "  v2gbench analyze TRACE [--tolerant]    periods, phase sequence and 2015 conformance findings\n"
    "exit codes: 0 pass/not-applicable, 1 fail/inconclusive, 2 invalid input or bench error, 3 aborted\n";

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
    std::string seed;
    std::string out;
    std::string junit;
    bool quiet = false;
    bool strict = false;   // decode: 2015 layouts only
    bool tolerant = false; // analyze: accept the 2011 layouts seen on the wire
};

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
        else if (a == "--seed") o.seed = value(i);
        else if (a == "--out") o.out = value(i);
        else if (a == "--junit") o.junit = value(i);
        else if (a == "--quiet" || a == "-q") o.quiet = true;
        else if (a == "--strict") o.strict = true;
        else if (a == "--tolerant") o.tolerant = true;
        else if (a.size() > 1 && a[0] == '-') throw UsageError{"unknown option '" + a + "'"};
        else o.positional.push_back(a);
    }
    return o;
}

bool isPlanFolderExcluded(const fs::path& p) {
    for (const auto& part : p)
        if (part == "requirements" || part == "duts" || part == "evs" || part == "schema") return true;
    return false;
}

// A PLAN argument may be a folder: every *.yaml below it (not requirement catalogues, DUT
// profiles or schemas), sorted, is a plan.
std::vector<std::string> expandPlans(const std::vector<std::string>& given) {
    std::vector<std::string> plans;
    for (const auto& g : given) {
        if (fs::is_directory(g)) {
            std::vector<std::string> found;
            for (const auto& e : fs::recursive_directory_iterator(g))
                if (e.is_regular_file() && e.path().extension() == ".yaml" &&
                    !isPlanFolderExcluded(fs::relative(e.path(), g)))
                    found.push_back(e.path().string());
            std::sort(found.begin(), found.end());
            if (found.empty()) throw UsageError{"folder '" + g + "' holds no plan (*.yaml)"};
            plans.insert(plans.end(), found.begin(), found.end());
        } else {
            plans.push_back(g);
        }
    }
    return plans;
}

bench::RunRequest makeRequest(const Options& o, const std::vector<std::string>& args) {
    bench::RunRequest r;
    r.plans = expandPlans(o.positional);
    r.benchProfile = o.bench.empty() ? dataDir() + "/benches/sim.yaml" : o.bench;
    r.dutProfile = o.dut.empty() ? dataDir() + "/testplans/duts/sim-v2g-charger.yaml" : o.dut;
    r.evProfile = o.ev;
    r.requirementFolders = o.requirements;
    if (r.requirementFolders.empty()) r.requirementFolders.push_back(dataDir() + "/testplans/requirements");
    if (!o.defect.empty()) r.settings["sim.defect"] = o.defect;
    if (!o.seed.empty()) r.settings["sim.seed"] = o.seed;
    r.outDir = o.out;
    r.commandLine = args;
    return r;
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
    if (!o.defect.empty()) {
        bool known = false;
        for (const auto& d : sim::defects()) known = known || d.name == o.defect;
        if (!known) {
            err << "v2gbench: unknown defect '" << o.defect << "' (see `v2gbench list defects`)\n";
            return 2;
        }
    }
    auto request = makeRequest(o, args);
    bench::ProgressSink progress;
    if (!o.quiet) progress = [&out](const std::string& line) { out << line << "\n" << std::flush; };
    auto outcome = bench::executeRun(request, registry, abort, progress);
    if (!outcome.diagnostics.empty()) {
        printDiagnostics(outcome.diagnostics, err);
        return 2;
    }
    int exitCode = outcome.exitCode;
    if (!outcome.runDir.empty()) {
        try {
            reports::writeJunitXml(outcome.runDir, outcome.runDir / "junit.xml");
            reports::writeHtmlReport(outcome.runDir, outcome.runDir / "report.html");
            if (!o.junit.empty()) fs::copy_file(outcome.runDir / "junit.xml", o.junit, fs::copy_options::overwrite_existing);
        } catch (const std::exception& e) {
            err << "v2gbench: writing the reports failed: " << e.what() << "\n";
            exitCode = std::max(exitCode, 2);
        }
    }
    out << "\n";
    printVerdictTable(outcome, out);
    if (!outcome.error.empty()) err << "v2gbench: bench error: " << outcome.error << "\n";
    if (!outcome.runDir.empty()) {
        out << "run folder: " << outcome.runDir.string() << "\n";
        out << "report:     " << (outcome.runDir / "report.html").string() << "\n";
    }
    return exitCode;
}

int commandValidate(const Options& o, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (o.positional.empty()) throw UsageError{"validate needs at least one plan"};
    core::DriverRegistry registry;
    registerAllDrivers(registry);
    auto request = makeRequest(o, args);
    auto report = bench::validateInputs(request, &registry);
    if (!report.diagnostics.empty()) {
        for (const auto& d : report.diagnostics) err << d.str() << "\n";
        err << report.diagnostics.size() << (report.diagnostics.size() == 1 ? " error\n" : " errors\n");
        return 2;
    }
    for (const auto& p : report.plans) out << "ok  " << p.file << "  (" << p.id << ", " << p.cases.size() << " cases)\n";
    return 0;
}

int commandList(const Options& o, std::ostream& out, std::ostream& err) {
    if (o.positional.size() != 1) throw UsageError{"list needs one of: plans, drivers, defects"};
    const auto& what = o.positional[0];
    if (what == "drivers") {
        core::DriverRegistry registry;
        registerAllDrivers(registry);
        out << std::left << std::setw(10) << "ROLE" << std::setw(16) << "DRIVER" << "DESCRIPTION\n";
        for (const auto& d : registry.drivers())
            out << std::setw(10) << d.role << std::setw(16) << d.name << d.description << "\n";
        out << "\nclocks:\n  " << std::setw(16) << "real" << "wall-clock time, for real instruments\n";
        for (const auto& [name, description] : registry.clocks()) out << "  " << std::setw(16) << name << description << "\n";
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
    if (what == "plans") {
        bench::PlanLoadContext context;
        context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
        int bad = 0;
        for (const auto& path : expandPlans({dataDir() + "/testplans"})) {
            auto loaded = bench::loadPlanFile(path, context);
            auto rel = fs::relative(path, dataDir()).string();
            if (!loaded.plan) {
                ++bad;
                err << rel << ": invalid (" << loaded.diagnostics.size() << " errors; run `v2gbench validate`)\n";
                continue;
            }
            out << std::left << std::setw(48) << loaded.plan->id << rel << "\n    " << loaded.plan->title << "\n    requirements:";
            for (const auto& r : loaded.plan->requirements) out << " " << r;
            out << "\n";
        }
        return bad ? 2 : 0;
    }
    throw UsageError{"list needs one of: plans, drivers, defects (not '" + what + "')"};
}

int commandReport(const Options& o, std::ostream& out) {
    if (o.positional.size() != 1) throw UsageError{"report needs one run folder"};
    const fs::path dir = o.positional[0];
    reports::writeJunitXml(dir, dir / "junit.xml");
    reports::writeHtmlReport(dir, dir / "report.html");
    out << "wrote " << (dir / "junit.xml").string() << " and " << (dir / "report.html").string() << "\n";
    return 0;
}

namespace gbt = protocols::gbt27930;

int commandDecode(const Options& o, std::ostream& out) {
    if (o.positional.size() != 1) throw UsageError{"decode needs one trace file"};
    gbt::DecodeOptions options;
    if (o.strict) options.profile = gbt::Profile::Strict2015;
    const auto report = gbt::decodeTrace(o.positional[0], options);
    gbt::printDecoded(report, out);
    return 0;
}

int commandAnalyze(const Options& o, std::ostream& out) {
    if (o.positional.size() != 1) throw UsageError{"analyze needs one trace file"};
    gbt::AnalysisOptions options;
    if (o.tolerant) options.profile = gbt::Profile::Tolerant;
    const auto report = gbt::analyzeTrace(o.positional[0], options);
    gbt::printAnalysis(report, out);
    return 0;
}

} // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bench::AbortFlag& abort) {
    try {
        if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
            (args.empty() ? err : out) << kUsage;
            return args.empty() ? 2 : 0;
        }
        const auto& command = args[0];
        const auto options = parseOptions(args, 1);
        if (command == "run") return commandRun(options, args, out, err, abort);
        if (command == "validate") return commandValidate(options, args, out, err);
        if (command == "list") return commandList(options, out, err);
        if (command == "report") return commandReport(options, out);
        if (command == "decode") return commandDecode(options, out);
        if (command == "analyze") return commandAnalyze(options, out);
        throw UsageError{"unknown command '" + command + "'"};
    } catch (const UsageError& e) {
        err << "v2gbench: " << e.message << "\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        err << "v2gbench: " << e.what() << "\n";
        return 2;
    }
}

} // namespace v2gbench::app
