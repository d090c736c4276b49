#pragma once
// The socketcand ASCII protocol (linux-can/socketcand doc/protocol.md), raw mode, as spoken by
// the socketcand daemon, python-can's "socketcand" interface and our CAN hub:
//   server greets "< hi >"; "< open can0 >" -> "< ok >"; "< rawmode >" -> "< ok >";
//   TX "< send 1CEC56F4 8 10 31 00 07 FF 00 02 00 >" (id hex, dlc, data bytes hex);
//   RX "< frame 1CEC56F4 1700000000.123456 10310007FF000200 >"; failures "< error text >".
// Pure functions and a stream splitter, shared by the client channel and the hub, so both sides
// agree byte for byte and the parsing is unit-tested without sockets.
#include "v2gbench/transports/can_frame.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

// A malformed message: bytes outside "< >", a bad identifier, a data byte that is not hex...
class SocketcandSyntaxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SocketcandMessage {
    std::string command;           // "hi", "ok", "frame", "send", "error", "open", ...
    std::vector<std::string> args; // the words after the command
    std::string text;              // everything between "<" and ">", trimmed (for error messages)
};

// Parses the inside of one "< ... >" (without the brackets). Throws SocketcandSyntaxError when empty.
SocketcandMessage parseSocketcandMessage(std::string_view inner);

// Parses bytes up to (not including) a '>': only whitespace may precede the '<'. Throws
// SocketcandSyntaxError quoting the offending bytes otherwise.
SocketcandMessage parseSocketcandChunk(std::string_view beforeClosingBracket);

// Splits a received byte stream into messages. Not thread-safe.
class SocketcandStreamParser {
public:
    explicit SocketcandStreamParser(std::size_t maxMessageBytes = 1024) : m_max(maxMessageBytes) {}
    void feed(std::string_view bytes) { m_buffer.append(bytes); }
    // The next complete message, nullopt when more bytes are needed. On garbage it throws
    // SocketcandSyntaxError and drops the offending bytes, so the caller may go on.
    std::optional<SocketcandMessage> next();
    std::size_t pending() const { return m_buffer.size(); }

private:
    std::string m_buffer;
    std::size_t m_max;
};

// "< send 1CEC56F4 8 10 31 00 07 FF 00 02 00 >": extended ids as 8 hex digits, standard as 3
// (that is how a receiver tells them apart). Throws std::invalid_argument for RTR/error frames,
// which socketcand's raw mode cannot carry, and for invalid frames.
std::string formatSendCommand(const CanFrame& frame);
// "< frame 1CEC56F4 1700000000.123456 10310007FF000200 >" with frame.timestamp; a frame without
// data keeps the (empty) data field: "< frame 123 1.000000  >" — python-can needs it.
std::string formatFrameMessage(const CanFrame& frame);

// From a parsed "send" message. Accepts what python-can sends: unpadded ids and 1-digit bytes.
// A frame is extended when its id has 8 digits or does not fit 11 bits (python-can writes
// 0x0C3956F4 as "C3956F4"). Throws SocketcandSyntaxError naming the problem.
CanFrame parseSendMessage(const SocketcandMessage& message);
// From a parsed "frame" message (timestamp included).
CanFrame parseFrameMessage(const SocketcandMessage& message);

} // namespace v2gbench::transports
