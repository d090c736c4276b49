#include "v2gbench/transports/can_dump_reader.hpp"

#include <charconv>
#include <fstream>

namespace v2gbench::transports {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string_view nextWord(std::string_view& rest) {
    std::size_t b = rest.find_first_not_of(" \t");
    if (b == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(b);
    std::size_t e = rest.find_first_of(" \t");
    auto word = rest.substr(0, e);
    rest.remove_prefix(e == std::string_view::npos ? rest.size() : e);
    return word;
}

} // namespace

CanDumpRecord parseCanDumpLine(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.remove_suffix(1);
    std::string_view rest = line;
    auto stamp = nextWord(rest);
    auto interface = nextWord(rest);
    auto frameText = nextWord(rest);
    auto direction = nextWord(rest);
    if (!nextWord(rest).empty() || (!direction.empty() && direction != "T" && direction != "R"))
        throw std::invalid_argument("unexpected text after the frame");
    if (stamp.size() < 3 || stamp.front() != '(' || stamp.back() != ')')
        throw std::invalid_argument("expected '(SECONDS.FRACTION)' at the start, got '" + std::string(stamp) + "'");
    auto inner = stamp.substr(1, stamp.size() - 2);
    auto dot = inner.find('.');
    auto secText = inner.substr(0, dot);
    auto fracText = dot == std::string_view::npos ? std::string_view() : inner.substr(dot + 1);
    if (!allDigits(secText) || (dot != std::string_view::npos && (!allDigits(fracText) || fracText.size() > 9)))
        throw std::invalid_argument("timestamp '" + std::string(inner) + "' is not SECONDS.FRACTION");
    long long sec = 0;
    // Microseconds since the epoch must fit a long long (up to year ~294000): 12 digits of seconds.
    if (secText.size() > 12)
        throw std::invalid_argument("timestamp '" + std::string(inner) + "' is out of range (more than 12 digits of seconds)");
    std::from_chars(secText.data(), secText.data() + secText.size(), sec);
    std::string frac(fracText);
    frac.resize(6, '0'); // candump writes 6 (or 9 with nanoseconds) digits; keep microseconds
    long long usec = 0;
    std::from_chars(frac.data(), frac.data() + 6, usec);
    if (interface.empty()) throw std::invalid_argument("missing interface name");
    if (frameText.empty())
        throw std::invalid_argument("missing frame after interface '" + std::string(interface) + "'");

    CanDumpRecord r;
    r.interface = std::string(interface);
    CanFrame& f = r.frame;
    f.timestamp = std::chrono::microseconds(sec * 1000000 + usec);
    auto hash = frameText.find('#');
    if (hash == std::string_view::npos)
        throw std::invalid_argument("frame '" + std::string(frameText) + "' has no '#'");
    auto idText = frameText.substr(0, hash);
    auto payload = frameText.substr(hash + 1);
    if (!payload.empty() && payload.front() == '#')
        throw std::invalid_argument("CAN FD frame '" + std::string(frameText) +
                                    "' is not supported (classic CAN only)");
    if (idText.size() != 3 && idText.size() != 8)
        throw std::invalid_argument("identifier '" + std::string(idText) +
                                    "' is not 3 (standard) or 8 (extended) hex digits");
    std::uint32_t id = 0;
    for (char c : idText) {
        int v = hexValue(c);
        if (v < 0) throw std::invalid_argument("identifier '" + std::string(idText) + "' is not hexadecimal");
        id = id * 16 + static_cast<std::uint32_t>(v);
    }
    if (idText.size() == 8) {
        f.extended = true;
        if (id & 0x20000000u) {
            f.error = true;
            f.extended = false;
            id &= 0x1FFFFFFFu;
        } else if (id > 0x1FFFFFFFu) {
            throw std::invalid_argument("identifier '" + std::string(idText) + "' does not fit 29 bits");
        }
    } else if (id > 0x7FF) {
        throw std::invalid_argument("standard identifier '" + std::string(idText) + "' is above 7FF");
    }
    f.id = id;
    if (!payload.empty() && (payload.front() == 'R' || payload.front() == 'r')) {
        f.remote = true;
        if (payload.size() > 2 || (payload.size() == 2 && (payload[1] < '0' || payload[1] > '8')))
            throw std::invalid_argument("remote frame '" + std::string(frameText) + "' has a bad length");
        f.dlc = payload.size() == 2 ? static_cast<std::uint8_t>(payload[1] - '0') : 0;
        return r;
    }
    // candump -l may print dots between bytes ("11.22.33"); accept them.
    std::string hex;
    for (char c : payload)
        if (c != '.') hex += c;
    if (hex.size() % 2 != 0)
        throw std::invalid_argument("odd number of hex digits in payload '" + std::string(payload) + "'");
    if (hex.size() > 16) throw std::invalid_argument("payload '" + std::string(payload) + "' is longer than 8 bytes");
    f.dlc = static_cast<std::uint8_t>(hex.size() / 2);
    for (std::size_t i = 0; i < f.dlc; ++i) {
        int hi = hexValue(hex[2 * i]), lo = hexValue(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) throw std::invalid_argument("payload '" + std::string(payload) + "' is not hexadecimal");
        f.data[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return r;
}

CanDumpLog readCanDumpFile(const std::string& path, const core::StopCheck& stop) {
    core::RegularFileLines in(path, kCanTraceMaxBytes, kCanDumpMaxLineBytes, "a candump log", stop);
    CanDumpLog log;
    std::string line;
    while (in.next(line)) {
        const std::size_t number = in.lineNumber();
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            auto record = parseCanDumpLine(line);
            record.line = number;
            log.records.push_back(std::move(record));
        } catch (const std::invalid_argument& e) {
            log.problems.push_back({number, path + ":" + std::to_string(number) + ": " + e.what()});
        }
    }
    return log;
}

} // namespace v2gbench::transports
