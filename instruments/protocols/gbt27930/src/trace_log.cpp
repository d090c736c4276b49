#include "v2gbench/protocols/gbt27930/trace_log.hpp"

#include "v2gbench/transports/can_dump_reader.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace v2gbench::protocols::gbt27930 {

namespace {

// ZLG exports are parsed from memory: a regular file under the CAN trace cap.
std::string readWhole(const std::string& path, const core::StopCheck& stop) {
    return core::readRegularFile(path, transports::kCanTraceMaxBytes, "a CAN trace", stop);
}

// Format sniffing reads lines until the first non-blank one; a ZLG header line is wide, a line
// longer than this is no trace of either format.
constexpr std::size_t kSniffMaxLineBytes = 64 * 1024;

// Calls f(lineNumber, line) for every line, without the line break.
template <class F>
void forEachLine(std::string_view text, F&& f) {
    std::size_t number = 0, pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        f(++number, line);
        pos = end + 1;
    }
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

std::string_view field(std::string_view& rest) {
    std::size_t tab = rest.find('\t');
    std::string_view f = rest.substr(0, tab);
    rest.remove_prefix(tab == std::string_view::npos ? rest.size() : tab + 1);
    while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
    while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
    return f;
}

bool parseHex(std::string_view s, std::uint64_t& v) {
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return ec == std::errc() && p == s.data() + s.size();
}

bool contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

} // namespace

const char* toString(TraceFormat format) {
    return format == TraceFormat::ZlgCanTest ? "ZLG CANTest" : "candump -L";
}

transports::CanFrame parseZlgLine(std::string_view line) {
    std::string_view rest = line;
    auto index = field(rest);
    auto direction = field(rest);
    auto time = field(rest);
    auto idText = field(rest);
    auto format = field(rest);
    auto type = field(rest);
    auto dlcText = field(rest);
    std::uint64_t n = 0;
    if (index.empty() || !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw std::invalid_argument("first column '" + std::string(index) + "' is not a frame number");
    if (direction.empty()) throw std::invalid_argument("missing direction column");
    transports::CanFrame f;
    // CANTest writes the receive time as hex ticks of 0.1 ms ("0x002f9406"); some versions write
    // seconds with a decimal point.
    if (time.size() > 2 && time[0] == '0' && (time[1] == 'x' || time[1] == 'X')) {
        if (!parseHex(time, n)) throw std::invalid_argument("time '" + std::string(time) + "' is not hexadecimal ticks");
        if (n > static_cast<std::uint64_t>(std::numeric_limits<long long>::max() / 100))
            throw std::invalid_argument("time '" + std::string(time) + "' is out of range");
        f.timestamp = std::chrono::microseconds(static_cast<long long>(n) * 100);
    } else {
        double seconds = 0;
        auto [p, ec] = std::from_chars(time.data(), time.data() + time.size(), seconds);
        if (time.empty() || ec != std::errc() || p != time.data() + time.size())
            throw std::invalid_argument("time '" + std::string(time) + "' is neither 0x ticks nor seconds");
        // Microseconds must fit a long long (NaN and infinities fail this too).
        if (!(std::abs(seconds) < 9.0e12)) throw std::invalid_argument("time '" + std::string(time) + "' is out of range");
        f.timestamp = std::chrono::microseconds(static_cast<long long>(seconds * 1e6 + 0.5));
    }
    if (!parseHex(idText, n) || n > 0x1FFFFFFF) throw std::invalid_argument("frame id '" + std::string(idText) + "' is not a CAN id");
    f.id = static_cast<std::uint32_t>(n);
    if (contains(type, "扩展") || contains(type, "Ext") || contains(type, "ext"))
        f.extended = true;
    else if (contains(type, "标准") || contains(type, "Std") || contains(type, "Standard") || contains(type, "std"))
        f.extended = false;
    else
        throw std::invalid_argument("frame type '" + std::string(type) + "' is neither extended nor standard");
    if (!f.extended && f.id > 0x7FF) throw std::invalid_argument("standard frame with id '" + std::string(idText) + "' above 0x7FF");
    if (contains(format, "远程") || contains(format, "Remote") || contains(format, "remote"))
        f.remote = true;
    else if (!(contains(format, "数据") || contains(format, "Data") || contains(format, "data")))
        throw std::invalid_argument("frame format '" + std::string(format) + "' is neither data nor remote");
    if (!parseHex(dlcText, n) || n > 8) throw std::invalid_argument("data length '" + std::string(dlcText) + "' is not 0..8");
    f.dlc = static_cast<std::uint8_t>(n);
    std::size_t count = 0;
    while (!rest.empty()) {
        auto byteText = field(rest);
        if (byteText.empty()) continue; // trailing tab
        // Some exports put all bytes in one column separated by spaces.
        std::size_t pos = 0;
        while (pos < byteText.size()) {
            std::size_t sp = byteText.find(' ', pos);
            auto b = byteText.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos);
            pos = sp == std::string_view::npos ? byteText.size() : sp + 1;
            if (b.empty()) continue;
            if (b.size() > 2 || !parseHex(b, n)) throw std::invalid_argument("data byte '" + std::string(b) + "' is not hex");
            if (count >= 8) throw std::invalid_argument("more than 8 data bytes");
            f.data[count++] = static_cast<std::uint8_t>(n);
        }
    }
    if (!f.remote && count != f.dlc)
        throw std::invalid_argument("data length " + std::to_string(f.dlc) + " but " + std::to_string(count) + " data bytes");
    return f;
}

TraceLog parseZlgText(std::string_view text, const std::string& name) {
    TraceLog log;
    log.path = name;
    log.format = TraceFormat::ZlgCanTest;
    bool headerSeen = false;
    forEachLine(text, [&](std::size_t number, std::string_view line) {
        if (blank(line)) return;
        if (!headerSeen && !(line[0] >= '0' && line[0] <= '9')) { // the column header row
            headerSeen = true;
            return;
        }
        headerSeen = true;
        try {
            log.frames.push_back({parseZlgLine(line), number});
        } catch (const std::invalid_argument& e) {
            log.problems.push_back({number, name + ":" + std::to_string(number) + ": " + e.what()});
        }
    });
    return log;
}

TraceLog parseCandumpText(std::string_view text, const std::string& name) {
    TraceLog log;
    log.path = name;
    log.format = TraceFormat::CandumpL;
    log.frames.reserve(text.size() / 40);
    forEachLine(text, [&](std::size_t number, std::string_view line) {
        if (blank(line)) return;
        try {
            log.frames.push_back({transports::parseCanDumpLine(line).frame, number});
        } catch (const std::invalid_argument& e) {
            log.problems.push_back({number, name + ":" + std::to_string(number) + ": " + e.what()});
        }
    });
    return log;
}

TraceLog readCandumpTrace(const std::string& path, const core::StopCheck& stop) {
    auto dump = transports::readCanDumpFile(path, stop);
    TraceLog log;
    log.path = path;
    log.format = TraceFormat::CandumpL;
    log.frames.reserve(dump.records.size());
    for (auto& r : dump.records) log.frames.push_back({r.frame, r.line});
    for (auto& p : dump.problems) log.problems.push_back({p.line, std::move(p.message)});
    return log;
}

TraceLog readZlgTrace(const std::string& path, const core::StopCheck& stop) {
    return parseZlgText(readWhole(path, stop), path);
}

TraceLog readTrace(const std::string& path, const core::StopCheck& stop) {
    std::string line;
    {
        core::RegularFileLines in(path, transports::kCanTraceMaxBytes, kSniffMaxLineBytes, "a CAN trace", stop);
        while (in.next(line))
            if (!blank(line)) break;
    }
    const auto first = line.find_first_not_of(" \t");
    return first != std::string::npos && line[first] == '(' ? readCandumpTrace(path, stop) : readZlgTrace(path, stop);
}

void writeCandump(const TraceLog& log, std::ostream& out, const std::string& interface) {
    for (const auto& f : log.frames) out << transports::formatCanDumpLine(f.frame, interface) << '\n';
}

bool timestampsFlattened(const TraceLog& log) {
    if (log.frames.size() < 2) return true;
    const auto first = log.frames.front().frame.timestamp;
    for (const auto& f : log.frames)
        if (f.frame.timestamp != first) return false;
    return true;
}

} // namespace v2gbench::protocols::gbt27930
