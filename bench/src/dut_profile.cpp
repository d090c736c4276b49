#include "v2gbench/bench/dut_profile.hpp"

#include "v2gbench/profiles/dut_ratings_file.hpp"


namespace v2gbench::bench {

using core::Dimension;

namespace {

struct Field {
    const char* name;     // dut.* name
    Dimension dimension;  // quantity dimension; ignored for flags
    enum Kind { Quantity, Flag, Count } kind;
};

// Every dut.* name: the one table both the loader and the plan validator use.
const Field kFields[] = {
    {"dut.dc.min_voltage", Dimension::voltage(), Field::Quantity},
    {"dut.dc.max_voltage", Dimension::voltage(), Field::Quantity},
    {"dut.dc.max_current", Dimension::current(), Field::Quantity},
    {"dut.dc.max_power", Dimension::power(), Field::Quantity},
    {"dut.bidirectional", Dimension::none(), Field::Flag},
    {"dut.v2g.max_discharge_power", Dimension::power(), Field::Quantity},
    {"dut.v2g.max_discharge_current", Dimension::current(), Field::Quantity},
    {"dut.ac.nominal_voltage", Dimension::voltage(), Field::Quantity},
    {"dut.ac.nominal_frequency", Dimension::frequency(), Field::Quantity},
    {"dut.ac.phases", Dimension::none(), Field::Count},
};

} // namespace

std::optional<Value> DutProfile::lookup(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::optional<ValueType> DutProfile::typeOf(const std::string& name) {
    for (const auto& f : kFields) {
        if (name != f.name) continue;
        if (f.kind == Field::Flag) return ValueType::boolean();
        return ValueType::quantity(f.dimension);
    }
    return std::nullopt;
}

DutProfile loadDutProfile(const std::string& path) {
    DutRatingsFile read = loadDutRatings(path);
    DutProfile p;
    p.id = std::move(read.id);
    p.file = std::move(read.file);
    p.sourceText = std::move(read.sourceText);
    p.ratings = read.ratings;
    const auto& r = p.ratings;

    auto q = [](double v, Dimension d) { return Value(core::Quantity::of(v, d)); };
    p.values["dut.dc.min_voltage"] = q(r.dcMinVoltage.value, Dimension::voltage());
    p.values["dut.dc.max_voltage"] = q(r.dcMaxVoltage.value, Dimension::voltage());
    p.values["dut.dc.max_current"] = q(r.dcMaxCurrent.value, Dimension::current());
    p.values["dut.dc.max_power"] = q(r.dcMaxPower.value, Dimension::power());
    p.values["dut.bidirectional"] = Value(r.bidirectional);
    p.values["dut.v2g.max_discharge_power"] = q(r.maxDischargePower.value, Dimension::power());
    p.values["dut.v2g.max_discharge_current"] = q(r.maxDischargeCurrent.value, Dimension::current());
    p.values["dut.ac.nominal_voltage"] = q(r.acNominalVoltage.value, Dimension::voltage());
    p.values["dut.ac.nominal_frequency"] = q(r.acNominalFrequency.value, Dimension::frequency());
    p.values["dut.ac.phases"] = q(r.acPhases, Dimension::none());
    return p;
}

} // namespace v2gbench::bench
