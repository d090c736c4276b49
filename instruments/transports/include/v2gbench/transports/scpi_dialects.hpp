#pragma once
// The dialect tables of the SCPI instruments the bench drives (instrument-protocols.md §1.1,
// §1.2, §2.2, §4.3, and our own EV emulator, sim/wire/scpi/README.md). Each is built once and
// lives for the process.
//
// Grid dialects share operation keys so one driver class serves both:
//   phase.mode    Choice: choices[0] addresses all phases at once, choices[1] one phase at a time
//   phase.select  Number 1..3 (the phase the next per-phase command addresses)
//   voltage, frequency, output, measure.{voltage,current,power,apparent,pfactor,frequency}
//   optional: abort (sent before output changes), phase.angle (per selected phase) or
//   phase.angle.p12 / phase.angle.p13 (relative to phase 1), slew.voltage.
// List mode (ScpiDialect::maxListSteps > 0), one of two shapes:
//   Chroma: output.mode (FIXed|LIST), list.couple, list.count, list.base, list.trigger,
//     list.dwell, list.shape, list.voltage.start/end, list.frequency.start/end (per-step lists),
//     list.run (TRIG ON starts, OFF stops; queried for the run state)
//   AMETEK: trigger.transient.source, trigger.sync.source, list.step, list.count,
//     {frequency,frequency.slew,voltage,voltage.slew,function}.mode, list.dwell, list.frequency,
//     list.frequency.slew, list.voltage, list.voltage.slew, list.function, list.repeat,
//     initiate (starts), abort (stops), list.state (TRIG:STAT? IDLE|ARMED|BUSY)
#include "v2gbench/transports/scpi_dialect.hpp"

#include <string>
#include <vector>

namespace v2gbench::transports::scpi {

const ScpiDialect& chroma61800();   // "chroma-61800", grid, port 2101
const ScpiDialect& ametekMx();      // "ametek-mx", grid, port 5025
const ScpiDialect& itechIt6000c();  // "itech-it6000c", battery, port 30000
const ScpiDialect& zesLmg600();     // "zes-lmg600", analyzer, port 5025 (ZES short language)
const ScpiDialect& v2gbenchEv();    // "v2gbench-ev-scpi", ev, port 5027

// All of the above.
std::vector<const ScpiDialect*> allDialects();
// Throws std::out_of_range for an unknown name.
const ScpiDialect& dialect(const std::string& name);

} // namespace v2gbench::transports::scpi
