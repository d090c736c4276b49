// Vector ASC import: v2g_traces' reader for it forced and with format recognition, then
// decode/analyze and the candump -L round trip.
#include "trace_common.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

namespace v2gbench::fuzz {

int fuzzAsc(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = asText(data, size);
    exerciseTrace(bytes, traces::TraceFormat::VectorAsc);
    exerciseTrace(bytes, std::nullopt);
    return 0;
}

} // namespace v2gbench::fuzz
