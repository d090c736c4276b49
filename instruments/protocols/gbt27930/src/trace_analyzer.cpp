#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace v2gbench::protocols::gbt27930 {

namespace {

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

double percentile(std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    double pos = p * static_cast<double>(sorted.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

struct Occurrence {
    std::chrono::microseconds time;
    std::size_t line;
    unsigned session;
};

} // namespace

const MessageStats* AnalysisReport::stats(std::string_view name) const {
    for (const auto& s : perMessage)
        if (name == s.spec->name) return &s;
    return nullptr;
}

AnalysisReport analyzeLog(const TraceLog& log, const AnalysisOptions& options) {
    DecodeOptions dopt;
    dopt.profile = options.profile;
    dopt.timers = options.timers;
    const DecodeReport d = decodeLog(log, dopt);

    AnalysisReport r;
    r.path = log.path;
    r.format = log.format;
    r.frames = log.frames.size();
    r.messages = d.messages;
    r.problems = log.problems;
    r.periodsJudged = !d.timestampsFlattened;
    if (!r.periodsJudged) {
        r.timingNote = log.frames.size() < 2
                           ? "periods cannot be judged: fewer than two frames"
                           : "periods cannot be judged: all " + std::to_string(log.frames.size()) +
                                 " timestamps are the same value (" +
                                 fmt("%.6f", static_cast<double>(log.frames.front().frame.timestamp.count()) / 1e6) +
                                 " s); the trace was flattened";
        r.findings.push_back({Severity::Warning, "trace", r.timingNote, 0});
    }
    for (const auto& p : log.problems) r.findings.push_back({Severity::Error, "trace", p.message, p.line});

    // Occurrences per message: each frame of a single-frame message; for a TP message the RTS
    // (its period is the period of the whole packet, digest §1.1) and the reassembly for counts.
    std::array<std::vector<Occurrence>, 64> occurrences;
    std::array<MessageStats, 64> stats{};
    std::array<std::size_t, 64> issueCount{};
    std::array<Severity, 64> worstIssue{};
    std::array<std::string, 64> firstIssue;
    std::array<std::size_t, 64> firstIssueLine{};
    std::map<std::string, std::pair<std::size_t, std::size_t>> errorReports; // "BEM: ..." -> count, line
    unsigned session = 0;
    auto slot = [](std::uint32_t pgn) { return static_cast<std::size_t>((pgn >> 8) & 0x3F); };
    std::size_t changeIndex = 0;
    const auto& changes = d.phases.changes();
    for (const auto& e : d.entries) {
        while (changeIndex < changes.size() && changes[changeIndex].line <= e.line) {
            if (changes[changeIndex].phase == Phase::Handshake) ++session;
            ++changeIndex;
        }
        if (e.kind == EntryKind::TpControl && e.frame.data[0] == 0x10) {
            if (auto cm = parseTpCm(e.frame))
                if (const MessageSpec* spec = findMessage(cm->pgn))
                    occurrences[slot(spec->pgn)].push_back({e.frame.timestamp, e.line, session});
        }
        if (!e.message) continue;
        const DecodedMessage& m = *e.message;
        const std::size_t s = slot(m.spec->pgn);
        stats[s].spec = m.spec;
        ++stats[s].count;
        ++stats[s].dlcs[m.length];
        if (!m.spec->multiPacket) occurrences[s].push_back({e.frame.timestamp, e.line, session});
        for (const auto& i : m.issues) {
            if (i.severity == Severity::Note) continue;
            worstIssue[s] = std::max(worstIssue[s], i.severity);
            if (issueCount[s]++ == 0) {
                firstIssue[s] = i.text;
                firstIssueLine[s] = e.line;
            }
        }
        if (m.spec->pgn == 0x1E00 || m.spec->pgn == 0x1F00) {
            std::string what;
            for (const auto& f : m.fields)
                if (f.present && f.raw == 1) what += (what.empty() ? "" : ", ") + std::string(f.spec->name);
            std::string key = std::string(m.spec->name) + " reports " + (what.empty() ? "no timeout" : what);
            auto& [count, line] = errorReports[key];
            if (count++ == 0) line = e.line;
        }
    }

    for (const auto& spec : messageTable()) {
        const std::size_t s = slot(spec.pgn);
        auto& st = stats[s];
        auto& occ = occurrences[s];
        if (st.count == 0 && occ.empty()) continue;
        st.spec = &spec;
        std::vector<double> intervals;
        std::vector<std::pair<double, std::size_t>> gaps; // timeout candidates
        for (std::size_t i = 1; i < occ.size(); ++i) {
            if (occ[i].session != occ[i - 1].session) continue; // a restart is not a period
            double ms = static_cast<double>((occ[i].time - occ[i - 1].time).count()) / 1000.0;
            intervals.push_back(ms);
            if (spec.timeoutMs && ms > spec.timeoutMs) gaps.push_back({ms, occ[i].line});
        }
        if (r.periodsJudged && !intervals.empty()) {
            std::sort(intervals.begin(), intervals.end());
            PeriodStats p;
            p.intervals = intervals.size();
            p.medianMs = percentile(intervals, 0.5);
            p.p95Ms = percentile(intervals, 0.95);
            p.maxMs = intervals.back();
            st.period = p;
            const double nominal = spec.periodMs;
            const double tol = std::max(nominal * options.periodTolerance, options.periodToleranceFloorMs);
            if (intervals.size() >= 3 && std::abs(p.medianMs - nominal) > tol)
                r.findings.push_back({Severity::Error, "period",
                                      std::string(spec.name) + " period " + fmt("%.1f", p.medianMs) +
                                          " ms (median of " + std::to_string(p.intervals) + "), nominal " +
                                          fmt("%.0f", nominal) + " ms ± " + fmt("%.1f", tol) + " ms",
                                      occ.front().line});
            for (const auto& [ms, line] : gaps)
                r.findings.push_back({Severity::Error, "timeout",
                                      std::string(spec.name) + " missing for " + fmt("%.0f", ms) + " ms before line " +
                                          std::to_string(line) + " (receiver timeout " +
                                          std::to_string(spec.timeoutMs) + " ms)",
                                      line});
        }
        if (issueCount[s])
            r.findings.push_back({worstIssue[s], "dlc",
                                  firstIssue[s] + (issueCount[s] > 1 ? " (" + std::to_string(issueCount[s]) + " frames)" : ""),
                                  firstIssueLine[s]});
        r.perMessage.push_back(st);
    }

    // Order, handshake version and reconnects.
    r.phases = d.phases.changes();
    r.reconnectAttempts = d.phases.reconnectAttempts();
    for (const auto& v : d.phases.violations()) r.findings.push_back({Severity::Error, "order", v.message, v.line});
    if (r.messages > 0 && (!d.phases.sawChm() || !d.phases.sawBhm()))
        r.findings.push_back({options.profile == Profile::Strict2015 ? Severity::Error : Severity::Note, "profile",
                              std::string("no ") + (!d.phases.sawChm() && !d.phases.sawBhm() ? "CHM or BHM"
                                                    : !d.phases.sawChm()                  ? "CHM"
                                                                                          : "BHM") +
                                  " in the trace: a 2011-style handshake, or the capture started late",
                              0});
    for (const auto& [what, cl] : errorReports)
        r.findings.push_back({Severity::Error, "error-report",
                              what + " (" + std::to_string(cl.first) + " frames, first at line " +
                                  std::to_string(cl.second) + ")",
                              cl.second});
    if (r.reconnectAttempts > options.maxReconnectAttempts)
        r.findings.push_back({Severity::Error, "reconnect",
                              std::to_string(r.reconnectAttempts) + " reconnect attempts; GB/T 27930-2015 allows " +
                                  std::to_string(options.maxReconnectAttempts) + " before the session ends",
                              0});
    else if (r.reconnectAttempts > 0)
        r.findings.push_back({Severity::Note, "reconnect",
                              std::to_string(r.reconnectAttempts) + " reconnect attempt(s) after BEM/CEM", 0});
    const bool stopped = stats[slot(0x1900)].count || stats[slot(0x1A00)].count;
    const bool statistics = stats[slot(0x1C00)].count && stats[slot(0x1D00)].count;
    if (stopped && !statistics)
        r.findings.push_back({Severity::Warning, "timeout",
                              "the session stops (BST/CST) but the trace has no BSD and CSD exchange", 0});
    // One finding per kind of TP error and PGN, with its count and first occurrence.
    std::map<std::pair<int, std::uint32_t>, std::pair<std::size_t, std::size_t>> tpGroups; // -> count, index
    for (std::size_t i = 0; i < d.tpErrors.size(); ++i) {
        auto& g = tpGroups[{static_cast<int>(d.tpErrors[i].kind), d.tpErrors[i].pgn}];
        if (g.first++ == 0) g.second = i;
    }
    for (const auto& [key, g] : tpGroups) {
        const TpError& t = d.tpErrors[g.second];
        r.findings.push_back({t.kind == TpErrorKind::Aborted || t.kind == TpErrorKind::SessionOverlap
                                  ? Severity::Warning
                                  : Severity::Error,
                              "tp",
                              std::string(toString(t.kind)) + ": " + t.message +
                                  (g.first > 1 ? " (" + std::to_string(g.first) + " times, first shown)" : ""),
                              d.tpErrorLines[g.second]});
    }
    return r;
}

AnalysisReport analyzeTrace(const std::string& path, const AnalysisOptions& options) {
    return analyzeLog(readTrace(path), options);
}

void printAnalysis(const AnalysisReport& r, std::ostream& out) {
    out << "# " << r.path << " (" << toString(r.format) << "): " << r.frames << " frames, " << r.messages
        << " GB/T 27930 messages, " << r.problems.size() << " malformed lines\n";
    for (const auto& p : r.problems) out << "malformed line " << p.line << ": " << p.message << "\n";
    if (!r.periodsJudged) out << r.timingNote << "\n";
    out << "\nmessage  dir          count  DLC            period median / p95 / max (nominal)\n";
    for (const auto& s : r.perMessage) {
        char head[64];
        std::snprintf(head, sizeof head, "%-7s  %-11s  %5zu  ", s.spec->name, toString(s.spec->direction), s.count);
        std::string dlc;
        for (const auto& [len, n] : s.dlcs) dlc += (dlc.empty() ? "" : ",") + std::to_string(len) + "x" + std::to_string(n);
        char line[256];
        if (s.period)
            std::snprintf(line, sizeof line, "%-14s %.1f / %.1f / %.1f ms (%u ms)", dlc.c_str(), s.period->medianMs,
                          s.period->p95Ms, s.period->maxMs, static_cast<unsigned>(s.spec->periodMs));
        else
            std::snprintf(line, sizeof line, "%-14s %s (%u ms)", dlc.c_str(),
                          r.periodsJudged ? "fewer than two occurrences" : "cannot be judged",
                          static_cast<unsigned>(s.spec->periodMs));
        out << head << line << "\n";
    }
    out << "\nphase sequence:";
    for (const auto& c : r.phases) out << " " << toString(c.phase) << "@L" << c.line << "(" << c.trigger << ")";
    out << "\nreconnect attempts: " << r.reconnectAttempts << "\n\nfindings (" << r.findings.size() << "):\n";
    for (const auto& f : r.findings)
        out << "  " << toString(f.severity) << " [" << f.rule << "]" << (f.line ? " line " + std::to_string(f.line) : "")
            << ": " << f.message << "\n";
}

} // namespace v2gbench::protocols::gbt27930
