#pragma once
// The binding between the plan vocabulary (RoleCatalog) and the role interfaces: reads a named
// signal, performs a named action with evaluated arguments. The only place that knows both.
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan.hpp"

#include <map>
#include <string>

namespace v2gbench::bench {

// Throws std::invalid_argument for an unknown signal, or what the instrument throws.
Value readSignal(BenchSession& session, const std::string& name);

// Throws core::CapabilityError / core::InstrumentError from the instrument, or
// std::invalid_argument for an argument that makes no sense at run time (e.g. a SoC over 100 %).
void performAction(BenchSession& session, const DutProfile& dut, const ActionStep& step,
                   const std::map<std::string, Value>& arguments);

} // namespace v2gbench::bench
