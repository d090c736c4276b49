#include "charger_frame_defects.hpp"

#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"

#include <string_view>

namespace v2gbench::sim {

namespace gbt = protocols::gbt27930;

namespace {

void clearBits(transports::CanFrame& frame, unsigned first, unsigned count) {
    for (unsigned bit = first; bit < first + count && bit / 8 < frame.dlc; ++bit)
        frame.data[bit / 8] = static_cast<std::uint8_t>(frame.data[bit / 8] & ~(1u << (bit % 8)));
}

// Bits no field of the message covers: the table fills them with 1 (GB/T 27930-2015 §7.9).
void zeroUnusedBits(transports::CanFrame& frame, const gbt::MessageSpec& spec) {
    for (unsigned bit = 0; bit < frame.dlc * 8u; ++bit) {
        bool used = false;
        for (const auto& f : spec.fields) used = used || (bit >= f.bitOffset && bit < f.bitOffset + f.bitLength);
        if (!used) clearBits(frame, bit, 1);
    }
}

} // namespace

ChargerFrameDefects frameDefects(const PlantParameters& p) {
    return {p.zeroFill, static_cast<int>(p.handshakePriority), p.ccsChargingTimeStuck, p.dropCsd};
}

std::optional<transports::CanFrame> applyFrameDefects(const ChargerFrameDefects& defects, transports::CanFrame frame) {
    if (!defects.any() || !frame.extended) return frame;
    gbt::J1939Id id = gbt::J1939Id::fromCanId(frame.id);
    const gbt::MessageSpec* spec = gbt::findMessage(id.pgn);
    if (!spec || spec->multiPacket || spec->direction != gbt::Direction::ChargerToBms) return frame;
    const std::string_view name = spec->name;
    if (defects.dropCsd && name == "CSD") return std::nullopt;
    if (defects.zeroFill) zeroUnusedBits(frame, *spec);
    if (defects.handshakePriority != 6 && (name == "CHM" || name == "CRM")) {
        id.priority = static_cast<std::uint8_t>(defects.handshakePriority);
        frame.id = id.toCanId();
    }
    if (defects.ccsChargingTimeStuck && name == "CCS")
        for (const auto& f : spec->fields)
            if (std::string_view(f.name) == "charging time") clearBits(frame, f.bitOffset, f.bitLength);
    return frame;
}

} // namespace v2gbench::sim
