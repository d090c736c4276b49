#pragma once
// How a check's measurement and limits read in words; shared by the JUnit message and the HTML
// table so both say the same thing. Internal to the library.

#include "v2gbench/reports/run_summary.hpp"

#include <string>

namespace v2gbench::reports {

std::string measuredText(const CheckResult& check); // "10.02 A", or "no value"
std::string limitsText(const CheckResult& check);   // "9.7 A .. 10.3 A", "≤ 2 s", "unbounded"
std::string caseDisplayName(const CaseResult& kase); // "D0.4102 [current=10 A]"

} // namespace v2gbench::reports
