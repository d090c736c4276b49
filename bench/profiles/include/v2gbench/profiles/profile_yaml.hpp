#pragma once
// Small helpers shared by the profile and catalogue loaders: source locations from YAML marks,
// key checking with "did you mean", and typed quantity fields. Each throws core::ConfigError
// at the offending node.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/quantity.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

namespace v2gbench::bench::profile_yaml {

core::SourceLocation at(const YAML::Node& node, const std::string& file);

// The text of a profile or catalogue: a regular file under kInputFileMaxBytes, else a ConfigError
// at the file ("not a regular file (a FIFO)", "… larger than the 4 MiB limit for <what>").
std::string readText(const std::string& path, const std::string& what);
// Parses text read by readText; a syntax error becomes a ConfigError at its line:column.
YAML::Node parse(const std::string& text, const std::string& path);
// readText + parse, for loaders that keep no copy of the text.
YAML::Node loadFile(const std::string& path, const std::string& what);

void requireMap(const YAML::Node& node, const std::string& file, const std::string& what);
// Every key must be in `allowed`; the first unknown one throws, with a suggestion.
void checkKeys(const YAML::Node& map, const std::string& file, std::initializer_list<const char*> allowed);
YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& file, const std::string& what);

std::string text(const YAML::Node& node, const std::string& file);
bool boolean(const YAML::Node& node, const std::string& file);
int integer(const YAML::Node& node, const std::string& file);
// A quantity with the given dimension ("400 V"); a missing or wrong unit is an error.
double quantity(const YAML::Node& node, const std::string& file, core::Dimension expected);
// A quantity of any dimension (percent allowed), e.g. an uncertainty term.
core::Quantity anyQuantity(const YAML::Node& node, const std::string& file);

} // namespace v2gbench::bench::profile_yaml
