#pragma once
// What `v2gbench decode` / `analyze` do with a trace (v2g_traces reads it, the GB/T 27930 decoder
// and analyzer stream its frames), and the candump -L round trip every reader must survive: every
// frame it kept is written as candump -L and read back with the same content and no problem.
// Problems must say something, in at most a few hundred characters (never the whole input).
#include "fuzz_util.hpp"

#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <optional>
#include <sstream>

namespace v2gbench::fuzz {

// `forced`: read as that format (one parser); nullopt: recognise the format as the CLI does.
inline void exerciseTrace(std::string_view bytes, std::optional<traces::TraceFormat> forced) {
    namespace g = protocols::gbt27930;
    std::unique_ptr<traces::TraceReader> reader;
    try {
        auto source = traces::memorySource(bytes, "fuzz");
        reader = forced ? traces::TraceReader::open(std::move(source), *forced) : traces::TraceReader::open(std::move(source));
    } catch (const traces::UnreadableTrace& e) {
        require(std::string_view(e.what()).find("supported:") != std::string_view::npos,
                "UnreadableTrace without the supported formats");
        return;
    }
    std::vector<transports::TraceFrame> frames;
    g::TraceAnalyzer analyzer;
    reader->setProblemHandler([&](const traces::TraceProblem& p) {
        require(!p.message.empty(), "trace reader: a problem without a message");
        require(p.message.size() < 2048, "trace reader: a problem message of " + std::to_string(p.message.size()) + " bytes");
        analyzer.onTraceIssue(g::TraceIssue::Malformed, p.line, p.message);
    });
    g::TraceDecoder decoder;
    std::string printed;
    transports::TraceFrame frame;
    while (reader->next(frame)) {
        // An error frame's id is its error class; any other frame must fit the bus (throws std::invalid_argument).
        if (!frame.frame.error) transports::validate(frame.frame);
        frames.push_back(frame);
        g::appendDecoded(decoder.decode(frame), printed);
        analyzer.onFrame(frame);
    }
    (void)decoder.finish();
    std::ostringstream analysis;
    g::printAnalysis(analyzer.finish(), "# fuzz", analysis);

    std::ostringstream written;
    traces::writeCandump(frames, written);
    const std::string text = written.str();
    auto back = traces::TraceReader::open(traces::memorySource(text, "<written>"), traces::TraceFormat::CandumpL);
    std::string problem;
    back->setProblemHandler([&](const traces::TraceProblem& p) {
        if (problem.empty()) problem = p.message;
    });
    std::size_t i = 0;
    while (back->next(frame)) {
        require(i < frames.size(), "writeCandump/reader: more frames came back");
        require(frame.frame.sameContent(frames[i].frame), "writeCandump/reader: frame " + std::to_string(i + 1) + " changed");
        require(frame.frame.timestamp == frames[i].frame.timestamp, "writeCandump/reader: time of frame " + std::to_string(i + 1) + " changed");
        ++i;
    }
    // A time going backwards is reported on the way back too; anything else is a writer/reader mismatch.
    require(problem.empty() || problem.find("backwards") != std::string::npos,
            "writeCandump wrote a line its reader refuses: " + problem);
    require(i == frames.size(), "writeCandump/reader: frame count changed");
}

} // namespace v2gbench::fuzz
