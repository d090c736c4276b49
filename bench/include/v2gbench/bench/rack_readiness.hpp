#pragma once
// Whether the rack (instruments, wiring) was fit to judge the charger, decided by the run's rack
// self-check plans (`purpose: rack-self-check`). A rack is ready when every instrument was admitted
// by the instrument register and every self-check plan passed; a rack that is not ready judges no
// charger: the charger's plans of that run do not run, and the run is "rack not ready" — a bench
// error, never the charger's fail.
#include "v2gbench/bench/results.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct RackReadiness {
    std::vector<std::string> selfCheckPlans; // ids of the run's rack self-check plans, in run order
    std::vector<std::string> reasons;        // why not ready, one line each; empty: ready
    std::vector<std::string> plansNotRun;    // the charger's plans skipped because the rack was not ready

    bool ready() const { return reasons.empty(); }
    // One line for the run's error and the front-ends: "rack not ready: <reason>; <reason>".
    std::string statement() const;
};

// The reason a finished self-check plan gives against the rack: none when it passed, else one line
// naming the plan, its verdict and its first checks that did not pass (at most three).
std::optional<std::string> selfCheckFinding(const PlanResult& plan);

} // namespace v2gbench::bench
