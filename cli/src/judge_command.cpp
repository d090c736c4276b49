#include "v2gbench/app/judge_command.hpp"

#include "v2gbench/app/capture_import.hpp"
#include "v2gbench/app/plan_library.hpp"
#include "v2gbench/app/signal_guard.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/offline_judgement.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/core/data_dir.hpp"
#include "v2gbench/core/quantity.hpp"

#include <filesystem>
#include <optional>

namespace v2gbench::app {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = "usage: v2gbench judge CAPTURE --plan PLAN|ID [--dut FILE] [--requirements DIR]\n";
// Reader problems printed one by one; the rest are counted (a binary file can have millions).
constexpr std::uint64_t kProblemsShown = 20;

struct JudgeArgs {
    std::string capture;
    std::string plan;
    std::string dut;
    std::vector<std::string> requirements;
};

std::optional<JudgeArgs> parseArgs(const std::vector<std::string>& args, std::ostream& err) {
    JudgeArgs a;
    std::size_t captures = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        const bool takesValue = arg == "--plan" || arg == "--dut" || arg == "--requirements";
        if (takesValue && i + 1 >= args.size()) {
            err << "v2gbench: judge: option " << arg << " needs a value\n" << kUsage;
            return std::nullopt;
        }
        if (arg == "--plan") {
            if (!a.plan.empty()) {
                err << "v2gbench: judge: one --plan at a time\n" << kUsage;
                return std::nullopt;
            }
            a.plan = args[++i];
        } else if (arg == "--dut") {
            a.dut = args[++i];
        } else if (arg == "--requirements") {
            a.requirements.push_back(args[++i]);
        } else if (arg.size() > 1 && arg[0] == '-') {
            err << "v2gbench: judge: unknown option '" << arg << "'\n" << kUsage;
            return std::nullopt;
        } else {
            a.capture = arg;
            ++captures;
        }
    }
    if (captures != 1 || a.plan.empty()) {
        err << "v2gbench: judge needs one capture and --plan\n" << kUsage;
        return std::nullopt;
    }
    return a;
}

std::string seconds(double s) { return core::formatQuantity(s, core::Dimension::time()); }

std::string captureLine(const ImportedCapture& c) {
    std::string line = "capture: " + c.info.name + " (" + traces::toString(c.info.format) + "), " +
                       std::to_string(c.frames) + " frames, " + std::to_string(c.messages) + " GB/T 27930 messages over " +
                       seconds(c.view.end) + "; times: ";
    line += c.view.timesUnusable.empty() ? "resolution " + std::to_string(c.info.resolutionUs) + " µs"
                                         : "unusable, " + c.view.timesUnusable;
    if (c.problems) line += "; " + std::to_string(c.problems) + " unreadable lines";
    return line;
}

std::string checkLine(const bench::CheckResult& ch) {
    std::string line = "    " + bench::toString(ch.verdict);
    line.resize(std::max<std::size_t>(line.size() + 1, 21), ' ');
    line += ch.name;
    if (ch.value) {
        line += ": " + core::formatQuantity(*ch.value, ch.unit == "s" ? core::Dimension::time() : core::Dimension::none());
        if (ch.unit != "s" && !ch.unit.empty()) line += " " + ch.unit;
    }
    if (!ch.limits.text.empty() && ch.verdict != bench::Verdict::NotApplicable) line += " [" + ch.limits.text + "]";
    if (!ch.reason.empty()) line += " — " + ch.reason;
    return line + "  (" + ch.source + ")";
}

// Every case and check; then what was judged and what could not be.
void printResult(const bench::PlanResult& plan, std::ostream& out) {
    out << "plan: " << plan.id << " (" << plan.source << ")\n";
    std::size_t judged = 0, notApplicable = 0, failed = 0;
    for (const auto& c : plan.cases) {
        out << c.id << (c.instance.empty() ? "" : " [" + c.instance + "]") << "  " << bench::toString(c.verdict) << "  "
            << c.title << "\n";
        for (const auto& ch : c.checks) {
            out << checkLine(ch) << "\n";
            if (ch.verdict == bench::Verdict::NotApplicable) ++notApplicable;
            else ++judged;
            if (ch.verdict == bench::Verdict::Fail || ch.verdict == bench::Verdict::Inconclusive) ++failed;
        }
        if (c.checks.empty() && !c.reason.empty()) out << "    " << c.reason << "\n";
    }
    out << "judged " << judged << (judged == 1 ? " check" : " checks") << " (" << failed
        << " failed or inconclusive); not applicable to this capture: " << notApplicable << "\n";
}

int exitCodeOf(const bench::PlanResult& plan) {
    int code = 0;
    for (const auto& c : plan.cases)
        for (const auto& ch : c.checks) {
            if (ch.verdict == bench::Verdict::Error) return 2;
            if (ch.verdict == bench::Verdict::Fail || ch.verdict == bench::Verdict::Inconclusive) code = 1;
        }
    return code;
}

int stopped(std::ostream& err, const bench::AbortFlag& abort) {
    const auto signal = SignalGuard::lastSignalName();
    err << "v2gbench: stopped by " << (signal.empty() ? abort.reason() : signal) << "\n";
    return 3;
}

} // namespace

int runJudge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    const auto a = parseArgs(args, err);
    if (!a) return 2;
    try {
        std::optional<fs::path> data;
        const auto dataFolder = [&data] {
            if (!data) data = core::dataDir();
            return *data;
        };
        const auto plans = resolvePlanArguments({a->plan}, dataFolder);
        if (plans.size() != 1) {
            err << "v2gbench: judge: --plan " << a->plan << " names " << plans.size() << " plans; judge one at a time\n";
            return 2;
        }
        bench::RequirementSet requirements;
        auto folders = a->requirements;
        if (folders.empty()) folders.push_back((dataFolder() / "testplans/requirements").string());
        for (const auto& folder : folders) requirements.loadFolder(folder);
        bench::PlanLoadContext context;
        context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
        context.requirements = &requirements;
        if (!requirements.all().empty())
            context.isKnownRequirement = [&requirements](const std::string& id) { return requirements.contains(id); };
        auto loaded = bench::loadPlanFile(plans.front(), context);
        if (!loaded.plan) {
            for (const auto& d : loaded.diagnostics) err << d.str() << "\n";
            err << loaded.diagnostics.size() << (loaded.diagnostics.size() == 1 ? " error" : " errors")
                << "; nothing was judged\n";
            return 2;
        }
        const auto dut = bench::loadDutProfile(
            a->dut.empty() ? (dataFolder() / "testplans/duts/sim-v2g-charger.yaml").string() : a->dut);
        if (abort.requested()) return stopped(err, abort);

        std::uint64_t shown = 0;
        const auto capture = importCapture(
            a->capture, bench::messagesNeeded(*loaded.plan),
            [&](const traces::TraceProblem& p) {
                if (++shown <= kProblemsShown) err << p.message << "\n";
            },
            abort);
        if (shown > kProblemsShown) err << "v2gbench: " << (shown - kProblemsShown) << " more unreadable lines not shown\n";
        if (capture.frames == 0) {
            err << "v2gbench: " << capture.info.name << ": no CAN frame could be read (" << capture.problems
                << " problems); nothing was judged\n";
            return 2;
        }
        const auto result = bench::judgeCapture(*loaded.plan, capture.view, dut);
        out << captureLine(capture) << "\n";
        printResult(result, out);
        out.flush();
        return exitCodeOf(result);
    } catch (const core::ReadStopped&) {
        return stopped(err, abort);
    } catch (const std::exception& e) {
        // Unreadable capture, missing plan or DUT profile, a bad catalogue (file:line), an unknown plan id.
        err << "v2gbench: " << e.what() << "\n";
        return 2;
    }
}

} // namespace v2gbench::app
