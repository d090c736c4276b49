// candump -L import: transports::parseCanDumpLine (throws std::invalid_argument on a bad line) and
// the whole-text reader gbt27930::parseCandumpText, then decode/analyze and the round trip.
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
    exerciseTrace(protocols::gbt27930::parseCandumpText(text, "fuzz.log"));
    return 0;
}

} // namespace v2gbench::fuzz
