#pragma once
// How a fault box is wired to its relay module: which relay opens which coupler line, which relay
// shorts S+ to S-, which relays select R4 and the insulation fault resistance Rt, and which digital
// input reads which relay's auxiliary contact. One row per box build (fault_box_wiring.cpp); the
// driver option `wiring` names it.
//
// Rules every row keeps (checked by wiringProblems(), a unit test runs it on every row):
// - de-energised is the safe state: every relay off = lines closed, no short, R4 nominal (code 0),
//   no Rt inserted, so a module that loses power leaves the coupler as wired;
// - resistances are discrete: a bank's select relays form a binary code (bit i = selectRelays[i]
//   energised) that picks values[code]; a request is made only when it lies within the row's
//   stated tolerance of one of the values (the resistors' own tolerance), never rounded further;
// - Rt has one bank per side (DC+/PE and DC-/PE) switched by the same double-pole select relays,
//   so "both" inserts the same Rt on each side without joining DC+ to DC-.
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/drivers/modbus/relay_module_models.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::drivers::modbus {

struct ResistorBank {
    std::vector<int> selectRelays; // relay numbers (0-based) of the code bits, least significant first
    std::vector<double> values;    // ohm, indexed by code; size = 2^selectRelays.size()
};

struct FaultBoxWiring {
    std::string name;        // driver option `wiring`
    std::string model;       // the relay module it is built on (relay_module_models.hpp)
    std::string description;
    // Relay (0-based) whose energising opens each line, in CouplerLine order s, cc1, cc2, pe, s+, s-;
    // -1: the box does not switch that line.
    std::array<int, 6> openRelay{-1, -1, -1, -1, -1, -1};
    int canShortRelay = -1;  // shorts S+ to S-; -1: none
    ResistorBank r4;         // code 0 = nominal R4
    int rtPositiveRelay = -1; // inserts the DC+ bank between DC+ and PE
    int rtNegativeRelay = -1; // inserts the DC- bank between DC- and PE
    ResistorBank rt;
    double tolerance = 0.0;  // relative: stated tolerance of the resistors (0.01 = 1 %)
    std::vector<int> feedbackInput; // per relay: DI (0-based) wired to its auxiliary contact, -1 none; may be empty
};

const std::vector<FaultBoxWiring>& faultBoxWirings();
const FaultBoxWiring* faultBoxWiring(const std::string& name); // nullptr when unknown
std::vector<std::string> faultBoxWiringNames();

// What is wrong with a row against its model (empty: nothing): relays out of range or used twice,
// a bank whose value count is not 2^bits, a DI out of range.
std::vector<std::string> wiringProblems(const FaultBoxWiring& wiring);

// The state the relays make (relays = the module's relay states, relay 0 first).
core::FaultBoxState decodeRelays(const FaultBoxWiring& wiring, const std::vector<bool>& relays);

// The relay image after one request, from the present image. Throw core::CapabilityError (naming
// `who` and what the wiring can do) for a line the box does not switch, a short on a line other
// than S+/S-, or a resistance no bank value is within tolerance of.
std::vector<bool> withLine(const FaultBoxWiring& wiring, std::vector<bool> relays, core::CouplerLine line,
                           core::LineState state, const std::string& who);
std::vector<bool> withR4(const FaultBoxWiring& wiring, std::vector<bool> relays, double ohm, const std::string& who);
std::vector<bool> withInsulationFault(const FaultBoxWiring& wiring, std::vector<bool> relays,
                                      core::InsulationFaultPlace place, double ohm, const std::string& who);

// "560, 800, 970 ohm" — the values a bank makes, for messages.
std::string describeBank(const ResistorBank& bank);

} // namespace v2gbench::drivers::modbus
