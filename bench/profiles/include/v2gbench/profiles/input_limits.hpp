#pragma once
// Size caps for the hand-written inputs the engine reads (docs/plan-format.md, "Limits").
#include "v2gbench/core/text_file.hpp"

#include <cstddef>

namespace v2gbench::bench {

// Plans, bench/DUT/EV profiles and requirement catalogues are hand-written YAML; the largest in
// testplans/ is about 6 KiB. 4 MiB is ~700x that, and still small enough that a mistaken path
// (a capture, a disk image) is refused at once instead of being parsed as YAML.
inline constexpr std::size_t kInputFileMaxBytes = 4 * core::kMiB;

} // namespace v2gbench::bench
