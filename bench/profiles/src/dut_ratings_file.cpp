#include "v2gbench/profiles/dut_ratings_file.hpp"

#include "v2gbench/profiles/profile_yaml.hpp"

namespace v2gbench::bench {

namespace py = profile_yaml;
using core::Dimension;

DutRatingsFile loadDutRatings(const std::string& path) {
    const std::string sourceText = py::readText(path, "a DUT profile");
    const auto root = py::parse(sourceText, path);
    py::requireMap(root, path, "a DUT profile");
    py::checkKeys(root, path, {"dut", "manufacturer", "model", "description", "dc", "v2g", "ac"});

    DutRatingsFile p;
    p.file = path;
    p.sourceText = sourceText;
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
    return p;
}

} // namespace v2gbench::bench
