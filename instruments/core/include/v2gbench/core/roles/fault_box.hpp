#pragma once
// Role "fault_box": the fault-simulation unit of an interoperability test system (GB/T 34657.1
// clause 6 test system; the connection circuit of GB/T 18487.1-2015 Annex B, Fig. B.1). It sits in
// the cable between the charger's plug and the vehicle inlet and can break or short the lines of
// the coupler, move detection point 1 by changing R4, and insert an insulation fault.
//
// Contract (in addition to instrument.hpp):
// - Every call blocks until the relays have switched and the unit has confirmed it (read back);
//   a unit that does not confirm throws InstrumentError naming the line. Relay bounce and settling
//   are the driver's business: when a call returns, the new state is on the lines.
// - A request outside the unit's range (an R4 or Rt it cannot set, a line it does not switch)
//   throws CapabilityError before any relay moves. Nothing is rounded to the nearest step silently:
//   a resistance the unit cannot set within its stated resolution is refused.
// - state() returns what the unit reads back, never what was last requested.
// - Safe state (makeSafe): every line closed (the coupler as wired), no short, R4 at its nominal
//   value, no insulation fault inserted.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <optional>
#include <string>

namespace v2gbench::core {

// The coupler lines the unit switches (GB/T 20234.3 contact names; S is the vehicle plug's
// mechanical-lock switch in the plug, in series with R4's branch).
enum class CouplerLine {
    SwitchS, // switch S of the plug (open = button pressed / unlocked)
    Cc1,     // CC1, charger-side connection confirmation (detection point 1)
    Cc2,     // CC2, vehicle-side connection confirmation (detection point 2)
    Pe,      // protective earth of the charger (not the coupler PE pin unless the unit says so)
    CanH,    // S+ (CAN_H)
    CanL,    // S- (CAN_L)
};
std::string toString(CouplerLine line); // "s", "cc1", "cc2", "pe", "s+", "s-"
std::optional<CouplerLine> couplerLineFromString(const std::string& text);

enum class LineState { Closed, Open, Shorted }; // Shorted: only S+/S- (shorted to each other)
std::string toString(LineState state);          // "closed", "open", "shorted"

// Where an insulation fault resistance Rt is inserted (GB/T 34657.1 D0.2501).
enum class InsulationFaultPlace { None, PositiveToPe, NegativeToPe, Both };
std::string toString(InsulationFaultPlace place); // "none", "dc+/pe", "dc-/pe", "both"
std::optional<InsulationFaultPlace> insulationFaultPlaceFromString(const std::string& text);

struct FaultBoxState {
    LineState s = LineState::Closed, cc1 = LineState::Closed, cc2 = LineState::Closed, pe = LineState::Closed;
    LineState canH = LineState::Closed, canL = LineState::Closed;
    units::Ohms r4{1000.0};                          // detection point 1 resistor R4 as set (read back)
    InsulationFaultPlace insulationFault = InsulationFaultPlace::None;
    units::Ohms insulationResistance{0.0};          // Rt, meaningful when insulationFault != None
};

class FaultBox : public Instrument {
public:
    // Opens, closes or shorts one line. Shorted is valid only for CanH/CanL (S+ shorted to S-);
    // anything else throws CapabilityError.
    virtual void setLine(CouplerLine line, LineState state) = 0;
    // Sets R4 (nominal 1000 ohm, GB/T 18487.1 Table B.1), which moves detection point 1.
    virtual void setR4(units::Ohms resistance) = 0;
    // Inserts Rt between DC+ and PE, DC- and PE, or both (symmetric); None removes it.
    virtual void setInsulationFault(InsulationFaultPlace place, units::Ohms resistance) = 0;
    virtual FaultBoxState state() = 0;
};

} // namespace v2gbench::core
