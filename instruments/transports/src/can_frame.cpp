#include "v2gbench/transports/can_frame.hpp"

#include <cstdio>
#include <stdexcept>

namespace v2gbench::transports {

CanFrame CanFrame::make(std::uint32_t id, bool extended, std::initializer_list<std::uint8_t> bytes) {
    if (bytes.size() > 8) throw std::invalid_argument("a classic CAN frame carries at most 8 bytes");
    CanFrame f;
    f.id = id;
    f.extended = extended;
    f.dlc = static_cast<std::uint8_t>(bytes.size());
    std::size_t i = 0;
    for (auto b : bytes)
        f.data[i++] = b;
    validate(f);
    return f;
}

bool CanFrame::sameContent(const CanFrame& other) const {
    if (id != other.id || extended != other.extended || remote != other.remote || error != other.error ||
        dlc != other.dlc)
        return false;
    if (remote) return true;
    for (std::size_t i = 0; i < dlc && i < 8; ++i)
        if (data[i] != other.data[i]) return false;
    return true;
}

void validate(const CanFrame& frame) {
    char id[16];
    std::snprintf(id, sizeof id, "0x%X", static_cast<unsigned>(frame.id));
    if (frame.dlc > 8)
        throw std::invalid_argument("CAN frame " + std::string(id) + ": dlc " + std::to_string(frame.dlc) +
                                    " is above 8 (CAN FD is not supported)");
    if (frame.extended ? frame.id > 0x1FFFFFFFu : frame.id > 0x7FFu)
        throw std::invalid_argument("CAN frame " + std::string(id) + ": identifier does not fit " +
                                    (frame.extended ? "29 bits" : "11 bits (set the extended flag?)"));
}

std::string toCanUtilsString(const CanFrame& frame) {
    char buf[64];
    int n;
    if (frame.error)
        n = std::snprintf(buf, sizeof buf, "%08X#", static_cast<unsigned>(frame.id | 0x20000000u));
    else if (frame.extended)
        n = std::snprintf(buf, sizeof buf, "%08X#", static_cast<unsigned>(frame.id));
    else
        n = std::snprintf(buf, sizeof buf, "%03X#", static_cast<unsigned>(frame.id));
    std::string out(buf, static_cast<std::size_t>(n));
    if (frame.remote) {
        out += 'R';
        if (frame.dlc > 0) out += static_cast<char>('0' + frame.dlc);
        return out;
    }
    static const char* hex = "0123456789ABCDEF";
    for (std::size_t i = 0; i < frame.dlc && i < 8; ++i) {
        out += hex[frame.data[i] >> 4];
        out += hex[frame.data[i] & 0xF];
    }
    return out;
}

} // namespace v2gbench::transports
