#include "v2gbench/app/trace_commands.hpp"

#include "v2gbench/app/signal_guard.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <optional>

namespace v2gbench::app {

namespace {

namespace gbt = protocols::gbt27930;

// Output is gathered and written in blocks of this size (decode's hot path).
constexpr std::size_t kOutputBlock = 256 * 1024;
// The stop flag is polled every this many frames (the file reader also polls it per chunk).
constexpr std::uint64_t kStopPollFrames = 4096;

struct TraceArgs {
    std::string path;
    bool flag = false; // --strict for decode, --tolerant for analyze
};

std::optional<TraceArgs> parseArgs(const std::vector<std::string>& args, const std::string& command,
                                   const std::string& flag, std::ostream& err) {
    TraceArgs a;
    std::size_t paths = 0;
    for (const auto& arg : args) {
        if (arg == flag) a.flag = true;
        else if (arg.size() > 1 && arg[0] == '-') {
            err << "v2gbench: " << command << ": unknown option '" << arg << "'\nusage: v2gbench " << command << " TRACE ["
                << flag << "]\n";
            return std::nullopt;
        } else {
            a.path = arg;
            ++paths;
        }
    }
    if (paths != 1) {
        err << "v2gbench: " << command << " needs one trace file\nusage: v2gbench " << command << " TRACE [" << flag << "]\n";
        return std::nullopt;
    }
    return a;
}

int stopped(std::ostream& err, const bench::AbortFlag& abort) {
    const auto signal = SignalGuard::lastSignalName();
    err << "v2gbench: stopped by " << (signal.empty() ? abort.reason() : signal) << "\n";
    return 3;
}

std::string header(const traces::TraceInfo& info) {
    std::string h = "# " + info.name + " (" + traces::toString(info.format);
    if (info.encoding != traces::TextEncoding::Binary) h += std::string(", ") + traces::toString(info.encoding);
    if (!info.detail.empty()) h += "; " + info.detail;
    h += ")";
    return h;
}

gbt::TraceIssue issueOf(traces::ProblemKind kind) {
    switch (kind) {
    case traces::ProblemKind::Malformed: return gbt::TraceIssue::Malformed;
    case traces::ProblemKind::TimeOutOfRange: return gbt::TraceIssue::TimeOutOfRange;
    case traces::ProblemKind::TimeBackwards: break;
    }
    return gbt::TraceIssue::TimeBackwards;
}

int nothingRead(const traces::TraceReader& reader, std::ostream& err) {
    err << "v2gbench: " << reader.info().name << ": no CAN frame could be read (" << reader.problems()
        << " problems, listed above); nothing was decoded\n";
    return 2;
}

// Runs `body`, mapping the reader's refusals to exit codes 2 and 3.
template <class Body>
int guarded(std::ostream& err, const bench::AbortFlag& abort, Body&& body) {
    try {
        return body();
    } catch (const core::ReadStopped&) {
        return stopped(err, abort);
    } catch (const traces::UnreadableTrace& e) {
        err << "v2gbench: " << e.what() << "\n";
        return 2;
    } catch (const core::FileReadError& e) {
        err << "v2gbench: " << e.what() << "\n";
        return 2;
    }
}

} // namespace

int runDecode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    const auto a = parseArgs(args, "decode", "--strict", err);
    if (!a) return 2;
    return guarded(err, abort, [&]() -> int {
        auto reader = traces::openTraceFile(a->path, [&abort] { return abort.requested(); });
        std::string buffer;
        buffer.reserve(kOutputBlock + 4096);
        const auto flush = [&] {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        };
        reader->setProblemHandler([&](const traces::TraceProblem& p) { buffer += "# " + p.message + "\n"; });
        gbt::DecodeOptions options;
        if (a->flag) options.profile = gbt::Profile::Strict2015;
        std::optional<gbt::TraceDecoder> decoder;
        transports::TraceFrame frame;
        while (reader->next(frame)) {
            if (!decoder) { // the header waits for a frame: a file without one claims no format
                const auto& info = reader->info();
                options.checkTpTimers = info.format != traces::TraceFormat::CandumpPlain && info.resolutionUs <= 1000;
                buffer += header(info) + ", profile " + (a->flag ? "strict 2015" : "tolerant") + "\n";
                decoder.emplace(options);
            }
            gbt::appendDecoded(decoder->decode(frame), buffer);
            if (buffer.size() >= kOutputBlock) flush();
            if (decoder->frames() % kStopPollFrames == 0 && abort.requested()) {
                flush();
                return stopped(err, abort);
            }
        }
        if (!decoder) {
            flush();
            return nothingRead(*reader, err);
        }
        for (const auto& t : decoder->finish()) buffer += std::string("# TP ") + gbt::toString(t.kind) + ": " + t.message + "\n";
        buffer += "# " + std::to_string(decoder->frames()) + " frames, " + std::to_string(decoder->messages()) +
                  " GB/T 27930 messages (" + std::to_string(decoder->reassembled()) + " reassembled from TP), " +
                  std::to_string(reader->problems()) + " trace problems\n";
        if (decoder->timestampsFlattened() && decoder->frames() > 1)
            buffer += "# timestamps are flattened to one value: times and TP timers cannot be judged\n";
        flush();
        out.flush();
        return reader->problems() > 0 ? 1 : 0;
    });
}

int runAnalyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    const auto a = parseArgs(args, "analyze", "--tolerant", err);
    if (!a) return 2;
    return guarded(err, abort, [&]() -> int {
        auto reader = traces::openTraceFile(a->path, [&abort] { return abort.requested(); });
        gbt::AnalysisOptions options;
        if (a->flag) options.profile = gbt::Profile::Tolerant;
        std::optional<gbt::TraceAnalyzer> analyzer;
        // Problems met before the first frame wait for the analyzer (bounded like its own list).
        std::vector<traces::TraceProblem> early;
        reader->setProblemHandler([&](const traces::TraceProblem& p) {
            if (analyzer) analyzer->onTraceIssue(issueOf(p.kind), p.line, p.message);
            else if (early.size() < gbt::kFindingsPerRule) early.push_back(p);
        });
        std::uint64_t earlyCount = 0;
        transports::TraceFrame frame;
        std::uint64_t frames = 0;
        while (reader->next(frame)) {
            if (!analyzer) {
                const auto& info = reader->info();
                options.timeResolutionUs = info.format == traces::TraceFormat::CandumpPlain ? 0 : info.resolutionUs;
                analyzer.emplace(options);
                earlyCount = reader->problems();
                for (const auto& p : early) analyzer->onTraceIssue(issueOf(p.kind), p.line, p.message);
                for (auto k = early.size(); k < earlyCount; ++k)
                    analyzer->onTraceIssue(gbt::TraceIssue::Malformed, 0, "(a problem before the first frame)");
            }
            analyzer->onFrame(frame);
            if (++frames % kStopPollFrames == 0 && abort.requested()) return stopped(err, abort);
        }
        if (!analyzer) {
            for (const auto& p : early) err << p.message << "\n";
            return nothingRead(*reader, err);
        }
        const auto& info = reader->info();
        if (info.format != traces::TraceFormat::CandumpPlain) analyzer->setTimeResolution(info.resolutionUs);
        const gbt::AnalysisReport report = analyzer->finish();
        gbt::printAnalysis(report, header(info), out);
        out.flush();
        return report.hasErrors() ? 1 : 0;
    });
}

} // namespace v2gbench::app
