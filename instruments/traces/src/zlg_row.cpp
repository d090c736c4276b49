#include "zlg_row.hpp"

#include "text_fields.hpp"

#include <algorithm>

namespace v2gbench::traces::detail {

std::optional<ZlgColumn> zlgColumnNamed(std::string_view name) {
    struct Name {
        std::string_view text;
        ZlgColumn column;
    };
    static const Name names[] = {
        {"序号", ZlgColumn::Index},         {"Index", ZlgColumn::Index},        {"No.", ZlgColumn::Index},
        {"时间标识", ZlgColumn::Time},      {"时间", ZlgColumn::Time},          {"时间戳", ZlgColumn::Time},
        {"Time", ZlgColumn::Time},          {"Timestamp", ZlgColumn::Time},     {"系统时间", ZlgColumn::SystemTime},
        {"帧ID", ZlgColumn::Id},            {"ID号", ZlgColumn::Id},            {"ID", ZlgColumn::Id},
        {"数据长度", ZlgColumn::Length},    {"长度", ZlgColumn::Length},        {"DLC", ZlgColumn::Length},
        {"Length", ZlgColumn::Length},      {"数据", ZlgColumn::Data},          {"数据(Hex)", ZlgColumn::Data},
        {"数据(HEX)", ZlgColumn::Data},     {"数据（Hex）", ZlgColumn::Data},   {"Data", ZlgColumn::Data},
        {"传输方向", ZlgColumn::Words},     {"方向", ZlgColumn::Words},         {"Direction", ZlgColumn::Words},
        {"帧格式", ZlgColumn::Words},       {"帧类型", ZlgColumn::Words},       {"类型", ZlgColumn::Words},
        {"Format", ZlgColumn::Words},       {"Type", ZlgColumn::Words},         {"CAN通道", ZlgColumn::Ignore},
        {"通道", ZlgColumn::Ignore},        {"Channel", ZlgColumn::Ignore},     {"报文描述", ZlgColumn::Ignore},
        {"报文内容", ZlgColumn::Ignore},    {"报文名称", ZlgColumn::Ignore},
    };
    for (const auto& n : names)
        if (n.text == name) return n.column;
    // Exports vary the words ("接收时间标识", "CAN通道号", "帧ID号"): by the word they contain, the
    // length before the data (数据长度 contains 数据).
    const auto has = [&](std::initializer_list<std::string_view> words) { return containsAny(name, words); };
    if (has({"系统时间"})) return ZlgColumn::SystemTime;
    if (has({"时间", "Time", "time"})) return ZlgColumn::Time;
    if (has({"长度", "DLC", "Len", "len"})) return ZlgColumn::Length;
    if (has({"ID", "Id"})) return ZlgColumn::Id;
    if (has({"数据", "Data", "data"})) return ZlgColumn::Data;
    if (has({"方向", "格式", "类型", "Dir", "Format", "Type"})) return ZlgColumn::Words;
    if (has({"通道", "Channel", "描述", "内容", "名称"})) return ZlgColumn::Ignore;
    if (has({"序号", "Index"})) return ZlgColumn::Index;
    return std::nullopt;
}

const std::vector<ZlgColumn>& zlgDefaultColumns() {
    static const std::vector<ZlgColumn> columns = {ZlgColumn::Index, ZlgColumn::Words, ZlgColumn::Time,
                                                   ZlgColumn::Id,    ZlgColumn::Words, ZlgColumn::Words,
                                                   ZlgColumn::Length, ZlgColumn::Data};
    return columns;
}

bool zlgHeader(const std::vector<std::string_view>& cells, std::vector<ZlgColumn>& columns) {
    std::vector<ZlgColumn> found;
    for (auto cell : cells) {
        if (cell.empty()) continue;
        const auto c = zlgColumnNamed(cell);
        found.push_back(c ? *c : ZlgColumn::Ignore);
    }
    if (found.empty() || found.front() != ZlgColumn::Index) return false;
    const auto has = [&](ZlgColumn c) { return std::find(found.begin(), found.end(), c) != found.end(); };
    if (!has(ZlgColumn::Id) || !has(ZlgColumn::Data)) {
        // A header that names only a few columns (CANTest's "序号 传输方向 时间"): CANTest's order.
        if (found.size() >= 2 && zlgColumnNamed(cells.back()).has_value()) {
            columns = zlgDefaultColumns();
            return true;
        }
        return false;
    }
    columns = std::move(found);
    return true;
}

LineKind ZlgClock::read(std::string_view cell, std::int64_t& us, std::int64_t& resolution, std::string& why) {
    if (cell.size() > 2 && cell[0] == '0' && (cell[1] == 'x' || cell[1] == 'X')) {
        std::uint64_t ticks = 0;
        if (!parseHex(cell, ticks)) {
            why = "time " + quoted(cell) + " is not hexadecimal ticks";
            return LineKind::Bad;
        }
        if (ticks > static_cast<std::uint64_t>(kMaxTimestampUs / 100)) {
            why = "time " + quoted(cell) + " is out of range";
            return LineKind::BadTime;
        }
        us = static_cast<std::int64_t>(ticks) * 100; // CANTest ticks are 0.1 ms
        resolution = 100;
        return LineKind::Frame;
    }
    if (cell.find(':') != std::string_view::npos) {
        std::int64_t clock = 0, wrap = 0;
        if (parseClockUs(cell, clock, resolution, wrap) != NumberParse::Ok) {
            why = "time " + quoted(cell) + " is not hh:mm:ss.fff or mm:ss.f";
            return LineKind::Bad;
        }
        if (m_lastClockUs >= 0 && clock < m_lastClockUs && m_lastClockUs - clock > wrap / 2) m_offsetUs += wrap;
        m_lastClockUs = clock;
        us = m_offsetUs + clock;
        return LineKind::Frame;
    }
    switch (parseDecimalUs(cell, 1'000'000, us, resolution)) {
    case NumberParse::Ok: return LineKind::Frame;
    case NumberParse::OutOfRange: why = "time " + quoted(cell) + " is out of range"; return LineKind::BadTime;
    case NumberParse::NotNumber: break;
    }
    why = "time " + quoted(cell) + " is neither 0x ticks, seconds nor hh:mm:ss.fff";
    return LineKind::Bad;
}

LineKind zlgFrame(const std::vector<std::string_view>& cells, const std::vector<ZlgColumn>& columns, ZlgClock& clock,
                  transports::CanFrame& f, std::int64_t& resolution, std::string& why) {
    f = transports::CanFrame{};
    std::string_view index, time, systemTime, id, length;
    std::string words;
    std::size_t dataFrom = cells.size(), dataTo = cells.size();
    std::size_t c = 0;
    for (std::size_t k = 0; k < columns.size() && c < cells.size(); ++k) {
        const bool last = k + 1 == columns.size();
        switch (columns[k]) {
        case ZlgColumn::Index: index = cells[c]; break;
        case ZlgColumn::Time: time = cells[c]; break;
        case ZlgColumn::SystemTime: systemTime = cells[c]; break;
        case ZlgColumn::Id: id = cells[c]; break;
        case ZlgColumn::Length: length = cells[c]; break;
        case ZlgColumn::Words: words.append(cells[c]).push_back(' '); break;
        case ZlgColumn::Ignore: break;
        case ZlgColumn::Data:
            dataFrom = c;
            dataTo = last ? cells.size() : c + 1;
            c = dataTo - 1;
            break;
        }
        ++c;
    }
    if (!allDigits(index)) {
        why = "first column " + quoted(index) + " is not a frame number";
        return LineKind::Bad;
    }
    if (time.empty()) time = systemTime;
    if (time.empty()) {
        why = "missing time column";
        return LineKind::Bad;
    }
    std::uint64_t n = 0;
    if (!parseHex(id, n) || n > 0x1FFFFFFF) {
        why = id.empty() ? "missing frame id column" : "frame id " + quoted(id) + " is not a CAN id";
        return LineKind::Bad;
    }
    f.id = static_cast<std::uint32_t>(n);
    if (containsAny(words, {"扩展", "Ext", "ext", "EXT"})) f.extended = true;
    else if (!containsAny(words, {"标准", "Std", "std", "Standard", "STD"})) {
        why = "no frame type (扩展帧/标准帧) in " + quoted(words);
        return LineKind::Bad;
    }
    if (!f.extended && f.id > 0x7FF) {
        why = "standard frame with id " + quoted(id) + " above 0x7FF";
        return LineKind::Bad;
    }
    if (containsAny(words, {"远程", "Remote", "remote"})) f.remote = true;
    else if (!containsAny(words, {"数据", "Data", "data"})) {
        why = "no frame format (数据帧/远程帧) in " + quoted(words);
        return LineKind::Bad;
    }
    // The length is hexadecimal with 0x ("0x08") or a plain number: both read the same for 0..8.
    if (!parseHex(length, n) || n > 8) {
        why = length.empty() ? "missing data length column" : "data length " + quoted(length) + " is not 0..8";
        return LineKind::Bad;
    }
    f.dlc = static_cast<std::uint8_t>(n);
    std::size_t count = 0;
    for (std::size_t k = dataFrom; k < dataTo; ++k) {
        std::string_view rest = cells[k];
        for (std::string_view b = nextToken(rest); !b.empty(); b = nextToken(rest)) {
            if (b.size() > 2 || !parseHex(b, n)) {
                why = "data byte " + quoted(b) + " is not hex";
                return LineKind::Bad;
            }
            if (count >= 8) {
                why = "more than 8 data bytes";
                return LineKind::Bad;
            }
            f.data[count++] = static_cast<std::uint8_t>(n);
        }
    }
    if (!f.remote && count != f.dlc) {
        why = "data length " + std::to_string(f.dlc) + " but " + std::to_string(count) + " data bytes";
        return LineKind::Bad;
    }
    std::int64_t us = 0;
    const LineKind t = clock.read(time, us, resolution, why);
    if (t != LineKind::Frame) return t;
    f.timestamp = std::chrono::microseconds(us);
    return LineKind::Frame;
}

} // namespace v2gbench::traces::detail
