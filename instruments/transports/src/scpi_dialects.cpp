#include "v2gbench/transports/scpi_dialects.hpp"

#include <stdexcept>

namespace v2gbench::transports::scpi {

namespace {

constexpr int kChromaListSteps = 100; // [K] 61800 manual: LIST up to 100 sequences, unconfirmed
constexpr int kAmetekListSteps = 100; // [K] MX manual: 100 list points, unconfirmed
// Top of the AMETEK list slew range, taken as "jump" (the manuals' MAX slew) [K], unconfirmed.
constexpr double kAmetekInstantSlew = 1e7;

ScpiCommandSpec spec(std::string op, std::string_view header, ScpiArgument argument, bool settable, bool queryable) {
    ScpiCommandSpec c{.operation = std::move(op), .header = ScpiHeaderPattern(header)};
    c.argument = argument;
    c.settable = settable;
    c.queryable = queryable;
    return c;
}

ScpiCommandSpec none(std::string op, std::string_view header) {
    return spec(std::move(op), header, ScpiArgument::None, true, false);
}

ScpiCommandSpec number(std::string op, std::string_view header, double min, double max, std::string unit,
                       bool queryable = true) {
    auto c = spec(std::move(op), header, ScpiArgument::Number, true, queryable);
    c.min = min;
    c.max = max;
    c.unit = std::move(unit);
    return c;
}

ScpiCommandSpec boolean(std::string op, std::string_view header) {
    return spec(std::move(op), header, ScpiArgument::Boolean, true, true);
}

ScpiCommandSpec choice(std::string op, std::string_view header, std::vector<std::string> choices) {
    auto c = spec(std::move(op), header, ScpiArgument::Choice, true, true);
    c.choices = std::move(choices);
    return c;
}

ScpiCommandSpec queryOnly(std::string op, std::string_view header, std::string unit) {
    auto c = spec(std::move(op), header, ScpiArgument::None, false, true);
    c.unit = std::move(unit);
    return c;
}

// List arguments (one element per list step) are command-only here: the drivers never read a
// list back, and the simulators do not answer list queries.
ScpiCommandSpec numberList(std::string op, std::string_view header, double min, double max, std::string unit,
                           int maxItems) {
    auto c = number(std::move(op), header, min, max, std::move(unit), false);
    c.argument = ScpiArgument::NumberList;
    c.maxItems = maxItems;
    return c;
}

ScpiCommandSpec choiceList(std::string op, std::string_view header, std::vector<std::string> choices, int maxItems) {
    auto c = choice(std::move(op), header, std::move(choices));
    c.argument = ScpiArgument::ChoiceList;
    c.queryable = false;
    c.maxItems = maxItems;
    return c;
}

ScpiCommandSpec channelQuery(std::string op, std::string_view header, std::string unit) {
    auto c = queryOnly(std::move(op), header, std::move(unit));
    c.suffixName = "channel";
    c.suffixMin = 1;
    c.suffixMax = 4;
    return c;
}

ScpiDialect makeChroma() {
    ScpiDialect d;
    d.name = "chroma-61800";
    d.role = "grid";
    d.description = "Chroma 61800 regenerative grid simulator (61845), SCPI raw socket, 3 x 0..300 V L-N, 30..100 Hz";
    d.defaultPort = 2101;
    d.terminator = "\n";
    d.chainCommands = false; // svp drives it one command per message, checking SYST:ERR? after each
    d.manufacturer = "Chroma ATE";
    d.model = "61845";
    d.maxListSteps = kChromaListSteps;
    d.commands = {
        choice("phase.mode", "INSTrument:EDIT", {"ALL", "EACH"}),
        number("phase.select", "INSTrument:NSELect", 1, 3, ""),
        number("voltage", "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC", 0.0, 300.0, "V"),
        number("frequency", "[SOURce:]FREQuency[:IMMediate]", 30.0, 100.0, "Hz"),
        number("phase.angle.p12", "[SOURce:]PHASe:P12", 0.0, 360.0, "deg"),
        number("phase.angle.p13", "[SOURce:]PHASe:P13", 0.0, 360.0, "deg"),
        number("slew.voltage", "OUTPut:SLEW:VOLTage:AC", 0.001, 1200.0, "V/ms"),
        boolean("output", "OUTPut[:STATe]"),
        // LIST mode (instrument-protocols.md §1.1, svp gridsim_chroma/chroma_61845 profile_load):
        // the header strings are [V3]; ranges, maxima and the choice sets beyond what svp sends
        // (LIST:BASE CYCLE, LIST:TRIG EXCite, shape B) are [K] from the 61500/61800 manuals and
        // unconfirmed, as is TRIG? reading back ON while a list runs.
        choice("output.mode", "OUTPut:MODE", {"FIXed", "LIST"}),
        choice("list.couple", "LIST:COUPle", {"ALL", "NONE"}),
        number("list.count", "LIST:COUNt", 1, 65535, ""),
        choice("list.base", "LIST:BASE", {"TIME", "CYCLe"}),
        choice("list.trigger", "LIST:TRIGger", {"AUTO", "EXCite"}),
        numberList("list.dwell", "LIST:DWELl", 0.0001, 99999.9999, "s", kChromaListSteps),
        choiceList("list.shape", "LIST:SHAPe", {"A", "B"}, kChromaListSteps),
        numberList("list.voltage.start", "LIST:VOLTage:AC:STARt", 0.0, 300.0, "V", kChromaListSteps),
        numberList("list.voltage.end", "LIST:VOLTage:AC:END", 0.0, 300.0, "V", kChromaListSteps),
        numberList("list.frequency.start", "LIST:FREQuency:STARt", 30.0, 100.0, "Hz", kChromaListSteps),
        numberList("list.frequency.end", "LIST:FREQuency:END", 30.0, 100.0, "Hz", kChromaListSteps),
        boolean("list.run", "TRIGger[:STATe]"), // "trig on" starts the list, "trig off" stops it
        queryOnly("measure.voltage", "MEASure[:SCALar]:VOLTage:AC", "V"),
        queryOnly("measure.current", "MEASure[:SCALar]:CURRent:AC", "A"),
        queryOnly("measure.power", "MEASure[:SCALar]:POWer:AC[:REAL]", "W"),
        queryOnly("measure.apparent", "MEASure[:SCALar]:POWer:AC:APParent", "VA"),
        queryOnly("measure.pfactor", "MEASure[:SCALar]:POWer:AC:PFACtor", ""),
        queryOnly("measure.frequency", "MEASure[:SCALar]:FREQuency", "Hz"),
    };
    return d;
}

ScpiDialect makeAmetek() {
    ScpiDialect d;
    d.name = "ametek-mx";
    d.role = "grid";
    d.description = "AMETEK / California Instruments MX-RS series AC source, SCPI raw socket, 3 x 0..300 V L-N, 16..500 Hz";
    d.defaultPort = 5025;
    d.terminator = "\n";
    d.chainCommands = true; // svp sends "inst:coup none;:inst:nsel 2;:volt:ac 230" in one message
    d.manufacturer = "California Instruments";
    d.model = "MX45-3Pi";
    d.maxListSteps = kAmetekListSteps;
    d.commands = {
        choice("phase.mode", "INSTrument:COUPle", {"ALL", "NONE"}),
        number("phase.select", "INSTrument:NSELect", 1, 3, ""),
        number("voltage", "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC", 0.0, 300.0, "V"),
        number("frequency", "[SOURce:]FREQuency[:IMMediate]", 16.0, 500.0, "Hz"),
        number("phase.angle", "[SOURce:]PHASe[:IMMediate]", 0.0, 360.0, "deg"),
        none("abort", "ABORt"),
        boolean("output", "OUTPut[:STATe]"),
        // Transient list (instrument-protocols.md §1.2, svp gridsim_ametek): header strings [V3].
        // svp programs the mode and list commands per phase (INST:COUP NONE;:INST:NSEL n); we
        // send them once with INST:COUP ALL, all phases alike [unconfirmed]. Ranges, the 100-step
        // maximum, the slew units (V/s, Hz/s, the top of the range meaning "instant") and
        // TRIG:STAT? answering IDLE|ARMED|BUSY are [K] from the MX/RS manuals, unconfirmed.
        choice("trigger.transient.source", "TRIGger:TRANsient:SOURce", {"IMMediate", "BUS", "EXTernal"}),
        choice("trigger.sync.source", "TRIGger:SYNChronous:SOURce", {"IMMediate", "PHASe"}),
        choice("list.step", "LIST:STEP", {"AUTO", "ONCE"}),
        number("list.count", "LIST:COUNt", 1, 65535, ""),
        choice("frequency.mode", "[SOURce:]FREQuency:MODE", {"FIXed", "STEP", "PULSe", "LIST"}),
        choice("frequency.slew.mode", "[SOURce:]FREQuency:SLEW:MODE", {"FIXed", "STEP", "PULSe", "LIST"}),
        choice("voltage.mode", "[SOURce:]VOLTage:MODE", {"FIXed", "STEP", "PULSe", "LIST"}),
        choice("voltage.slew.mode", "[SOURce:]VOLTage:SLEW:MODE", {"FIXed", "STEP", "PULSe", "LIST"}),
        choice("function.mode", "[SOURce:]FUNCtion:MODE", {"FIXed", "STEP", "PULSe", "LIST"}),
        numberList("list.dwell", "LIST:DWELl", 0.0002, 86400.0, "s", kAmetekListSteps),
        numberList("list.frequency", "LIST:FREQuency", 16.0, 500.0, "Hz", kAmetekListSteps),
        numberList("list.frequency.slew", "LIST:FREQuency:SLEW", 0.001, kAmetekInstantSlew, "Hz/s", kAmetekListSteps),
        numberList("list.voltage", "LIST:VOLTage[:LEVel]", 0.0, 300.0, "V", kAmetekListSteps),
        numberList("list.voltage.slew", "LIST:VOLTage:SLEW", 0.001, kAmetekInstantSlew, "V/s", kAmetekListSteps),
        choiceList("list.function", "LIST:FUNCtion", {"SINE", "SQUare", "CSINe"}, kAmetekListSteps),
        numberList("list.repeat", "LIST:REPeat", 0, 65535, "", kAmetekListSteps),
        none("initiate", "INITiate[:IMMediate][:SEQuence]"),
        queryOnly("list.state", "TRIGger:STATe", ""),
        queryOnly("measure.voltage", "MEASure[:SCALar]:VOLTage[:AC]", "V"),
        queryOnly("measure.current", "MEASure[:SCALar]:CURRent[:AC]", "A"),
        queryOnly("measure.power", "MEASure[:SCALar]:POWer[:AC][:REAL]", "W"),
        queryOnly("measure.apparent", "MEASure[:SCALar]:POWer[:AC]:APParent", "VA"),
        queryOnly("measure.pfactor", "MEASure[:SCALar]:POWer[:AC]:PFACtor", ""),
        queryOnly("measure.frequency", "MEASure[:SCALar]:FREQuency", "Hz"),
    };
    return d;
}

ScpiDialect makeItech() {
    ScpiDialect d;
    d.name = "itech-it6000c";
    d.role = "battery";
    d.description = "ITECH IT6000C bidirectional DC supply as battery emulator, SCPI raw socket, 0..1500 V, -300..+300 A";
    d.defaultPort = 30000;
    d.terminator = "\n";
    d.chainCommands = false;
    d.manufacturer = "ITECH Ltd.";
    d.model = "IT6000C-1500-300";
    d.commands = {
        none("remote", "SYSTem:REMote"),
        choice("function", "[SOURce:]FUNCtion", {"VOLTage", "CURRent"}),
        number("voltage", "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", 0.0, 1500.0, "V"),
        // Supply convention: positive = sourcing (out of the supply, i.e. out of the "battery").
        number("current.limit.positive", "[SOURce:]CURRent:LIMit:POSitive[:IMMediate][:AMPLitude]", 0.0, 300.0, "A"),
        number("current.limit.negative", "[SOURce:]CURRent:LIMit:NEGative[:IMMediate][:AMPLitude]", -300.0, 0.0, "A"),
        boolean("output", "OUTPut[:STATe]"),
        queryOnly("measure.voltage", "MEASure[:SCALar]:VOLTage[:DC]", "V"),
        queryOnly("measure.current", "MEASure[:SCALar]:CURRent[:DC]", "A"),
        queryOnly("measure.power", "MEASure[:SCALar]:POWer[:DC]", "W"),
    };
    return d;
}

ScpiDialect makeZes() {
    ScpiDialect d;
    d.name = "zes-lmg600";
    d.role = "analyzer";
    d.description = "ZES ZIMMER LMG600 power analyzer (ZES short language), channels 1-3 AC phases, channel 4 DC output";
    d.defaultPort = 5025;
    d.terminator = "\n";
    d.chainCommands = true; // "INIM;UTRMS1?;ITRMS1?;..." is how the LMG is read in one round trip
    d.manufacturer = "ZES ZIMMER";
    d.model = "LMG600";
    d.commands = {
        none("measure.init", "INIM"),
        channelQuery("u.trms", "UTRMS#", "V"),
        channelQuery("i.trms", "ITRMS#", "A"),
        channelQuery("p", "P#", "W"),
        channelQuery("q", "Q#", "var"),
        channelQuery("s", "S#", "VA"),
        channelQuery("pf", "PF#", ""),
        channelQuery("f", "FCYC#", "Hz"),
        channelQuery("u.thd", "HUHD#", "%"),
        channelQuery("i.thd", "HIHD#", "%"),
        channelQuery("u.dc", "UDC#", "V"),
        channelQuery("i.dc", "IDC#", "A"),
    };
    return d;
}

ScpiDialect makeEv() {
    ScpiDialect d;
    d.name = "v2gbench-ev-scpi";
    d.role = "ev";
    d.description = "v2gbench EV emulator command set (sim/wire/scpi/README.md), 0..1000 V, 0..600 A demand";
    d.defaultPort = 5027;
    d.terminator = "\n";
    d.chainCommands = true;
    d.manufacturer = "v2gbench";
    d.model = "EV-SCPI emulator";
    d.commands = {
        none("connect", "EV:CONNect"),
        number("demand.voltage", "EV:DEMand:VOLTage", 0.0, 1000.0, "V"),
        number("demand.current", "EV:DEMand:CURRent", 0.0, 600.0, "A"),
        choice("demand.mode", "EV:DEMand:MODE", {"CC", "CV"}),
        number("demand.discharge", "EV:DEMand:DISCharge", 0.0, 600.0, "A"),
        none("stop", "EV:STOP"),
        none("disconnect", "EV:DISConnect"),
        queryOnly("status", "EV:STATus", ""),
        none("pause", "EV:PAUSe"),
        none("resume", "EV:RESume"),
        // EV:FAULt:ADD <kind>,<message>[,<key>=<value>]...: free-text parameters (ScpiArgument has
        // no text type), so the table says None and the simulator's EV model parses them itself
        // (sim/wire/scpi/README.md). The driver formats them with command(arg) like any other.
        none("fault.add", "EV:FAULt:ADD"),
        none("fault.clear", "EV:FAULt:CLEar"),
        queryOnly("fault.list", "EV:FAULt:LIST", ""),
        choice("switch.s", "EV:SWITch:S", {"OPEN", "CLOSed"}),
        choice("cc1", "EV:CC1", {"NORMal", "BROKen"}),
        number("cc1.voltage", "EV:CC1:VOLTage", 0.0, 12.0, "V"),
        choice("contactors", "EV:CONTactors", {"NORMal", "WELDed"}),
        // <plugged 0|1>,<plug-ins so far>: the plug as a vehicle under test senses it (an outside
        // BMS on the lab's bus wakes on it, v2gbench-sim --bus-dut external).
        queryOnly("plug", "EV:PLUG", ""),
    };
    return d;
}

} // namespace

const ScpiDialect& chroma61800() {
    static const ScpiDialect d = makeChroma();
    return d;
}
const ScpiDialect& ametekMx() {
    static const ScpiDialect d = makeAmetek();
    return d;
}
const ScpiDialect& itechIt6000c() {
    static const ScpiDialect d = makeItech();
    return d;
}
const ScpiDialect& zesLmg600() {
    static const ScpiDialect d = makeZes();
    return d;
}
const ScpiDialect& v2gbenchEv() {
    static const ScpiDialect d = makeEv();
    return d;
}

std::vector<const ScpiDialect*> allDialects() {
    return {&chroma61800(), &ametekMx(), &itechIt6000c(), &zesLmg600(), &v2gbenchEv()};
}

const ScpiDialect& dialect(const std::string& name) {
    for (const auto* d : allDialects())
        if (d->name == name) return *d;
    throw std::out_of_range("no SCPI dialect named '" + name + "'");
}

} // namespace v2gbench::transports::scpi
