#pragma once
// The verdict lattice (DESIGN §5), ordered by severity: a case, plan or run takes the worst of its parts.
#include <optional>
#include <ostream>
#include <string>

namespace v2gbench::bench {

enum class Verdict {
    Pass = 0,
    NotApplicable = 1,
    Inconclusive = 2,
    Fail = 3,
    Error = 4,   // the bench or harness failed: never blamed on the DUT
    Aborted = 5, // stopped by the operator or the safety supervisor
};

inline Verdict worst(Verdict a, Verdict b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

std::string toString(Verdict v);                      // "pass", "not-applicable", ...
std::optional<Verdict> verdictFromString(const std::string& text);

inline std::ostream& operator<<(std::ostream& out, Verdict v) { return out << toString(v); }

} // namespace v2gbench::bench
