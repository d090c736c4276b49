// Evaluation. The type checker has normally caught every mistake already; the checks here cover
// values known only at run time (a DUT profile entry, a signal) and guard against misuse.
#include "expression_node.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::bench {

namespace {

using core::Quantity;

struct Evaluator {
    const NameLookup& lookup;
    const std::string& text;

    [[noreturn]] void fail(const ExprNode& n, const std::string& message) const {
        throw EvaluationError(n.where.str() + ": error: " + message + " (in '" + text + "')");
    }

    static std::string what(const Value& v) {
        if (v.isBool()) return "a boolean";
        if (v.isString()) return "a text";
        if (v.isList()) return "a list";
        return describe(ValueType::quantity(v.quantity().dimension, v.quantity().percent));
    }

    static bool isPlain(const Quantity& q) { return q.dimension.dimensionless() && !q.percent; }

    // Equal within rounding of decimal literals (0.1 + 0.2 == 0.3 should hold in a plan).
    static bool nearlyEqual(double a, double b) {
        return std::fabs(a - b) <= 1e-9 * std::max({1e-12, std::fabs(a), std::fabs(b)});
    }

    const Quantity& quantity(const ExprNode& n, const Value& v, const std::string& context) const {
        if (!v.isQuantity()) fail(n, context + " needs a quantity, got " + what(v));
        return v.quantity();
    }

    bool boolean(const ExprNode& n, const Value& v, const std::string& context) const {
        if (!v.isBool()) fail(n, context + " needs a boolean, got " + what(v));
        return v.boolean();
    }

    Value eval(const ExprNode& n) const {
        switch (n.kind) {
        case ExprNode::Kind::Literal: return n.literal;
        case ExprNode::Kind::Name: {
            std::optional<Value> v = lookup ? lookup(n.text) : std::nullopt;
            if (!v) fail(n, "unknown name '" + n.text + "'");
            return *v;
        }
        case ExprNode::Kind::Unary: {
            const Value v = eval(*n.children[0]);
            if (n.text == "!") return Value(!boolean(n, v, "'not'"));
            Quantity q = quantity(n, v, "'-'");
            q.value = -q.value;
            q.plusMinus = false;
            return Value(q);
        }
        case ExprNode::Kind::Binary: return binary(n);
        case ExprNode::Kind::Conditional: {
            const bool c = boolean(*n.children[0], eval(*n.children[0]), "the condition before '?'");
            return eval(*n.children[c ? 1 : 2]);
        }
        case ExprNode::Kind::Call: return call(n);
        case ExprNode::Kind::List: {
            ValueList items;
            for (const auto& c : n.children) items.push_back(eval(*c));
            return Value(std::move(items));
        }
        }
        fail(n, "unsupported expression");
    }

    Value binary(const ExprNode& n) const {
        const std::string& op = n.text;
        if (op == "&&" || op == "||") {
            const bool a = boolean(n, eval(*n.children[0]), "'" + op + "'");
            if (op == "&&" && !a) return Value(false);
            if (op == "||" && a) return Value(true);
            return Value(boolean(n, eval(*n.children[1]), "'" + op + "'"));
        }
        const Value va = eval(*n.children[0]);
        const Value vb = eval(*n.children[1]);
        if (op == "==" || op == "!=") {
            bool equal = false;
            if (va.isString() && vb.isString()) equal = va.string() == vb.string();
            else if (va.isBool() && vb.isBool()) equal = va.boolean() == vb.boolean();
            else if (va.isQuantity() && vb.isQuantity() && va.quantity().dimension == vb.quantity().dimension)
                equal = nearlyEqual(va.quantity().value, vb.quantity().value);
            else fail(n, "cannot compare " + what(va) + " with " + what(vb));
            return Value(op == "==" ? equal : !equal);
        }
        const Quantity& a = quantity(n, va, "'" + op + "'");
        const Quantity& b = quantity(n, vb, "'" + op + "'");
        if (op == "<" || op == "<=" || op == ">" || op == ">=") {
            if (a.dimension != b.dimension) fail(n, "cannot compare " + what(va) + " with " + what(vb));
            if (op == "<") return Value(a.value < b.value);
            if (op == "<=") return Value(a.value <= b.value || nearlyEqual(a.value, b.value));
            if (op == ">") return Value(a.value > b.value);
            return Value(a.value >= b.value || nearlyEqual(a.value, b.value));
        }
        Quantity r;
        if (op == "+" || op == "-") {
            if (a.dimension != b.dimension) {
                if (op == "+") fail(n, "cannot add " + what(va) + " to " + what(vb));
                fail(n, "cannot subtract " + what(vb) + " from " + what(va));
            }
            r = Quantity::of(op == "+" ? a.value + b.value : a.value - b.value, a.dimension);
            r.percent = a.percent && b.percent;
        } else if (op == "*") {
            r = Quantity::of(a.value * b.value, a.dimension * b.dimension);
            r.percent = (a.percent && isPlain(b)) || (isPlain(a) && b.percent);
        } else {
            if (b.value == 0.0) fail(n, "division by zero");
            r = Quantity::of(a.value / b.value, a.dimension / b.dimension);
            r.percent = a.percent && isPlain(b);
        }
        return Value(r);
    }

    Value call(const ExprNode& n) const {
        std::vector<Value> args;
        for (const auto& c : n.children) args.push_back(eval(*c));
        if (n.text == "abs") {
            Quantity q = quantity(n, args.at(0), "abs()");
            q.value = std::fabs(q.value);
            q.plusMinus = false;
            return Value(q);
        }
        if (args.size() == 1 && args[0].isList()) {
            const ValueList items = args[0].list();
            if (items.empty()) fail(n, n.text + "() of an empty list");
            args = items;
        }
        Quantity best = quantity(n, args.at(0), n.text + "()");
        for (std::size_t i = 1; i < args.size(); ++i) {
            const Quantity& q = quantity(n, args[i], n.text + "()");
            if (q.dimension != best.dimension)
                fail(n, n.text + "() cannot compare " + what(Value(best)) + " with " + what(args[i]));
            if (n.text == "min" ? q.value < best.value : q.value > best.value) best = q;
        }
        return Value(best);
    }
};

} // namespace

Value evaluateNode(const ExprNode& node, const NameLookup& lookup, const std::string& exprText) {
    return Evaluator{lookup, exprText}.eval(node);
}

} // namespace v2gbench::bench
