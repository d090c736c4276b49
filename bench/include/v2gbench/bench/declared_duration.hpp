#pragma once
// The bench time a plan declares: the sum of its waits, measurement windows, response and
// capture observations and bus windows, step by step, for every case instance. A pure function
// over the Plan (no instrument is read): the run's progress estimate ("~40 s left").
//
// What each step declares: wait → its duration; measure and bus_check → window; response →
// timeout (it always observes the whole timeout); capture → pre + post (the wait for the trigger
// is not known); action, inspect → 0; wait_until → 0 (its timeout bounds it, it does not declare
// it). applies_if is not evaluated: a case that turns out not applicable is counted.
#include "v2gbench/bench/expression.hpp"
#include "v2gbench/bench/plan.hpp"

#include <cstddef>
#include <vector>

namespace v2gbench::bench {

struct DeclaredDurations {
    std::vector<double> setup; // s per top-level step
    // Per case, per for_each instance (one when none), per top-level step, s.
    std::vector<std::vector<std::vector<double>>> cases;
    std::vector<double> teardown;
    // Durations (and for_each lists) that could not be evaluated before the run: counted as 0 s
    // (and one instance). An expression over a live signal is one.
    std::size_t undeclared = 0;

    double total() const;
    std::size_t instanceCount() const; // case instances of the plan
    // Declared time from the start of step `step` of instance `instance` of case `caseIndex` to the
    // plan's end (its teardown included). Out-of-range indexes count from the next case.
    double remainingFromCaseStep(std::size_t caseIndex, std::size_t instance, std::size_t step) const;
    double remainingFromSetupStep(std::size_t step) const;
    double remainingFromTeardownStep(std::size_t step) const;
};

// `outside`: the names a plan may use besides its own parameters and loop variables (dut.*,
// vehicle.*); the plan's parameters are evaluated in order over it. Names it does not resolve
// make the duration undeclared. Never throws.
DeclaredDurations declaredDurations(const Plan& plan, const NameLookup& outside);

} // namespace v2gbench::bench
