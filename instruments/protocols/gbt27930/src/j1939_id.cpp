#include "v2gbench/protocols/gbt27930/j1939_id.hpp"

#include <cstdio>

namespace v2gbench::protocols::gbt27930 {

const char* toString(Direction direction) {
    switch (direction) {
    case Direction::ChargerToBms: return "charger→BMS";
    case Direction::BmsToCharger: return "BMS→charger";
    case Direction::Other: break;
    }
    return "other";
}

J1939Id J1939Id::fromCanId(std::uint32_t id) {
    J1939Id j;
    j.priority = static_cast<std::uint8_t>((id >> 26) & 0x7);
    const std::uint32_t dp = (id >> 24) & 0x3; // EDP and DP together select the data page
    const std::uint32_t pf = (id >> 16) & 0xFF;
    const std::uint32_t ps = (id >> 8) & 0xFF;
    j.source = static_cast<std::uint8_t>(id & 0xFF);
    if (pf < 240) {
        j.pgn = (dp << 16) | (pf << 8);
        j.destination = static_cast<std::uint8_t>(ps);
    } else {
        j.pgn = (dp << 16) | (pf << 8) | ps;
        j.destination = kGlobalAddress;
    }
    return j;
}

std::uint32_t J1939Id::toCanId() const {
    std::uint32_t id = (static_cast<std::uint32_t>(priority & 0x7) << 26) | ((pgn & 0x3FF00u) << 8) | source;
    if (pdu1())
        id |= static_cast<std::uint32_t>(destination) << 8;
    else
        id |= (pgn & 0xFF) << 8;
    return id;
}

Direction J1939Id::direction() const {
    if (source == kChargerAddress && destination == kBmsAddress) return Direction::ChargerToBms;
    if (source == kBmsAddress && destination == kChargerAddress) return Direction::BmsToCharger;
    return Direction::Other;
}

std::string formatPgn(std::uint32_t pgn) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%06X", static_cast<unsigned>(pgn));
    return buf;
}

} // namespace v2gbench::protocols::gbt27930
