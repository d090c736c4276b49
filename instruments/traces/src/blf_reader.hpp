#pragma once
#include "v2gbench/traces/trace_reader.hpp"

namespace v2gbench::traces::detail {

// `source` starts at the file's first byte ("LOGG").
std::unique_ptr<TraceReader> makeBlfReader(std::unique_ptr<ByteSource> source);

} // namespace v2gbench::traces::detail
