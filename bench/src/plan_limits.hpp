#pragma once
// The bench's own limits on plans — not a standard's (docs/plan-format.md, "Limits"). Each one
// turns a typo into a file:line error at validation instead of a failure hours into a run.
#include <cstddef>

namespace v2gbench::bench {

// Plan ids name the run folder (runs/<UTC>-<id>/) and the input copy (inputs/plan-01-<id>.yaml);
// case ids name results in junit.xml. 64 characters keeps every such name far below the 255-byte
// file-name limit of Linux file systems (a 300-character id validated, then `run` failed with
// "File name too long"). The longest id in testplans/ has 35.
inline constexpr std::size_t kMaxIdLength = 64;

// Longest single wait, wait_until timeout, measure window or response observation: 24 h of bench
// time. Longer is almost surely a unit typo (h for s); on the virtual clock one simulated hour
// costs ~2 s of wall time, so `wait: 100000 h` would have run ~50 h. A literal is checked at
// validation; one made of parameters or dut.* values is checked when the step runs.
inline constexpr double kMaxDurationS = 24.0 * 3600.0;

} // namespace v2gbench::bench
