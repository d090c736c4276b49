#pragma once
// The typed option values one driver or lab control receives (DriverRequest::options): the
// options its bench profile binding gives, checked against the entry's OptionDeclaration, with
// the declared defaults filled in. Drivers read them by name and type; reading a name that was
// not declared, or with another type, is a programming error (std::logic_error).
#include "v2gbench/core/option_declaration.hpp"
#include "v2gbench/core/units.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace v2gbench::core {

// A given option that the declaration refuses. The message names the owner (driver or lab
// control), the option, what was expected and — for an unknown name — every known option.
class OptionError : public std::invalid_argument {
public:
    enum class Part { Name, Value }; // where in the profile the problem is: the key or its value
    OptionError(std::string option, Part part, std::size_t valueOffset, const std::string& message)
        : std::invalid_argument(message), m_option(std::move(option)), m_part(part), m_valueOffset(valueOffset) {}
    const std::string& option() const { return m_option; }
    Part part() const { return m_part; }
    std::size_t valueOffset() const { return m_valueOffset; } // into the value text, for Part::Value

private:
    std::string m_option;
    Part m_part;
    std::size_t m_valueOffset;
};

class OptionValues {
public:
    // Resolved for no one: DriverRegistry::createDriver fills in the driver's defaults.
    OptionValues() = default;

    bool resolved() const { return m_resolved; }
    const std::string& owner() const { return m_owner; } // the driver or lab control resolved for

    // True when the option was given or has a default (an option without a default may be unset).
    bool has(std::string_view name) const;
    // True when the bench profile gave it.
    bool given(std::string_view name) const;

    units::Seconds duration(std::string_view name) const;
    double number(std::string_view name) const; // SI value of a Number option
    std::int64_t integer(std::string_view name) const;
    const std::string& text(std::string_view name) const; // Text or Choice
    bool boolean(std::string_view name) const;

    // Every set option as text, e.g. {"timeout", "500 ms"} (as given, or the declared default).
    std::map<std::string, std::string> asText() const;

private:
    friend OptionValues resolveOptions(const std::string&, const OptionDeclaration&,
                                       const std::map<std::string, std::string>&);
    struct Entry {
        OptionKind kind;
        OptionValue value;
        std::string text;
        bool given;
    };
    // The entry of a declared, set option of one of the kinds; std::logic_error otherwise.
    const Entry& entry(std::string_view name, OptionKind kind, OptionKind alsoKind) const;

    std::string m_owner;
    bool m_resolved = false;
    std::map<std::string, OptionKind, std::less<>> m_declared;
    std::map<std::string, Entry, std::less<>> m_entries;
};

// Checks `given` (name -> value as written) against `declaration` and applies the defaults.
// Throws OptionError for an unknown name, a value of the wrong type or unit, or out of bounds;
// `owner` ("zes-lmg600") starts the message.
OptionValues resolveOptions(const std::string& owner, const OptionDeclaration& declaration,
                            const std::map<std::string, std::string>& given);

} // namespace v2gbench::core
