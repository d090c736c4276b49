#pragma once
// The plan expression language: small, safe, never code execution.
//
//   literals     400 V   7.4 kW   250 ms   ±0.5 %   0.3   'charging'   "charging"   true   false   [10 A, 30 A]
//   names        battery_voltage   current   dut.dc.max_current   analyzer.dc_current   ev.phase
//   arithmetic   + - * /   unary -          (dimensions are tracked: V * A is a power; V + A is an error)
//   comparison   < <= > >= == !=            (operands of the same dimension, or two texts, or two booleans)
//   logic        && || !   and or not
//   conditional  cond ? a : b
//   functions    min(a, b, ...)  max(a, b, ...)  abs(x)
//
// A percentage is a dimensionless fraction in arithmetic (10 % * 400 V = 40 V) and keeps its '%'
// flag when it stands alone, so a tolerance "1 %" can be read as relative to the nominal value.
#include "v2gbench/bench/value.hpp"
#include "v2gbench/core/errors.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct ExprNode; // defined in the implementation

// A name that an expression refers to, with where it stands in the source file.
struct NameReference {
    std::string name;
    core::SourceLocation where;
};

// Resolves names at evaluation time. Returns nullopt for an unknown name.
using NameLookup = std::function<std::optional<Value>(const std::string& name)>;
// Resolves names at validation time to their static type. Returns nullopt for an unknown name.
using TypeLookup = std::function<std::optional<ValueType>(const std::string& name)>;

// Evaluation failed (unknown name at run time, dimension mismatch with a value known only then,
// division by zero). The message names the expression and its location.
class EvaluationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The bench's own bounds on one expression (not a standard's): deeper or longer text is a file:line
// error, so no plan can overflow the parser's or the evaluator's stack or take long to parse.
inline constexpr std::size_t kMaxExpressionLength = 4096; // characters
inline constexpr int kMaxExpressionDepth = 64;            // nesting levels of the syntax tree

class Expression {
public:
    Expression() = default;

    // Parses text that stands at `where` in a file (the location of the text's first character).
    // Throws core::ConfigError with the line and column of the offending character.
    static Expression parse(const std::string& text, const core::SourceLocation& where);
    // A literal expression made from a value (for defaults).
    static Expression literal(const Value& v);
    // A list expression made from separately parsed elements (a YAML sequence of expressions);
    // each element keeps its own source locations.
    static Expression list(const std::vector<Expression>& elements, const core::SourceLocation& where);

    bool empty() const { return m_root == nullptr; }
    const std::string& text() const { return m_text; }
    const core::SourceLocation& where() const { return m_where; }

    // Every name the expression reads, with its location.
    std::vector<NameReference> names() const;

    // Static type check. Throws core::ConfigError at the offending sub-expression (unknown name,
    // dimension mismatch, wrong operand kind).
    ValueType typeCheck(const TypeLookup& lookup) const;

    // Throws EvaluationError.
    Value evaluate(const NameLookup& lookup) const;

private:
    std::shared_ptr<const ExprNode> m_root;
    std::string m_text;
    core::SourceLocation m_where;
};

// Text with ${expression} interpolations, e.g. "output current at ${current}".
class TextTemplate {
public:
    TextTemplate() = default;
    static TextTemplate parse(const std::string& text, const core::SourceLocation& where); // throws core::ConfigError
    const std::string& text() const { return m_text; }
    std::vector<NameReference> names() const;
    void typeCheck(const TypeLookup& lookup) const;     // throws core::ConfigError
    std::string render(const NameLookup& lookup) const; // throws EvaluationError

private:
    std::string m_text;
    std::vector<std::string> m_literals;     // literal pieces, one more than m_expressions
    std::vector<Expression> m_expressions;
};

// A case title as the run shows it: its ${...} (plan parameters, for_each variables) rendered by
// `lookup`, e.g. "Peak current ... at 675 V". Titles are free text, not validated as templates:
// one that does not parse or evaluate is returned as written, so the reader sees the ${...}.
std::string renderTitle(const std::string& title, const core::SourceLocation& where, const NameLookup& lookup);

} // namespace v2gbench::bench
