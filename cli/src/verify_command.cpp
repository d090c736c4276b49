#include "v2gbench/app/verify_command.hpp"

#include "v2gbench/app/exit_codes.hpp"
#include "v2gbench/bench/run_seal.hpp"

#include <filesystem>
#include <optional>

namespace v2gbench::app {

namespace {

constexpr const char* kUsage = "usage: v2gbench verify RUN_DIR [--pubkey FILE]\n";

void listPaths(std::ostream& out, const char* what, const std::vector<std::string>& paths) {
    for (const auto& p : paths) out << what << "  " << p << "\n";
}

} // namespace

int runVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> folders;
    std::optional<std::filesystem::path> pubkey;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--pubkey") {
            if (i + 1 >= args.size()) {
                err << "v2gbench: verify: option --pubkey needs a value\n" << kUsage;
                return kExitInvalidOrBenchError;
            }
            pubkey = args[++i];
        } else if (args[i].size() > 1 && args[i][0] == '-') {
            err << "v2gbench: verify: unknown option '" << args[i] << "'\n" << kUsage;
            return kExitInvalidOrBenchError;
        } else {
            folders.push_back(args[i]);
        }
    }
    if (folders.size() != 1) {
        err << "v2gbench: verify needs one run folder\n" << kUsage;
        return kExitInvalidOrBenchError;
    }
    const std::filesystem::path dir = folders.front();
    if (!std::filesystem::is_directory(dir)) {
        err << "v2gbench: verify: " << dir.string() << ": not a folder\n";
        return kExitInvalidOrBenchError;
    }
    bench::SealCheck check;
    try {
        check = bench::verifyRunFolder(dir, pubkey);
    } catch (const bench::SealError& e) {
        err << "v2gbench: verify: " << e.what() << "\n";
        return kExitInvalidOrBenchError;
    }
    listPaths(out, "changed", check.changed);
    listPaths(out, "missing", check.missing);
    listPaths(out, "extra  ", check.extra);
    out << "signature: " << bench::toString(check.signature)
        << (check.signatureDetail.empty() ? "" : " (" + check.signatureDetail + ")") << "\n";
    const auto problems = check.changed.size() + check.missing.size() + check.extra.size();
    if (check.intact()) {
        out << dir.string() << ": intact, every file as sealed\n";
        return kExitPass;
    }
    out << dir.string() << ": NOT intact: " << problems << (problems == 1 ? " file differs" : " files differ")
        << (check.signature == bench::SignatureState::Bad ? ", bad signature" : "") << "\n";
    return kExitFail;
}

} // namespace v2gbench::app
