// ZLG CANTest / ZCANPRO text import: gbt27930::parseZlgLine (throws std::invalid_argument on a bad
// row) and parseZlgText, then decode/analyze and the candump -L round trip.
#include "trace_common.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include <stdexcept>

namespace v2gbench::fuzz {

int fuzzZlgTrace(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    for (std::string_view line : splitLines(text)) {
        try {
            const transports::CanFrame f = protocols::gbt27930::parseZlgLine(line);
            transports::validate(f);
        } catch (const std::invalid_argument& e) {
            require(e.what()[0] != '\0', "parseZlgLine: an error without a message");
        }
    }
    exerciseTrace(protocols::gbt27930::parseZlgText(text, "fuzz.txt"));
    return 0;
}

} // namespace v2gbench::fuzz
