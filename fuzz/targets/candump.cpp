// candump import: transports::parseCanDumpLine (the bench's own can.log line parser; throws
// std::invalid_argument on a bad line), then v2g_traces' candump reader (every candump variant)
// forced and with format recognition, decode/analyze and the candump -L round trip.
#include "trace_common.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/transports/can_dump_reader.hpp"

#include <stdexcept>

namespace v2gbench::fuzz {

int fuzzCandump(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    for (std::string_view line : splitLines(text)) {
        try {
            const transports::CanDumpRecord r = transports::parseCanDumpLine(line);
            transports::validate(r.frame);
        } catch (const std::invalid_argument& e) {
            require(e.what()[0] != '\0', "parseCanDumpLine: an error without a message");
        }
    }
    exerciseTrace(text, traces::TraceFormat::CandumpL);
    exerciseTrace(text, std::nullopt);
    return 0;
}

} // namespace v2gbench::fuzz
