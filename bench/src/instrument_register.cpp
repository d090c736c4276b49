#include "v2gbench/bench/instrument_register.hpp"

#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/profiles/profile_yaml.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

namespace v2gbench::bench {

namespace py = profile_yaml;

namespace {

// YYYY-MM-DD naming a real day; the text itself is kept (ISO dates compare as strings).
std::string isoDate(const YAML::Node& node, const std::string& file) {
    const auto text = py::text(node, file);
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) == 3;
    if (!shaped || !std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)).ok())
        throw core::ConfigError(py::at(node, file), "'" + text + "' is not a date (YYYY-MM-DD)");
    return text;
}

Calibration calibration(const YAML::Node& node, const std::string& file) {
    py::requireMap(node, file, "calibration");
    py::checkKeys(node, file, {"certificate", "lab", "date", "due"});
    Calibration c;
    c.certificate = py::text(py::required(node, "certificate", file, "calibration"), file);
    c.lab = py::text(py::required(node, "lab", file, "calibration"), file);
    c.date = isoDate(py::required(node, "date", file, "calibration"), file);
    c.due = isoDate(py::required(node, "due", file, "calibration"), file);
    if (c.due < c.date)
        throw core::ConfigError(py::at(node["due"], file), "calibration due " + c.due + " is before its date " + c.date);
    return c;
}

RangeUncertainty rangeUncertainty(const YAML::Node& node, const std::string& file) {
    py::requireMap(node, file, "an uncertainty entry");
    py::checkKeys(node, file, {"function", "range", "absolute", "relative", "k"});
    RangeUncertainty u;
    u.where = py::at(node, file);
    const auto functionNode = py::required(node, "function", file, "an uncertainty entry");
    u.function = py::text(functionNode, file);
    const auto* signal = RoleCatalog::builtin().signal(u.function);
    if (!signal || signal->type.kind != ValueType::Kind::Quantity)
        throw core::ConfigError(py::at(functionNode, file),
                                "function '" + u.function + "' is not a measured quantity signal (e.g. analyzer.dc_voltage)");
    u.range = py::quantity(py::required(node, "range", file, "an uncertainty entry"), file, signal->type.dimension);
    if (u.range <= 0) throw core::ConfigError(py::at(node["range"], file), "a range is its full scale, above zero");
    if (node["absolute"]) u.absolute = py::quantity(node["absolute"], file, signal->type.dimension);
    if (node["relative"]) {
        const auto q = py::anyQuantity(node["relative"], file);
        if (!q.percent)
            throw core::ConfigError(py::at(node["relative"], file), "a relative uncertainty is a percentage, e.g. '0.05 %'");
        u.relative = q.value;
    }
    if (!node["absolute"] && !node["relative"])
        throw core::ConfigError(u.where, "an uncertainty entry needs absolute, relative or both");
    if (u.absolute < 0 || u.relative < 0)
        throw core::ConfigError(u.where, "an expanded uncertainty is not negative");
    const auto kNode = py::required(node, "k", file, "an uncertainty entry");
    const auto k = py::anyQuantity(kNode, file);
    if (k.percent || k.value <= 0) throw core::ConfigError(py::at(kNode, file), "the coverage factor k is a number above zero");
    u.k = k.value;
    return u;
}

std::string identityText(const std::string& manufacturer, const std::string& model, const std::string& serial) {
    return manufacturer + " " + model + (serial.empty() ? " (no serial)" : " serial " + serial);
}

} // namespace

InstrumentRegister loadInstrumentRegister(const std::string& path) {
    const auto root = py::parse(py::readText(path, "an instrument register"), path);
    py::requireMap(root, path, "an instrument register");
    py::checkKeys(root, path, {"lab", "instruments"});
    InstrumentRegister reg;
    reg.file = path;
    const auto list = py::required(root, "instruments", path, "an instrument register");
    if (!list.IsSequence()) throw core::ConfigError(py::at(list, path), "instruments must be a list");
    std::map<std::string, core::SourceLocation> ids, identities;
    for (const auto& node : list) {
        py::requireMap(node, path, "a register entry");
        py::checkKeys(node, path,
                      {"id", "simulation", "manufacturer", "model", "serial", "firmware", "calibration", "uncertainty"});
        RegisterEntry e;
        e.where = py::at(node, path);
        e.id = py::text(py::required(node, "id", path, "a register entry"), path);
        if (node["simulation"]) e.simulation = py::boolean(node["simulation"], path);
        e.manufacturer = py::text(py::required(node, "manufacturer", path, "register entry '" + e.id + "'"), path);
        e.model = py::text(py::required(node, "model", path, "register entry '" + e.id + "'"), path);
        if (node["serial"]) e.serial = py::text(node["serial"], path);
        if (node["firmware"]) e.firmware = py::text(node["firmware"], path);
        if (node["calibration"]) e.calibration = calibration(node["calibration"], path);
        else if (!e.simulation)
            throw core::ConfigError(e.where, "register entry '" + e.id +
                                                 "' has no calibration (only entries with simulation: true may omit it)");
        if (const auto unc = node["uncertainty"]) {
            if (!unc.IsSequence()) throw core::ConfigError(py::at(unc, path), "uncertainty must be a list");
            for (const auto& u : unc) e.uncertainty.push_back(rangeUncertainty(u, path));
        }
        if (const auto [it, fresh] = ids.emplace(e.id, e.where); !fresh)
            throw core::ConfigError(e.where, "register entry id '" + e.id + "' is also used at " + it->second.str());
        const auto identity = identityText(e.manufacturer, e.model, e.serial);
        if (const auto [it, fresh] = identities.emplace(identity, e.where); !fresh)
            throw core::ConfigError(e.where, identity + " is also registered at " + it->second.str());
        reg.entries.push_back(std::move(e));
    }
    return reg;
}

std::string toString(AdmissionState state) {
    switch (state) {
    case AdmissionState::Calibrated: return "calibrated";
    case AdmissionState::Simulation: return "simulation";
    case AdmissionState::NoEntry: return "no-entry";
    case AdmissionState::IdentityMismatch: return "identity-mismatch";
    case AdmissionState::CalibrationExpired: return "calibration-expired";
    }
    return "no-entry";
}

std::vector<InstrumentAdmission> matchInstruments(const InstrumentRegister* reg,
                                                  const std::vector<OpenedIdentity>& instruments,
                                                  const std::string& todayIso) {
    std::vector<InstrumentAdmission> out;
    for (const auto& i : instruments) {
        InstrumentAdmission a;
        a.role = i.role;
        a.driver = i.driver;
        const auto& id = i.identity;
        const std::string name = i.role + " (" + i.driver + ", " + identityText(id.manufacturer, id.model, id.serial) + ")";
        const RegisterEntry* sameModel = nullptr;
        if (reg)
            for (const auto& e : reg->entries) {
                if (e.manufacturer != id.manufacturer || e.model != id.model) continue;
                if (e.serial == id.serial) a.entry = &e;
                else if (!sameModel) sameModel = &e;
            }
        if (!a.entry && sameModel) {
            a.entry = sameModel;
            a.state = AdmissionState::IdentityMismatch;
            a.message = name + ": the register (" + reg->file + ", entry '" + sameModel->id + "') has this model with serial " +
                        (sameModel->serial.empty() ? "(none)" : sameModel->serial) + ", not " +
                        (id.serial.empty() ? "(none)" : id.serial);
        } else if (!a.entry) {
            a.state = AdmissionState::NoEntry;
            a.message = name + ": no entry in the instrument register" + (reg ? " " + reg->file : " (the bench profile names none)");
        } else if (!a.entry->firmware.empty() && a.entry->firmware != id.firmware) {
            a.state = AdmissionState::IdentityMismatch;
            a.message = name + ": firmware " + (id.firmware.empty() ? "(none)" : id.firmware) + ", the register entry '" +
                        a.entry->id + "' names " + a.entry->firmware;
        } else if (a.entry->simulation) {
            a.state = AdmissionState::Simulation;
        } else if (a.entry->calibration->due < todayIso) {
            a.state = AdmissionState::CalibrationExpired;
            a.message = name + ": calibration expired on " + a.entry->calibration->due + " (certificate " +
                        a.entry->calibration->certificate + ", register entry '" + a.entry->id + "')";
        } else {
            a.state = AdmissionState::Calibrated;
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace v2gbench::bench
