#include "v2gbench/app/approve_command.hpp"

#include "v2gbench/app/exit_codes.hpp"
#include "v2gbench/bench/approved_plan_set.hpp"

#include <filesystem>
#include <map>
#include <optional>

namespace v2gbench::app {

namespace {

constexpr const char* kUsage =
    "usage: v2gbench approve SET --title TITLE --by NAME --bench BENCH [--dut DUT] [--sign-key KEY] PLAN...\n"
    "       v2gbench approve --check SET [--pubkey KEY]\n";

int invalid(std::ostream& err, const std::string& why) {
    err << "v2gbench: approve: " << why << "\n" << kUsage;
    return kExitInvalidOrBenchError;
}

int check(const std::filesystem::path& set, const std::optional<std::filesystem::path>& pubkey, std::ostream& out) {
    const auto result = bench::checkApprovedPlanSet(set, pubkey);
    for (const auto& p : result.problems) out << "refused  " << p << "\n";
    if (!result.set) return kExitInvalidOrBenchError;
    const auto& s = *result.set;
    out << set.string() << ": \"" << s.title << "\" approved by " << s.approvedBy << " " << s.approvedUtc << ", "
        << s.plans.size() << (s.plans.size() == 1 ? " plan" : " plans") << ", "
        << (s.publicKeySha256.empty() ? "not signed (hashes only)" : "signed, key " + s.publicKeySha256.substr(0, 16) + "…")
        << "\n";
    if (result.ok()) {
        out << set.string() << ": may run, every file as approved\n";
        return kExitPass;
    }
    out << set.string() << ": may NOT run (" << result.problems.size() << (result.problems.size() == 1 ? " reason" : " reasons")
        << ")\n";
    return kExitFail;
}

} // namespace

int runApprove(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::map<std::string, std::string> options;
    std::vector<std::string> words;
    bool checkOnly = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--check") {
            checkOnly = true;
        } else if (a == "--title" || a == "--by" || a == "--bench" || a == "--dut" || a == "--sign-key" || a == "--pubkey") {
            if (i + 1 >= args.size()) return invalid(err, "option " + a + " needs a value");
            if (options.count(a)) return invalid(err, "option " + a + " given twice");
            options[a] = args[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            return invalid(err, "unknown option '" + a + "'");
        } else {
            words.push_back(a);
        }
    }
    if (words.empty()) return invalid(err, "name the plan set file (NAME.planset.json)");
    if (checkOnly) {
        if (words.size() != 1) return invalid(err, "--check takes one plan set");
        for (const char* o : {"--title", "--by", "--bench", "--dut", "--sign-key"})
            if (options.count(o)) return invalid(err, std::string(o) + " is for writing a set, not --check");
        std::optional<std::filesystem::path> pubkey;
        if (options.count("--pubkey")) pubkey = options["--pubkey"];
        return check(words.front(), pubkey, out);
    }
    if (options.count("--pubkey")) return invalid(err, "--pubkey is for --check; a set is signed with --sign-key");
    for (const char* o : {"--title", "--by", "--bench"})
        if (!options.count(o)) return invalid(err, std::string("option ") + o + " is required");
    if (words.size() < 2) return invalid(err, "name at least one plan to approve");
    bench::ApprovalRequest request;
    request.title = options["--title"];
    request.approvedBy = options["--by"];
    request.bench = options["--bench"];
    if (options.count("--dut")) request.dut = options["--dut"];
    if (options.count("--sign-key")) request.signingKey = options["--sign-key"];
    request.plans.assign(words.begin() + 1, words.end());
    try {
        const auto set = bench::writeApprovedPlanSet(words.front(), request);
        out << words.front() << ": \"" << set.title << "\", " << set.plans.size()
            << (set.plans.size() == 1 ? " plan" : " plans") << " approved by " << set.approvedBy << ", "
            << (set.publicKeySha256.empty() ? "not signed" : "signed, key " + set.publicKeySha256.substr(0, 16) + "…")
            << "\n";
    } catch (const std::exception& e) {
        err << "v2gbench: approve: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
    return kExitPass;
}

} // namespace v2gbench::app
