#include "v2gbench/transports/scpi_dialect.hpp"

#include <stdexcept>

namespace v2gbench::transports {

std::string ScpiCommandSpec::command(const std::string& arg, int suffix) const {
    std::string text = header.shortText(suffix);
    if (!arg.empty()) text += " " + arg;
    return text;
}

std::string ScpiCommandSpec::query(int suffix) const { return header.shortText(suffix) + "?"; }

const ScpiCommandSpec* ScpiDialect::find(std::string_view operation) const {
    for (const auto& c : commands)
        if (c.operation == operation) return &c;
    return nullptr;
}

const ScpiCommandSpec& ScpiDialect::at(std::string_view operation) const {
    if (const auto* c = find(operation)) return *c;
    throw std::logic_error("SCPI dialect " + name + " has no operation '" + std::string(operation) + "'");
}

} // namespace v2gbench::transports
