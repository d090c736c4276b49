#pragma once
// Which core::EvFault the BMS emulator can apply, and what each one names: the GB/T 27930
// message (sent by the EV), the field to corrupt, the TP break mode, the BEM bit, the phase to
// stop answering from. validateEvFault() throws std::invalid_argument with a text that says what
// is wrong and what would be accepted ("unknown GB/T 27930 message \"BXL\" (did you mean BCL?)").
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace v2gbench::protocols::gbt27930 {

enum class TpBreakMode {
    Abort,         // Conn_Abort from the EV instead of the data
    MissingPacket, // TP.DT 2 is never sent
    WrongSequence, // every TP.DT carries its sequence number + 1
    NoEnd,         // only TP.DT 1 is sent
};
inline constexpr std::array<std::string_view, 4> kTpBreakModeNames = {"abort", "missing-packet", "wrong-sequence",
                                                                      "no-end"};
std::optional<TpBreakMode> tpBreakModeFromName(std::string_view name);

// "handshake", "configuration", "charging", "end"; nullopt for anything else.
std::optional<Phase> phaseFromName(std::string_view name);

// Throws std::invalid_argument unless the fault is complete and applicable to what the BMS
// emulator sends (BHM, BRM, BCP, BRO, BCL, BCS, BSM, BST, BSD, BEM): substitute needs a
// single-frame replacement other than BEM, stale one of BHM, BRM, BCP. Returns the message spec
// (nullptr for SendBem and StopAnswering, which name no message).
const MessageSpec* validateEvFault(const core::EvFault& fault);

// The names in `candidates` close to `given`, case-insensitively, as ` (did you mean A or B?)`:
// those that contain it (or the reverse), have all its words or share its first 5 letters; if
// none, those within 1 typing error (2 for names longer than 4). Empty when none is close.
std::string didYouMean(std::string_view given, std::span<const std::string_view> candidates);

} // namespace v2gbench::protocols::gbt27930
