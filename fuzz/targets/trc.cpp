// PCAN-View TRC (1.x and 2.x: the version comes from the file) import: v2g_traces' reader for it forced and with format recognition, then
// decode/analyze and the candump -L round trip.
#include "trace_common.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

namespace v2gbench::fuzz {

int fuzzTrc(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = asText(data, size);
    exerciseTrace(bytes, traces::TraceFormat::PcanTrc2);
    exerciseTrace(bytes, std::nullopt);
    return 0;
}

} // namespace v2gbench::fuzz
