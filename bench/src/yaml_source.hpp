#pragma once
// Private: reading yaml-cpp nodes with file:line:column locations, for the plan loader.
#include "v2gbench/core/errors.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace v2gbench::bench {

// The source text, kept to locate nodes precisely (yaml-cpp marks point at a quoted scalar's
// opening quote; expressions need the column of their first character).
class YamlSource {
public:
    YamlSource(const std::string& text, std::string file);

    const std::string& file() const { return m_file; }
    // Location of a node (1-based); `fallback` when yaml-cpp has no mark for it (an empty value).
    core::SourceLocation at(const YAML::Node& node, const core::SourceLocation& fallback = {}) const;
    // Location of a scalar's first content character (past an opening quote).
    core::SourceLocation contentAt(const YAML::Node& node, const core::SourceLocation& fallback = {}) const;
    core::SourceLocation at(int line, int column) const { return {m_file, line, column}; }

private:
    std::string m_file;
    std::vector<std::string> m_lines;
};

// "a map", "a list", "a text", "nothing": for "must be X, got Y" messages.
std::string describeNode(const YAML::Node& node);

struct MapEntry {
    std::string key;
    YAML::Node keyNode;
    YAML::Node value;
};

} // namespace v2gbench::bench
