// candump (can-utils) output, every timestamp variant. Layouts per can-utils candump.c and
// lib.c (linux-can/can-utils):
//   -L / -l    "(%010llu.%06llu) can0 1CEC56F4#1122 [T|R]"     (fprint_canframe: ID#DATA, ID#R[n])
//   default    "  can0  1CEC56F4   [2]  11 22"                   (fprint_long_canframe: "[%d]" DLC)
//   -ta        "(%010llu.%06llu)  can0  123   [2]  11 22"
//   -tA        "(%Y-%m-%d %H:%M:%S.%06llu)  can0  ..."           (local time, read as written)
//   -tz / -td  "(%03llu.%06llu)  can0  ..."                      (since start / since the previous frame)
//   -x         "  can0  RX - -  123   [2]  11 22"               (direction and flags after the interface)
//   remote     "  can0  123   [4]  remote request";  CAN FD "[12]"/"##" is refused (classic CAN only).
// -tz and -td print the same; a relative time that goes down among the first lines can only be a
// delta, so the file is read as -td (the sums of the deltas); otherwise as -tz.
#include "line_format.hpp"
#include "text_fields.hpp"

namespace v2gbench::traces::detail {

namespace {

enum class Variant { Unknown, L, Plain, Absolute, Date, Relative };

const char* variantName(Variant v) {
    switch (v) {
    case Variant::L: return "candump -L";
    case Variant::Plain: return "candump (no timestamps)";
    case Variant::Absolute: return "candump -ta";
    case Variant::Date: return "candump -tA";
    case Variant::Relative: return "candump -tz/-td";
    case Variant::Unknown: break;
    }
    return "candump";
}

bool parseId(std::string_view text, transports::CanFrame& f, std::string& why) {
    if (text.size() != 3 && text.size() != 8) {
        why = "identifier " + quoted(text) + " is not 3 (standard) or 8 (extended) hex digits";
        return false;
    }
    std::uint32_t id = 0;
    for (char c : text) {
        const int v = hexValue(c);
        if (v < 0) {
            why = "identifier " + quoted(text) + " is not hexadecimal";
            return false;
        }
        id = id * 16 + static_cast<std::uint32_t>(v);
    }
    if (text.size() == 8) {
        if (id & 0x20000000u) { // CAN_ERR_FLAG: an error frame, id holds the error class
            f.error = true;
            id &= 0x1FFFFFFFu;
        } else if (id > 0x1FFFFFFFu) {
            why = "identifier " + quoted(text) + " does not fit 29 bits";
            return false;
        } else {
            f.extended = true;
        }
    } else if (id > 0x7FF) {
        why = "standard identifier " + quoted(text) + " is above 7FF";
        return false;
    }
    f.id = id;
    return true;
}

// "(1700000000.123456)" or "(000.000123)" without the parentheses.
LineKind parseSeconds(std::string_view inner, std::int64_t& us, std::int64_t& resolution, std::string& why) {
    switch (parseDecimalUs(inner, 1'000'000, us, resolution)) {
    case NumberParse::Ok: return LineKind::Frame;
    case NumberParse::OutOfRange: why = "timestamp " + quoted(inner) + " is out of range"; return LineKind::BadTime;
    case NumberParse::NotNumber: break;
    }
    why = "timestamp " + quoted(inner) + " is not SECONDS.FRACTION";
    return LineKind::Bad;
}

// "2023-11-14 22:13:20.123456"
LineKind parseDate(std::string_view inner, std::int64_t& us, std::int64_t& resolution, std::string& why) {
    std::uint64_t y = 0, mo = 0, d = 0;
    const std::size_t space = inner.find(' ');
    const std::string_view date = inner.substr(0, space);
    if (space == std::string_view::npos || date.size() != 10 || date[4] != '-' || date[7] != '-' ||
        !parseUnsigned(date.substr(0, 4), y) || !parseUnsigned(date.substr(5, 2), mo) ||
        !parseUnsigned(date.substr(8, 2), d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
        why = "timestamp " + quoted(inner) + " is not YYYY-MM-DD hh:mm:ss.ffffff";
        return LineKind::Bad;
    }
    std::int64_t dayUs = 0, wrap = 0;
    if (parseClockUs(inner.substr(space + 1), dayUs, resolution, wrap) != NumberParse::Ok || wrap != 86400'000'000LL) {
        why = "timestamp " + quoted(inner) + " is not YYYY-MM-DD hh:mm:ss.ffffff";
        return LineKind::Bad;
    }
    us = daysFromCivil(static_cast<std::int64_t>(y), static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400'000'000LL + dayUs;
    if (us < 0) {
        why = "timestamp " + quoted(inner) + " is out of range (before 1970)";
        return LineKind::BadTime;
    }
    return LineKind::Frame;
}

// "1CEC56F4#1122", "123#R", "123#R4" (candump -L body).
bool parseCompact(std::string_view text, transports::CanFrame& f, std::string& why) {
    const std::size_t hash = text.find('#');
    if (hash == std::string_view::npos) {
        why = "frame " + quoted(text) + " has no '#'";
        return false;
    }
    if (!parseId(text.substr(0, hash), f, why)) return false;
    std::string_view payload = text.substr(hash + 1);
    if (!payload.empty() && payload.front() == '#') {
        why = "CAN FD frame " + quoted(text) + " is not supported (classic CAN only)";
        return false;
    }
    if (!payload.empty() && (payload.front() == 'R' || payload.front() == 'r')) {
        f.remote = true;
        if (payload.size() > 2 || (payload.size() == 2 && (payload[1] < '0' || payload[1] > '8'))) {
            why = "remote frame " + quoted(text) + " has a bad length";
            return false;
        }
        f.dlc = payload.size() == 2 ? static_cast<std::uint8_t>(payload[1] - '0') : 0;
        return true;
    }
    std::size_t n = 0, i = 0;
    while (i < payload.size()) {
        if (payload[i] == '.') { // candump -l may separate bytes with dots
            ++i;
            continue;
        }
        if (i + 1 >= payload.size()) {
            why = "odd number of hex digits in payload " + quoted(payload);
            return false;
        }
        const int hi = hexValue(payload[i]), lo = hexValue(payload[i + 1]);
        if (hi < 0 || lo < 0) {
            why = "payload " + quoted(payload) + " is not hexadecimal";
            return false;
        }
        if (n == 8) {
            why = "payload " + quoted(payload) + " is longer than 8 bytes";
            return false;
        }
        f.data[n++] = static_cast<std::uint8_t>(hi * 16 + lo);
        i += 2;
    }
    f.dlc = static_cast<std::uint8_t>(n);
    return true;
}

// "123   [4]  11 22 33 44" / "123   [4]  remote request" (candump's long form after the interface).
bool parseLong(std::string_view rest, transports::CanFrame& f, std::string& why) {
    std::string_view id = nextToken(rest);
    if (id == "RX" || id == "TX") { // -x: direction and two flag columns
        nextToken(rest);
        nextToken(rest);
        id = nextToken(rest);
    }
    if (id.empty()) {
        why = "missing identifier";
        return false;
    }
    if (!parseId(id, f, why)) return false;
    const std::string_view len = nextToken(rest);
    if (len.size() == 4 && len.front() == '[' && len.back() == ']') {
        why = "CAN FD length " + quoted(len) + " is not supported (classic CAN only)";
        return false;
    }
    if (len.size() != 3 || len.front() != '[' || len.back() != ']' || len[1] < '0' || len[1] > '8') {
        why = "expected the data length as [0]..[8] after the identifier, got " + quoted(len);
        return false;
    }
    f.dlc = static_cast<std::uint8_t>(len[1] - '0');
    std::string_view look = rest;
    if (nextToken(look) == "remote") {
        f.remote = true;
        return true;
    }
    for (std::size_t i = 0; i < f.dlc; ++i) {
        const std::string_view b = nextToken(rest);
        if (b.size() != 2 || hexValue(b[0]) < 0 || hexValue(b[1]) < 0) {
            why = "data byte " + std::to_string(i + 1) + " of " + std::to_string(f.dlc) + " is " +
                  (b.empty() ? std::string("missing") : quoted(b) + ", not two hex digits");
            return false;
        }
        f.data[i] = static_cast<std::uint8_t>(hexValue(b[0]) * 16 + hexValue(b[1]));
    }
    // What may follow (ERRORFRAME, -a's ASCII column) is not part of the frame.
    return true;
}

// The common candump -L line "(1700000000.123456) can0 1CEC56F4#1122[ T|R]" in one pass (decode's
// hot path), with single spaces as candump writes them. Accepts only lines the general parser
// reads to the same frame and time; anything else (other spacing, dotted payloads, remote, FD,
// out-of-range values, errors to explain) returns false and goes through the general parser.
bool parseLineL(std::string_view line, transports::CanFrame& f, std::int64_t& us, std::int64_t& resolution) {
    const char* p = line.data();
    const char* const end = p + line.size();
    if (p == end || *p++ != '(') return false;
    std::uint64_t whole = 0, frac = 0;
    const char* const wholeBegin = p;
    while (p != end && isDigit(*p)) whole = whole * 10 + static_cast<std::uint64_t>(*p++ - '0');
    const auto wholeDigits = p - wholeBegin;
    if (wholeDigits == 0 || wholeDigits > 12 || p == end || *p++ != '.') return false;
    const char* const fracBegin = p;
    while (p != end && isDigit(*p)) frac = frac * 10 + static_cast<std::uint64_t>(*p++ - '0');
    const auto fracDigits = p - fracBegin;
    if (fracDigits == 0 || fracDigits > 6 || p == end || *p++ != ')') return false;
    if (p == end || *p++ != ' ') return false;
    const char* const iface = p;
    while (p != end && *p != ' ' && !isSpace(*p)) ++p;
    if (p == iface || p == end || *p++ != ' ') return false;
    const char* const idBegin = p;
    std::uint32_t id = 0;
    for (int v; p != end && (v = hexValue(*p)) >= 0; ++p) id = id * 16 + static_cast<std::uint32_t>(v);
    const auto idDigits = p - idBegin;
    if (p == end || *p++ != '#') return false;
    if (idDigits == 8) {
        if (id & 0x20000000u) {
            f.error = true;
            id &= 0x1FFFFFFFu;
        } else if (id > 0x1FFFFFFFu) {
            return false;
        } else {
            f.extended = true;
        }
    } else if (idDigits != 3 || id > 0x7FF) {
        return false;
    }
    f.id = id;
    std::size_t n = 0;
    while (p != end && *p != ' ') {
        if (end - p < 2 || n == 8) return false;
        const int hi = hexValue(p[0]), lo = hexValue(p[1]);
        if (hi < 0 || lo < 0) return false;
        f.data[n++] = static_cast<std::uint8_t>(hi * 16 + lo);
        p += 2;
    }
    f.dlc = static_cast<std::uint8_t>(n);
    if (p != end) { // " T" or " R" and nothing after it
        if (end - p != 2 || (p[1] != 'T' && p[1] != 'R')) return false;
    }
    std::int64_t pow10 = 1;
    for (auto i = fracDigits; i < 6; ++i) pow10 *= 10;
    us = static_cast<std::int64_t>(whole) * 1'000'000 + static_cast<std::int64_t>(frac) * pow10;
    resolution = pow10;
    return true;
}

class CandumpFormat final : public LineFormat {
public:
    explicit CandumpFormat(bool learnDelta, bool delta, Variant variant)
        : m_learnDelta(learnDelta), m_delta(delta), m_variant(variant) {}

    TraceFormat format() const override {
        switch (m_variant) {
        case Variant::Plain: return TraceFormat::CandumpPlain;
        case Variant::Absolute: return TraceFormat::CandumpAbsolute;
        case Variant::Date: return TraceFormat::CandumpDate;
        case Variant::Relative: return m_delta ? TraceFormat::CandumpDelta : TraceFormat::CandumpZero;
        default: return TraceFormat::CandumpL;
        }
    }

    std::unique_ptr<LineFormat> restart() const override {
        return std::make_unique<CandumpFormat>(false, m_delta, m_variant);
    }

    std::string detail() const override {
        if (m_variant == Variant::Plain) return "candump without -t: the trace has no times";
        if (m_variant == Variant::Relative)
            return m_delta ? "relative times that go down: read as candump -td deltas, added up from 0"
                           : "relative times that never go down: read as candump -tz (since the first frame)";
        if (m_variant == Variant::Date) return "candump -tA dates are local time, read as written";
        return {};
    }

    LineKind parse(std::string_view line, transports::CanFrame& f, std::string& why) override {
        f = transports::CanFrame{};
        if (m_variant == Variant::L) {
            std::int64_t us = 0, resolution = 1;
            if (parseLineL(line, f, us, resolution)) {
                noteResolution(resolution);
                f.timestamp = std::chrono::microseconds(us);
                return LineKind::Frame;
            }
            f = transports::CanFrame{};
        }
        std::string_view rest = line;
        std::string_view first = nextToken(rest);
        Variant variant = Variant::Plain;
        std::int64_t us = 0, resolution = 1;
        if (!first.empty() && first.front() == '(') {
            std::string_view stamp = first;
            if (stamp.back() != ')') { // -tA: the date and the time are two words
                const std::string_view time = nextToken(rest);
                stamp = line.substr(static_cast<std::size_t>(first.data() - line.data()),
                                    static_cast<std::size_t>(time.data() + time.size() - first.data()));
                if (time.empty() || stamp.back() != ')') {
                    why = "expected '(SECONDS.FRACTION)' at the start, got " + quoted(first);
                    return LineKind::Bad;
                }
            }
            const std::string_view inner = stamp.substr(1, stamp.size() - 2);
            const std::string_view iface = nextToken(rest);
            if (iface.empty()) {
                why = "missing interface name after the timestamp";
                return LineKind::Bad;
            }
            std::string_view look = rest;
            const std::string_view body = nextToken(look);
            const bool compact = body.find('#') != std::string_view::npos;
            LineKind timeKind;
            if (inner.find(' ') != std::string_view::npos) {
                variant = Variant::Date;
                timeKind = parseDate(inner, us, resolution, why);
            } else {
                timeKind = parseSeconds(inner, us, resolution, why);
                variant = compact ? Variant::L : inner.find('.') >= 10 ? Variant::Absolute : Variant::Relative;
            }
            if (compact && variant != Variant::L) {
                why = "a candump -L frame with a " + quoted(inner) + " timestamp";
                return LineKind::Bad;
            }
            if (timeKind != LineKind::Frame) return timeKind;
            if (!consistent(variant, why)) return LineKind::Bad;
            if (compact) {
                if (!parseCompact(body, f, why)) return LineKind::Bad;
                const std::string_view direction = nextToken(look);
                if ((!direction.empty() && direction != "T" && direction != "R") || !nextToken(look).empty()) {
                    why = "unexpected text after the frame";
                    return LineKind::Bad;
                }
            } else if (!parseLong(rest, f, why)) {
                return LineKind::Bad;
            }
        } else {
            if (first.empty()) {
                why = "blank";
                return LineKind::Bad;
            }
            std::string_view look = rest;
            const std::string_view second = nextToken(look);
            if (second.find('#') != std::string_view::npos) {
                why = "expected '(SECONDS.FRACTION)' at the start, got " + quoted(first);
                return LineKind::Bad;
            }
            if (!parseLong(rest, f, why)) {
                if (first.front() != '(' && second.empty()) why = "expected '(SECONDS.FRACTION)' or an interface, got " + quoted(first);
                return LineKind::Bad;
            }
            if (!consistent(variant, why)) return LineKind::Bad;
        }
        noteResolution(resolution);
        f.timestamp = std::chrono::microseconds(time(variant, us));
        return LineKind::Frame;
    }

private:
    bool consistent(Variant variant, std::string& why) {
        if (m_variant == Variant::Unknown) m_variant = variant;
        if (variant == m_variant) return true;
        why = std::string("a ") + variantName(variant) + " line in a " + variantName(m_variant) + " trace";
        return false;
    }

    std::int64_t time(Variant variant, std::int64_t us) {
        if (variant != Variant::Relative) return us;
        if (m_delta) {
            m_sum += us;
            return m_sum;
        }
        if (m_learnDelta && m_lastRelative >= 0 && us < m_lastRelative) m_delta = true;
        m_lastRelative = us;
        return us;
    }

    bool m_learnDelta;
    bool m_delta;
    Variant m_variant;
    std::int64_t m_lastRelative = -1;
    std::int64_t m_sum = 0;
};

} // namespace

std::unique_ptr<LineFormat> makeCandumpFormat() { return std::make_unique<CandumpFormat>(true, false, Variant::Unknown); }

} // namespace v2gbench::traces::detail
