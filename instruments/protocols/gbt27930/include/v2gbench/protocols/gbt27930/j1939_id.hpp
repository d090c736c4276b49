#pragma once
// SAE J1939-21 29-bit identifiers as GB/T 27930 uses them: P(3) R(1) DP(1) PF(8) PS(8) SA(8).
// GB/T messages are all PDU1 (PF < 240), so PS is the destination address and the low PGN byte
// is 0; PDU2 identifiers are still decoded so a foreign frame on the bus is named correctly.
#include <cstdint>
#include <string>

namespace v2gbench::protocols::gbt27930 {

inline constexpr std::uint8_t kChargerAddress = 0x56; // GB/T 27930 table 2
inline constexpr std::uint8_t kBmsAddress = 0xF4;
inline constexpr std::uint8_t kGlobalAddress = 0xFF;

enum class Direction { ChargerToBms, BmsToCharger, Other };
// "charger→BMS", "BMS→charger", "other"
const char* toString(Direction direction);

struct J1939Id {
    std::uint8_t priority = 6;  // 0 (highest) .. 7
    std::uint32_t pgn = 0;      // 18-bit parameter group number (DP, PF and, for PDU2, PS)
    std::uint8_t destination = kGlobalAddress;
    std::uint8_t source = 0;

    static J1939Id fromCanId(std::uint32_t id);
    std::uint32_t toCanId() const;
    bool pdu1() const { return ((pgn >> 8) & 0xFF) < 240; }
    Direction direction() const;
};

// "0x001000"
std::string formatPgn(std::uint32_t pgn);

} // namespace v2gbench::protocols::gbt27930
