#include "v2gbench/traces/printable.hpp"

namespace v2gbench::traces {

namespace {

// Length of the valid UTF-8 sequence of 2..4 bytes starting at s[i], 0 when there is none
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
std::size_t utf8Sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(k) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;
    if (c == 0xED && b(1) >= 0xA0) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) >= 0x90) return 0;
    return n;
}

} // namespace

std::string printableExcerpt(std::string_view bytes, std::size_t maxChars, std::size_t totalBytes) {
    std::string out;
    std::size_t chars = 0, i = 0;
    static const char* hex = "0123456789ABCDEF";
    while (i < bytes.size() && chars < maxChars) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
            ++i;
        } else if (const std::size_t n = c >= 0x80 ? utf8Sequence(bytes, i) : 0) {
            out.append(bytes.substr(i, n));
            i += n;
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
        }
        ++chars;
    }
    const std::size_t total = totalBytes > bytes.size() ? totalBytes : bytes.size();
    if (i < total) out += "… (" + std::to_string(total) + " bytes)";
    return out;
}

} // namespace v2gbench::traces
