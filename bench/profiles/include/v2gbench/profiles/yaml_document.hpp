#pragma once
// The one way the bench turns YAML text into nodes. yaml-cpp recurses once per nesting
// level and our loaders walk aliases as often as they are used, so a hostile or mistyped file could
// overflow the stack or expand exponentially; the text is checked against the bench's own bounds
// first, and every refusal names the file, line and column.
#include "v2gbench/core/errors.hpp"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace v2gbench::bench {

// The bench's own limits (not a standard's), documented in docs/plan-format.md.
inline constexpr std::size_t kMaxYamlDocumentBytes = 4 * 1024 * 1024;
inline constexpr int kMaxYamlNesting = 64;                 // block and flow levels together
inline constexpr std::size_t kMaxYamlExpandedNodes = 200000; // nodes after aliases are expanded

// Parses one YAML document. Throws core::ConfigError at file:line:column for a syntax error, a
// document over kMaxYamlDocumentBytes, nesting deeper than kMaxYamlNesting or more than
// kMaxYamlExpandedNodes nodes once aliases are expanded.
YAML::Node parseBoundedYaml(const std::string& text, const std::string& file);

} // namespace v2gbench::bench
