#pragma once
// What `v2gbench decode` / `analyze` do with an imported trace, and the candump -L round trip
// every importer must survive: every frame it kept is written as candump -L and read back with
// the same content and no problem.
#include "fuzz_util.hpp"

#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/protocols/gbt27930/trace_log.hpp"

#include <sstream>

namespace v2gbench::fuzz {

inline void exerciseTrace(const protocols::gbt27930::TraceLog& log) {
    namespace g = protocols::gbt27930;
    for (const auto& p : log.problems) require(!p.message.empty(), "trace import: a problem without a message");
    const g::DecodeReport decoded = g::decodeLog(log);
    std::ostringstream printed;
    g::printDecoded(decoded, printed);
    g::AnalysisOptions strict;
    (void)g::analyzeLog(log, strict);
    (void)g::timestampsFlattened(log);

    std::ostringstream written;
    g::writeCandump(log, written);
    const g::TraceLog back = g::parseCandumpText(written.str(), "<written>");
    require(back.problems.empty(), "writeCandump wrote a line its reader refuses: " +
                                       (back.problems.empty() ? std::string() : back.problems.front().message));
    require(back.frames.size() == log.frames.size(), "writeCandump/parseCandumpText: frame count changed");
    for (std::size_t i = 0; i < log.frames.size(); ++i)
        require(back.frames[i].frame.sameContent(log.frames[i].frame),
                "writeCandump/parseCandumpText: frame " + std::to_string(i + 1) + " changed");
}

} // namespace v2gbench::fuzz
