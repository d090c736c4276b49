#pragma once
// A DUT profile file read for its ratings: what the charger under test is rated for. The engine
// builds its DutProfile (the plans' dut.* values) on it; the wire-level simulated lab
// (v2gbench-sim) reads the same file through it without linking the engine.
#include "v2gbench/core/dut_ratings.hpp"

#include <string>

namespace v2gbench::bench {

struct DutRatingsFile {
    std::string id;         // `dut:`
    std::string file;       // path as given
    std::string sourceText; // the very bytes parsed, hashed and copied into the run folder
    core::DutRatings ratings;
};

// Throws core::ConfigError at file:line:column (unknown or missing key, wrong unit, min ≥ max, …).
DutRatingsFile loadDutRatings(const std::string& path);

} // namespace v2gbench::bench
