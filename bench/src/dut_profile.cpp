#include "v2gbench/bench/dut_profile.hpp"

#include "profile_yaml.hpp"


namespace v2gbench::bench {

namespace py = profile_yaml;
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
    const std::string sourceText = py::readText(path, "a DUT profile");
    const auto root = py::parse(sourceText, path);
    py::requireMap(root, path, "a DUT profile");
    py::checkKeys(root, path, {"dut", "manufacturer", "model", "description", "dc", "v2g", "ac"});

    DutProfile p;
    p.file = path;
    p.sourceText = sourceText; // the very bytes parsed, hashed and copied into the run folder
    p.id = py::text(py::required(root, "dut", path, "a DUT profile"), path);
    if (root["manufacturer"]) p.ratings.manufacturer = py::text(root["manufacturer"], path);
    if (root["model"]) p.ratings.model = py::text(root["model"], path);

    auto& r = p.ratings;
    const auto dc = py::required(root, "dc", path, "a DUT profile");
    py::requireMap(dc, path, "dc");
    py::checkKeys(dc, path, {"min_voltage", "max_voltage", "max_current", "max_power"});
    r.dcMinVoltage = units::Volts(py::quantity(py::required(dc, "min_voltage", path, "dc"), path, Dimension::voltage()));
    r.dcMaxVoltage = units::Volts(py::quantity(py::required(dc, "max_voltage", path, "dc"), path, Dimension::voltage()));
    r.dcMaxCurrent = units::Amperes(py::quantity(py::required(dc, "max_current", path, "dc"), path, Dimension::current()));
    r.dcMaxPower = units::Watts(py::quantity(py::required(dc, "max_power", path, "dc"), path, Dimension::power()));
    if (r.dcMinVoltage >= r.dcMaxVoltage)
        throw core::ConfigError(py::at(dc["min_voltage"], path), "dc.min_voltage must be below dc.max_voltage");

    r.bidirectional = false;
    r.maxDischargePower = units::Watts(0);
    r.maxDischargeCurrent = units::Amperes(0);
    if (const auto v2g = root["v2g"]) {
        py::requireMap(v2g, path, "v2g");
        py::checkKeys(v2g, path, {"bidirectional", "max_discharge_power", "max_discharge_current"});
        r.bidirectional = py::boolean(py::required(v2g, "bidirectional", path, "v2g"), path);
        if (r.bidirectional) {
            r.maxDischargePower = units::Watts(
                py::quantity(py::required(v2g, "max_discharge_power", path, "v2g"), path, Dimension::power()));
            r.maxDischargeCurrent = units::Amperes(
                py::quantity(py::required(v2g, "max_discharge_current", path, "v2g"), path, Dimension::current()));
        }
    }

    const auto ac = py::required(root, "ac", path, "a DUT profile");
    py::requireMap(ac, path, "ac");
    py::checkKeys(ac, path, {"nominal_voltage", "nominal_frequency", "phases"});
    r.acNominalVoltage =
        units::Volts(py::quantity(py::required(ac, "nominal_voltage", path, "ac"), path, Dimension::voltage()));
    r.acNominalFrequency =
        units::Hertz(py::quantity(py::required(ac, "nominal_frequency", path, "ac"), path, Dimension::frequency()));
    r.acPhases = py::integer(py::required(ac, "phases", path, "ac"), path);
    if (r.acPhases != 1 && r.acPhases != 3)
        throw core::ConfigError(py::at(ac["phases"], path), "ac.phases must be 1 or 3");

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
