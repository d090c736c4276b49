#include "v2gbench/profiles/profile_yaml.hpp"

#include "v2gbench/profiles/input_limits.hpp"
#include "v2gbench/profiles/yaml_document.hpp"

#include "v2gbench/core/closest_match.hpp"

#include <vector>

namespace v2gbench::bench::profile_yaml {

core::SourceLocation at(const YAML::Node& node, const std::string& file) {
    const auto mark = node.Mark();
    if (mark.line < 0) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

std::string readText(const std::string& path, const std::string& what) {
    try {
        return core::readRegularFile(path, kInputFileMaxBytes, what);
    } catch (const core::FileReadError& e) {
        // The reader's message starts with the path; the ConfigError puts it in front again.
        std::string message = e.what();
        if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
        throw core::ConfigError({path, 0, 0}, message);
    }
}

YAML::Node parse(const std::string& text, const std::string& path) { return parseBoundedYaml(text, path); }

YAML::Node loadFile(const std::string& path, const std::string& what) { return parse(readText(path, what), path); }

void requireMap(const YAML::Node& node, const std::string& file, const std::string& what) {
    if (!node.IsMap()) throw core::ConfigError(at(node, file), what + " must be a mapping of keys to values");
}

void checkKeys(const YAML::Node& map, const std::string& file, std::initializer_list<const char*> allowed) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& kv : map) {
        const auto key = kv.first.as<std::string>();
        bool known = false;
        for (const auto& n : names) known = known || n == key;
        if (known) continue;
        std::string hint = core::closestMatch(key, names);
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw core::ConfigError(at(kv.first, file), "unknown key '" + key + "'" +
                                                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                                        "; expected one of: " + list);
    }
}

YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& file, const std::string& what) {
    auto node = map[key];
    if (!node) throw core::ConfigError(at(map, file), what + " needs the key '" + key + "'");
    return node;
}

std::string text(const YAML::Node& node, const std::string& file) {
    if (!node.IsScalar()) throw core::ConfigError(at(node, file), "expected a text value");
    return node.Scalar();
}

bool boolean(const YAML::Node& node, const std::string& file) {
    const auto s = text(node, file);
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    throw core::ConfigError(at(node, file), "expected true or false, found '" + s + "'");
}

int integer(const YAML::Node& node, const std::string& file) {
    const auto s = text(node, file);
    try {
        std::size_t used = 0;
        int v = std::stoi(s, &used);
        if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
    throw core::ConfigError(at(node, file), "expected a whole number, found '" + s + "'");
}

core::Quantity anyQuantity(const YAML::Node& node, const std::string& file) {
    const auto s = text(node, file);
    auto parsed = core::parseQuantity(s);
    if (!parsed.quantity) {
        auto where = at(node, file);
        if (where.column > 0) where.column += static_cast<int>(parsed.errorOffset);
        throw core::ConfigError(where, parsed.error);
    }
    return *parsed.quantity;
}

double quantity(const YAML::Node& node, const std::string& file, core::Dimension expected) {
    const auto q = anyQuantity(node, file);
    if (q.percent || !(q.dimension == expected)) {
        const auto found = q.percent ? std::string("a percentage") : core::describe(q.dimension);
        throw core::ConfigError(at(node, file), "expected " + core::describe(expected) + ", found " + found + " ('" +
                                                    node.Scalar() + "')" +
                                                    (q.dimension.dimensionless() && !q.percent
                                                         ? " — add a unit, e.g. '" + node.Scalar() + " " +
                                                               core::unitSymbol(expected) + "'"
                                                         : ""));
    }
    return q.value;
}

} // namespace v2gbench::bench::profile_yaml
