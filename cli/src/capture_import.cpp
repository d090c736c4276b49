#include "v2gbench/app/capture_import.hpp"

#include "v2gbench/core/quantity.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <deque>
#include <memory>
#include <optional>

namespace v2gbench::app {

namespace {

namespace gbt = protocols::gbt27930;

// The bus phases in the EV emulator's words, which is what ev.phase reads in a plan.
const char* evPhaseWord(gbt::Phase phase) {
    switch (phase) {
    case gbt::Phase::Handshake: return "handshake";
    case gbt::Phase::Configuration: return "parameters";
    case gbt::Phase::Charging: return "charging";
    case gbt::Phase::End: return "stopping";
    case gbt::Phase::Unknown: break;
    }
    return nullptr;
}

// Periods and latencies are judged only on times of 1 ms or finer (as `analyze` judges periods).
constexpr std::int64_t kFinestNeededUs = 1000;
// The stop flag is polled every this many frames (the file reader also polls it per chunk).
constexpr std::uint64_t kStopPollFrames = 4096;

double secondsSince(std::int64_t firstUs, const transports::TraceFrame& f) {
    return static_cast<double>(f.frame.timestamp.count() - firstUs) * 1e-6;
}

// The windows the judge asks for, read by streaming the file again from its start (the bus decoder
// needs every frame for its transfers) and keeping only what lies in the window; what was decoded
// past the window waits for the next one. A window that starts before the previous one (the next
// case) opens the file again. Memory: one window's messages.
class WindowReader {
public:
    WindowReader(std::string path, std::set<std::string> keep, std::int64_t firstUs, const bench::AbortFlag& abort)
        : m_path(std::move(path)), m_keep(std::move(keep)), m_firstUs(firstUs), m_abort(abort) {}

    std::vector<core::BusMessage> read(double from, double to) {
        if (!m_reader || from < m_lastFrom - 1e-9) reopen();
        m_lastFrom = from;
        std::vector<core::BusMessage> out;
        while (!m_pending.empty() && m_pending.front().time < from - 1e-9) m_pending.pop_front();
        while (!m_pending.empty() && m_pending.front().time <= to + 1e-9) {
            out.push_back(std::move(m_pending.front()));
            m_pending.pop_front();
        }
        if (!m_pending.empty()) return out; // the stream is already past the window
        transports::TraceFrame frame;
        while (m_reader->next(frame)) {
            const double t = secondsSince(m_firstUs, frame);
            m_decoded.clear();
            m_decoder->feed(frame.frame, t, m_decoded);
            for (auto& m : m_decoded) {
                if (!m_keep.count(m.name) || m.time < from - 1e-9) continue;
                if (m.time <= to + 1e-9) out.push_back(std::move(m));
                else m_pending.push_back(std::move(m));
            }
            if (++m_frames % kStopPollFrames == 0 && m_abort.requested()) throw core::ReadStopped("stopped");
            if (t > to + 1e-9) break;
        }
        return out;
    }

private:
    void reopen() {
        m_reader = traces::openTraceFile(m_path, [this] { return m_abort.requested(); });
        m_reader->setProblemHandler([](const traces::TraceProblem&) {}); // reported by the first pass
        m_decoder = std::make_unique<gbt::BusMessageDecoder>();
        m_pending.clear();
    }

    std::string m_path;
    std::set<std::string> m_keep;
    std::int64_t m_firstUs;
    const bench::AbortFlag& m_abort;
    std::unique_ptr<traces::TraceReader> m_reader;
    std::unique_ptr<gbt::BusMessageDecoder> m_decoder;
    std::vector<core::BusMessage> m_decoded;
    std::deque<core::BusMessage> m_pending;
    double m_lastFrom = 0.0;
    std::uint64_t m_frames = 0;
};

} // namespace

ImportedCapture importCapture(const std::string& path, const std::set<std::string>& keep,
                              const std::function<void(const traces::TraceProblem&)>& onProblem,
                              const bench::AbortFlag& abort) {
    ImportedCapture result;
    auto reader = traces::openTraceFile(path, [&abort] { return abort.requested(); });
    reader->setProblemHandler([&](const traces::TraceProblem& p) {
        ++result.problems;
        if (onProblem) onProblem(p);
    });
    gbt::DecodeOptions options;
    options.checkTpTimers = false; // the judge reads messages; TP timing is `decode`'s business
    gbt::TraceDecoder phases(options);
    gbt::BusMessageDecoder decoder;
    std::vector<core::BusMessage> decoded;
    std::optional<std::int64_t> firstUs;
    gbt::Phase lastPhase = gbt::Phase::Unknown;
    transports::TraceFrame frame;
    auto& view = result.view;
    while (reader->next(frame)) {
        if (!firstUs) firstUs = frame.frame.timestamp.count();
        const double t = secondsSince(*firstUs, frame);
        const gbt::Phase phase = phases.decode(frame).phase;
        if (phase != lastPhase) {
            if (const char* word = evPhaseWord(phase)) view.phases.push_back({t, view.marks.size(), word});
            lastPhase = phase;
        }
        decoded.clear();
        decoder.feed(frame.frame, t, decoded);
        for (const auto& m : decoded) {
            if (m.name != "?" && m.name.rfind("TP.", 0) != 0) ++result.messages;
            if (auto mark = bench::stimulusMark(m)) view.marks.push_back(std::move(*mark));
        }
        view.end = t;
        if (++result.frames % kStopPollFrames == 0 && abort.requested()) throw core::ReadStopped("stopped");
    }
    result.info = reader->info();
    view.timeResolution = static_cast<double>(result.info.resolutionUs) * 1e-6;
    if (result.info.format == traces::TraceFormat::CandumpPlain)
        view.timesUnusable = "the capture has no times (candump without -t)";
    else if (phases.timestampsFlattened())
        view.timesUnusable = "its timestamps are flattened to one value";
    else if (result.info.resolutionUs > kFinestNeededUs)
        view.timesUnusable = "its times resolve only " +
                             core::formatQuantity(view.timeResolution, core::Dimension::time()) + " (1 ms or finer is needed)";
    if (firstUs) {
        auto windows = std::make_shared<WindowReader>(path, keep, *firstUs, abort);
        view.window = [windows](double from, double to) { return windows->read(from, to); };
    }
    return result;
}

} // namespace v2gbench::app
