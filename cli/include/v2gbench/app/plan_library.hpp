#pragma once
// PLAN arguments of `run` and `validate`, and the shipped plan library (<data dir>/testplans) that
// `list plans` prints and whose ids those arguments may name.
#include "v2gbench/bench/plan_loader.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace v2gbench::app {

// One plan file of the library, loaded without the requirement catalogues (`validate` checks those).
struct LibraryPlan {
    std::string path;
    bench::PlanLoadResult loaded;
};

// Every plan below <dataDir>/testplans, sorted by path.
std::vector<LibraryPlan> loadPlanLibrary(const std::filesystem::path& dataDir);

// The plan files the arguments name, in order. Each argument is, first match wins:
//   - a folder: every *.yaml below it, sorted (not requirement catalogues, DUT/EV profiles or
//     schemas); a folder with none is an error;
//   - an existing file, or anything that looks like a path (a '/' or a .yaml/.yml ending): that
//     path (the plan loader reports a missing file at its name);
//   - the id of a plan in the library (as `list plans` prints it): that plan's file.
// An argument that is none of these throws std::invalid_argument naming it, the library folder
// and the nearest ids.
// `dataDir` is asked only when an argument is an id.
std::vector<std::string> resolvePlanArguments(const std::vector<std::string>& arguments,
                                              const std::function<std::filesystem::path()>& dataDir);

// Up to `limit` ids nearest to `wanted`: those containing it first, then by edit distance (at most
// a third of the longer name), ties by name.
std::vector<std::string> nearestIds(const std::string& wanted, const std::vector<std::string>& ids,
                                    std::size_t limit = 5);

} // namespace v2gbench::app
