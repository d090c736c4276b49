#pragma once
// The fixed wording of the PDF report in English and Chinese. Internal to reports_pdf.
#include "v2gbench/reports_pdf/pdf_report.hpp"

#include <string>
#include <string_view>

namespace v2gbench::reports_pdf {

// The text for `key` (the English wording is the key). Throws std::logic_error for a key without a
// translation, so a missing one fails every test that renders it rather than printing English in zh.
std::string text(Language language, std::string_view key);

// "Page 3 of 12" / "第 3 页 共 12 页".
std::string pageOf(Language language, int page, int pages);

// A verdict or a decision ("pass", "conditional pass", "not-applicable", …) in the language.
std::string verdictWord(Language language, std::string_view verdict);

// The decision rule in the language, from its recorded name ("guarded r=1") and statement.
std::string decisionRuleText(Language language, const std::string& name, const std::string& statement);

} // namespace v2gbench::reports_pdf
