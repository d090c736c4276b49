#include "check_text.hpp"

#include "v2gbench/reports/text_format.hpp"

namespace v2gbench::reports {

std::string measuredText(const CheckResult& check) {
    if (!check.value) {
        return check.answer.empty() ? "no value" : check.answer; // inspect: the operator's answer
    }
    return formatQuantity(*check.value, check.unit);
}

std::string limitsText(const CheckResult& check) {
    if (check.low && check.high) {
        return formatQuantity(*check.low, check.unit) + " .. " + formatQuantity(*check.high, check.unit);
    }
    if (check.low) {
        return "\xE2\x89\xA5 " + formatQuantity(*check.low, check.unit); // ≥
    }
    if (check.high) {
        return "\xE2\x89\xA4 " + formatQuantity(*check.high, check.unit); // ≤
    }
    if (!check.limitText.empty() && check.kind == "inspect") {
        return check.limitText; // "= yes"
    }
    return "unbounded";
}

std::string caseDisplayName(const CaseResult& kase) {
    return kase.instance.empty() ? kase.id : kase.id + " [" + kase.instance + "]";
}

} // namespace v2gbench::reports
