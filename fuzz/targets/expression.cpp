// bench::Expression (parse, names, typeCheck, evaluate) and TextTemplate. The first byte picks
// the entry point; the rest is the text. core::ConfigError (parse, type check) and
// bench::EvaluationError (evaluate) are the expected answers to bad input.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/expression.hpp"

#include <optional>

namespace v2gbench::fuzz {

namespace {

using bench::Value;
using bench::ValueType;
using core::Dimension;
using core::Quantity;

// A few names of each kind, as plans use them.
std::optional<ValueType> typeOf(const std::string& name) {
    if (name.rfind("dut.", 0) == 0) return bench::DutProfile::typeOf(name);
    if (name == "current" || name == "analyzer.dc_current") return ValueType::quantity(Dimension::current());
    if (name == "voltage" || name == "battery_voltage") return ValueType::quantity(Dimension::voltage());
    if (name == "power") return ValueType::quantity(Dimension::power());
    if (name == "bench.time") return ValueType::quantity(Dimension::time());
    if (name == "tolerance") return ValueType::quantity(Dimension::none(), true);
    if (name == "ev.phase") return ValueType::text();
    if (name == "dut.bidirectional" || name == "flag") return ValueType::boolean();
    return std::nullopt;
}

std::optional<Value> valueOf(const std::string& name) {
    const auto t = typeOf(name);
    if (!t) return std::nullopt;
    switch (t->kind) {
    case ValueType::Kind::Quantity: return Value(Quantity{0.25, t->dimension, t->percent, false});
    case ValueType::Kind::Bool: return Value(true);
    case ValueType::Kind::String: return Value(std::string("charging"));
    default: return std::nullopt;
    }
}

} // namespace

int fuzzExpression(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string text(asText(data + 1, size - 1));
    const core::SourceLocation where{"fuzz.yaml", 3, 7};
    if (data[0] & 1) {
        try {
            const auto t = bench::TextTemplate::parse(text, where);
            (void)t.names();
            t.typeCheck(typeOf);
            (void)t.render(valueOf);
        } catch (const core::ConfigError&) {
        } catch (const bench::EvaluationError&) {
        }
        return 0;
    }
    bench::Expression e;
    try {
        e = bench::Expression::parse(text, where);
    } catch (const core::ConfigError&) {
        return 0;
    }
    (void)e.names();
    std::optional<ValueType> type;
    try {
        type = e.typeCheck(typeOf);
    } catch (const core::ConfigError&) {
    }
    try {
        const Value v = e.evaluate(valueOf);
        (void)bench::toDisplayString(v);
        if (type) {
            // What the type check promised is what evaluation gives.
            const bool same = (type->kind == ValueType::Kind::Quantity && v.isQuantity()) ||
                              (type->kind == ValueType::Kind::Bool && v.isBool()) ||
                              (type->kind == ValueType::Kind::String && v.isString()) ||
                              (type->kind == ValueType::Kind::List && v.isList()) ||
                              type->kind == ValueType::Kind::Unknown;
            require(same, "Expression: '" + text + "' type-checks as " + bench::describe(*type) + " but evaluates to " +
                              bench::toDisplayString(v));
        }
    } catch (const bench::EvaluationError&) {
    }
    return 0;
}

} // namespace v2gbench::fuzz
