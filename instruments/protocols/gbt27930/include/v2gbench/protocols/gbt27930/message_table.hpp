#pragma once
// The GB/T 27930-2015 message catalogue as data: one table of fields per message (name, bit
// position, length, resolution, offset, unit, enumeration). The codec, the trace decoder and the
// timing checker all read this one table, so a layout fix is made once. Source: the digest
// (/work/shared/reference/standards-digest.md §1.2–1.3), itself a transcription of the 2015 text.
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace v2gbench::protocols::gbt27930 {

enum class FieldKind {
    Number,  // raw * resolution + offset, in unit
    Enum,    // raw value with labels (whole bytes)
    Status2, // 2-bit status field with labels; 0b11 = not available
    Ascii,   // characters, whole bytes
    Bcd,     // packed BCD, little-endian bytes (CTS)
    Version, // 3-byte protocol version: minor byte, then major 16-bit LE ("V1.1" = 01 01 00)
    Bytes,   // opaque bytes, printed in hex
};

enum class Unit { None, Volt, Ampere, AmpereHour, KilowattHour, DegreeCelsius, Percent, Minute, Second, Hour, Day, Month, Year };
// Symbol as printed: "V", "A", "Ah", "kWh", "°C", "%", "min", "s", "h", "d", "month", "year", "".
const char* symbol(Unit unit);

struct EnumLabel {
    std::uint32_t raw;
    const char* label;
};

struct FieldSpec {
    const char* name;
    std::uint16_t bitOffset; // from the first payload bit, LSB first: byte n bit m -> (n-1)*8 + (m-1)
    std::uint16_t bitLength;
    FieldKind kind = FieldKind::Number;
    double resolution = 1.0;
    double offset = 0.0; // physical (GB/T convention) = raw * resolution + offset
    Unit unit = Unit::None;
    // GB/T 27930 §4.5: positive current = discharge. The bench (DESIGN §3) counts charging as
    // positive, so these fields are negated on decode and on encode.
    bool gbtCurrentSign = false;
    std::span<const EnumLabel> labels{};

    std::uint16_t endByte() const { return static_cast<std::uint16_t>((bitOffset + bitLength + 7) / 8); }
};

enum class Phase { Unknown, Handshake, Configuration, Charging, End };
const char* toString(Phase phase); // "handshake", "configuration", "charging", "end", "unknown"

struct MessageSpec {
    const char* name; // "BCL"
    const char* title;
    std::uint32_t pgn;
    std::uint8_t priority;
    Direction direction;
    Phase phase;                // Unknown for BEM/CEM (they may come in any phase)
    std::uint16_t length;       // 2015 length in bytes; 0 = variable (BMV, BMT, BSP)
    std::uint16_t minLength;    // bytes that carry every 2015 field (CCS: 7 of 8; the rest is fill)
    std::uint16_t length2011;   // length of the 2011 layout (a prefix of the 2015 one); 0 = same
    bool multiPacket;           // travels through the J1939 transport protocol
    std::uint32_t periodMs;     // nominal period (of the whole packet for multi-packet messages)
    std::uint32_t timeoutMs;    // receiver timeout; 0 = none (optional messages)
    bool new2015;               // absent from the 2011 protocol (CHM, BHM)
    std::span<const FieldSpec> fields;
    // Variable-length messages repeat this group of fields every repeatBytes bytes.
    std::span<const FieldSpec> repeated{};
    std::uint16_t repeatBytes = 0;
    const char* repeatName = nullptr; // "cell", "probe", "byte"

    std::uint16_t maxLength() const { return length ? length : 1785; }
};

// All 22 messages in catalogue order (CHM … CEM).
std::span<const MessageSpec> messageTable();
// nullptr when the PGN / name is not a GB/T 27930-2015 message.
const MessageSpec* findMessage(std::uint32_t pgn);
const MessageSpec* findMessage(std::string_view name);

} // namespace v2gbench::protocols::gbt27930
