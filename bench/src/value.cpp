#include "v2gbench/bench/value.hpp"

#include <cstdio>

namespace v2gbench::bench {

namespace {

std::string formatPlain(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// "a current rate (A/s)" -> "current rates (A/s)": the noun to pluralise is the one just before
// the unit in parentheses (or before " in ", or the last word).
std::string plural(std::string singular) {
    if (singular.rfind("a ", 0) == 0) singular.erase(0, 2);
    else if (singular.rfind("an ", 0) == 0) singular.erase(0, 3);
    std::size_t end = singular.find(" (");
    if (end == std::string::npos) end = singular.find(" in ");
    if (end == std::string::npos) end = singular.size();
    const std::string head = singular.substr(0, end);
    const std::string tail = singular.substr(end);
    if (head.size() >= 2 && head.back() == 'y' && std::string("aeiou").find(head[head.size() - 2]) == std::string::npos)
        return head.substr(0, head.size() - 1) + "ies" + tail;
    return head + "s" + tail;
}

std::string describeQuantity(core::Dimension d, bool percent) {
    if (percent) return "a percentage (%)";
    return core::describe(d);
}

} // namespace

std::string toDisplayString(const Value& v) {
    if (v.isBool()) return v.boolean() ? "true" : "false";
    if (v.isString()) return v.string();
    if (v.isList()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.list().size(); ++i) {
            if (i > 0) out += ", ";
            out += toDisplayString(v.list()[i]);
        }
        return out + "]";
    }
    const core::Quantity& q = v.quantity();
    const std::string sign = q.plusMinus ? "\xC2\xB1" : "";
    if (q.percent) return sign + formatPlain(q.value * 100.0) + " %";
    if (q.dimension.dimensionless()) return sign + formatPlain(q.value);
    return sign + core::formatQuantity(q.value, q.dimension);
}

std::string describe(const ValueType& t) {
    using Kind = ValueType::Kind;
    switch (t.kind) {
    case Kind::Quantity: return describeQuantity(t.dimension, t.percent);
    case Kind::Bool: return "a boolean";
    case Kind::String: return "a text";
    case Kind::Unknown: return "a value of unknown type";
    case Kind::List:
        switch (t.elementKind) {
        case Kind::Quantity: return "a list of " + plural(describeQuantity(t.dimension, t.percent));
        case Kind::Bool: return "a list of booleans";
        case Kind::String: return "a list of texts";
        default: return "an empty list";
        }
    }
    return "a value";
}

} // namespace v2gbench::bench
