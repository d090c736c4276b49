#pragma once
// The DUT profile: ratings and capabilities of the charger under test. Plans read them as `dut.*`
// names (dut.dc.max_current, dut.v2g.max_discharge_power, dut.bidirectional, ...).
#include "v2gbench/bench/expression.hpp"
#include "v2gbench/core/dut_ratings.hpp"

#include <map>
#include <string>

namespace v2gbench::bench {

struct DutProfile {
    std::string id;       // `dut:`
    std::string file;
    std::string sourceText;
    core::DutRatings ratings;
    std::map<std::string, Value> values; // "dut.dc.max_current" → 250 A

    std::optional<Value> lookup(const std::string& name) const;
    // Static types of every dut.* name a DUT profile defines (independent of a particular profile).
    static std::optional<ValueType> typeOf(const std::string& name);
};

// Throws core::ConfigError at file:line:column.
DutProfile loadDutProfile(const std::string& path);

} // namespace v2gbench::bench
