#pragma once
// Uncertainty budgets (GUM, JCGM 100:2008) per check kind — docs/uncertainty.md states the model.
// Every judged check carries one: its contributions u_i with sensitivity c_i, the combined standard
// uncertainty u_c = sqrt(Σ (c_i·u_i)²) and the expanded U = k·u_c the decision rule uses.
//
//   level  a reading of a signal: the instrument's U at the range used from the register (Type B,
//          u = U_reg / k_reg), and for a mean the standard error of the samples s/√n (Type A).
//   time   an interval between two instants: each instant read on a quantised time base (a daq
//          sample, a CAN timestamp, a bench poll) of resolution δ is rectangular over one step,
//          half-width a = δ/2, u = a/√3 = δ/(2√3) (= δ/√12); an instant the bench set itself (a
//          command on the bench clock) contributes nothing.
//   rate   |Δx|/Δt: the two levels' budgets with c = ±1/Δt and the time budget with c = −rate/Δt.
//   bus    a time read from frames (as time), or a count / a decoded field, which is exact.
//
// Pure: no I/O, no clock. Units are SI; `unit` is the symbol the check's value is in.
#include "v2gbench/bench/instrument_register.hpp"
#include "v2gbench/bench/measurement.hpp"
#include "v2gbench/bench/plan.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct BudgetContribution {
    std::string name;         // "instrument", "Type A: standard error of the mean", "from event: trigger"
    std::string source;       // "register:SIM-ANALYZER 300 A", "type A", "timestamp resolution", ...
    std::string type;         // "A" or "B"
    double standard = 0.0;    // u_i, in `unit`
    double sensitivity = 1.0; // c_i: d(value)/d(input)
    std::string unit;         // of u_i
};

struct UncertaintyBudget {
    std::string kind;              // "level", "time", "rate", "bus"
    double k = 2.0;                // coverage factor of `expanded`
    double combinedStandard = 0.0; // u_c, in `unit`
    double expanded = 0.0;         // U = k·u_c, in `unit`
    std::string unit;
    std::vector<BudgetContribution> contributions;
    // Why U is what it is when it is zero or incomplete ("a count of frames is exact", "no
    // register figure for daq.cc1_voltage"); empty otherwise.
    std::string note;
};

// u_c and U of `contributions` with coverage factor k (> 0).
UncertaintyBudget combineBudget(std::string kind, std::string unit, std::vector<BudgetContribution> contributions,
                                double k = 2.0, std::string note = {});

// Type B of a rectangular quantisation of width `resolution`: u = resolution/(2√3).
double rectangularStandard(double resolution);

// The register figures of the opened instruments, per bench signal (the register's `function`).
// A signal "analyzer.dc_voltage" is read by the instrument bound to role "analyzer".
struct InstrumentFigures {
    struct Figure {
        std::string instrument; // the register entry's id
        std::vector<RangeUncertainty> ranges;
    };
    std::map<std::string, Figure> bySignal;
    // The bench profile's `uncertainty:` (U, k not stated there): used for a signal the register
    // has no figure for, stated as such in the contribution's source.
    std::map<std::string, std::pair<double, double>> profileFigures; // signal → (absolute, relative)
    std::string profileFile;
};

// Builds the figures from the admissions of the run (instrument_register.hpp); an admission
// without an entry contributes nothing.
InstrumentFigures figuresFromAdmissions(const std::vector<InstrumentAdmission>& admissions);

// The instrument's contribution to a reading `reading` (SI) of `signal`: the smallest registered
// range that holds |reading| (the range the instrument autoranges to), u = (abs + rel·|x|)/k_reg.
// nullopt with `why` set when the register (and the profile) has no figure, or the reading is
// above every registered range (never clamped to the largest).
struct InstrumentTerm {
    std::optional<BudgetContribution> contribution;
    double k = 2.0; // the register's k, used as the budget's
    std::string why;
};
InstrumentTerm instrumentTerm(const InstrumentFigures& figures, const std::string& signal, double reading,
                              const std::string& unit);

// A level check: `statistic` of `samples` of `signal`, with value `value`. Digital signals (unit
// empty and values 0/1) are logic states: exact.
UncertaintyBudget levelBudget(const InstrumentFigures& figures, const std::string& signal, Statistic statistic,
                              const std::vector<Sample>& samples, double value, const std::string& unit,
                              bool logicState);

// One read instant of a time: the event's description and its time base (resolution 0: an instant
// the bench set itself, exact).
struct TimeInstant {
    std::string event;  // "trigger", "CST frame"
    std::string source; // "daq sample period (sim-daq)", "CAN timestamp resolution (sim-can)"
    double resolution = 0.0;
};

// A time t_to − t_from.
UncertaintyBudget timeBudget(const TimeInstant& from, const TimeInstant& to);

// A rate f·|x1 − x0| / Δt (unit per second; f = `levelFactor`, 0.8 for a 10–90 % slew): `time`
// is the Δt budget; `levelAtFrom` / `levelAtTo` the instrument terms of the two readings (absent
// when the register has none, or the value is commanded).
UncertaintyBudget rateBudget(double rate, double dt, const UncertaintyBudget& time,
                             const std::optional<BudgetContribution>& levelAtFrom,
                             const std::optional<BudgetContribution>& levelAtTo, const std::string& unit,
                             const std::string& note = {}, double levelFactor = 1.0);

// A daq channel that reads a logic state (0/1), e.g. daq.k1k2_closed.
bool isLogicState(const std::string& signal);

// A bus_check's budget: timed metrics from frame timestamps (latency from a bench-set instant
// when `referenceIsFrame` is false), exact for counts and decoded fields.
UncertaintyBudget busBudget(BusMetric metric, bool referenceIsFrame, double timeResolution,
                            const std::string& timeSource);

} // namespace v2gbench::bench
