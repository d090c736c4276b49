// Vector ASC (CANoe/CANalyzer ASCII logging), as python-can's can/io/asc.py writes and reads it:
//   date Mon Dec 07 02:51:00.123 AM 2026
//   base hex  timestamps absolute            (or "base dec", "timestamps relative")
//   internal events logged
//   Begin Triggerblock Mon Dec 07 02:51:00.123 AM 2026
//      0.000000 Start of measurement
//      0.010000 1  18FF50E5x       Rx   d 8 01 02 03 04 05 06 07 08   [Length = … BitCount = …]
//      0.020000 1  123             Tx   r 4
//      0.030000 1  ErrorFrame
//   End TriggerBlock
// "timestamps absolute" are seconds since the trigger block's start (its date, else the "date"
// line's); "relative" ones since the previous event. Dates are local time without a zone: read
// as written (as UTC). CANFD lines are refused (classic CAN only); other events are skipped.
#include "line_format.hpp"
#include "text_fields.hpp"

namespace v2gbench::traces::detail {

namespace {

// "Mon Dec 07 02:51:00.123 AM 2026", "Mon Dec 7 14:51:00.123 2026", "Di Mär 5 …" → µs since 1970.
bool parseAscDate(std::string_view text, std::int64_t& us) {
    static const char* months[][3] = {{"jan", "", ""},    {"feb", "", ""}, {"mar", "mär", "mrz"}, {"apr", "", ""},
                                      {"may", "mai", ""}, {"jun", "", ""}, {"jul", "", ""},       {"aug", "", ""},
                                      {"sep", "", ""},    {"oct", "okt", ""}, {"nov", "", ""},    {"dec", "dez", ""}};
    std::string_view rest = text;
    nextToken(rest); // weekday
    std::string month(nextToken(rest));
    for (auto& c : month)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (month.size() > 3 && month.compare(0, 2, "m\xC3") != 0) month.resize(3);
    unsigned m = 0;
    for (unsigned i = 0; i < 12 && !m; ++i)
        for (const char* name : months[i])
            if (*name && month == name) m = i + 1;
    std::uint64_t day = 0, year = 0;
    if (!m || !parseUnsigned(nextToken(rest), day) || day < 1 || day > 31) return false;
    const std::string_view clock = nextToken(rest);
    std::string_view next = nextToken(rest);
    int pm = -1;
    if (equalsNoCase(next, "am") || equalsNoCase(next, "pm")) {
        pm = equalsNoCase(next, "pm");
        next = nextToken(rest);
    }
    if (!parseUnsigned(next, year) || year < 1970 || year > 9999) return false;
    std::int64_t dayUs = 0, resolution = 0, wrap = 0;
    if (parseClockUs(clock, dayUs, resolution, wrap) != NumberParse::Ok || wrap != 86400'000'000LL) return false;
    if (pm >= 0) { // 12-hour clock: 12 AM is 0 h, 12 PM is 12 h
        const std::int64_t hour = dayUs / 3600'000'000LL;
        if (hour < 1 || hour > 12) return false;
        dayUs += ((hour % 12) + (pm ? 12 : 0) - hour) * 3600'000'000LL;
    }
    us = daysFromCivil(static_cast<std::int64_t>(year), m, static_cast<unsigned>(day)) * 86400'000'000LL + dayUs;
    return true;
}

class AscFormat final : public LineFormat {
public:
    TraceFormat format() const override { return TraceFormat::VectorAsc; }
    std::unique_ptr<LineFormat> restart() const override { return std::make_unique<AscFormat>(); }
    std::string detail() const override {
        return m_haveStart ? "times from the trigger block's date, read as UTC" : "no start date: times from 0";
    }

    LineKind parse(std::string_view line, transports::CanFrame& f, std::string& why) override {
        std::string_view rest = trim(line);
        if (startsWith(rest, "//")) return LineKind::Skip;
        std::string_view look = rest;
        const std::string_view first = nextToken(look);
        if (equalsNoCase(first, "date")) {
            m_sawHeader = true;
            if (parseAscDate(look, m_dateUs)) m_haveDate = true;
            if (m_haveDate && !m_haveStart) m_startUs = m_dateUs, m_haveStart = true;
            return LineKind::Header;
        }
        if (equalsNoCase(first, "base")) {
            const std::string_view base = nextToken(look);
            if (!equalsNoCase(base, "hex") && !equalsNoCase(base, "dec")) {
                why = "base " + quoted(base) + " is neither hex nor dec";
                return LineKind::Bad;
            }
            m_hex = equalsNoCase(base, "hex");
            m_sawHeader = true;
            if (equalsNoCase(nextToken(look), "timestamps")) m_relative = equalsNoCase(nextToken(look), "relative");
            return LineKind::Header;
        }
        if ((equalsNoCase(first, "internal") || equalsNoCase(first, "no")) && rest.find("events logged") != std::string_view::npos) {
            m_sawHeader = true;
            return LineKind::Header;
        }
        if (equalsNoCase(first, "begin") && equalsNoCase(nextToken(look), "triggerblock")) {
            std::int64_t start = 0;
            if (parseAscDate(look, start)) m_startUs = start, m_haveStart = true;
            else if (m_haveDate) m_startUs = m_dateUs, m_haveStart = true;
            m_previousUs = 0;
            m_sawHeader = true;
            return LineKind::Header;
        }
        if (equalsNoCase(first, "end") && equalsNoCase(nextToken(look), "triggerblock")) return LineKind::Skip;

        std::int64_t offset = 0, resolution = 1;
        switch (parseDecimalUs(first, 1'000'000, offset, resolution)) {
        case NumberParse::NotNumber:
            why = "not an ASC header line or event (an event starts with its time in seconds), starts with " + quoted(first);
            return LineKind::Bad;
        case NumberParse::OutOfRange: why = "time " + quoted(first) + " is out of range"; return LineKind::BadTime;
        case NumberParse::Ok: break;
        }
        const std::string_view channel = nextToken(look);
        // Without any ASC header line a number-first line is no ASC event (ZLG rows start with one).
        const auto notAnEvent = [&] {
            if (m_sawHeader) return LineKind::Skip;
            why = "an event line without an ASC header (date, base, Begin Triggerblock)";
            return LineKind::Bad;
        };
        if (equalsNoCase(channel, "CANFD")) {
            why = "CAN FD event: not supported (classic CAN only)";
            return LineKind::Bad;
        }
        if (!allDigits(channel)) return notAnEvent(); // "Start of measurement", statistics, …
        f = transports::CanFrame{};
        const std::string_view idText = nextToken(look);
        if (equalsNoCase(idText.substr(0, 10), "errorframe")) {
            f.error = true;
        } else {
            const std::string_view direction = nextToken(look);
            if (direction != "Rx" && direction != "Tx") return notAnEvent(); // chip state, J1939 events, …
            std::string_view idDigits = idText;
            if (!idDigits.empty() && (idDigits.back() == 'x' || idDigits.back() == 'X')) {
                f.extended = true;
                idDigits.remove_suffix(1);
            }
            std::uint64_t id = 0;
            if (!(m_hex ? parseHex(idDigits, id) : parseUnsigned(idDigits, id)) || id > (f.extended ? 0x1FFFFFFFu : 0x7FFu)) {
                why = "identifier " + quoted(idText) + " is not a " + (f.extended ? "29-bit" : "11-bit") + " id";
                return LineKind::Bad;
            }
            f.id = static_cast<std::uint32_t>(id);
            const std::string_view type = nextToken(look);
            std::uint64_t dlc = 0;
            const std::string_view dlcText = nextToken(look);
            if ((type != "d" && type != "r") || !(m_hex ? parseHex(dlcText, dlc) : parseUnsigned(dlcText, dlc)) || dlc > 8) {
                why = "expected 'd' or 'r' and a DLC of 0..8 after the direction, got " + quoted(type) + " " + quoted(dlcText);
                return LineKind::Bad;
            }
            f.dlc = static_cast<std::uint8_t>(dlc);
            f.remote = type == "r";
            for (std::size_t i = 0; !f.remote && i < f.dlc; ++i) {
                const std::string_view b = nextToken(look);
                std::uint64_t v = 0;
                if (b.empty() || !(m_hex ? parseHex(b, v) : parseUnsigned(b, v)) || v > 255) {
                    why = "data byte " + std::to_string(i + 1) + " of " + std::to_string(f.dlc) + " is " +
                          (b.empty() ? std::string("missing") : quoted(b));
                    return LineKind::Bad;
                }
                f.data[i] = static_cast<std::uint8_t>(v);
            }
        }
        noteResolution(resolution);
        std::int64_t us = m_relative ? m_previousUs + offset : offset;
        m_previousUs = us;
        us += m_startUs;
        if (us > kMaxTimestampUs) {
            why = "time " + quoted(first) + " is out of range";
            return LineKind::BadTime;
        }
        f.timestamp = std::chrono::microseconds(us);
        return LineKind::Frame;
    }

private:
    bool m_hex = true;
    bool m_sawHeader = false;
    bool m_relative = false;
    bool m_haveDate = false, m_haveStart = false;
    std::int64_t m_dateUs = 0, m_startUs = 0, m_previousUs = 0;
};

} // namespace

std::unique_ptr<LineFormat> makeAscFormat() { return std::make_unique<AscFormat>(); }

} // namespace v2gbench::traces::detail
