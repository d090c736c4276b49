#include "v2gbench/transports/scpi_dialects.hpp"

#include <stdexcept>

namespace v2gbench::transports::scpi {

namespace {

ScpiCommandSpec none(std::string op, std::string_view header) {
    return ScpiCommandSpec{std::move(op), ScpiHeaderPattern(header), ScpiArgument::None, true, false, 0, 0, "", {}, "", 0, 0};
}

ScpiCommandSpec number(std::string op, std::string_view header, double min, double max, std::string unit,
                       bool queryable = true) {
    return ScpiCommandSpec{std::move(op), ScpiHeaderPattern(header), ScpiArgument::Number, true, queryable, min, max,
                           std::move(unit), {}, "", 0, 0};
}

ScpiCommandSpec boolean(std::string op, std::string_view header) {
    return ScpiCommandSpec{std::move(op), ScpiHeaderPattern(header), ScpiArgument::Boolean, true, true, 0, 0, "", {}, "", 0, 0};
}

ScpiCommandSpec choice(std::string op, std::string_view header, std::vector<std::string> choices) {
    return ScpiCommandSpec{std::move(op), ScpiHeaderPattern(header), ScpiArgument::Choice, true, true, 0, 0, "",
                           std::move(choices), "", 0, 0};
}

ScpiCommandSpec queryOnly(std::string op, std::string_view header, std::string unit) {
    return ScpiCommandSpec{std::move(op), ScpiHeaderPattern(header), ScpiArgument::None, false, true, 0, 0,
                           std::move(unit), {}, "", 0, 0};
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
    d.commands = {
        choice("phase.mode", "INSTrument:EDIT", {"ALL", "EACH"}),
        number("phase.select", "INSTrument:NSELect", 1, 3, ""),
        number("voltage", "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC", 0.0, 300.0, "V"),
        number("frequency", "[SOURce:]FREQuency[:IMMediate]", 30.0, 100.0, "Hz"),
        number("phase.angle.p12", "[SOURce:]PHASe:P12", 0.0, 360.0, "deg"),
        number("phase.angle.p13", "[SOURce:]PHASe:P13", 0.0, 360.0, "deg"),
        number("slew.voltage", "OUTPut:SLEW:VOLTage:AC", 0.001, 1200.0, "V/ms"),
        boolean("output", "OUTPut[:STATe]"),
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
    d.commands = {
        choice("phase.mode", "INSTrument:COUPle", {"ALL", "NONE"}),
        number("phase.select", "INSTrument:NSELect", 1, 3, ""),
        number("voltage", "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC", 0.0, 300.0, "V"),
        number("frequency", "[SOURce:]FREQuency[:IMMediate]", 16.0, 500.0, "Hz"),
        number("phase.angle", "[SOURce:]PHASe[:IMMediate]", 0.0, 360.0, "deg"),
        none("abort", "ABORt"),
        boolean("output", "OUTPut[:STATe]"),
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
