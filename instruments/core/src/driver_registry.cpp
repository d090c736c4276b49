#include "v2gbench/core/driver_registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace v2gbench::core {

namespace {

// Options resolved for `owner`, or its defaults when nobody resolved them.
void requireOptionsFor(const std::string& owner, const OptionDeclaration& declaration, OptionValues& options) {
    if (!options.resolved()) options = resolveOptions(owner, declaration, {});
    else if (options.owner() != owner)
        throw std::logic_error("options resolved for '" + options.owner() + "' handed to '" + owner + "'");
}

} // namespace

void DriverRegistry::addDriver(DriverInfo info, DriverFactory factory) {
    if (m_drivers.count(info.name)) throw std::logic_error("driver '" + info.name + "' registered twice");
    auto name = info.name;
    m_drivers.emplace(name, DriverEntry{std::move(info), std::move(factory)});
}

void DriverRegistry::addClock(const std::string& name, const std::string& description, ClockFactory factory) {
    if (m_clocks.count(name)) throw std::logic_error("clock '" + name + "' registered twice");
    m_clocks.emplace(name, ClockEntry{description, std::move(factory)});
}

void DriverRegistry::addLabControl(LabControlInfo info, LabControlFactory control) {
    if (m_labControls.count(info.name)) throw std::logic_error("lab control '" + info.name + "' registered twice");
    auto name = info.name;
    m_labControls.emplace(name, LabControlEntry{std::move(info), std::move(control)});
}

bool DriverRegistry::hasLabControl(const std::string& name) const { return m_labControls.count(name) != 0; }

const LabControlInfo* DriverRegistry::labControlInfo(const std::string& name) const {
    auto it = m_labControls.find(name);
    return it == m_labControls.end() ? nullptr : &it->second.info;
}

OptionValues DriverRegistry::labControlOptions(const std::string& name,
                                               const std::map<std::string, std::string>& given) const {
    const auto* info = labControlInfo(name);
    if (!info) throw std::out_of_range("unknown lab control '" + name + "'");
    return resolveOptions(name, info->options, given);
}

void DriverRegistry::applyLabControl(const std::string& name, DriverRequest& request) const {
    auto it = m_labControls.find(name);
    if (it == m_labControls.end()) throw std::out_of_range("unknown lab control '" + name + "'");
    requireOptionsFor(name, it->second.info.options, request.options);
    it->second.control(request);
}

std::vector<LabControlInfo> DriverRegistry::labControls() const {
    std::vector<LabControlInfo> out;
    for (const auto& [name, entry] : m_labControls) out.push_back(entry.info);
    return out;
}

bool DriverRegistry::hasDriver(const std::string& name) const { return m_drivers.count(name) != 0; }

const DriverInfo* DriverRegistry::driverInfo(const std::string& name) const {
    auto it = m_drivers.find(name);
    return it == m_drivers.end() ? nullptr : &it->second.info;
}

OptionValues DriverRegistry::driverOptions(const std::string& name, const std::map<std::string, std::string>& given) const {
    const auto* info = driverInfo(name);
    if (!info) throw std::out_of_range("unknown driver '" + name + "'");
    return resolveOptions(name, info->options, given);
}

std::unique_ptr<Instrument> DriverRegistry::createDriver(const std::string& name, DriverRequest& request) const {
    auto it = m_drivers.find(name);
    if (it == m_drivers.end()) throw std::out_of_range("unknown driver '" + name + "'");
    requireOptionsFor(name, it->second.info.options, request.options);
    return it->second.factory(request);
}

bool DriverRegistry::hasClock(const std::string& name) const { return m_clocks.count(name) != 0; }

std::shared_ptr<Clock> DriverRegistry::createClock(const std::string& name, SessionContext& session) const {
    auto it = m_clocks.find(name);
    if (it == m_clocks.end()) throw std::out_of_range("unknown clock '" + name + "'");
    return it->second.factory(session);
}

std::vector<DriverInfo> DriverRegistry::drivers() const {
    std::vector<DriverInfo> out;
    for (const auto& [name, entry] : m_drivers) out.push_back(entry.info);
    std::sort(out.begin(), out.end(), [](const DriverInfo& a, const DriverInfo& b) {
        return a.role != b.role ? a.role < b.role : a.name < b.name;
    });
    return out;
}

std::vector<std::pair<std::string, std::string>> DriverRegistry::clocks() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, entry] : m_clocks) out.emplace_back(name, entry.description);
    return out;
}

} // namespace v2gbench::core
