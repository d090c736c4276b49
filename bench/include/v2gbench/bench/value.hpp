#pragma once
// Run-time values of the plan expression language: a physical quantity, a boolean, a text, or a
// list of values.
#include "v2gbench/core/quantity.hpp"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace v2gbench::bench {

struct Value;
using ValueList = std::vector<Value>;

struct Value {
    std::variant<core::Quantity, bool, std::string, ValueList> data;

    Value() : data(core::Quantity{}) {}
    Value(core::Quantity q) : data(q) {}
    Value(bool b) : data(b) {}
    Value(std::string s) : data(std::move(s)) {}
    Value(ValueList l) : data(std::move(l)) {}

    bool isQuantity() const { return std::holds_alternative<core::Quantity>(data); }
    bool isBool() const { return std::holds_alternative<bool>(data); }
    bool isString() const { return std::holds_alternative<std::string>(data); }
    bool isList() const { return std::holds_alternative<ValueList>(data); }
    const core::Quantity& quantity() const { return std::get<core::Quantity>(data); }
    bool boolean() const { return std::get<bool>(data); }
    const std::string& string() const { return std::get<std::string>(data); }
    const ValueList& list() const { return std::get<ValueList>(data); }
};

// "400 V", "true", "charging", "[10 A, 30 A]" — for journals, reports and error messages.
std::string toDisplayString(const Value& v);

// Static type of an expression, known at validation time.
struct ValueType {
    enum class Kind { Quantity, Bool, String, List, Unknown } kind = Kind::Unknown;
    core::Dimension dimension{};   // for Quantity (and for the elements of a List of quantities)
    bool percent = false;          // a percentage (dimensionless fraction written with '%')
    Kind elementKind = Kind::Unknown; // for List

    static ValueType quantity(core::Dimension d, bool pct = false) { return {Kind::Quantity, d, pct, Kind::Unknown}; }
    static ValueType boolean() { return {Kind::Bool, {}, false, Kind::Unknown}; }
    static ValueType text() { return {Kind::String, {}, false, Kind::Unknown}; }
    static ValueType unknown() { return {}; }
};
std::string describe(const ValueType& t); // "a voltage (V)", "a boolean", "a text", "a list of currents (A)"

} // namespace v2gbench::bench
