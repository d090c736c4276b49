#include "v2gbench/app/capture_import.hpp"

#include "v2gbench/core/quantity.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

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
        const double t = static_cast<double>(frame.frame.timestamp.count() - *firstUs) * 1e-6;
        const gbt::Phase phase = phases.decode(frame).phase;
        if (phase != lastPhase) {
            if (const char* word = evPhaseWord(phase)) view.phases.push_back({t, view.messages.size(), word});
            lastPhase = phase;
        }
        decoded.clear();
        decoder.feed(frame.frame, t, decoded);
        for (auto& m : decoded) {
            if (m.name != "?" && m.name.rfind("TP.", 0) != 0) ++result.messages;
            if (keep.count(m.name)) view.messages.push_back(std::move(m));
        }
        view.end = t;
        if (++result.frames % 4096 == 0 && abort.requested()) throw core::ReadStopped("stopped");
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
    return result;
}

} // namespace v2gbench::app
