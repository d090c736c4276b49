#pragma once
// What options a driver, or a lab control, takes: one declaration per registry entry, the single
// source for the bench profile's validation, the values the driver reads, and `v2gbench list
// drivers`. Each option has a name, a type (a duration or a number with its unit, an integer, a
// string, one of a list of choices, true/false), an optional default, inclusive bounds and a
// one-line description. Values are written as in a bench profile ("500 ms", "20 kHz", "3",
// "true") and parsed by core's quantity parser; nothing is clamped: a value out of bounds is an
// error.
#include "v2gbench/core/dimension.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace v2gbench::core {

enum class OptionKind { Duration, Number, Integer, Text, Choice, Boolean };

struct OptionSpec {
    std::string name;
    OptionKind kind = OptionKind::Text;
    Dimension dimension{};                  // Duration: time; Number: its dimension; else none
    std::optional<std::string> defaultText; // as a profile would write it; none: unset unless given
    std::string minText, maxText;           // inclusive bounds as written (Duration, Number, Integer)
    std::vector<std::string> choices;       // Choice
    std::string description;                // one line
};

// The factories every registration uses. Bounds are written like values ("1 ms", "10 min").
namespace option {
OptionSpec duration(std::string name, std::optional<std::string> defaultText, std::string min, std::string max,
                    std::string description);
OptionSpec number(std::string name, Dimension dimension, std::optional<std::string> defaultText, std::string min,
                  std::string max, std::string description);
OptionSpec integer(std::string name, std::optional<std::int64_t> defaultValue, std::int64_t min, std::int64_t max,
                   std::string description);
OptionSpec text(std::string name, std::optional<std::string> defaultText, std::string description);
OptionSpec choice(std::string name, std::vector<std::string> choices, std::optional<std::string> defaultText,
                  std::string description);
OptionSpec boolean(std::string name, std::optional<bool> defaultValue, std::string description);
} // namespace option

// A parsed value: seconds or SI value (Duration, Number), integer, text (Text, Choice), bool.
using OptionValue = std::variant<double, std::int64_t, std::string, bool>;

struct OptionValueParse {
    std::optional<OptionValue> value;
    std::string error;           // empty on success; says what was expected and what was found
    std::size_t errorOffset = 0; // character offset into the text where the problem starts
};

// Parses one value against its spec, bounds and choices included.
OptionValueParse parseOptionValue(const OptionSpec& spec, std::string_view text);

// "duration", "frequency (Hz)", "integer", "string", "one of: a, b", "true or false".
std::string describeKind(const OptionSpec& spec);
// "timeout: duration 1 ms..10 min, default 2 s — reply timeout of every query" (for listings).
std::string describeOption(const OptionSpec& spec);

class OptionDeclaration {
public:
    OptionDeclaration() = default; // takes no options
    // Throws std::logic_error for a duplicate name, an empty choice list, or bounds or a default
    // that do not parse or lie outside the bounds: a registration bug, found when it registers.
    OptionDeclaration(std::initializer_list<OptionSpec> specs);
    explicit OptionDeclaration(std::vector<OptionSpec> specs);

    const OptionSpec* find(std::string_view name) const;
    const std::vector<OptionSpec>& specs() const { return m_specs; }
    bool empty() const { return m_specs.empty(); }
    // This declaration followed by `more` (checked like the constructor).
    OptionDeclaration plus(const OptionDeclaration& more) const;
    // "timeout (duration), check_errors (true or false)"; "none" when empty.
    std::string summary() const;
    // The declared name closest to `name` (a likely typo), or empty.
    std::string suggest(std::string_view name) const;

private:
    std::vector<OptionSpec> m_specs;
};

} // namespace v2gbench::core
