#include "v2gbench/app/plan_library.hpp"

#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/closest_match.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace v2gbench::app {

namespace fs = std::filesystem;

namespace {

bool isPlanFolderExcluded(const fs::path& relative) {
    for (const auto& part : relative)
        if (part == "requirements" || part == "duts" || part == "evs" || part == "schema") return true;
    return false;
}

// Operator answer files (`--answers`, e.g. testplans/gbt34657/answers-conforming.yaml) live
// beside the plans they answer; they are not plans.
bool isAnswersFile(const fs::path& file) { return file.filename().string().rfind("answers", 0) == 0; }

std::vector<std::string> plansBelow(const fs::path& folder) {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file() && e.path().extension() == ".yaml" && !isAnswersFile(e.path()) && !isPlanFolderExcluded(fs::relative(e.path(), folder)))
            found.push_back(e.path().string());
    std::sort(found.begin(), found.end());
    return found;
}

bool looksLikePath(const std::string& argument) {
    const auto ext = fs::path(argument).extension();
    return argument.find('/') != std::string::npos || ext == ".yaml" || ext == ".yml";
}

} // namespace

std::vector<LibraryPlan> loadPlanLibrary(const fs::path& dataDir) {
    bench::PlanLoadContext context;
    context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
    // Plans name their limits by catalogue criterion; without the catalogues they do not load.
    bench::RequirementSet requirements;
    try {
        requirements.loadFolder((dataDir / "testplans" / "requirements").string());
        context.requirements = &requirements;
    } catch (const core::ConfigError&) {
        // A broken catalogue is reported by run/validate; the library still lists what loads.
    }
    std::vector<LibraryPlan> library;
    for (const auto& path : plansBelow(dataDir / "testplans")) library.push_back({path, bench::loadPlanFile(path, context)});
    return library;
}

std::vector<std::string> nearestIds(const std::string& wanted, const std::vector<std::string>& ids, std::size_t limit) {
    std::vector<std::tuple<int, std::size_t, std::string>> ranked; // (0 contains / 1 close, distance, id)
    for (const auto& id : ids) {
        const auto distance = core::editDistance(wanted, id);
        if (!wanted.empty() && id.find(wanted) != std::string::npos) ranked.emplace_back(0, distance, id);
        else if (distance * 3 <= std::max(wanted.size(), id.size())) ranked.emplace_back(1, distance, id);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> out;
    for (const auto& r : ranked) {
        if (out.size() == limit) break;
        out.push_back(std::get<2>(r));
    }
    return out;
}

std::vector<std::string> resolvePlanArguments(const std::vector<std::string>& arguments,
                                              const std::function<fs::path()>& dataDir) {
    std::vector<std::string> plans;
    std::optional<std::map<std::string, std::string>> idToPath; // loaded on the first id
    fs::path library;
    for (const auto& argument : arguments) {
        std::error_code ec;
        if (fs::is_directory(argument, ec)) {
            const auto found = plansBelow(argument);
            if (found.empty()) throw std::invalid_argument("folder '" + argument + "' holds no plan (*.yaml)");
            plans.insert(plans.end(), found.begin(), found.end());
            continue;
        }
        if (fs::exists(argument, ec) || looksLikePath(argument)) {
            plans.push_back(argument);
            continue;
        }
        if (!idToPath) {
            idToPath.emplace();
            library = dataDir();
            for (const auto& entry : loadPlanLibrary(library))
                if (entry.loaded.plan) idToPath->emplace(entry.loaded.plan->id, entry.path);
        }
        if (const auto it = idToPath->find(argument); it != idToPath->end()) {
            plans.push_back(it->second);
            continue;
        }
        std::vector<std::string> ids;
        for (const auto& [id, path] : *idToPath) ids.push_back(id);
        std::string message = "'" + argument + "' is neither a file nor the id of a plan in " +
                              (library / "testplans").string();
        const auto near = nearestIds(argument, ids);
        if (!near.empty()) {
            message += "; did you mean ";
            for (std::size_t i = 0; i < near.size(); ++i) message += (i ? ", " : "") + near[i];
            message += "?";
        }
        message += " (`v2gbench list plans` lists all " + std::to_string(ids.size()) + ")";
        throw std::invalid_argument(message);
    }
    return plans;
}

} // namespace v2gbench::app
