#pragma once
// v2gbench::reports_pdf — the test report as a lab issues it (ISO/IEC 17025 7.8.2.1): a PDF drawn
// from a run folder and a run-information file, in English or Chinese. Text is shaped by pango and
// set in Noto Sans CJK SC (Debian fonts-noto-cjk), which cairo embeds as a subset, so the file
// reads the same on any machine. Every page carries the lab, the report number and "Page x of y",
// and the SIMULATION / NOT FOR CERTIFICATION marks when the run was so.

#include "v2gbench/core/text_file.hpp"
#include "v2gbench/reports/run_summary.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::reports_pdf {

enum class Language { En, Zh };

// "en" / "zh"; throws std::invalid_argument naming the accepted values otherwise.
Language parseLanguage(std::string_view text);
std::string_view toString(Language language);

// The family every page is set in; it covers Latin and CJK.
inline constexpr std::string_view kReportFontFamily = "Noto Sans CJK SC";

// Throws std::runtime_error naming the font and the Debian package when fontconfig cannot find it
// (pango would silently substitute a font without CJK glyphs). Leaves no font caches behind.
void requireReportFont();

struct PdfReportOutcome {
    int pages = 0;
    std::vector<std::string> unreadTraces; // "<path as in summary.json>: <why>", shown in place of its plot
};

// Draws the report of `summary` (read from `runDir`; traces are read from there, never outside
// it) to `out`. `info` absent: the report says "not given" where the run-information file would
// speak, and uses the run id as the report number. `stop` is polled between cases (Ctrl-C): it
// throws core::ReadStopped and `out` is removed. Throws std::runtime_error naming `out` when it
// cannot be written, and requireReportFont()'s error when the font is missing.
PdfReportOutcome writePdfReport(const reports::RunSummary& summary, const std::filesystem::path& runDir,
                                const std::optional<RunInfo>& info, Language language,
                                const std::filesystem::path& out, const core::StopCheck& stop = {});

} // namespace v2gbench::reports_pdf
