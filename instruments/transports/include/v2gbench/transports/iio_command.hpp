#pragma once
// The line level of the iiod protocol (libiio 0.24 ASCII protocol, TCP 30431): splitting a command
// line into keyword and arguments, and the reply primitives every command shares (a decimal
// integer line, channel masks as MSW-first %08x words). Pure text handling, no sockets: both the
// wire-level simulator and protocol tests use it; the real client is libiio itself.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

// errno values the iiod protocol carries as negative integers (Linux numbering, fixed by the
// protocol whatever the host).
namespace iioerr {
inline constexpr long noEntry = -2;       // ENOENT: e.g. GETTRIG on a device without trigger support
inline constexpr long badDescriptor = -9; // EBADF: READBUF without OPEN
inline constexpr long access = -13;       // EACCES: read-only attribute
inline constexpr long busy = -16;         // EBUSY
inline constexpr long noDevice = -19;     // ENODEV
inline constexpr long invalid = -22;      // EINVAL: parse error, unsupported command (ZPRINT, BINARY)
inline constexpr long noSys = -38;        // ENOSYS
} // namespace iioerr

struct IioCommand {
    std::string keyword;           // upper-cased ("READBUF"); empty for a blank line
    std::vector<std::string> args; // as sent (device ids are case-sensitive)

    // Splits on blanks; strips a trailing "\r". The iiod lexer accepts keywords in either case.
    static IioCommand parse(std::string_view line);
};

// "<value>\n", the first line of every reply.
std::string iioIntegerLine(long value);

// A channel mask as iiod sends it: 32-bit words as %08x, most significant word first.
// words[0] holds channels 0..31.
std::string iioMaskText(const std::vector<std::uint32_t>& words);
// Parses a mask; nullopt unless it is exactly `wordCount` x 8 hex digits.
std::optional<std::vector<std::uint32_t>> parseIioMask(std::string_view text, std::size_t wordCount);

} // namespace v2gbench::transports
