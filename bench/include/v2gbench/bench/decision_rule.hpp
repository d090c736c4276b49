#pragma once
// Decision rules (ISO/IEC 17025 7.8.6, ILAC-G8:09/2019, CNAS-GL015): how a measured value, its
// expanded uncertainty U and a limit give a decision, stated in every report.
//
//   simple           w = 0: inside the limits is a pass, outside a fail, whatever U is.
//   guarded (r)      w = r·U (r = 1 unless given): inside the limits by more than w is a pass,
//                    inside by less a conditional pass, outside by less than w a conditional
//                    fail, outside by more a fail. r = 1 is what a run judged before rules existed.
//   customer-agreed  as guarded, with the r and the agreement's reference the customer signed.
//
// Decisions map onto the verdict lattice (verdict.hpp), so JUnit and exit codes keep their
// meaning: pass → pass, conditional pass / conditional fail → inconclusive (exit 1, a JUnit
// failure: the lab cannot state conformity without qualification), fail → fail. summary.json
// records the decision itself per check ("decision") and the rule ("decision_rule").
#include "v2gbench/bench/measurement.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct DecisionRule {
    enum class Kind { Simple, Guarded, CustomerAgreed };
    Kind kind = Kind::Guarded;
    double guardFactor = 1.0; // r in w = r·U; 0 for simple
    std::string agreement;    // customer-agreed: the agreement's reference

    std::string name() const;      // "simple", "guarded r=1", "customer-agreed r=0.5"
    std::string statement() const; // the sentence the report prints
};

// "simple", "guarded", "guarded:R", "customer:R:AGREEMENT". Throws std::invalid_argument naming
// what is wrong (an unknown name, R not a number ≥ 0, an empty agreement).
DecisionRule parseDecisionRule(const std::string& text);

enum class Decision { Pass, ConditionalPass, ConditionalFail, Fail };
std::string toString(Decision d); // "pass", "conditional pass", "conditional fail", "fail"
Verdict verdictOf(Decision d);

// The decision on `value` against `limits` with expanded uncertainty `u` under `rule`.
Decision decide(double value, const Limits& limits, double u, const DecisionRule& rule);

// One check whose verdict a rule change altered.
struct RejudgedCheck {
    std::string where; // "plan id / case id [instance] / check name"
    std::string before;
    std::string after; // verdicts, with the decision: "inconclusive (conditional pass)"
};

// Re-decides every check of a summary.json object (format v2gbench-run/1) judged by comparing a
// value with its limits and U — the others (inspect answers, counts, order-decided intervals,
// checks whose recorded verdict that comparison does not give) keep their verdict — and rolls the
// verdicts up to cases, plans, the run and the counts. `recordedRule` is the rule the verdicts were
// made under (a summary without "decision_rule": guarded r=1). Sets "decision_rule" and each
// re-decided check's "decision" and "guard_band". Returns what changed.
std::vector<RejudgedCheck> applyDecisionRule(nlohmann::json& summary, const DecisionRule& rule,
                                             const DecisionRule& recordedRule);

// The rule a summary records ("decision_rule"), guarded r=1 when it has none.
DecisionRule recordedDecisionRule(const nlohmann::json& summary);

} // namespace v2gbench::bench
