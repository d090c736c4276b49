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
    // Throws ScpiStatusError(-102 "Syntax error") for a malformed header.
    static std::vector<ScpiProgramUnit> parse(std::string_view message);
};

} // namespace v2gbench::simwire::scpi
