#pragma once
// Register encodings shared by the Modbus drivers: strings (two characters per register, high
// byte first, NUL/space padded), big-endian float32 and 32-bit integers (high word first).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace v2gbench::drivers::modbus::detail {

inline std::string decodeString(const std::vector<std::uint16_t>& regs, std::size_t first, std::size_t count) {
    std::string s;
    for (std::size_t i = first; i < first + count && i < regs.size(); ++i) {
        s += static_cast<char>(regs[i] >> 8);
        s += static_cast<char>(regs[i] & 0xFF);
    }
    const auto end = s.find('\0');
    if (end != std::string::npos) s.resize(end);
    while (!s.empty() && (s.back() == ' ')) s.pop_back();
    return s;
}

inline float decodeFloat32(std::uint16_t hi, std::uint16_t lo) {
    const std::uint32_t bits = (std::uint32_t(hi) << 16) | lo;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

inline std::uint32_t decodeU32(std::uint16_t hi, std::uint16_t lo) { return (std::uint32_t(hi) << 16) | lo; }
inline std::int32_t decodeI32(std::uint16_t hi, std::uint16_t lo) { return static_cast<std::int32_t>(decodeU32(hi, lo)); }

inline std::string formatNumber(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << v;
    return s.str();
}

} // namespace v2gbench::drivers::modbus::detail
