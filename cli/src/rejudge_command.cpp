#include "v2gbench/app/rejudge_command.hpp"

#include "v2gbench/app/exit_codes.hpp"
#include "v2gbench/bench/decision_rule.hpp"
#include "v2gbench/bench/standard_coverage.hpp"
#include "v2gbench/core/text_file.hpp"
#include "v2gbench/reports/reports.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

namespace v2gbench::app {

namespace {

namespace fs = std::filesystem;
constexpr const char* kUsage = "usage: v2gbench rejudge RUN_DIR --rule simple|guarded|guarded:R|customer:R:AGREEMENT\n";
constexpr std::size_t kMaxSummaryBytes = 64 * core::kMiB;

void writeNew(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(path.string() + ": cannot be written");
}

} // namespace

int runRejudge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> folders;
    std::optional<std::string> ruleText;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--rule") {
            if (i + 1 >= args.size()) {
                err << "v2gbench: rejudge: option --rule needs a value\n" << kUsage;
                return kExitInvalidOrBenchError;
            }
            ruleText = args[++i];
        } else if (args[i].size() > 1 && args[i][0] == '-') {
            err << "v2gbench: rejudge: unknown option '" << args[i] << "'\n" << kUsage;
            return kExitInvalidOrBenchError;
        } else {
            folders.push_back(args[i]);
        }
    }
    if (folders.size() != 1 || !ruleText) {
        err << "v2gbench: rejudge needs one run folder and --rule\n" << kUsage;
        return kExitInvalidOrBenchError;
    }
    const fs::path dir = folders.front();
    bench::DecisionRule rule;
    nlohmann::json summary;
    try {
        rule = bench::parseDecisionRule(*ruleText);
        summary = nlohmann::json::parse(
            core::readRegularFile((dir / "summary.json").string(), kMaxSummaryBytes, "summary.json"));
    } catch (const std::invalid_argument& e) {
        err << "v2gbench: rejudge: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    } catch (const std::exception& e) {
        err << "v2gbench: rejudge: " << (dir / "summary.json").string() << ": " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
    const std::string before = summary.value("verdict", std::string("?"));
    bench::DecisionRule recorded;
    try {
        recorded = bench::recordedDecisionRule(summary);
    } catch (const std::invalid_argument& e) {
        err << "v2gbench: rejudge: " << (dir / "summary.json").string() << ": decision_rule: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
    const auto changes = bench::applyDecisionRule(summary, rule, recorded);
    // The coverage's verdicts follow the re-decided ones (a summary without catalogues keeps none).
    if (summary.contains("standard_coverage") || summary.contains("catalogues"))
        summary["standard_coverage"] = bench::standardCoverage(summary);
    summary["rejudged"] = {{"from_rule", recorded.name()}, {"rule", rule.name()}, {"changed_checks", changes.size()}};

    int n = 1;
    while (fs::exists(dir / ("summary.rejudged-" + std::to_string(n) + ".json")) ||
           fs::exists(dir / ("report.rejudged-" + std::to_string(n) + ".html")))
        ++n;
    const auto summaryPath = dir / ("summary.rejudged-" + std::to_string(n) + ".json");
    const auto reportPath = dir / ("report.rejudged-" + std::to_string(n) + ".html");
    try {
        const std::string text = summary.dump(2) + "\n";
        writeNew(summaryPath, text);
        const auto parsed = reports::parseRunSummary(text, summaryPath.string());
        writeNew(reportPath, reports::renderHtmlReport(parsed, dir));
    } catch (const std::exception& e) {
        err << "v2gbench: rejudge: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
    out << "rule: " << recorded.name() << " -> " << rule.name() << "\n";
    for (const auto& c : changes) out << "changed  " << c.where << ": " << c.before << " -> " << c.after << "\n";
    const std::string after = summary.value("verdict", std::string("?"));
    out << changes.size() << (changes.size() == 1 ? " check changed" : " checks changed") << "; run verdict " << before
        << " -> " << after << "\n";
    out << "wrote " << summaryPath.string() << " and " << reportPath.string() << "\n";
    const auto verdict = bench::verdictFromString(after);
    return verdict ? exitCodeFor(*verdict) : kExitInvalidOrBenchError;
}

} // namespace v2gbench::app
