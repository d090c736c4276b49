#pragma once
// A SCPI dialect as data: for each operation a role needs, the command header (manual notation),
// its argument type and the instrument's range. Drivers format commands from it and check ranges
// before sending; the wire simulators parse and validate incoming commands with the very same
// table (instrument-protocols.md §8: "simulators reuse the same tables in reverse"). It lives in
// transports because both sides may link transports, while simulators must never link drivers.
#include "v2gbench/transports/scpi_header_pattern.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

enum class ScpiArgument {
    None,       // "OUTP:PROT:CLE"
    Number,     // NR1/NR2/NR3, checked against [min, max]
    Boolean,    // ON|OFF|1|0
    Choice,     // one of `choices`, each a mnemonic in manual notation ("EACH", "CC")
    NumberList, // comma-separated numbers, each checked against [min, max], 1..maxItems of them
    ChoiceList, // comma-separated choices, 1..maxItems of them ("A,A,B")
};

struct ScpiCommandSpec {
    std::string operation;  // key shared by driver and simulator: "voltage", "output", "measure.current"
    ScpiHeaderPattern header;
    ScpiArgument argument = ScpiArgument::None;
    bool settable = true;   // the command form exists
    bool queryable = false; // the query form ("...?") exists
    double min = 0.0;       // Number: the instrument's range
    double max = 0.0;
    std::string unit;       // for messages: "V", "Hz"
    std::vector<std::string> choices;
    std::string suffixName; // what a numeric suffix addresses ("channel"), empty when none
    int suffixMin = 0;
    int suffixMax = 0;
    int maxItems = 0; // NumberList/ChoiceList: most elements the instrument takes

    // Formats the command (arg empty for None) or, with query = true, the query form.
    std::string command(const std::string& arg = {}, int suffix = -1) const;
    std::string query(int suffix = -1) const;
};

struct ScpiDialect {
    std::string name;        // driver name: "chroma-61800"
    std::string role;        // "grid"
    std::string description; // for listings
    int defaultPort = 5025;
    std::string terminator = "\n"; // program and response message terminator
    bool chainCommands = false;    // several commands may travel in one message joined with ";:"
    std::string manufacturer;      // *IDN? field 1 (the simulator answers it, the driver checks it)
    std::string model;             // *IDN? field 2 of the simulated instrument
    int maxListSteps = 0;          // list/sequence mode: most steps in one list (0: no list mode)
    std::vector<ScpiCommandSpec> commands;

    const ScpiCommandSpec* find(std::string_view operation) const;
    // Throws std::logic_error naming the dialect when the operation is missing.
    const ScpiCommandSpec& at(std::string_view operation) const;
    bool has(std::string_view operation) const { return find(operation) != nullptr; }
};

} // namespace v2gbench::transports
