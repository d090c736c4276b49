#include "v2gbench/bench/requirement_catalogue.hpp"

#include "v2gbench/profiles/profile_yaml.hpp"

#include <algorithm>
#include <filesystem>

namespace v2gbench::bench {

namespace py = profile_yaml;

void RequirementSet::loadFile(const std::string& path) {
    const auto root = py::loadFile(path, "a requirement catalogue");
    py::requireMap(root, path, "a requirement catalogue");
    py::checkKeys(root, path, {"catalogue", "standard", "title", "description", "requirements"});
    const auto name = py::text(py::required(root, "catalogue", path, "a requirement catalogue"), path);
    const auto standard = root["standard"] ? py::text(root["standard"], path) : name;
    const auto list = py::required(root, "requirements", path, "a requirement catalogue");
    if (!list.IsSequence()) throw core::ConfigError(py::at(list, path), "requirements must be a list");
    for (const auto& node : list) {
        py::requireMap(node, path, "a requirement");
        py::checkKeys(node, path, {"id", "clause", "title", "summary", "limits", "provisional", "source"});
        Requirement r;
        r.catalogue = name;
        r.standard = standard;
        r.id = py::text(py::required(node, "id", path, "a requirement"), path);
        if (find(r.id))
            throw core::ConfigError(py::at(node["id"], path), "requirement '" + r.id + "' is defined twice");
        if (node["clause"]) r.clause = py::text(node["clause"], path);
        if (node["title"]) r.title = py::text(node["title"], path);
        if (node["summary"]) r.summary = py::text(node["summary"], path);
        if (node["provisional"]) r.provisional = py::boolean(node["provisional"], path);
        if (node["source"]) r.source = py::text(node["source"], path);
        if (const auto limits = node["limits"]) {
            py::requireMap(limits, path, "limits");
            for (const auto& kv : limits) {
                py::anyQuantity(kv.second, path); // a default limit must be a well-formed quantity
                r.limits[kv.first.as<std::string>()] = py::text(kv.second, path);
            }
        }
        m_requirements.push_back(std::move(r));
    }
    m_files.push_back(path);
}

void RequirementSet::loadFolder(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
    if (ec) throw core::ConfigError({folder, 0, 0}, "cannot read the requirement folder: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) loadFile(f.string());
}

const Requirement* RequirementSet::find(const std::string& id) const {
    for (const auto& r : m_requirements)
        if (r.id == id) return &r;
    return nullptr;
}

} // namespace v2gbench::bench
