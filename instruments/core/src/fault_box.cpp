#include "v2gbench/core/roles/fault_box.hpp"

namespace v2gbench::core {

namespace {
struct LineName {
    CouplerLine line;
    const char* name;
};
constexpr LineName kLineNames[] = {
    {CouplerLine::SwitchS, "s"}, {CouplerLine::Cc1, "cc1"}, {CouplerLine::Cc2, "cc2"},
    {CouplerLine::Pe, "pe"},     {CouplerLine::CanH, "s+"}, {CouplerLine::CanL, "s-"},
};
struct PlaceName {
    InsulationFaultPlace place;
    const char* name;
};
constexpr PlaceName kPlaceNames[] = {
    {InsulationFaultPlace::None, "none"},
    {InsulationFaultPlace::PositiveToPe, "dc+/pe"},
    {InsulationFaultPlace::NegativeToPe, "dc-/pe"},
    {InsulationFaultPlace::Both, "both"},
};
} // namespace

std::string toString(CouplerLine line) {
    for (const auto& n : kLineNames)
        if (n.line == line) return n.name;
    return "?";
}

std::optional<CouplerLine> couplerLineFromString(const std::string& text) {
    for (const auto& n : kLineNames)
        if (text == n.name) return n.line;
    return std::nullopt;
}

std::string toString(LineState state) {
    switch (state) {
    case LineState::Closed: return "closed";
    case LineState::Open: return "open";
    case LineState::Shorted: return "shorted";
    }
    return "?";
}

std::string toString(InsulationFaultPlace place) {
    for (const auto& n : kPlaceNames)
        if (n.place == place) return n.name;
    return "?";
}

std::optional<InsulationFaultPlace> insulationFaultPlaceFromString(const std::string& text) {
    for (const auto& n : kPlaceNames)
        if (text == n.name) return n.place;
    return std::nullopt;
}

} // namespace v2gbench::core
