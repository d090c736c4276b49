#pragma once
// Splits one SCPI program message into program message units: ';' separates units, a leading
// ':' makes a header absolute, otherwise a header continues the path of the previous compound
// header (IEEE 488.2 §7.6 / SCPI-99 §6.2.4: "VOLT:AC 230;FREQ?" is two units under VOLT:),
// common commands ("*IDN?") leave the path alone. Parameters are split at ',' outside quotes.
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::simwire::scpi {

struct ScpiProgramUnit {
    std::string header;            // as typed, for diagnostics ("sour:volt:ac")
    bool common = false;           // IEEE 488.2 common command ("*IDN")
    std::vector<std::string> path; // resolved mnemonics, as typed ("sour", "volt", "ac")
    bool query = false;
    std::vector<std::string> args; // parameter texts, trimmed
};

class ScpiMessageParser {
public:
    // Bounds that keep parsing linear in the message (issue 9: 10,000 relative compound headers
    // "VOLT:AC 10;VOLT:AC 10;..." made each unit's path one node longer than the last — 2.5 GB).
    // No dialect table is deeper than 6 nodes, so a deeper resolved header is undefined anyway.
    static constexpr std::size_t kMaxUnits = 1024;
    static constexpr std::size_t kMaxHeaderDepth = 16;

    // Throws ScpiStatusError(-102 "Syntax error") for a malformed header, -223 "Too much data"
    // for more than kMaxUnits units, -113 "Undefined header" for a path deeper than kMaxHeaderDepth.
    static std::vector<ScpiProgramUnit> parse(std::string_view message);
};

} // namespace v2gbench::simwire::scpi
