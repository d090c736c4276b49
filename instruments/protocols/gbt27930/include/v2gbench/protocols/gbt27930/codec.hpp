#pragma once
// Encode/decode of GB/T 27930 payloads driven by the message table. Decoded values carry their
// unit and are in the bench sign convention (positive current = charging, DESIGN §3); GB/T's own
// convention (positive = discharge) only exists on the wire.
#include "v2gbench/core/units.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

// Strict2015 flags every deviation from the 2015 tables (2011 layouts, short DLC, missing
// CHM/BHM); Tolerant decodes what the fleet sends and notes the 2011 variants.
enum class Profile { Strict2015, Tolerant };

enum class Severity { Note, Warning, Error };
const char* toString(Severity severity); // "note", "warning", "error"

struct CodecIssue {
    Severity severity = Severity::Error;
    std::string text;
};

enum class Layout { Gbt2015, Gbt2011, Nonconforming };
const char* toString(Layout layout); // "2015", "2011", "nonconforming"

struct DecodedField {
    const FieldSpec* spec = nullptr;
    std::uint16_t index = 0;   // 1-based element number of a repeated field (BMV cell 3), else 0
    const char* group = nullptr; // "cell", "probe", "byte" for repeated fields
    std::uint64_t raw = 0;     // bits as on the wire
    double value = 0.0;        // physical, bench sign convention, in unit (Number, Bcd, Enum: raw)
    Unit unit = Unit::None;
    bool available = true;     // false: all bits set ("not available", J1939) or beyond the payload
    bool present = true;       // false: the payload ends before this field
    const char* label = nullptr; // Enum / Status2 label, nullptr when the raw value has none
    std::string text;          // Ascii, Version, Bytes (hex) and invalid-BCD text

    std::string name() const;  // "current demand", "cell 3 voltage"
    // "426.1 V", "20.0 A", "LFP (0x03)", "timeout (01)", "not available"
    std::string formatValue() const;
    // The same two texts appended to `out` without temporaries (decode's hot path).
    void appendName(std::string& out) const;
    void appendValue(std::string& out) const;
    // SI value (kWh -> J, min -> s, % -> fraction, °C stays °C); nullopt when not numeric.
    std::optional<double> siValue() const;
    std::optional<units::Volts> volts() const;
    std::optional<units::Amperes> amperes() const;
};

struct DecodedMessage {
    const MessageSpec* spec = nullptr;
    J1939Id id{};
    Layout layout = Layout::Gbt2015;
    std::uint16_t length = 0;
    std::vector<DecodedField> fields;
    std::vector<CodecIssue> issues;

    const DecodedField* field(std::string_view name) const; // by name(); nullptr when absent
    bool ok() const;                                        // no Error issue
};

// Values for encode: physical numbers (bench sign, in the field's unit; an Enum or Status2 takes
// its raw value) and texts (Ascii characters, Version "V1.1", Bytes as hex "FFFF", Bcd may also be
// given as a number). A field not given is sent as all ones (GB/T §7.9 fill).
struct FieldValues {
    std::map<std::string, double, std::less<>> numbers;
    std::map<std::string, std::string, std::less<>> texts;

    FieldValues& set(std::string name, double value) { numbers[std::move(name)] = value; return *this; }
    FieldValues& set(std::string name, std::string text) { texts[std::move(name)] = std::move(text); return *this; }
    FieldValues& set(std::string name, const char* text) { return set(std::move(name), std::string(text)); }
};

class Codec {
public:
    explicit Codec(Profile profile = Profile::Tolerant) : m_profile(profile) {}
    Profile profile() const { return m_profile; }

    // Decodes a payload of the given message. Never throws: problems become issues.
    DecodedMessage decode(const MessageSpec& spec, std::span<const std::uint8_t> payload,
                          const J1939Id& id) const;
    // Decodes a single-frame GB/T message; nullopt when the frame is not one (TP, foreign PGN).
    std::optional<DecodedMessage> decode(const transports::CanFrame& frame) const;
    // The same two decodes into `out`, reusing its field and issue buffers (a trace decoder's hot
    // path: no allocation per frame once the buffers have grown). The frame overload returns false
    // (and leaves `out` unspecified) when the frame is not a single-frame GB/T message.
    void decodeInto(const MessageSpec& spec, std::span<const std::uint8_t> payload, const J1939Id& id,
                    DecodedMessage& out) const;
    bool decodeInto(const transports::CanFrame& frame, DecodedMessage& out) const;

    // Builds the payload of `message` (length: 0 = the 2015 length; the 2011 length of BRM/CML/CCS
    // is accepted; variable messages need it). Throws std::invalid_argument for an unknown message
    // or field, a value out of range or not representable (no silent clamping).
    std::vector<std::uint8_t> encode(std::string_view message, const FieldValues& values, std::size_t length = 0) const;
    // A single-frame message as a CAN frame from its nominal sender to its receiver.
    transports::CanFrame encodeFrame(std::string_view message, const FieldValues& values, std::size_t length = 0) const;

private:
    Profile m_profile;
};

// The standard J1939 id of a message (priority, PGN, nominal sender and receiver addresses).
J1939Id nominalId(const MessageSpec& spec);

} // namespace v2gbench::protocols::gbt27930
