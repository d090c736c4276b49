#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"

#include <algorithm>
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

std::size_t slotOf(std::uint32_t pgn) { return static_cast<std::size_t>((pgn >> 8) & 0x3F); }

bool judgeable(std::int64_t resolutionUs) { return resolutionUs > 0 && resolutionUs <= 1000; }

std::string quantile(const std::optional<double>& ms) { return ms ? fmt("%.1f", *ms) : std::string("> 30000"); }

} // namespace

const MessageStats* AnalysisReport::stats(std::string_view name) const {
    for (const auto& s : perMessage)
        if (name == s.spec->name) return &s;
    return nullptr;
}

bool AnalysisReport::hasErrors() const {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::Error; });
}

TraceAnalyzer::TraceAnalyzer(const AnalysisOptions& options)
    : m_options(options), m_judgeTiming(judgeable(options.timeResolutionUs)),
      m_decoder(DecodeOptions{options.profile, options.timers, judgeable(options.timeResolutionUs)}) {}

void TraceAnalyzer::occurrence(Slot& slot, const MessageSpec& spec, std::chrono::microseconds time, std::size_t line) {
    if (!slot.haveLast) slot.firstLine = line;
    if (slot.haveLast && slot.lastSession == m_session) { // a restart is not a period
        const std::int64_t us = (time - slot.last).count();
        if (us >= 0) { // going back is the reader's finding, not an interval
            slot.intervals.add(us);
            const double ms = static_cast<double>(us) / 1000.0;
            if (spec.timeoutMs && ms > spec.timeoutMs && slot.gapCount++ < kFindingsPerRule) slot.gaps.push_back({ms, line});
        }
    }
    slot.haveLast = true;
    slot.last = time;
    slot.lastSession = m_session;
}

void TraceAnalyzer::onFrame(const transports::TraceFrame& frame) {
    const DecodedEntry& e = m_decoder.decode(frame);
    const auto& changes = m_decoder.phases().changes();
    for (; m_seenChanges < changes.size(); ++m_seenChanges)
        if (changes[m_seenChanges].phase == Phase::Handshake) ++m_session;
    // Occurrences: each frame of a single-frame message; for a TP message the RTS (its period is
    // the period of the whole packet, digest §1.1), the reassembly for the counts.
    if (e.kind == EntryKind::TpControl && e.frame.data[0] == 0x10)
        if (auto cm = parseTpCm(e.frame))
            if (const MessageSpec* spec = findMessage(cm->pgn))
                occurrence(m_slots[slotOf(spec->pgn)], *spec, e.frame.timestamp, e.line);
    if (!e.message) return;
    const DecodedMessage& m = *e.message;
    Slot& slot = m_slots[slotOf(m.spec->pgn)];
    slot.stats.spec = m.spec;
    ++slot.stats.count;
    ++slot.stats.dlcs[m.length];
    if (!m.spec->multiPacket) occurrence(slot, *m.spec, e.frame.timestamp, e.line);
    bool counted = false;
    for (const auto& i : m.issues) {
        if (i.severity == Severity::Note) continue;
        slot.worstIssue = std::max(slot.worstIssue, i.severity);
        if (!counted && slot.issueFrames++ == 0) {
            slot.firstIssue = i.text;
            slot.firstIssueLine = e.line;
        }
        counted = true; // a frame with two issues is one frame
    }
    if (m.spec->pgn == 0x1E00 || m.spec->pgn == 0x1F00) {
        std::string what;
        for (const auto& f : m.fields)
            if (f.present && f.raw == 1) what += (what.empty() ? "" : ", ") + std::string(f.spec->name);
        std::string key = std::string(m.spec->name) + " reports " + (what.empty() ? "no timeout" : what);
        auto& [count, line] = m_errorReports[key];
        if (count++ == 0) line = e.line;
    }
}

void TraceAnalyzer::onTraceIssue(TraceIssue issue, std::size_t line, const std::string& message) {
    IssueGroup& g = m_issues[static_cast<std::size_t>(issue)];
    if (g.count++ < kFindingsPerRule) g.first.push_back({Severity::Error, "trace", message, line});
}

void TraceAnalyzer::setTimeResolution(std::int64_t us) {
    m_options.timeResolutionUs = us;
    m_judgeTiming = judgeable(us);
}

AnalysisReport TraceAnalyzer::finish() {
    m_decoder.finish();
    AnalysisReport r;
    r.frames = m_decoder.frames();
    r.messages = m_decoder.messages();
    r.malformedLines = m_issues[static_cast<std::size_t>(TraceIssue::Malformed)].count;
    const bool flattened = m_decoder.timestampsFlattened();
    r.periodsJudged = m_judgeTiming && !flattened;
    if (!r.periodsJudged) {
        if (m_options.timeResolutionUs <= 0)
            r.timingNote = "periods cannot be judged: the trace has no times";
        else if (!m_judgeTiming)
            r.timingNote = "periods cannot be judged: the trace's times have a resolution of " +
                           fmt("%g", static_cast<double>(m_options.timeResolutionUs) / 1000.0) +
                           " ms (1 ms or finer is needed)";
        else if (r.frames < 2)
            r.timingNote = "periods cannot be judged: fewer than two frames";
        else
            r.timingNote = "periods cannot be judged: all " + std::to_string(r.frames) + " timestamps are the same value (" +
                           fmt("%.6f", static_cast<double>(m_decoder.firstTimestamp().count()) / 1e6) +
                           " s); the trace was flattened";
        r.findings.push_back({Severity::Warning, "trace", r.timingNote, 0});
    }
    static const char* kIssueWords[] = {"malformed lines", "timestamps out of range", "frames whose time goes backwards"};
    for (std::size_t k = 0; k < m_issues.size(); ++k) {
        const IssueGroup& g = m_issues[k];
        for (const auto& f : g.first) r.findings.push_back(f);
        if (g.count > g.first.size())
            r.findings.push_back({Severity::Error, "trace",
                                  std::to_string(g.count) + " " + kIssueWords[k] + " in all (the first " +
                                      std::to_string(g.first.size()) + " are listed)",
                                  0});
    }

    for (const auto& spec : messageTable()) {
        Slot& slot = m_slots[slotOf(spec.pgn)];
        auto& st = slot.stats;
        if (st.count == 0 && !slot.haveLast) continue;
        st.spec = &spec;
        if (r.periodsJudged && slot.intervals.count() > 0) {
            PeriodStats p;
            p.intervals = slot.intervals.count();
            p.medianMs = slot.intervals.quantileMs(0.5);
            p.p95Ms = slot.intervals.quantileMs(0.95);
            p.maxMs = slot.intervals.maxMs();
            st.period = p;
            const double nominal = spec.periodMs;
            const double tol = std::max(nominal * m_options.periodTolerance, m_options.periodToleranceFloorMs);
            if (p.intervals >= 3 && (!p.medianMs || std::abs(*p.medianMs - nominal) > tol))
                r.findings.push_back({Severity::Error, "period",
                                      std::string(spec.name) + " period " + quantile(p.medianMs) + " ms (median of " +
                                          std::to_string(p.intervals) + "), nominal " + fmt("%.0f", nominal) + " ms ± " +
                                          fmt("%.1f", tol) + " ms",
                                      slot.firstLine});
            for (const auto& [ms, line] : slot.gaps)
                r.findings.push_back({Severity::Error, "timeout",
                                      std::string(spec.name) + " missing for " + fmt("%.0f", ms) + " ms before line " +
                                          std::to_string(line) + " (receiver timeout " + std::to_string(spec.timeoutMs) +
                                          " ms)",
                                      line});
            if (slot.gapCount > slot.gaps.size())
                r.findings.push_back({Severity::Error, "timeout",
                                      std::string(spec.name) + " missing longer than its receiver timeout " +
                                          std::to_string(slot.gapCount) + " times in all (the first " +
                                          std::to_string(slot.gaps.size()) + " are listed)",
                                      0});
        }
        if (slot.issueFrames)
            r.findings.push_back({slot.worstIssue, "dlc",
                                  slot.firstIssue + (slot.issueFrames > 1 ? " (" + std::to_string(slot.issueFrames) + " frames)" : ""),
                                  slot.firstIssueLine});
        r.perMessage.push_back(st);
    }

    // Order, handshake version and reconnects.
    const PhaseTracker& phases = m_decoder.phases();
    r.phases = phases.changes();
    r.reconnectAttempts = phases.reconnectAttempts();
    for (const auto& v : phases.violations()) r.findings.push_back({Severity::Error, "order", v.message, v.line});
    if (r.messages > 0 && (!phases.sawChm() || !phases.sawBhm()))
        r.findings.push_back({m_options.profile == Profile::Strict2015 ? Severity::Error : Severity::Note, "profile",
                              std::string("no ") + (!phases.sawChm() && !phases.sawBhm() ? "CHM or BHM"
                                                    : !phases.sawChm()                  ? "CHM"
                                                                                        : "BHM") +
                                  " in the trace: a 2011-style handshake, or the capture started late",
                              0});
    for (const auto& [what, cl] : m_errorReports)
        r.findings.push_back({Severity::Error, "error-report",
                              what + " (" + std::to_string(cl.first) + " frames, first at line " + std::to_string(cl.second) + ")",
                              cl.second});
    if (r.reconnectAttempts > m_options.maxReconnectAttempts)
        r.findings.push_back({Severity::Error, "reconnect",
                              std::to_string(r.reconnectAttempts) + " reconnect attempts; GB/T 27930-2015 allows " +
                                  std::to_string(m_options.maxReconnectAttempts) + " before the session ends",
                              0});
    else if (r.reconnectAttempts > 0)
        r.findings.push_back({Severity::Note, "reconnect",
                              std::to_string(r.reconnectAttempts) + " reconnect attempt(s) after BEM/CEM", 0});
    const bool stopped = m_slots[slotOf(0x1900)].stats.count || m_slots[slotOf(0x1A00)].stats.count;
    const bool statistics = m_slots[slotOf(0x1C00)].stats.count && m_slots[slotOf(0x1D00)].stats.count;
    if (stopped && !statistics)
        r.findings.push_back({Severity::Warning, "timeout", "the session stops (BST/CST) but the trace has no BSD and CSD exchange", 0});
    // One finding per kind of TP error and PGN, with its count and first occurrence.
    for (const auto& g : m_decoder.tpErrors()) {
        const TpError& t = g.first;
        r.findings.push_back({t.kind == TpErrorKind::Aborted || t.kind == TpErrorKind::SessionOverlap ? Severity::Warning
                                                                                                     : Severity::Error,
                              "tp",
                              std::string(toString(t.kind)) + ": " + t.message +
                                  (g.count > 1 ? " (" + std::to_string(g.count) + " times, first shown)" : ""),
                              g.line});
    }
    return r;
}

AnalysisReport analyzeFrames(std::span<const transports::TraceFrame> frames, const AnalysisOptions& options) {
    TraceAnalyzer analyzer(options);
    for (const auto& f : frames) analyzer.onFrame(f);
    return analyzer.finish();
}

void printAnalysis(const AnalysisReport& r, const std::string& header, std::ostream& out) {
    out << header << ": " << r.frames << " frames, " << r.messages << " GB/T 27930 messages, " << r.malformedLines
        << " malformed lines\n";
    if (!r.periodsJudged) out << r.timingNote << "\n";
    out << "\nmessage  dir          count  DLC            period median / p95 / max (nominal)\n";
    for (const auto& s : r.perMessage) {
        char head[64];
        std::snprintf(head, sizeof head, "%-7s  %-11s  %5llu  ", s.spec->name, toString(s.spec->direction),
                      static_cast<unsigned long long>(s.count));
        std::string dlc;
        for (const auto& [len, n] : s.dlcs) dlc += (dlc.empty() ? "" : ",") + std::to_string(len) + "x" + std::to_string(n);
        char line[256];
        if (s.period)
            std::snprintf(line, sizeof line, "%-14s %s / %s / %.1f ms (%u ms)", dlc.c_str(), quantile(s.period->medianMs).c_str(),
                          quantile(s.period->p95Ms).c_str(), s.period->maxMs, static_cast<unsigned>(s.spec->periodMs));
        else
            std::snprintf(line, sizeof line, "%-14s %s (%u ms)", dlc.c_str(),
                          r.periodsJudged ? "fewer than two occurrences" : "cannot be judged",
                          static_cast<unsigned>(s.spec->periodMs));
        out << head << line << "\n";
    }
    if (r.periodsJudged)
        out << "(median and p95 from 0.1 ms bins below 1 s and 1 ms bins to 30 s: nearest rank, bin middle; max exact)\n";
    out << "\nphase sequence:";
    for (const auto& c : r.phases) out << " " << toString(c.phase) << "@L" << c.line << "(" << c.trigger << ")";
    out << "\nreconnect attempts: " << r.reconnectAttempts << "\n\nfindings (" << r.findings.size() << "):\n";
    for (const auto& f : r.findings)
        out << "  " << toString(f.severity) << " [" << f.rule << "]" << (f.line ? " line " + std::to_string(f.line) : "")
            << ": " << f.message << "\n";
}

} // namespace v2gbench::protocols::gbt27930
