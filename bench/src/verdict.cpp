#include "v2gbench/bench/verdict.hpp"

namespace v2gbench::bench {

std::string toString(Verdict v) {
    switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::NotApplicable: return "not-applicable";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::Fail: return "fail";
    case Verdict::Error: return "error";
    case Verdict::Aborted: return "aborted";
    }
    return "error";
}

std::optional<Verdict> verdictFromString(const std::string& text) {
    for (auto v : {Verdict::Pass, Verdict::NotApplicable, Verdict::Inconclusive, Verdict::Fail, Verdict::Error,
                   Verdict::Aborted})
        if (toString(v) == text) return v;
    return std::nullopt;
}

int exitCodeFor(Verdict v) {
    switch (v) {
    case Verdict::Pass:
    case Verdict::NotApplicable: return 0;
    case Verdict::Inconclusive:
    case Verdict::Fail: return 1;
    case Verdict::Error: return 2;
    case Verdict::Aborted: return 3;
    }
    return 2;
}

} // namespace v2gbench::bench
