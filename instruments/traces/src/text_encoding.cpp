#include "text_encoding.hpp"

#include <cerrno>
#include <stdexcept>

namespace v2gbench::traces::detail {

bool validUtf8(std::string_view s, bool allowCutEnd) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0) return false;
        if (i + n > s.size()) return allowCutEnd;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

EncodingGuess guessEncoding(std::string_view prefix, bool complete) {
    std::size_t nul = 0, control = 0, high = 0;
    for (char ch : prefix) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) ++nul;
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++control;
        else if (c >= 0x80) ++high;
    }
    const std::string sample = " in the first " + std::to_string(prefix.size()) + " bytes";
    if (prefix.size() >= 2 && ((prefix[0] == '\xFF' && prefix[1] == '\xFE') || (prefix[0] == '\xFE' && prefix[1] == '\xFF')))
        return {TextEncoding::Binary, "UTF-16 text (byte order mark " + std::string(prefix[0] == '\xFF' ? "FF FE" : "FE FF") +
                                          "): save the export as UTF-8 or GBK"};
    if (nul > 0) return {TextEncoding::Binary, std::to_string(nul) + " NUL bytes" + sample};
    if (control * 100 > prefix.size()) return {TextEncoding::Binary, std::to_string(control) + " control characters" + sample};
    if (prefix.substr(0, 3) == "\xEF\xBB\xBF") return {TextEncoding::Utf8Bom, {}};
    if (high == 0 || validUtf8(prefix, !complete)) return {TextEncoding::Utf8, {}};
    GbkToUtf8 gbk;
    std::string out;
    // An incomplete prefix may end in half a GBK character: try without its last byte too.
    if (gbk.convert(prefix, out) || (!complete && gbk.convert(prefix.substr(0, prefix.size() - 1), out)))
        return {TextEncoding::Gbk, {}};
    return {TextEncoding::Binary, std::to_string(high) + " bytes above 0x7F that are neither UTF-8 nor GBK text" + sample};
}

GbkToUtf8::GbkToUtf8() : m_cd(iconv_open("UTF-8", "GBK")) {
    if (m_cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert GBK to UTF-8 on this system");
}

GbkToUtf8::~GbkToUtf8() { iconv_close(m_cd); }

bool GbkToUtf8::convert(std::string_view in, std::string& out) {
    iconv(m_cd, nullptr, nullptr, nullptr, nullptr); // reset the shift state
    out.resize(in.size() * 3 / 2 + 16);              // a GBK character of 2 bytes is 3 in UTF-8
    char* src = const_cast<char*>(in.data());        // iconv's interface is not const-correct
    std::size_t srcLeft = in.size();
    char* dst = out.data();
    std::size_t dstLeft = out.size();
    if (iconv(m_cd, &src, &srcLeft, &dst, &dstLeft) == static_cast<std::size_t>(-1)) return false;
    out.resize(out.size() - dstLeft);
    return srcLeft == 0;
}

} // namespace v2gbench::traces::detail
