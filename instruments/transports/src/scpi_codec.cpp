#include "v2gbench/transports/scpi_codec.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <system_error>

namespace v2gbench::transports::scpi {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string formatNumber(double value) {
    if (std::isnan(value)) return "NAN";
    if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "NAN";
    return std::string(buf, end);
}

std::string formatFixed(double value, int decimals) {
    if (!std::isfinite(value)) return formatNumber(value);
    char buf[128];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    if (ec != std::errc()) return formatNumber(value);
    return std::string(buf, end);
}

std::optional<double> parseNumber(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    const std::string u = upper(text);
    if (u == "NAN" || u == "+NAN") return std::numeric_limits<double>::quiet_NaN();
    if (u == "INF" || u == "+INF") return std::numeric_limits<double>::infinity();
    if (u == "-INF" || u == "NINF") return -std::numeric_limits<double>::infinity();
    // from_chars does not take a leading '+', SCPI NR formats do.
    if (text.front() == '+') text.remove_prefix(1);
    if (text.empty() || !(isDigit(text.front()) || text.front() == '-' || text.front() == '.')) return std::nullopt;
    double v = 0.0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::general);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    if (std::abs(v - 9.91e37) < 1e33) return std::numeric_limits<double>::quiet_NaN(); // SCPI NaN
    if (std::abs(v) >= 9.9e37) return v > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    return v;
}

std::optional<bool> parseBoolean(std::string_view text) {
    const std::string u = upper(trim(text));
    if (u == "ON" || u == "1") return true;
    if (u == "OFF" || u == "0") return false;
    return std::nullopt;
}

std::vector<std::string> splitList(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::string current;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (c == separator && !quoted) {
            out.emplace_back(trim(current));
            current.clear();
        } else {
            current += c;
        }
    }
    out.emplace_back(trim(current));
    return out;
}

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::optional<std::string> unquote(std::string_view text) {
    text = trim(text);
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    std::string out;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '"') {
            if (i + 2 < text.size() && text[i + 1] == '"') ++i;
            else return std::nullopt; // a lone quote inside: two strings, not one
        }
        out += text[i];
    }
    return out;
}

std::optional<core::InstrumentIdentity> parseIdentity(std::string_view reply) {
    reply = trim(reply);
    for (char c : reply)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return std::nullopt;
    auto fields = splitList(reply, ',');
    if (fields.size() != 4 || fields[0].empty() || fields[1].empty()) return std::nullopt;
    core::InstrumentIdentity id;
    id.manufacturer = fields[0];
    id.model = fields[1];
    id.serial = fields[2];
    id.firmware = fields[3];
    return id;
}

std::string ErrorEntry::str() const { return std::to_string(code) + "," + quote(message); }

std::optional<ErrorEntry> parseErrorEntry(std::string_view reply) {
    reply = trim(reply);
    const auto comma = reply.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    std::string_view codeText = trim(reply.substr(0, comma));
    if (!codeText.empty() && codeText.front() == '+') codeText.remove_prefix(1);
    int code = 0;
    auto [ptr, ec] = std::from_chars(codeText.data(), codeText.data() + codeText.size(), code);
    if (ec != std::errc() || ptr != codeText.data() + codeText.size() || codeText.empty()) return std::nullopt;
    auto message = unquote(reply.substr(comma + 1));
    if (!message) return std::nullopt;
    return ErrorEntry{code, *message};
}

std::optional<std::pair<std::size_t, std::size_t>> parseBlockHeader(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (text[0] != '#') throw std::invalid_argument("definite-length block does not start with '#'");
    if (text.size() < 2) return std::nullopt;
    if (!isDigit(text[1]) || text[1] == '0')
        throw std::invalid_argument("definite-length block: '#' must be followed by a digit 1..9 (indefinite blocks are not supported)");
    const std::size_t n = static_cast<std::size_t>(text[1] - '0');
    if (text.size() < 2 + n) return std::nullopt;
    std::size_t length = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!isDigit(text[2 + i])) throw std::invalid_argument("definite-length block: length field is not decimal");
        length = length * 10 + static_cast<std::size_t>(text[2 + i] - '0');
    }
    return std::make_pair(2 + n, length);
}

std::optional<DefiniteBlock> parseDefiniteBlock(std::string_view text) {
    auto header = parseBlockHeader(text);
    if (!header) return std::nullopt;
    const auto [headerSize, length] = *header;
    if (text.size() < headerSize + length) return std::nullopt;
    return DefiniteBlock{std::string(text.substr(headerSize, length)), headerSize + length};
}

std::string makeDefiniteBlock(std::string_view data) {
    const std::string length = std::to_string(data.size());
    if (length.size() > 9) throw std::invalid_argument("definite-length block larger than 999999999 bytes");
    return "#" + std::to_string(length.size()) + length + std::string(data);
}

} // namespace v2gbench::transports::scpi
