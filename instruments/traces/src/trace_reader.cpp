#include "v2gbench/traces/trace_reader.hpp"

#include "blf_reader.hpp"
#include "line_format.hpp"
#include "line_reader.hpp"
#include "replay_source.hpp"
#include "text_encoding.hpp"
#include "text_fields.hpp"
#include "v2gbench/traces/printable.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <cstdio>
#include <optional>
#include <ostream>

namespace v2gbench::traces {

using namespace detail;

namespace {

// The families of makeTextFormats(), in its order, as messages name them.
const char* kFamilies[] = {"candump", "ZLG text export", "ZLG CSV export", "Vector ASC", "PCAN-View TRC"};

// Hints that a bad line belongs to another format cost a parse per format: only for the first few.
constexpr std::size_t kHintedLines = 20;

bool blank(std::string_view line) {
    for (char c : line)
        if (!isSpace(c)) return false;
    return true;
}

bool hasHighBytes(std::string_view line) {
    for (char c : line)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

std::string seconds(std::int64_t us) {
    char text[48];
    std::snprintf(text, sizeof text, "%lld.%06lld", static_cast<long long>(us / 1'000'000),
                  static_cast<long long>(us % 1'000'000 < 0 ? -(us % 1'000'000) : us % 1'000'000));
    return text;
}

std::string overlong(std::string_view start, std::size_t length) {
    return "a line of " + std::to_string(length) + " bytes, longer than any trace line (" + std::to_string(kMaxLineBytes) +
           "): '" + printableExcerpt(start, kExcerptChars, length) + "'";
}

class TextTraceReader final : public TraceReader {
public:
    TextTraceReader(std::unique_ptr<ByteSource> source, std::unique_ptr<LineFormat> format, TextEncoding encoding,
                    std::vector<std::unique_ptr<LineFormat>> others, std::size_t sniffedLines, std::string detail)
        : m_source(std::move(source)), m_lines(*m_source, kMaxLineBytes), m_format(std::move(format)),
          m_others(std::move(others)), m_sniffedLines(sniffedLines) {
        m_info.name = m_source->name();
        m_info.format = m_format->format();
        m_info.encoding = encoding;
        m_info.detail = std::move(detail);
        if (encoding == TextEncoding::Gbk) m_gbk.emplace();
    }

protected:
    bool nextFrame(transports::TraceFrame& out) override {
        std::string_view raw;
        std::size_t full = 0;
        while (m_lines.next(raw, full)) {
            const std::size_t n = m_lines.lineNumber();
            if (full > kMaxLineBytes) {
                problem({ProblemKind::Malformed, n, where(n) + overlong(raw, full)});
                continue;
            }
            std::string_view line = raw;
            if (m_gbk && hasHighBytes(line)) {
                if (!m_gbk->convert(line, m_converted)) {
                    problem({ProblemKind::Malformed, n, where(n) + "not GBK text: '" + printableExcerpt(raw) + "'"});
                    continue;
                }
                line = m_converted;
            }
            if (blank(line)) continue;
            switch (m_format->parse(line, out.frame, m_why)) {
            case LineKind::Frame:
                out.line = n;
                m_info.resolutionUs = m_format->resolutionUs();
                m_info.format = m_format->format();
                return true;
            case LineKind::Header:
            case LineKind::Skip: continue;
            case LineKind::Bad:
                problem({ProblemKind::Malformed, n, where(n) + m_why + hint(line) + ": '" + printableExcerpt(line) + "'"});
                continue;
            case LineKind::BadTime:
                problem({ProblemKind::TimeOutOfRange, n, where(n) + m_why + ": '" + printableExcerpt(line) + "'"});
                continue;
            }
        }
        return false;
    }

private:
    std::string hint(std::string_view line) {
        if (m_hinted >= kHintedLines) return {};
        ++m_hinted;
        transports::CanFrame scratch;
        std::string why;
        for (auto& other : m_others)
            if (other->parse(line, scratch, why) == LineKind::Frame)
                return std::string(" (the line reads as ") + toString(other->format()) + ", but the file was recognised as " +
                       toString(m_info.format) + " from its first " + std::to_string(m_sniffedLines) +
                       " lines: formats are not mixed in one file)";
        return {};
    }

    std::unique_ptr<ByteSource> m_source;
    LineReader m_lines;
    std::unique_ptr<LineFormat> m_format;
    std::vector<std::unique_ptr<LineFormat>> m_others;
    std::size_t m_sniffedLines;
    std::optional<GbkToUtf8> m_gbk;
    std::string m_converted;
    std::string m_why;
    std::size_t m_hinted = 0;
};

std::string readPrefix(ByteSource& source, bool& complete) {
    std::string prefix(kSniffBytes, '\0');
    std::size_t got = 0;
    while (got < kSniffBytes) {
        const std::size_t n = source.read(prefix.data() + got, kSniffBytes - got);
        if (n == 0) break;
        got += n;
    }
    complete = got < kSniffBytes;
    prefix.resize(got);
    return prefix;
}

[[noreturn]] void unreadable(const std::string& name, const std::string& what, const std::string& recognised,
                             const std::string& notRecognised) {
    throw UnreadableTrace(name + ": " + what + "\n  recognised: " + (recognised.empty() ? "nothing" : recognised) +
                          (notRecognised.empty() ? "" : "\n  not recognised: " + notRecognised) +
                          "\n  supported: " + supportedFormats());
}

struct Sniffed {
    std::vector<std::unique_ptr<LineFormat>> formats;
    std::size_t best = 0;
    std::size_t lines = 0;
};

// Runs every text format over the lines of the prefix; throws UnreadableTrace when none reads a
// frame, saying what was recognised and how each format saw the first line none understood.
Sniffed sniff(std::string_view text, const std::string& name, TextEncoding encoding, bool complete) {
    Sniffed s;
    s.formats = makeTextFormats();
    struct Tally {
        std::size_t frames = 0, bad = 0, headerLine = 0;
    };
    std::vector<Tally> tally(s.formats.size());
    std::vector<std::string> firstWhy(s.formats.size());
    std::size_t unknownLine = 0, nonBlank = 0;
    std::string unknownExcerpt;
    std::optional<GbkToUtf8> gbk;
    if (encoding == TextEncoding::Gbk) gbk.emplace();
    std::string converted, why;
    // The real pass reads the cut last line whole; without any line break the prefix is one
    // overlong line, reported as such.
    if (const std::size_t nl = text.rfind('\n'); !complete && nl != std::string_view::npos) text = text.substr(0, nl + 1);
    auto source = memorySource(text, name);
    LineReader lines(*source, kMaxLineBytes);
    std::string_view raw;
    std::size_t full = 0;
    while (lines.next(raw, full)) {
        const std::size_t n = lines.lineNumber();
        s.lines = n;
        std::string_view line = raw;
        bool understood = false;
        if (full <= kMaxLineBytes && gbk && hasHighBytes(line) && gbk->convert(line, converted)) line = converted;
        if (blank(line)) continue;
        ++nonBlank;
        if (full <= kMaxLineBytes) {
            for (std::size_t k = 0; k < s.formats.size(); ++k) {
                transports::CanFrame frame;
                switch (s.formats[k]->parse(line, frame, why)) {
                case LineKind::Frame: ++tally[k].frames, understood = true; break;
                case LineKind::Header:
                    if (!tally[k].headerLine) tally[k].headerLine = n;
                    understood = true;
                    break;
                case LineKind::Skip: understood = true; break;
                case LineKind::Bad:
                case LineKind::BadTime:
                    ++tally[k].bad;
                    if (!unknownLine || unknownLine == n) firstWhy[k] = why;
                    break;
                }
            }
        }
        if (!understood && !unknownLine) {
            unknownLine = n;
            unknownExcerpt = full > kMaxLineBytes ? overlong(raw, full) : "'" + printableExcerpt(raw) + "'";
            if (full > kMaxLineBytes)
                for (auto& w : firstWhy) w.clear();
        }
    }
    for (std::size_t k = 1; k < s.formats.size(); ++k)
        if (tally[k].frames > tally[s.best].frames ||
            (tally[k].frames == tally[s.best].frames && tally[k].bad < tally[s.best].bad))
            s.best = k;
    if (tally[s.best].frames > 0) return s;

    std::string recognised = std::string(toString(encoding)) + " text, " + std::to_string(s.lines) + " lines";
    if (!complete) recognised += " in the first " + std::to_string(kSniffBytes / 1024) + " KiB";
    if (nonBlank == 0) recognised += ", all blank";
    for (std::size_t k = 0; k < s.formats.size(); ++k)
        if (tally[k].headerLine)
            recognised += "; line " + std::to_string(tally[k].headerLine) + " is a " + kFamilies[k] + " header line";
    std::string notRecognised;
    if (unknownLine) {
        notRecognised = "line " + std::to_string(unknownLine) + ": " + unknownExcerpt;
        for (std::size_t k = 0; k < s.formats.size(); ++k)
            if (!firstWhy[k].empty()) notRecognised += "\n    as " + std::string(kFamilies[k]) + ": " + firstWhy[k];
    }
    unreadable(name, "no CAN frame in any format we read; nothing was decoded", recognised, notRecognised);
}

std::unique_ptr<TraceReader> openText(std::unique_ptr<ByteSource> source, std::string prefix, bool complete,
                                      const TraceFormat* forced) {
    const std::string name = source->name();
    const EncodingGuess guess = guessEncoding(prefix, complete);
    if (guess.encoding == TextEncoding::Binary)
        unreadable(name, "binary data, and no BLF signature 'LOGG' at the start; nothing was decoded",
                   "not text: " + guess.reason, {});
    const std::size_t skip = guess.encoding == TextEncoding::Utf8Bom ? 3 : 0;
    std::unique_ptr<LineFormat> format;
    std::vector<std::unique_ptr<LineFormat>> others;
    std::size_t lines = 0;
    std::string detail;
    if (forced) {
        format = makeTextFormat(*forced);
    } else {
        Sniffed s = sniff(std::string_view(prefix).substr(skip), name, guess.encoding, complete);
        format = s.formats[s.best]->restart();
        detail = s.formats[s.best]->detail();
        lines = s.lines;
        for (std::size_t k = 0; k < s.formats.size(); ++k)
            if (k != s.best) others.push_back(std::move(s.formats[k]));
    }
    auto replay = std::make_unique<ReplaySource>(std::move(prefix), skip, std::move(source));
    return std::make_unique<TextTraceReader>(std::move(replay), std::move(format), guess.encoding, std::move(others), lines,
                                             std::move(detail));
}

} // namespace

const char* toString(ProblemKind kind) {
    switch (kind) {
    case ProblemKind::Malformed: return "malformed line";
    case ProblemKind::TimeOutOfRange: return "timestamp out of range";
    case ProblemKind::TimeBackwards: return "time goes backwards";
    }
    return "?";
}

void TraceReader::problem(TraceProblem p) {
    ++m_problems;
    if (m_onProblem) m_onProblem(p);
}

std::string TraceReader::where(std::size_t line) const {
    return m_info.binary ? m_info.name + ": object " + std::to_string(line) + ": "
                         : m_info.name + ":" + std::to_string(line) + ": ";
}

bool TraceReader::next(transports::TraceFrame& out) {
    while (nextFrame(out)) {
        const std::int64_t us = out.frame.timestamp.count();
        if (us < 0 || us > kMaxTimestampUs) {
            problem({ProblemKind::TimeOutOfRange, out.line, where(out.line) + "timestamp " + seconds(us) + " s is out of range"});
            continue;
        }
        if (m_haveLast && us < m_lastUs) {
            const std::int64_t back = m_lastUs - us;
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.3f", static_cast<double>(back) / 1000.0);
            problem({ProblemKind::TimeBackwards, out.line,
                     where(out.line) + "time goes backwards by " + ms + " ms (from " + seconds(m_lastUs) + " s to " +
                         seconds(us) + " s)",
                     back});
        }
        m_haveLast = true;
        m_lastUs = us;
        ++m_frames;
        return true;
    }
    return false;
}

std::unique_ptr<TraceReader> TraceReader::open(std::unique_ptr<ByteSource> source) {
    bool complete = false;
    std::string prefix = readPrefix(*source, complete);
    if (prefix.empty()) unreadable(source->name(), "empty file (0 bytes); nothing was decoded", {}, {});
    if (prefix.substr(0, 4) == "LOGG")
        return makeBlfReader(std::make_unique<ReplaySource>(std::move(prefix), 0, std::move(source)));
    return openText(std::move(source), std::move(prefix), complete, nullptr);
}

std::unique_ptr<TraceReader> TraceReader::open(std::unique_ptr<ByteSource> source, TraceFormat format) {
    bool complete = false;
    std::string prefix = readPrefix(*source, complete);
    if (format == TraceFormat::VectorBlf)
        return makeBlfReader(std::make_unique<ReplaySource>(std::move(prefix), 0, std::move(source)));
    return openText(std::move(source), std::move(prefix), complete, &format);
}

std::unique_ptr<TraceReader> openTraceFile(const std::string& path, const core::StopCheck& stop) {
    return TraceReader::open(openFileSource(path, stop));
}

TraceCapture readCapture(std::unique_ptr<ByteSource> source) {
    TraceCapture capture;
    auto reader = TraceReader::open(std::move(source));
    reader->setProblemHandler([&capture](const TraceProblem& p) { capture.problems.push_back(p); });
    transports::TraceFrame frame;
    while (reader->next(frame)) capture.frames.push_back(frame);
    capture.info = reader->info();
    return capture;
}

void writeCandump(const std::vector<transports::TraceFrame>& frames, std::ostream& out, const std::string& interface) {
    for (const auto& f : frames) out << transports::formatCanDumpLine(f.frame, interface) << '\n';
}

} // namespace v2gbench::traces
