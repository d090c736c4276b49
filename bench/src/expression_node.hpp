#pragma once
// Private: the expression syntax tree shared by the parser, the type checker and the evaluator.
#include "v2gbench/bench/expression.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::bench {

struct ExprNode {
    enum class Kind { Literal, Name, Unary, Binary, Conditional, Call, List };
    Kind kind = Kind::Literal;
    // Each node carries its own file location (not an offset) so that expressions written in
    // separate YAML scalars can be joined into one list and still report exact columns.
    core::SourceLocation where; // first character of the node; for operators, the operator itself
    Value literal;              // Literal
    std::string text;           // Name: the name; Unary/Binary: "-", "!", "+", "&&", ...; Call: function
    std::vector<std::shared_ptr<const ExprNode>> children;
    int depth = 1; // levels below and including this node; bounded by kMaxExpressionDepth
};
using ExprPtr = std::shared_ptr<const ExprNode>;

// Location of the character `offset` bytes into `text`, which starts at `start`.
core::SourceLocation locationAt(const core::SourceLocation& start, std::string_view text, std::size_t offset);

ValueType typeCheckNode(const ExprNode& node, const TypeLookup& lookup);
Value evaluateNode(const ExprNode& node, const NameLookup& lookup, const std::string& exprText);

// Are two quantity-or-other types interchangeable (same kind, same dimension)?
bool sameType(const ValueType& a, const ValueType& b);

} // namespace v2gbench::bench
