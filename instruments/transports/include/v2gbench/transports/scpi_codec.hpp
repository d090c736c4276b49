#pragma once
// Text codecs of IEEE 488.2 / SCPI shared by the SCPI session, the drivers and the wire
// simulators: numbers (std::to_chars/from_chars, so the process locale can never turn "230.5"
// into "230,5"), *IDN? replies, SYST:ERR? entries, quoted strings, list splitting and
// definite-length blocks (#<n><len><data>).
#include "v2gbench/core/instrument.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports::scpi {

// Shortest text that reads back to the same double ("230", "49.95", "1e-06"); "NAN", "INF", "-INF"
// for non-finite values (as SCPI instruments answer them).
std::string formatNumber(double value);
// Fixed-point text with `decimals` digits after the point ("230.0"), for dialects that want it.
std::string formatFixed(double value, int decimals);

// Parses NR1/NR2/NR3 ("230", "+2.30E+02", " -0.5 "), "NAN", "INF", "-INF" and 9.91E37 (the
// SCPI "not a number"). Surrounding whitespace is ignored; anything else after the number
// (a unit, a second value) makes it fail: nullopt.
std::optional<double> parseNumber(std::string_view text);

// ON/OFF/1/0 (case-insensitive).
std::optional<bool> parseBoolean(std::string_view text);

// Splits at `separator` outside double-quoted strings; trims whitespace around each element.
std::vector<std::string> splitList(std::string_view text, char separator = ',');

// "abc" -> "\"abc\"", doubling embedded quotes.
std::string quote(std::string_view text);
// Inverse of quote(); nullopt when the text is not one quoted string.
std::optional<std::string> unquote(std::string_view text);

// "Vendor,Model,Serial,Firmware" -> identity; nullopt when there are not exactly four fields or
// the manufacturer or model is empty or the text has control bytes.
std::optional<core::InstrumentIdentity> parseIdentity(std::string_view reply);

struct ErrorEntry {
    int code = 0;
    std::string message;
    bool isError() const { return code != 0; }
    std::string str() const; // -222,"Data out of range"
};
// `<code>,"<message>"`; nullopt when the reply is not an error-queue entry.
std::optional<ErrorEntry> parseErrorEntry(std::string_view reply);

struct DefiniteBlock {
    std::string data;
    std::size_t consumed = 0; // bytes of `text` the block occupies, header included
};
// Parses a definite-length block at the start of `text`. nullopt when the block is not complete
// yet (more bytes needed); throws std::invalid_argument when the header is malformed.
std::optional<DefiniteBlock> parseDefiniteBlock(std::string_view text);
// Length of the header "#<n><len>" once enough bytes are there: {header size, data size}.
std::optional<std::pair<std::size_t, std::size_t>> parseBlockHeader(std::string_view text);
std::string makeDefiniteBlock(std::string_view data);

// Upper-cases ASCII letters (SCPI mnemonics are case-insensitive), locale-independent.
std::string upper(std::string_view text);

} // namespace v2gbench::transports::scpi
