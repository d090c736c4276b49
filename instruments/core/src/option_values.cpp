#include "v2gbench/core/option_values.hpp"

namespace v2gbench::core {

namespace {

const char* kindName(OptionKind kind) {
    switch (kind) {
    case OptionKind::Duration: return "duration";
    case OptionKind::Number: return "number";
    case OptionKind::Integer: return "integer";
    case OptionKind::Text: return "string";
    case OptionKind::Choice: return "choice";
    case OptionKind::Boolean: return "boolean";
    }
    return "value";
}

} // namespace

bool OptionValues::has(std::string_view name) const { return m_entries.find(name) != m_entries.end(); }

bool OptionValues::given(std::string_view name) const {
    auto it = m_entries.find(name);
    return it != m_entries.end() && it->second.given;
}

const OptionValues::Entry& OptionValues::entry(std::string_view name, OptionKind kind, OptionKind alsoKind) const {
    const std::string who = m_owner.empty() ? std::string("unresolved options") : "options of " + m_owner;
    auto declared = m_declared.find(name);
    if (declared == m_declared.end())
        throw std::logic_error(who + ": '" + std::string(name) + "' is not declared");
    if (declared->second != kind && declared->second != alsoKind)
        throw std::logic_error(who + ": '" + std::string(name) + "' is a " + kindName(declared->second) +
                               ", read as a " + kindName(kind));
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw std::logic_error(who + ": '" + std::string(name) + "' has no default and was not given; check has() first");
    return it->second;
}

units::Seconds OptionValues::duration(std::string_view name) const {
    return units::Seconds(std::get<double>(entry(name, OptionKind::Duration, OptionKind::Duration).value));
}

double OptionValues::number(std::string_view name) const {
    return std::get<double>(entry(name, OptionKind::Number, OptionKind::Number).value);
}

std::int64_t OptionValues::integer(std::string_view name) const {
    return std::get<std::int64_t>(entry(name, OptionKind::Integer, OptionKind::Integer).value);
}

const std::string& OptionValues::text(std::string_view name) const {
    return std::get<std::string>(entry(name, OptionKind::Text, OptionKind::Choice).value);
}

bool OptionValues::boolean(std::string_view name) const {
    return std::get<bool>(entry(name, OptionKind::Boolean, OptionKind::Boolean).value);
}

std::map<std::string, std::string> OptionValues::asText() const {
    std::map<std::string, std::string> out;
    for (const auto& [name, e] : m_entries) out[name] = e.text;
    return out;
}

OptionValues resolveOptions(const std::string& owner, const OptionDeclaration& declaration,
                            const std::map<std::string, std::string>& given) {
    OptionValues values;
    values.m_owner = owner;
    values.m_resolved = true;
    for (const auto& [name, text] : given) {
        const auto* spec = declaration.find(name);
        if (!spec) {
            if (declaration.empty())
                throw OptionError(name, OptionError::Part::Name, 0,
                                  owner + " takes no options (found '" + name + "')");
            const auto hint = declaration.suggest(name);
            throw OptionError(name, OptionError::Part::Name, 0,
                              owner + " has no option '" + name + "'" +
                                  (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                  "; its options: " + declaration.summary());
        }
        auto parsed = parseOptionValue(*spec, text);
        if (!parsed.value)
            throw OptionError(name, OptionError::Part::Value, parsed.errorOffset,
                              owner + ": option '" + name + "': " + parsed.error);
        values.m_entries.emplace(name, OptionValues::Entry{spec->kind, std::move(*parsed.value), text, true});
    }
    for (const auto& spec : declaration.specs()) {
        values.m_declared.emplace(spec.name, spec.kind);
        if (values.m_entries.count(spec.name) || !spec.defaultText) continue;
        // The declaration checked its defaults when it was made.
        auto parsed = parseOptionValue(spec, *spec.defaultText);
        values.m_entries.emplace(spec.name, OptionValues::Entry{spec.kind, std::move(*parsed.value), *spec.defaultText, false});
    }
    return values;
}

} // namespace v2gbench::core
