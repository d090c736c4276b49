#include "v2gbench/drivers/modbus/fault_box_wiring.hpp"

#include "v2gbench/core/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace v2gbench::drivers::modbus {

namespace {

std::size_t lineIndex(core::CouplerLine line) { return static_cast<std::size_t>(line); }

bool relayOn(const std::vector<bool>& relays, int relay) {
    return relay >= 0 && static_cast<std::size_t>(relay) < relays.size() && relays[static_cast<std::size_t>(relay)];
}

void setRelay(std::vector<bool>& relays, int relay, bool on) {
    if (relay >= 0 && static_cast<std::size_t>(relay) < relays.size()) relays[static_cast<std::size_t>(relay)] = on;
}

unsigned bankCode(const ResistorBank& bank, const std::vector<bool>& relays) {
    unsigned code = 0;
    for (std::size_t i = 0; i < bank.selectRelays.size(); ++i)
        if (relayOn(relays, bank.selectRelays[i])) code |= 1u << i;
    return code;
}

void setBankCode(const ResistorBank& bank, std::vector<bool>& relays, unsigned code) {
    for (std::size_t i = 0; i < bank.selectRelays.size(); ++i)
        setRelay(relays, bank.selectRelays[i], (code >> i) & 1u);
}

// The code of the value `ohm` is within tolerance of; CapabilityError otherwise.
unsigned codeFor(const FaultBoxWiring& w, const ResistorBank& bank, double ohm, const std::string& who,
                 const char* what) {
    if (!(ohm > 0.0) || !std::isfinite(ohm))
        throw core::CapabilityError(who + ": " + what + " must be a positive resistance");
    for (std::size_t code = 0; code < bank.values.size(); ++code)
        if (std::abs(ohm - bank.values[code]) <= w.tolerance * bank.values[code]) return static_cast<unsigned>(code);
    char text[64];
    std::snprintf(text, sizeof text, "%g", ohm);
    char tol[32];
    std::snprintf(tol, sizeof tol, "%g", w.tolerance * 100.0);
    throw core::CapabilityError(who + ": wiring " + w.name + " cannot make " + what + " = " + text + " ohm (it makes " +
                                describeBank(bank) + ", each ±" + tol + " %; nothing is rounded)");
}

} // namespace

const std::vector<FaultBoxWiring>& faultBoxWirings() {
    static const std::vector<FaultBoxWiring> wirings = [] {
        std::vector<FaultBoxWiring> rows;
        // The v2gbench fault box on one 16-relay module (the box v2gbench-sim emulates, sim/wire/modbus/README.md):
        // relays 1..6 open S, CC1, CC2, PE, S+, S-; 7 shorts S+/S-; 8..10 select R4 (1 of 8, a relay tree);
        // 11/12 insert Rt at DC+/PE and DC-/PE; 13..14 select Rt (1 of 4, double-pole); 15..16 spare.
        // R4: nominal 1000 ohm and values on both sides of detection point 1's bands (our build: E-series
        // resistors, 1 %). Rt: chosen for a 750 V rated charger around GB/T 34657.1 D0.2501's
        // 100 ohm/V and 500 ohm/V (68k = 91 ohm/V, 150k = 200, 330k = 440, 560k = 747).
        FaultBoxWiring w;
        w.name = "v2gbench-fault-box-16";
        w.model = "waveshare-poe-eth-relay-16ch";
        w.description = "v2gbench fault box on a Waveshare Modbus POE ETH Relay 16CH (coil read-back)";
        w.openRelay = {0, 1, 2, 3, 4, 5};
        w.canShortRelay = 6;
        w.r4 = {{7, 8, 9}, {1000.0, 970.0, 1030.0, 800.0, 1300.0, 560.0, 2200.0, 1500.0}};
        w.rtPositiveRelay = 10;
        w.rtNegativeRelay = 11;
        w.rt = {{12, 13}, {68e3, 150e3, 330e3, 560e3}};
        w.tolerance = 0.01;
        rows.push_back(w);
        return rows;
    }();
    return wirings;
}

const FaultBoxWiring* faultBoxWiring(const std::string& name) {
    for (const auto& w : faultBoxWirings())
        if (w.name == name) return &w;
    return nullptr;
}

std::vector<std::string> faultBoxWiringNames() {
    std::vector<std::string> names;
    for (const auto& w : faultBoxWirings())
        names.push_back(w.name);
    return names;
}

std::vector<std::string> wiringProblems(const FaultBoxWiring& w) {
    std::vector<std::string> problems;
    const RelayModuleModel* model = relayModuleModel(w.model);
    if (!model) return {w.name + ": unknown relay module model '" + w.model + "'"};
    std::set<int> used;
    const auto use = [&](int relay, const std::string& what) {
        if (relay < 0) return;
        if (relay >= model->relayCount)
            problems.push_back(w.name + ": " + what + " uses relay " + std::to_string(relay) + " but " + model->name +
                               " has " + std::to_string(model->relayCount));
        if (!used.insert(relay).second) problems.push_back(w.name + ": relay " + std::to_string(relay) + " used twice");
    };
    for (std::size_t i = 0; i < w.openRelay.size(); ++i)
        use(w.openRelay[i], "line " + core::toString(static_cast<core::CouplerLine>(i)));
    use(w.canShortRelay, "S+/S- short");
    use(w.rtPositiveRelay, "Rt at DC+");
    use(w.rtNegativeRelay, "Rt at DC-");
    for (const auto* bank : {&w.r4, &w.rt}) {
        for (int r : bank->selectRelays)
            use(r, bank == &w.r4 ? "R4 select" : "Rt select");
        if (bank->values.size() != (std::size_t{1} << bank->selectRelays.size()))
            problems.push_back(w.name + ": a bank with " + std::to_string(bank->selectRelays.size()) + " select relays needs " +
                               std::to_string(1u << bank->selectRelays.size()) + " values");
    }
    if (w.r4.values.empty()) problems.push_back(w.name + ": no R4 value");
    if (!(w.tolerance >= 0.0 && w.tolerance < 0.1)) problems.push_back(w.name + ": tolerance outside 0..10 %");
    if (!w.feedbackInput.empty() && w.feedbackInput.size() != static_cast<std::size_t>(model->relayCount))
        problems.push_back(w.name + ": feedbackInput needs one entry per relay");
    for (int di : w.feedbackInput)
        if (di >= model->inputCount)
            problems.push_back(w.name + ": DI " + std::to_string(di) + " beyond the " + std::to_string(model->inputCount) +
                               " inputs of " + model->name);
    return problems;
}

core::FaultBoxState decodeRelays(const FaultBoxWiring& w, const std::vector<bool>& relays) {
    core::FaultBoxState s;
    const auto line = [&](core::CouplerLine l) {
        return relayOn(relays, w.openRelay[lineIndex(l)]) ? core::LineState::Open : core::LineState::Closed;
    };
    s.s = line(core::CouplerLine::SwitchS);
    s.cc1 = line(core::CouplerLine::Cc1);
    s.cc2 = line(core::CouplerLine::Cc2);
    s.pe = line(core::CouplerLine::Pe);
    s.canH = line(core::CouplerLine::CanH);
    s.canL = line(core::CouplerLine::CanL);
    if (relayOn(relays, w.canShortRelay)) s.canH = s.canL = core::LineState::Shorted;
    s.r4 = units::Ohms(w.r4.values.at(bankCode(w.r4, relays)));
    const bool plus = relayOn(relays, w.rtPositiveRelay), minus = relayOn(relays, w.rtNegativeRelay);
    s.insulationFault = plus && minus ? core::InsulationFaultPlace::Both
                        : plus        ? core::InsulationFaultPlace::PositiveToPe
                        : minus       ? core::InsulationFaultPlace::NegativeToPe
                                      : core::InsulationFaultPlace::None;
    if (s.insulationFault != core::InsulationFaultPlace::None && !w.rt.values.empty())
        s.insulationResistance = units::Ohms(w.rt.values.at(bankCode(w.rt, relays)));
    return s;
}

std::vector<bool> withLine(const FaultBoxWiring& w, std::vector<bool> relays, core::CouplerLine line,
                           core::LineState state, const std::string& who) {
    const bool can = line == core::CouplerLine::CanH || line == core::CouplerLine::CanL;
    if (state == core::LineState::Shorted && !can)
        throw core::CapabilityError(who + ": only s+ and s- can be shorted (to each other), not " + core::toString(line));
    if (state == core::LineState::Shorted && w.canShortRelay < 0)
        throw core::CapabilityError(who + ": wiring " + w.name + " has no S+/S- short relay");
    const int open = w.openRelay[lineIndex(line)];
    if (open < 0 && state == core::LineState::Open)
        throw core::CapabilityError(who + ": wiring " + w.name + " does not switch line " + core::toString(line));
    setRelay(relays, open, state == core::LineState::Open);
    if (can) setRelay(relays, w.canShortRelay, state == core::LineState::Shorted);
    return relays;
}

std::vector<bool> withR4(const FaultBoxWiring& w, std::vector<bool> relays, double ohm, const std::string& who) {
    setBankCode(w.r4, relays, codeFor(w, w.r4, ohm, who, "R4"));
    return relays;
}

std::vector<bool> withInsulationFault(const FaultBoxWiring& w, std::vector<bool> relays,
                                      core::InsulationFaultPlace place, double ohm, const std::string& who) {
    using P = core::InsulationFaultPlace;
    if (place == P::None) {
        setRelay(relays, w.rtPositiveRelay, false);
        setRelay(relays, w.rtNegativeRelay, false);
        return relays;
    }
    if (w.rtPositiveRelay < 0 || w.rtNegativeRelay < 0)
        throw core::CapabilityError(who + ": wiring " + w.name + " cannot insert an insulation fault");
    const unsigned code = codeFor(w, w.rt, ohm, who, "Rt");
    // Select first, then connect: the request is one FC15 write, so the banks never see another value.
    setBankCode(w.rt, relays, code);
    setRelay(relays, w.rtPositiveRelay, place == P::PositiveToPe || place == P::Both);
    setRelay(relays, w.rtNegativeRelay, place == P::NegativeToPe || place == P::Both);
    return relays;
}

std::string describeBank(const ResistorBank& bank) {
    std::vector<double> values = bank.values;
    std::sort(values.begin(), values.end());
    std::string text;
    for (double v : values) {
        char one[32];
        std::snprintf(one, sizeof one, "%g", v);
        text += (text.empty() ? "" : ", ") + std::string(one);
    }
    return text + " ohm";
}

} // namespace v2gbench::drivers::modbus
