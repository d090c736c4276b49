#include "yaml_source.hpp"

namespace v2gbench::bench {

YamlSource::YamlSource(const std::string& text, std::string file) : m_file(std::move(file)) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) {
            m_lines.push_back(text.substr(start));
            break;
        }
        m_lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
}

core::SourceLocation YamlSource::at(const YAML::Node& node, const core::SourceLocation& fallback) const {
    const YAML::Mark m = node.Mark();
    if (m.line < 0 || m.column < 0 || node.IsNull()) {
        if (fallback.line > 0) return fallback;
        if (m.line < 0 || m.column < 0) return {m_file, 0, 0};
    }
    return {m_file, m.line + 1, m.column + 1};
}

core::SourceLocation YamlSource::contentAt(const YAML::Node& node, const core::SourceLocation& fallback) const {
    core::SourceLocation loc = at(node, fallback);
    const YAML::Mark m = node.Mark();
    if (node.IsScalar() && m.line >= 0 && static_cast<std::size_t>(m.line) < m_lines.size()) {
        const std::string& line = m_lines[static_cast<std::size_t>(m.line)];
        const auto col = static_cast<std::size_t>(m.column);
        if (col < line.size() && (line[col] == '"' || line[col] == '\'')) loc.column += 1;
    }
    return loc;
}

std::string describeNode(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    default: return "nothing";
    }
}

} // namespace v2gbench::bench
