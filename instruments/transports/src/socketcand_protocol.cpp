#include "v2gbench/transports/socketcand_protocol.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace v2gbench::transports {

namespace {

std::string quoted(std::string_view bytes) {
    std::string out = "'";
    for (char c : bytes.substr(0, 60)) {
        if (std::isprint(static_cast<unsigned char>(c)))
            out += c;
        else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(c));
            out += hex;
        }
    }
    if (bytes.size() > 60) out += "...";
    return out + "'";
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::uint32_t parseHex(std::string_view text, std::size_t maxDigits, const std::string& what, std::string_view whole) {
    if (text.empty() || text.size() > maxDigits)
        throw SocketcandSyntaxError(what + " " + quoted(text) + " is not 1-" + std::to_string(maxDigits) +
                                    " hex digits in " + quoted(whole));
    std::uint32_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc() || ptr != text.data() + text.size())
        throw SocketcandSyntaxError(what + " " + quoted(text) + " is not hexadecimal in " + quoted(whole));
    return value;
}

CanFrame frameFromId(std::string_view idText, std::string_view whole) {
    CanFrame f;
    f.id = parseHex(idText, 8, "identifier", whole);
    f.extended = idText.size() == 8 || f.id > 0x7FF;
    if (f.id > 0x1FFFFFFF)
        throw SocketcandSyntaxError("identifier " + quoted(idText) + " does not fit 29 bits in " + quoted(whole));
    return f;
}

} // namespace

SocketcandMessage parseSocketcandMessage(std::string_view inner) {
    SocketcandMessage m;
    std::size_t b = 0, e = inner.size();
    while (b < e && isSpace(inner[b]))
        ++b;
    while (e > b && isSpace(inner[e - 1]))
        --e;
    m.text = std::string(inner.substr(b, e - b));
    std::size_t i = b;
    bool first = true;
    while (i < e) {
        while (i < e && isSpace(inner[i]))
            ++i;
        std::size_t j = i;
        while (j < e && !isSpace(inner[j]))
            ++j;
        if (j > i) {
            if (first)
                m.command = std::string(inner.substr(i, j - i));
            else
                m.args.emplace_back(inner.substr(i, j - i));
            first = false;
        }
        i = j;
    }
    if (m.command.empty()) throw SocketcandSyntaxError("empty message '<  >'");
    return m;
}

SocketcandMessage parseSocketcandChunk(std::string_view chunk) {
    std::size_t lt = chunk.find('<');
    for (std::size_t i = 0; i < (lt == std::string_view::npos ? chunk.size() : lt); ++i)
        if (!isSpace(chunk[i])) throw SocketcandSyntaxError("bytes outside '< >': " + quoted(chunk));
    if (lt == std::string_view::npos) throw SocketcandSyntaxError("'>' without '<': " + quoted(chunk));
    auto inner = chunk.substr(lt + 1);
    if (inner.find('<') != std::string_view::npos)
        throw SocketcandSyntaxError("'<' inside a message: " + quoted(chunk));
    return parseSocketcandMessage(inner);
}

std::optional<SocketcandMessage> SocketcandStreamParser::next() {
    // Garbage before the next '<' is dropped on its own (and reported), so a message that
    // follows it in the same read survives.
    const std::size_t lt = m_buffer.find('<');
    const std::size_t gt = m_buffer.find('>');
    const std::size_t junkEnd = std::min(lt, gt == std::string::npos ? std::string::npos : gt + 1);
    for (std::size_t i = 0; i < std::min(junkEnd, m_buffer.size()); ++i)
        if (!isSpace(m_buffer[i])) {
            const std::size_t cut = std::min(junkEnd, m_buffer.size());
            std::string bad = m_buffer.substr(0, cut);
            m_buffer.erase(0, cut);
            throw SocketcandSyntaxError("bytes outside '< >': " + quoted(bad));
        }
    if (gt == std::string::npos) {
        if (m_buffer.size() > m_max) {
            std::string bad = m_buffer;
            m_buffer.clear();
            throw SocketcandSyntaxError("message longer than " + std::to_string(m_max) + " bytes: " + quoted(bad));
        }
        return std::nullopt;
    }
    std::string chunk = m_buffer.substr(0, gt);
    m_buffer.erase(0, gt + 1);
    return parseSocketcandChunk(chunk);
}

std::string formatSendCommand(const CanFrame& frame) {
    if (frame.remote || frame.error)
        throw std::invalid_argument("socketcand raw mode carries data frames only (" + toCanUtilsString(frame) + ")");
    validate(frame);
    char buf[96];
    int n = std::snprintf(buf, sizeof buf, frame.extended ? "< send %08X %u" : "< send %03X %u",
                          static_cast<unsigned>(frame.id), static_cast<unsigned>(frame.dlc));
    std::string out(buf, static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < frame.dlc; ++i) {
        std::snprintf(buf, sizeof buf, " %02X", frame.data[i]);
        out += buf;
    }
    return out + " >";
}

std::string formatFrameMessage(const CanFrame& frame) {
    validate(frame);
    const long long us = frame.timestamp.count();
    char buf[96];
    int n = std::snprintf(buf, sizeof buf, frame.extended ? "< frame %08X %lld.%06lld " : "< frame %03X %lld.%06lld ",
                          static_cast<unsigned>(frame.id), us / 1000000, us % 1000000);
    std::string out(buf, static_cast<std::size_t>(n));
    static const char* hex = "0123456789ABCDEF";
    for (std::size_t i = 0; i < frame.dlc; ++i) {
        out += hex[frame.data[i] >> 4];
        out += hex[frame.data[i] & 0xF];
    }
    return out + " >";
}

CanFrame parseSendMessage(const SocketcandMessage& m) {
    if (m.command != "send") throw SocketcandSyntaxError("expected 'send', got " + quoted(m.text));
    if (m.args.size() < 2) throw SocketcandSyntaxError("'send' needs an identifier and a length: " + quoted(m.text));
    CanFrame f = frameFromId(m.args[0], m.text);
    // socketcand documents the length as decimal; python-can writes it with {:X}: for 0..8 they agree.
    const auto dlc = parseHex(m.args[1], 1, "length", m.text);
    if (dlc > 8) throw SocketcandSyntaxError("length " + m.args[1] + " is above 8 in " + quoted(m.text));
    if (m.args.size() != 2 + dlc)
        throw SocketcandSyntaxError("length " + m.args[1] + " but " + std::to_string(m.args.size() - 2) +
                                    " data bytes in " + quoted(m.text));
    f.dlc = static_cast<std::uint8_t>(dlc);
    for (std::size_t i = 0; i < dlc; ++i)
        f.data[i] = static_cast<std::uint8_t>(parseHex(m.args[2 + i], 2, "data byte", m.text));
    return f;
}

CanFrame parseFrameMessage(const SocketcandMessage& m) {
    if (m.command != "frame") throw SocketcandSyntaxError("expected 'frame', got " + quoted(m.text));
    if (m.args.size() < 2 || m.args.size() > 3)
        throw SocketcandSyntaxError("'frame' needs an identifier, a timestamp and data: " + quoted(m.text));
    CanFrame f = frameFromId(m.args[0], m.text);
    const std::string& ts = m.args[1];
    auto dot = ts.find('.');
    long long sec = 0, usec = 0;
    {
        auto secText = std::string_view(ts).substr(0, dot);
        auto [p, ec] = std::from_chars(secText.data(), secText.data() + secText.size(), sec);
        // Microseconds since the epoch must fit a long long: at most 12 digits of seconds, not negative.
        bool ok = ec == std::errc() && p == secText.data() + secText.size() && !secText.empty() && sec >= 0 &&
                  sec <= 999'999'999'999LL;
        if (ok && dot != std::string::npos) {
            std::string frac = ts.substr(dot + 1);
            if (frac.empty() || frac.size() > 9) ok = false;
            for (char c : frac)
                ok = ok && c >= '0' && c <= '9';
            if (ok) {
                frac.resize(6, '0'); // nanoseconds are truncated to microseconds
                usec = std::stoll(frac.substr(0, 6));
            }
        }
        if (!ok)
            throw SocketcandSyntaxError("timestamp " + quoted(ts) + " is not SECONDS.MICROSECONDS in " +
                                        quoted(m.text));
    }
    f.timestamp = std::chrono::microseconds(sec * 1000000 + usec);
    const std::string data = m.args.size() == 3 ? m.args[2] : std::string();
    if (data.size() % 2 != 0 || data.size() > 16)
        throw SocketcandSyntaxError("data " + quoted(data) + " is not 0-8 bytes of hex in " + quoted(m.text));
    f.dlc = static_cast<std::uint8_t>(data.size() / 2);
    for (std::size_t i = 0; i < f.dlc; ++i)
        f.data[i] =
            static_cast<std::uint8_t>(parseHex(std::string_view(data).substr(2 * i, 2), 2, "data byte", m.text));
    return f;
}

} // namespace v2gbench::transports
