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

} // namespace v2gbench::bench
