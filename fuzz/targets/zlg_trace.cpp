// ZLG CANTest / ZCANPRO text export import (tab- or space-aligned, GBK or UTF-8): v2g_traces' ZLG
// text reader forced and with format recognition, then decode/analyze and the candump -L round trip.
#include "trace_common.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

namespace v2gbench::fuzz {

int fuzzZlgTrace(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    exerciseTrace(text, traces::TraceFormat::ZlgText);
    exerciseTrace(text, std::nullopt);
    return 0;
}

} // namespace v2gbench::fuzz
