#include "v2gbench/protocols/gbt27930/codec.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace v2gbench::protocols::gbt27930 {

namespace {

std::uint64_t extractBits(std::span<const std::uint8_t> p, unsigned bit, unsigned len) {
    std::uint64_t v = 0;
    unsigned got = 0;
    while (got < len) {
        unsigned byte = (bit + got) / 8, shift = (bit + got) % 8;
        unsigned take = std::min(8 - shift, len - got);
        std::uint64_t part = (p[byte] >> shift) & ((1u << take) - 1u);
        v |= part << got;
        got += take;
    }
    return v;
}

void storeBits(std::vector<std::uint8_t>& p, unsigned bit, unsigned len, std::uint64_t value) {
    for (unsigned i = 0; i < len; ++i) {
        unsigned pos = bit + i;
        auto mask = static_cast<std::uint8_t>(1u << (pos % 8));
        if ((value >> i) & 1u)
            p[pos / 8] |= mask;
        else
            p[pos / 8] &= static_cast<std::uint8_t>(~mask);
    }
}

std::uint64_t allOnes(unsigned len) { return len >= 64 ? ~0ull : ((1ull << len) - 1); }

const char* findLabel(std::span<const EnumLabel> labels, std::uint64_t raw) {
    for (const auto& l : labels)
        if (l.raw == raw) return l.label;
    return nullptr;
}

std::string hexBytes(std::span<const std::uint8_t> b) {
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    s.reserve(b.size() * 2);
    for (auto x : b) {
        s += digits[x >> 4];
        s += digits[x & 15];
    }
    return s;
}

// Fills `out` completely: it may be a reused field of an earlier message (its text keeps its
// capacity).
void decodeField(const FieldSpec& f, std::span<const std::uint8_t> p, std::size_t base, DecodedField& out) {
    out.spec = &f;
    out.unit = f.unit;
    out.raw = 0;
    out.value = 0.0;
    out.available = out.present = true;
    out.label = nullptr;
    out.text.clear();
    const std::size_t firstByte = base + f.bitOffset / 8;
    const std::size_t endByte = base + f.endByte();
    if (endByte > p.size()) {
        out.present = out.available = false;
        return;
    }
    switch (f.kind) {
    case FieldKind::Number: {
        out.raw = extractBits(p, static_cast<unsigned>(base * 8 + f.bitOffset), f.bitLength);
        // J1939: all bits set means "not available" (only for whole-byte fields; a 4-bit group
        // number of 15 is a real value).
        if (f.bitLength >= 8 && out.raw == allOnes(f.bitLength)) out.available = false;
        double v = static_cast<double>(out.raw) * f.resolution + f.offset;
        if (f.gbtCurrentSign) v = -v;
        out.value = v == 0.0 ? 0.0 : v; // no "-0.0 A" in reports
        break;
    }
    case FieldKind::Enum:
    case FieldKind::Status2:
        out.raw = extractBits(p, static_cast<unsigned>(base * 8 + f.bitOffset), f.bitLength);
        out.value = static_cast<double>(out.raw);
        out.label = findLabel(f.labels, out.raw);
        if (f.kind == FieldKind::Status2 && out.raw == 3) out.available = false;
        break;
    case FieldKind::Bcd: {
        std::uint64_t v = 0;
        bool valid = true, ones = true;
        for (std::size_t i = endByte; i-- > firstByte;) {
            std::uint8_t b = p[i];
            ones = ones && b == 0xFF;
            if ((b >> 4) > 9 || (b & 15) > 9) valid = false;
            v = v * 100 + (b >> 4) * 10 + (b & 15);
            out.raw = (out.raw << 8) | b;
        }
        if (ones)
            out.available = false;
        else if (!valid)
            out.text = "invalid BCD 0x" + hexBytes(p.subspan(firstByte, endByte - firstByte));
        out.value = static_cast<double>(v);
        break;
    }
    case FieldKind::Version: {
        std::uint8_t minor = p[firstByte];
        unsigned major = p[firstByte + 1] | (p[firstByte + 2] << 8);
        out.raw = minor | (major << 8);
        if (minor == 0xFF && major == 0xFFFF) {
            out.available = false;
            break;
        }
        out.text = "V" + std::to_string(major) + "." + std::to_string(minor);
        break;
    }
    case FieldKind::Ascii: {
        bool ones = true;
        std::size_t end = endByte;
        while (end > firstByte && (p[end - 1] == 0xFF || p[end - 1] == 0x00)) --end; // trailing fill
        for (std::size_t i = firstByte; i < endByte; ++i) ones = ones && p[i] == 0xFF;
        if (ones) {
            out.available = false;
            break;
        }
        for (std::size_t i = firstByte; i < end; ++i)
            out.text += (p[i] >= 0x20 && p[i] < 0x7F) ? static_cast<char>(p[i]) : '.';
        break;
    }
    case FieldKind::Bytes:
        out.text = hexBytes(p.subspan(firstByte, endByte - firstByte));
        break;
    }
}

using CoverageMask = std::array<std::uint8_t, 64>;

// Marks the bits covered by fields so the fill rule (§7.9: unused bits are 1) can be checked.
CoverageMask coverage(std::span<const FieldSpec> fields) {
    CoverageMask mask{};
    for (const auto& f : fields)
        for (unsigned i = 0; i < f.bitLength; ++i) {
            std::size_t pos = f.bitOffset + i;
            if (pos / 8 < mask.size()) mask[pos / 8] = static_cast<std::uint8_t>(mask[pos / 8] | (1u << (pos % 8)));
        }
    return mask;
}

// The mask of a message of the table, computed once (decode's hot path); a spec from elsewhere
// (tests) is computed each time.
CoverageMask coverageOf(const MessageSpec& spec) {
    static const std::vector<CoverageMask> tableMasks = [] {
        std::vector<CoverageMask> masks;
        for (const auto& m : messageTable()) masks.push_back(coverage(m.fields));
        return masks;
    }();
    const auto table = messageTable();
    if (&spec >= table.data() && &spec < table.data() + table.size())
        return tableMasks[static_cast<std::size_t>(&spec - table.data())];
    return coverage(spec.fields);
}

// "%.3f" of the largest double: 309 digits, sign, point, decimals.
constexpr std::size_t kFixedChars = 320;

std::string fmtNumber(double v, double resolution) {
    int decimals = resolution >= 1 ? 0 : resolution >= 0.1 ? 1 : resolution >= 0.01 ? 2 : 3;
    char buf[kFixedChars];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

const char* toString(Severity severity) {
    switch (severity) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: break;
    }
    return "error";
}

const char* toString(Layout layout) {
    switch (layout) {
    case Layout::Gbt2015: return "2015";
    case Layout::Gbt2011: return "2011";
    case Layout::Nonconforming: break;
    }
    return "nonconforming";
}

std::string DecodedField::name() const {
    std::string out;
    appendName(out);
    return out;
}

void DecodedField::appendName(std::string& out) const {
    if (!spec) return;
    if (index == 0 || !group) {
        out += spec->name;
        return;
    }
    out += group;
    out += ' ';
    char buf[8];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, index);
    (void)ec;
    out.append(buf, p);
    out += ' ';
    out += spec->name;
}

std::string DecodedField::formatValue() const {
    std::string out;
    appendValue(out);
    return out;
}

namespace {

// "%.*f" of `v` with `decimals` (0..3) through integers (decode's hot path: to_chars with a
// precision costs several times more). Exact: the scaled value is below 2^50, so its rounding
// error is under 1/16, and it is more than 1/4 from a rounding tie, so the nearest integer is the
// correctly rounded one printf prints. Anything else (near a tie, huge, not finite) goes through
// to_chars, which rounds as printf does. A negative value keeps its sign even when it prints as
// zero ("-0.0"), as printf does.
bool appendFixedExact(double v, int decimals, std::string& out) {
    static constexpr double kScale[] = {1.0, 10.0, 100.0, 1000.0};
    const double scaled = std::fabs(v) * kScale[decimals];
    if (!(scaled < 0x1p50)) return false; // also NaN
    const double rounded = std::round(scaled);
    if (std::fabs(scaled - rounded) >= 0.25) return false;
    auto digits = static_cast<std::uint64_t>(rounded);
    char buf[24];
    char* p = buf + sizeof buf;
    for (int i = 0; i < decimals; ++i, digits /= 10) *--p = static_cast<char>('0' + digits % 10);
    if (decimals > 0) *--p = '.';
    do {
        *--p = static_cast<char>('0' + digits % 10);
        digits /= 10;
    } while (digits != 0);
    if (std::signbit(v)) *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
    return true;
}

// "%.*f" with the decimals the resolution needs.
void appendNumber(double v, double resolution, std::string& out) {
    const int decimals = resolution >= 1 ? 0 : resolution >= 0.1 ? 1 : resolution >= 0.01 ? 2 : 3;
    if (appendFixedExact(v, decimals, out)) return;
    char buf[kFixedChars];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (ec != std::errc()) {
        out += fmtNumber(v, resolution);
        return;
    }
    out.append(buf, p);
}

void appendHexByte(std::uint64_t v, std::string& out) {
    static const char* digits = "0123456789ABCDEF";
    if (v > 0xFF) {
        char buf[24];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, 16);
        (void)ec;
        for (char* c = buf; c != p; ++c)
            if (*c >= 'a' && *c <= 'f') *c = static_cast<char>(*c - 'a' + 'A');
        out.append(buf, p);
        return;
    }
    out += digits[(v >> 4) & 15];
    out += digits[v & 15];
}

} // namespace

void DecodedField::appendValue(std::string& out) const {
    if (!spec) return;
    if (!present) {
        out += "absent";
        return;
    }
    switch (spec->kind) {
    case FieldKind::Number:
        if (!available) {
            out += "not available";
            return;
        }
        appendNumber(value, spec->resolution, out);
        if (unit != Unit::None) {
            out += ' ';
            out += symbol(unit);
        }
        return;
    case FieldKind::Enum: // "%s (0x%02llX)"
        out += label ? label : "undefined";
        out += " (0x";
        appendHexByte(raw, out);
        out += ')';
        return;
    case FieldKind::Status2: // "%s (%llu%llu)"
        out += label ? label : "not available";
        out += " (";
        out += static_cast<char>('0' + ((raw >> 1) & 1));
        out += static_cast<char>('0' + (raw & 1));
        out += ')';
        return;
    case FieldKind::Bcd:
        if (!available) {
            out += "not available";
            return;
        }
        if (!text.empty()) {
            out += text;
            return;
        }
        appendNumber(value, 1, out);
        if (unit != Unit::None) {
            out += ' ';
            out += symbol(unit);
        }
        return;
    case FieldKind::Version:
    case FieldKind::Ascii:
        if (!available) {
            out += "not available";
            return;
        }
        if (spec->kind == FieldKind::Ascii) out += '"';
        out += text;
        if (spec->kind == FieldKind::Ascii) out += '"';
        return;
    case FieldKind::Bytes: out += text; return;
    }
}

std::optional<double> DecodedField::siValue() const {
    if (!spec || !present || !available || (spec->kind != FieldKind::Number && spec->kind != FieldKind::Bcd))
        return std::nullopt;
    switch (unit) {
    case Unit::KilowattHour: return value * 3.6e6;
    case Unit::AmpereHour: return value * 3600.0; // A·s
    case Unit::Minute: return value * 60.0;
    case Unit::Hour: return value * 3600.0;
    case Unit::Percent: return value / 100.0;
    default: return value;
    }
}

std::optional<units::Volts> DecodedField::volts() const {
    if (unit != Unit::Volt) return std::nullopt;
    auto v = siValue();
    return v ? std::optional<units::Volts>(units::Volts(*v)) : std::nullopt;
}

std::optional<units::Amperes> DecodedField::amperes() const {
    if (unit != Unit::Ampere) return std::nullopt;
    auto v = siValue();
    return v ? std::optional<units::Amperes>(units::Amperes(*v)) : std::nullopt;
}

const DecodedField* DecodedMessage::field(std::string_view name) const {
    for (const auto& f : fields) {
        if (f.index == 0 ? name == f.spec->name : name == f.name()) return &f;
    }
    return nullptr;
}

bool DecodedMessage::ok() const {
    for (const auto& i : issues)
        if (i.severity == Severity::Error) return false;
    return true;
}

J1939Id nominalId(const MessageSpec& spec) {
    J1939Id id;
    id.priority = spec.priority;
    id.pgn = spec.pgn;
    bool fromCharger = spec.direction == Direction::ChargerToBms;
    id.source = fromCharger ? kChargerAddress : kBmsAddress;
    id.destination = fromCharger ? kBmsAddress : kChargerAddress;
    return id;
}

DecodedMessage Codec::decode(const MessageSpec& spec, std::span<const std::uint8_t> p, const J1939Id& id) const {
    DecodedMessage m;
    decodeInto(spec, p, id, m);
    return m;
}

void Codec::decodeInto(const MessageSpec& spec, std::span<const std::uint8_t> p, const J1939Id& id,
                       DecodedMessage& m) const {
    m.spec = &spec;
    m.id = id;
    m.layout = Layout::Gbt2015;
    // The fields are resized, not cleared: a trace decoder reuses one message's fields (and their
    // text buffers) frame after frame; decodeField fills every member.
    m.issues.clear();
    m.length = static_cast<std::uint16_t>(p.size());
    const bool strict = m_profile == Profile::Strict2015;
    auto issue = [&](Severity s, std::string text) { m.issues.push_back({s, std::move(text)}); };
    auto n = [&] { return std::string(spec.name); };

    if (spec.length == 0) {
        if (p.empty()) {
            m.fields.clear();
            m.layout = Layout::Nonconforming;
            issue(Severity::Error, n() + " is empty");
            return;
        }
        std::size_t count = p.size() / spec.repeatBytes;
        if (p.size() % spec.repeatBytes != 0) {
            m.layout = Layout::Nonconforming;
            issue(Severity::Warning, n() + " length " + std::to_string(p.size()) + " is not a multiple of " +
                                         std::to_string(spec.repeatBytes) + "; the trailing bytes are ignored");
        }
        m.fields.resize(count * spec.repeated.size());
        std::size_t k = 0;
        for (std::size_t i = 0; i < count; ++i)
            for (const auto& f : spec.repeated) {
                DecodedField& d = m.fields[k++];
                d.index = static_cast<std::uint16_t>(i + 1);
                d.group = spec.repeatName;
                decodeField(f, p, i * spec.repeatBytes, d);
            }
        return;
    }

    // Built only when an issue is reported (the common, conforming frame costs nothing here).
    auto got = [&] { return std::to_string(p.size()) + " bytes"; };
    auto want = [&] { return std::to_string(spec.length); };
    if (p.size() == spec.length) {
        m.layout = Layout::Gbt2015;
    } else if (p.size() > spec.length) {
        m.layout = Layout::Nonconforming;
        issue(strict ? Severity::Error : Severity::Warning, n() + " has " + got() + ", the 2015 table says " + want());
    } else if (spec.length2011 != 0 && p.size() == spec.length2011) {
        m.layout = Layout::Gbt2011;
        if (strict)
            issue(Severity::Error, n() + " has the 2011 layout (" + got() + "); GB/T 27930-2015 requires " + want());
        else
            issue(Severity::Note, n() + " has the 2011 layout (" + got() + ")");
    } else if (p.size() >= spec.minLength) {
        m.layout = Layout::Gbt2015;
        issue(strict ? Severity::Warning : Severity::Note,
              n() + " has " + got() + " (every field present, trailing fill omitted); the 2015 table says " + want());
    } else {
        m.layout = Layout::Nonconforming;
        issue(Severity::Error, n() + " is too short: " + got() + ", its fields need " + std::to_string(spec.minLength));
    }

    m.fields.resize(spec.fields.size());
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        m.fields[i].index = 0;
        m.fields[i].group = nullptr;
        decodeField(spec.fields[i], p, 0, m.fields[i]);
    }

    if (p.size() <= 64) {
        const CoverageMask mask = coverageOf(spec);
        for (std::size_t b = 0; b < p.size(); ++b) {
            auto unused = static_cast<std::uint8_t>(~mask[b]);
            if ((p[b] & unused) != unused) {
                char buf[128];
                std::snprintf(buf, sizeof buf, "%s byte %zu: unused bits are not filled with 1 (0x%02X)", spec.name,
                              b + 1, p[b]);
                issue(Severity::Warning, buf);
            }
        }
    }
    }

std::optional<DecodedMessage> Codec::decode(const transports::CanFrame& frame) const {
    DecodedMessage m;
    if (!decodeInto(frame, m)) return std::nullopt;
    return m;
}

bool Codec::decodeInto(const transports::CanFrame& frame, DecodedMessage& m) const {
    if (!frame.extended || frame.remote || frame.error) return false;
    J1939Id id = J1939Id::fromCanId(frame.id);
    const MessageSpec* spec = findMessage(id.pgn);
    if (!spec) return false;
    decodeInto(*spec, std::span<const std::uint8_t>(frame.data.data(), frame.dlc), id, m);
    if (spec->multiPacket && frame.dlc < 9)
        m.issues.push_back({m_profile == Profile::Strict2015 ? Severity::Error : Severity::Warning,
                            std::string(spec->name) + " sent as a single frame; GB/T 27930 sends it by the transport protocol"});
    if (id.priority != spec->priority)
        m.issues.push_back({Severity::Warning, std::string(spec->name) + " priority " + std::to_string(id.priority) +
                                                   ", the table says " + std::to_string(spec->priority)});
    J1939Id nominal = nominalId(*spec);
    if (id.source != nominal.source || id.destination != nominal.destination)
        m.issues.push_back({Severity::Warning, std::string(spec->name) + " sent from " + std::to_string(id.source) +
                                                   " to " + std::to_string(id.destination) + ", expected " +
                                                   toString(spec->direction)});
    return true;
}

namespace {

const FieldSpec* lookupField(const MessageSpec& spec, std::string_view name, std::size_t& base) {
    base = 0;
    for (const auto& f : spec.fields)
        if (name == f.name) return &f;
    if (spec.repeatName) {
        std::string_view group = spec.repeatName;
        if (name.size() > group.size() + 1 && name.substr(0, group.size()) == group && name[group.size()] == ' ') {
            auto rest = name.substr(group.size() + 1);
            unsigned index = 0;
            auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), index);
            if (ec == std::errc() && index >= 1 && ptr < rest.data() + rest.size() && *ptr == ' ') {
                std::string_view fieldName(ptr + 1, static_cast<std::size_t>(rest.data() + rest.size() - ptr - 1));
                for (const auto& f : spec.repeated)
                    if (fieldName == f.name) {
                        base = (index - 1) * spec.repeatBytes;
                        return &f;
                    }
            }
        }
    }
    return nullptr;
}

[[noreturn]] void fail(const MessageSpec& spec, std::string_view field, const std::string& why) {
    throw std::invalid_argument(std::string(spec.name) + " field '" + std::string(field) + "': " + why);
}

std::vector<std::uint8_t> parseHex(const MessageSpec& spec, std::string_view field, std::string_view hex) {
    std::vector<std::uint8_t> out;
    if (hex.size() % 2) fail(spec, field, "odd number of hex digits");
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, v, 16);
        if (ec != std::errc() || p != hex.data() + i + 2) fail(spec, field, "'" + std::string(hex) + "' is not hex");
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

} // namespace

std::vector<std::uint8_t> Codec::encode(std::string_view message, const FieldValues& values, std::size_t length) const {
    const MessageSpec* spec = findMessage(message);
    if (!spec) throw std::invalid_argument("'" + std::string(message) + "' is not a GB/T 27930-2015 message");
    if (length == 0) length = spec->length;
    if (length == 0) throw std::invalid_argument(std::string(spec->name) + " has a variable length: give it");
    if (spec->length == 0) {
        if (length % spec->repeatBytes != 0 || length > 1785)
            throw std::invalid_argument(std::string(spec->name) + ": length " + std::to_string(length) +
                                        " is not a multiple of " + std::to_string(spec->repeatBytes) + " up to 1785");
    } else if (length != spec->length && length != spec->length2011 && (length < spec->minLength || length > spec->length)) {
        throw std::invalid_argument(std::string(spec->name) + ": length " + std::to_string(length) +
                                    " is neither the 2015 nor the 2011 layout");
    }
    std::vector<std::uint8_t> p(length, 0xFF);
    auto place = [&](std::string_view name, std::size_t& base) -> const FieldSpec& {
        const FieldSpec* f = lookupField(*spec, name, base);
        if (!f) fail(*spec, name, "no such field");
        if (base + f->endByte() > length)
            fail(*spec, name, "does not fit in " + std::to_string(length) + " bytes");
        return *f;
    };
    for (const auto& [name, value] : values.numbers) {
        std::size_t base = 0;
        const FieldSpec& f = place(name, base);
        const unsigned bit = static_cast<unsigned>(base * 8 + f.bitOffset);
        if (!std::isfinite(value)) fail(*spec, name, "value is not finite");
        std::uint64_t raw = 0;
        switch (f.kind) {
        case FieldKind::Number: {
            double gbt = f.gbtCurrentSign ? -value : value;
            double r = std::round((gbt - f.offset) / f.resolution);
            if (r < 0 || r > static_cast<double>(allOnes(f.bitLength)))
                fail(*spec, name, fmtNumber(value, f.resolution) + " " + symbol(f.unit) + " is outside the field's range");
            raw = static_cast<std::uint64_t>(r);
            break;
        }
        case FieldKind::Enum:
        case FieldKind::Status2:
            if (value < 0 || value > static_cast<double>(allOnes(f.bitLength)) || value != std::floor(value))
                fail(*spec, name, "raw value " + std::to_string(value) + " does not fit " + std::to_string(f.bitLength) + " bits");
            raw = static_cast<std::uint64_t>(value);
            break;
        case FieldKind::Bcd: {
            if (value < 0 || value != std::floor(value)) fail(*spec, name, "BCD needs a non-negative integer");
            auto v = static_cast<std::uint64_t>(value);
            for (unsigned i = 0; i < f.bitLength / 8; ++i) {
                raw |= ((v % 10) | (((v / 10) % 10) << 4)) << (8 * i);
                v /= 100;
            }
            if (v != 0) fail(*spec, name, "too many digits for " + std::to_string(f.bitLength / 8) + " BCD bytes");
            break;
        }
        default: fail(*spec, name, "takes text, not a number");
        }
        storeBits(p, bit, f.bitLength, raw);
    }
    for (const auto& [name, text] : values.texts) {
        std::size_t base = 0;
        const FieldSpec& f = place(name, base);
        const std::size_t first = base + f.bitOffset / 8, bytesLen = f.bitLength / 8;
        switch (f.kind) {
        case FieldKind::Ascii:
            if (text.size() > bytesLen) fail(*spec, name, "'" + text + "' is longer than " + std::to_string(bytesLen) + " bytes");
            for (std::size_t i = 0; i < text.size(); ++i) p[first + i] = static_cast<std::uint8_t>(text[i]);
            break;
        case FieldKind::Bytes: {
            auto b = parseHex(*spec, name, text);
            if (b.size() != bytesLen) fail(*spec, name, "needs " + std::to_string(bytesLen) + " bytes of hex");
            std::copy(b.begin(), b.end(), p.begin() + static_cast<std::ptrdiff_t>(first));
            break;
        }
        case FieldKind::Version: {
            unsigned major = 0, minor = 0;
            if (std::sscanf(text.c_str(), "V%u.%u", &major, &minor) != 2 || major > 0xFFFF || minor > 0xFF)
                fail(*spec, name, "version '" + text + "' is not like V1.1");
            p[first] = static_cast<std::uint8_t>(minor);
            p[first + 1] = static_cast<std::uint8_t>(major & 0xFF);
            p[first + 2] = static_cast<std::uint8_t>(major >> 8);
            break;
        }
        default: fail(*spec, name, "takes a number, not text");
        }
    }
    return p;
}

transports::CanFrame Codec::encodeFrame(std::string_view message, const FieldValues& values, std::size_t length) const {
    auto payload = encode(message, values, length);
    const MessageSpec* spec = findMessage(message);
    if (payload.size() > 8)
        throw std::invalid_argument(std::string(spec->name) + " (" + std::to_string(payload.size()) +
                                    " bytes) needs the transport protocol (TpSender)");
    transports::CanFrame f;
    f.id = nominalId(*spec).toCanId();
    f.extended = true;
    f.dlc = static_cast<std::uint8_t>(payload.size());
    std::copy(payload.begin(), payload.end(), f.data.begin());
    return f;
}

} // namespace v2gbench::protocols::gbt27930
