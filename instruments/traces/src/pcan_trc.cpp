// PCAN-View TRC (PEAK-System "PEAK CAN TRC File Format" 1.1 / 2.0 / 2.1), as python-can's
// can/io/trc.py writes and reads it:
//   ;$FILEVERSION=1.1            ;$STARTTIME=43831.5 (days since 1899-12-30, the fraction is the time of day)
//        1)      1059.9  Rx         0300  8  00 00 00 00 04 00 00 00     (1.1: offset in ms, 0.1 ms)
//        1)      1841  0001  8  00 00 00 00 00 00 00 00                  (1.0: no direction)
//   ;$FILEVERSION=2.1
//   ;$COLUMNS=N,O,T,B,I,d,R,L,D
//         1         1.000 DT  1 18FF50E5 Rx -  8    01 02 03 04 05 06 07 08   (2.x: µs offsets)
// Ids of more than 4 hex digits are extended. 2.x types: DT data, RR remote request, ER error
// frame; FD/FB/FE/BI are CAN FD (refused: classic CAN only); ST, EC, EV and the rest are
// skipped. Lines starting with ';' are comments.
#include "line_format.hpp"
#include "text_fields.hpp"


namespace v2gbench::traces::detail {

namespace {

class TrcFormat final : public LineFormat {
public:
    TraceFormat format() const override { return m_version >= 2 ? TraceFormat::PcanTrc2 : TraceFormat::PcanTrc1; }
    std::unique_ptr<LineFormat> restart() const override { return std::make_unique<TrcFormat>(); }
    std::string detail() const override {
        return m_haveStart ? "times from $STARTTIME, read as UTC" : "no $STARTTIME: times from 0";
    }

    LineKind parse(std::string_view line, transports::CanFrame& f, std::string& why) override {
        const std::string_view text = trim(line);
        if (text.front() == ';') return header(text, why);
        m_cells.clear();
        std::string_view rest = text;
        for (std::string_view t = nextToken(rest); !t.empty(); t = nextToken(rest)) m_cells.push_back(t);
        f = transports::CanFrame{};
        std::string_view number = m_cells[0];
        if (number.back() == ')') return version1(f, why);
        if (m_version < 2 && !(m_cells.size() > 2 && m_cells[2] == "DT")) {
            why = "not a TRC message line (expected 'N)' or a 2.x line with type DT), starts with " + quoted(number);
            return LineKind::Bad;
        }
        if (m_version < 2) m_version = 2; // a 2.x line without $FILEVERSION: 2.1's columns
        return version2(f, why);
    }

private:
    LineKind header(std::string_view text, std::string& why) {
        if (startsWith(text, ";$FILEVERSION=")) {
            const std::string_view v = trim(text.substr(14));
            if (v == "1.0" || v == "1.1") m_version = 1;
            else if (v == "2.0") m_version = 2, m_columns = "NOTIdlD";
            else if (v == "2.1") m_version = 2, m_columns = "NOTBIdRLD";
            else {
                why = "TRC file version " + quoted(v) + " is not 1.0, 1.1, 2.0 or 2.1";
                return LineKind::Bad;
            }
            return LineKind::Header;
        }
        if (startsWith(text, ";$STARTTIME=")) {
            const std::string_view v = trim(text.substr(12));
            const std::size_t dot = v.find('.');
            std::uint64_t days = 0;
            const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
            if (!parseUnsigned(v.substr(0, dot), days) || days > 3'000'000 || (!fraction.empty() && !allDigits(fraction))) {
                why = "$STARTTIME " + quoted(v) + " is not a day number";
                return LineKind::Bad;
            }
            // The fraction of a day to the µs (12 digits are finer than 1 µs; long double is exact here).
            const std::string_view digits = fraction.substr(0, 12);
            std::uint64_t f = 0;
            long double scale = 1;
            for (char c : digits) f = f * 10 + static_cast<std::uint64_t>(c - '0'), scale *= 10;
            const auto fractionUs = static_cast<std::int64_t>(static_cast<long double>(f) * 86400e6L / scale + 0.5L);
            // 25569 days from 1899-12-30 (the OLE date epoch) to 1970-01-01.
            m_startUs = (static_cast<std::int64_t>(days) - 25569) * 86400'000'000LL + fractionUs;
            m_haveStart = true;
            return LineKind::Header;
        }
        if (startsWith(text, ";$COLUMNS=")) {
            m_columns.clear();
            std::string_view v = text.substr(10);
            for (char c : v)
                if (c != ',' && !isSpace(c)) m_columns.push_back(c);
            return LineKind::Header;
        }
        return LineKind::Skip;
    }

    LineKind setTime(std::string_view offset, transports::CanFrame& f, std::string& why) {
        std::int64_t us = 0, resolution = 1;
        switch (parseDecimalUs(offset, 1000, us, resolution)) {
        case NumberParse::NotNumber: why = "time offset " + quoted(offset) + " is not milliseconds"; return LineKind::Bad;
        case NumberParse::OutOfRange: why = "time offset " + quoted(offset) + " is out of range"; return LineKind::BadTime;
        case NumberParse::Ok: break;
        }
        noteResolution(resolution);
        us += m_startUs;
        if (us < 0 || us > kMaxTimestampUs) {
            why = "time " + quoted(offset) + " ms after $STARTTIME is out of range";
            return LineKind::BadTime;
        }
        f.timestamp = std::chrono::microseconds(us);
        return LineKind::Frame;
    }

    bool setId(std::string_view text, transports::CanFrame& f, std::string& why) {
        std::uint64_t id = 0;
        f.extended = text.size() > 4;
        if (!parseHex(text, id) || id > (f.extended ? 0x1FFFFFFFu : 0x7FFu)) {
            why = "identifier " + quoted(text) + " is not a CAN id";
            return false;
        }
        f.id = static_cast<std::uint32_t>(id);
        return true;
    }

    bool setData(std::size_t from, transports::CanFrame& f, std::string& why) {
        for (std::size_t i = 0; i < f.dlc; ++i) {
            const std::size_t k = from + i;
            std::uint64_t v = 0;
            if (k >= m_cells.size() || m_cells[k].size() != 2 || !parseHex(m_cells[k], v)) {
                why = "data byte " + std::to_string(i + 1) + " of " + std::to_string(f.dlc) + " is " +
                      (k >= m_cells.size() ? std::string("missing") : quoted(m_cells[k]));
                return false;
            }
            f.data[i] = static_cast<std::uint8_t>(v);
        }
        return true;
    }

    bool setDlc(std::string_view text, transports::CanFrame& f, std::string& why) {
        std::uint64_t dlc = 0;
        if (!parseUnsigned(text, dlc) || dlc > 8) {
            why = "data length " + quoted(text) + " is not 0..8 (CAN FD is not supported)";
            return false;
        }
        f.dlc = static_cast<std::uint8_t>(dlc);
        return true;
    }

    // "N) offset [Rx|Tx] id dlc bytes|RTR"
    LineKind version1(transports::CanFrame& f, std::string& why) {
        if (m_cells.size() < 4) {
            why = "a TRC 1.x line needs number, time, id and length";
            return LineKind::Bad;
        }
        std::size_t k = 2;
        if (m_cells[2] == "Rx" || m_cells[2] == "Tx") ++k;
        else if (!isDigit(m_cells[2][0]) && hexValue(m_cells[2][0]) < 0) return LineKind::Skip; // "Warng", "Error" status lines
        if (m_cells.size() < k + 2 || !setId(m_cells[k], f, why) || !setDlc(m_cells[k + 1], f, why)) {
            if (why.empty()) why = "a TRC 1.x line needs id and length";
            return LineKind::Bad;
        }
        if (m_cells.size() > k + 2 && m_cells[k + 2] == "RTR") f.remote = true;
        else if (!setData(k + 2, f, why)) return LineKind::Bad;
        return setTime(m_cells[1], f, why);
    }

    LineKind version2(transports::CanFrame& f, std::string& why) {
        std::string_view offset, type, id, dlc, length;
        std::size_t dataFrom = m_cells.size();
        for (std::size_t k = 0; k < m_columns.size() && k < m_cells.size(); ++k) {
            switch (m_columns[k]) {
            case 'O': offset = m_cells[k]; break;
            case 'T': type = m_cells[k]; break;
            case 'I': id = m_cells[k]; break;
            case 'L': dlc = m_cells[k]; break;
            case 'l': length = m_cells[k]; break;
            case 'D': dataFrom = k; break;
            default: break;
            }
        }
        if (type == "FD" || type == "FB" || type == "FE" || type == "BI") {
            why = "CAN FD message (" + std::string(type) + "): not supported (classic CAN only)";
            return LineKind::Bad;
        }
        if (type != "DT" && type != "RR" && type != "ER") return LineKind::Skip; // status, events
        if (type == "ER") {
            f.error = true;
            return setTime(offset, f, why);
        }
        if (!setId(id, f, why) || !setDlc(dlc.empty() ? length : dlc, f, why)) return LineKind::Bad;
        if (type == "RR") f.remote = true;
        else if (!setData(dataFrom, f, why)) return LineKind::Bad;
        return setTime(offset, f, why);
    }

    std::vector<std::string_view> m_cells;
    int m_version = 0; // 0: no $FILEVERSION yet
    std::string m_columns = "NOTBIdRLD";
    bool m_haveStart = false;
    std::int64_t m_startUs = 0;
};

} // namespace

std::unique_ptr<LineFormat> makeTrcFormat() { return std::make_unique<TrcFormat>(); }

} // namespace v2gbench::traces::detail
