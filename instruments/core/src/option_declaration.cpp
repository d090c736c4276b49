#include "v2gbench/core/option_declaration.hpp"

#include "v2gbench/core/closest_match.hpp"
#include "v2gbench/core/quantity.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace v2gbench::core {

namespace option {

OptionSpec duration(std::string name, std::optional<std::string> defaultText, std::string min, std::string max,
                    std::string description) {
    return {std::move(name), OptionKind::Duration, Dimension::time(), std::move(defaultText),
            std::move(min),  std::move(max),       {},                std::move(description)};
}

OptionSpec number(std::string name, Dimension dimension, std::optional<std::string> defaultText, std::string min,
                  std::string max, std::string description) {
    return {std::move(name), OptionKind::Number, dimension, std::move(defaultText),
            std::move(min),  std::move(max),     {},        std::move(description)};
}

OptionSpec integer(std::string name, std::optional<std::int64_t> defaultValue, std::int64_t min, std::int64_t max,
                   std::string description) {
    std::optional<std::string> defaultText;
    if (defaultValue) defaultText = std::to_string(*defaultValue);
    return {std::move(name),     OptionKind::Integer, Dimension::none(), std::move(defaultText),
            std::to_string(min), std::to_string(max), {},                std::move(description)};
}

OptionSpec text(std::string name, std::optional<std::string> defaultText, std::string description) {
    return {std::move(name), OptionKind::Text, Dimension::none(), std::move(defaultText), {}, {}, {},
            std::move(description)};
}

OptionSpec choice(std::string name, std::vector<std::string> choices, std::optional<std::string> defaultText,
                  std::string description) {
    return {std::move(name), OptionKind::Choice, Dimension::none(), std::move(defaultText), {}, {},
            std::move(choices), std::move(description)};
}

OptionSpec boolean(std::string name, std::optional<bool> defaultValue, std::string description) {
    std::optional<std::string> defaultText;
    if (defaultValue) defaultText = *defaultValue ? "true" : "false";
    return {std::move(name), OptionKind::Boolean, Dimension::none(), std::move(defaultText), {}, {}, {},
            std::move(description)};
}

} // namespace option

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The kind's name without the article describe() puts in front ("a time (s)" -> "time (s)").
std::string dimensionName(Dimension d) {
    std::string s = describe(d);
    for (const char* article : {"a ", "an "})
        if (s.rfind(article, 0) == 0) return s.substr(std::string_view(article).size());
    return s;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string bounds(const OptionSpec& spec) {
    if (spec.minText.empty() && spec.maxText.empty()) return "";
    return spec.minText + ".." + spec.maxText;
}

// The quantity in `text` with the spec's dimension, as SI; an error names what was expected.
OptionValueParse parseMeasure(const OptionSpec& spec, std::string_view text) {
    OptionValueParse out;
    const auto parsed = parseQuantity(text);
    if (!parsed.quantity) {
        out.error = parsed.error;
        out.errorOffset = parsed.errorOffset;
        return out;
    }
    const auto& q = *parsed.quantity;
    const std::string example = spec.defaultText ? *spec.defaultText : spec.maxText;
    if (q.plusMinus || q.percent || !(q.dimension == spec.dimension)) {
        const std::string found = q.percent ? "a percentage" : q.dimension.dimensionless() ? "a number without a unit"
                                                                                           : describe(q.dimension);
        out.error = "expected a " + describeKind(spec) + " with its unit, e.g. " + quoted(example) + "; found " + found +
                    " (" + quoted(trimmed(text)) + ")";
        return out;
    }
    out.value = q.value;
    return out;
}

OptionValueParse parseInteger(std::string_view text) {
    OptionValueParse out;
    const auto t = trimmed(text);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
        out.error = "expected a whole number, found " + quoted(t);
        return out;
    }
    out.value = v;
    return out;
}

double numeric(const OptionValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return static_cast<double>(std::get<std::int64_t>(v));
}

// The bound as a value of the spec's kind; a logic_error when the registration wrote it wrongly.
double bound(const OptionSpec& spec, const std::string& text) {
    const auto parsed = spec.kind == OptionKind::Integer ? parseInteger(text) : parseMeasure(spec, text);
    if (!parsed.value)
        throw std::logic_error("option '" + spec.name + "': bound " + quoted(text) + " does not parse: " + parsed.error);
    return numeric(*parsed.value);
}

} // namespace

OptionValueParse parseOptionValue(const OptionSpec& spec, std::string_view text) {
    OptionValueParse out;
    const auto t = trimmed(text);
    switch (spec.kind) {
    case OptionKind::Duration:
    case OptionKind::Number:
    case OptionKind::Integer: {
        out = spec.kind == OptionKind::Integer ? parseInteger(text) : parseMeasure(spec, text);
        if (!out.value) return out;
        const double v = numeric(*out.value);
        const bool below = !spec.minText.empty() && v < bound(spec, spec.minText);
        const bool above = !spec.maxText.empty() && v > bound(spec, spec.maxText);
        if (below || above) {
            out.value.reset();
            out.error = quoted(t) + " is outside " + bounds(spec);
        }
        return out;
    }
    case OptionKind::Text:
        if (t.empty()) out.error = "expected a non-empty string";
        else out.value = std::string(t);
        return out;
    case OptionKind::Choice:
        if (std::find(spec.choices.begin(), spec.choices.end(), t) != spec.choices.end()) out.value = std::string(t);
        else out.error = quoted(t) + " is not " + describeKind(spec);
        return out;
    case OptionKind::Boolean:
        if (t == "true" || t == "yes") out.value = true;
        else if (t == "false" || t == "no") out.value = false;
        else out.error = "expected true or false, found " + quoted(t);
        return out;
    }
    out.error = "unhandled option kind";
    return out;
}

std::string describeKind(const OptionSpec& spec) {
    switch (spec.kind) {
    case OptionKind::Duration: return "duration";
    case OptionKind::Number: return dimensionName(spec.dimension);
    case OptionKind::Integer: return "whole number";
    case OptionKind::Text: return "string";
    case OptionKind::Choice: {
        std::string s = "one of: ";
        for (std::size_t i = 0; i < spec.choices.size(); ++i) s += (i ? ", " : "") + spec.choices[i];
        return s;
    }
    case OptionKind::Boolean: return "true or false";
    }
    return "value";
}

std::string describeOption(const OptionSpec& spec) {
    std::string s = spec.name + ": " + describeKind(spec);
    if (const auto b = bounds(spec); !b.empty()) s += " " + b;
    s += spec.defaultText ? ", default " + *spec.defaultText : ", unset by default";
    return s + " — " + spec.description;
}

OptionDeclaration::OptionDeclaration(std::initializer_list<OptionSpec> specs)
    : OptionDeclaration(std::vector<OptionSpec>(specs)) {}

OptionDeclaration::OptionDeclaration(std::vector<OptionSpec> specs) : m_specs(std::move(specs)) {
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        const auto& spec = m_specs[i];
        if (spec.name.empty()) throw std::logic_error("an option needs a name");
        for (std::size_t j = 0; j < i; ++j)
            if (m_specs[j].name == spec.name) throw std::logic_error("option '" + spec.name + "' declared twice");
        if (spec.kind == OptionKind::Choice && spec.choices.empty())
            throw std::logic_error("option '" + spec.name + "' offers no choices");
        if (spec.kind == OptionKind::Duration || spec.kind == OptionKind::Number || spec.kind == OptionKind::Integer) {
            if (spec.minText.empty() || spec.maxText.empty())
                throw std::logic_error("option '" + spec.name + "' needs both bounds");
            if (bound(spec, spec.minText) > bound(spec, spec.maxText))
                throw std::logic_error("option '" + spec.name + "': bounds " + bounds(spec) + " are reversed");
        }
        if (spec.defaultText) {
            const auto parsed = parseOptionValue(spec, *spec.defaultText);
            if (!parsed.value)
                throw std::logic_error("option '" + spec.name + "': default " + quoted(*spec.defaultText) +
                                       " is invalid: " + parsed.error);
        }
    }
}

const OptionSpec* OptionDeclaration::find(std::string_view name) const {
    for (const auto& spec : m_specs)
        if (spec.name == name) return &spec;
    return nullptr;
}

OptionDeclaration OptionDeclaration::plus(const OptionDeclaration& more) const {
    auto all = m_specs;
    all.insert(all.end(), more.m_specs.begin(), more.m_specs.end());
    return OptionDeclaration(std::move(all));
}

std::string OptionDeclaration::summary() const {
    if (m_specs.empty()) return "none";
    std::string s;
    for (const auto& spec : m_specs) s += (s.empty() ? "" : ", ") + spec.name + " (" + describeKind(spec) + ")";
    return s;
}

std::string OptionDeclaration::suggest(std::string_view name) const {
    std::string best;
    std::size_t bestDistance = 4; // further than 3 edits is not a typo
    for (const auto& spec : m_specs) {
        const auto d = editDistance(name, spec.name);
        // Demand that some of the word survives: a short word is "close" to anything.
        if (d < bestDistance && d < std::max(name.size(), spec.name.size())) {
            best = spec.name;
            bestDistance = d;
        }
    }
    return best;
}

} // namespace v2gbench::core
