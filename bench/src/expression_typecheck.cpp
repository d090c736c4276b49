// Static types of expressions: catches dimension mistakes (V + A), wrong operand kinds and
// unknown names before a plan runs. An Unknown operand (from an earlier, already reported error)
// propagates silently so one mistake yields one message.
#include "expression_node.hpp"

namespace v2gbench::bench {

namespace {

using Kind = ValueType::Kind;

[[noreturn]] void fail(const ExprNode& n, const std::string& message) { throw core::ConfigError(n.where, message); }

bool isQuantity(const ValueType& t) { return t.kind == Kind::Quantity; }
bool isUnknown(const ValueType& t) { return t.kind == Kind::Unknown; }
bool isPlain(const ValueType& t) { return isQuantity(t) && t.dimension.dimensionless() && !t.percent; }

ValueType typeOfValue(const Value& v) {
    if (v.isBool()) return ValueType::boolean();
    if (v.isString()) return ValueType::text();
    if (v.isQuantity()) return ValueType::quantity(v.quantity().dimension, v.quantity().percent);
    ValueType t;
    t.kind = Kind::List;
    if (!v.list().empty()) {
        const ValueType e = typeOfValue(v.list().front());
        t.elementKind = e.kind;
        t.dimension = e.dimension;
        t.percent = e.percent;
    }
    return t;
}

ValueType elementType(const ValueType& list) {
    ValueType e;
    e.kind = list.elementKind;
    e.dimension = list.dimension;
    e.percent = list.percent;
    return e;
}

ValueType arithmetic(const ExprNode& n, const ValueType& a, const ValueType& b) {
    const std::string& op = n.text;
    if (isUnknown(a) || isUnknown(b)) return ValueType::unknown();
    if (op == "+" || op == "-") {
        if (!isQuantity(a) || !isQuantity(b) || a.dimension != b.dimension) {
            if (op == "+") fail(n, "cannot add " + describe(a) + " to " + describe(b));
            fail(n, "cannot subtract " + describe(b) + " from " + describe(a));
        }
        return ValueType::quantity(a.dimension, a.percent && b.percent);
    }
    if (!isQuantity(a) || !isQuantity(b))
        fail(n, std::string(op == "*" ? "cannot multiply " : "cannot divide ") + describe(a) + " by " + describe(b));
    if (op == "*") return ValueType::quantity(a.dimension * b.dimension, (a.percent && isPlain(b)) || (isPlain(a) && b.percent));
    return ValueType::quantity(a.dimension / b.dimension, a.percent && isPlain(b));
}

ValueType comparison(const ExprNode& n, const ValueType& a, const ValueType& b) {
    const std::string& op = n.text;
    if (isUnknown(a) || isUnknown(b)) return ValueType::boolean();
    const bool equality = op == "==" || op == "!=";
    const bool ok = isQuantity(a) ? isQuantity(b) && a.dimension == b.dimension
                                  : equality && a.kind == b.kind && (a.kind == Kind::Bool || a.kind == Kind::String);
    if (!ok) {
        std::string message = "cannot compare " + describe(a) + " with " + describe(b);
        if (!equality && a.kind == Kind::String && b.kind == Kind::String) message = "texts can only be compared with '==' and '!='";
        fail(n, message);
    }
    return ValueType::boolean();
}

} // namespace

bool sameType(const ValueType& a, const ValueType& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == Kind::Quantity) return a.dimension == b.dimension;
    if (a.kind == Kind::List) return a.elementKind == b.elementKind && (a.elementKind != Kind::Quantity || a.dimension == b.dimension);
    return true;
}

ValueType typeCheckNode(const ExprNode& n, const TypeLookup& lookup) {
    switch (n.kind) {
    case ExprNode::Kind::Literal: return typeOfValue(n.literal);
    case ExprNode::Kind::Name: {
        std::optional<ValueType> t = lookup ? lookup(n.text) : std::nullopt;
        if (!t) fail(n, "unknown name '" + n.text + "'");
        return *t;
    }
    case ExprNode::Kind::Unary: {
        const ValueType t = typeCheckNode(*n.children[0], lookup);
        if (isUnknown(t)) return t;
        if (n.text == "-") {
            if (!isQuantity(t)) fail(n, "cannot negate " + describe(t));
            return t;
        }
        if (t.kind != Kind::Bool) fail(n, "'not' needs a boolean, got " + describe(t));
        return t;
    }
    case ExprNode::Kind::Binary: {
        const ValueType a = typeCheckNode(*n.children[0], lookup);
        const ValueType b = typeCheckNode(*n.children[1], lookup);
        const std::string& op = n.text;
        if (op == "&&" || op == "||") {
            for (const auto* t : {&a, &b})
                if (!isUnknown(*t) && t->kind != Kind::Bool)
                    fail(n, "'" + op + "' needs a boolean on both sides, got " + describe(*t));
            return ValueType::boolean();
        }
        if (op == "+" || op == "-" || op == "*" || op == "/") return arithmetic(n, a, b);
        return comparison(n, a, b);
    }
    case ExprNode::Kind::Conditional: {
        const ValueType c = typeCheckNode(*n.children[0], lookup);
        if (!isUnknown(c) && c.kind != Kind::Bool)
            fail(*n.children[0], "the condition before '?' must be a boolean, got " + describe(c));
        const ValueType a = typeCheckNode(*n.children[1], lookup);
        const ValueType b = typeCheckNode(*n.children[2], lookup);
        if (isUnknown(a)) return b;
        if (isUnknown(b)) return a;
        if (sameType(a, b)) {
            ValueType t = a;
            t.percent = a.percent && b.percent;
            return t;
        }
        // An absolute tolerance on one branch and a relative one on the other
        // ("current < 30 A ? 0.3 A : 1 %"): typed as the absolute branch; the caller accepts it
        // where a percentage would also be accepted.
        if (isQuantity(a) && isQuantity(b) && (a.percent || b.percent)) {
            const ValueType& absolute = a.percent ? b : a;
            return ValueType::quantity(absolute.dimension, false);
        }
        fail(n, "the two results of '?' have different types: " + describe(a) + " and " + describe(b));
    }
    case ExprNode::Kind::Call: {
        std::vector<ValueType> args;
        for (const auto& c : n.children) args.push_back(typeCheckNode(*c, lookup));
        if (n.text != "abs" && args.size() == 1 && args[0].kind == Kind::List) {
            if (args[0].elementKind != Kind::Quantity)
                fail(*n.children[0], n.text + "() needs quantities, got " + describe(args[0]));
            return elementType(args[0]);
        }
        ValueType result = ValueType::unknown();
        bool allPercent = true;
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (isUnknown(args[i])) continue;
            if (!isQuantity(args[i])) fail(*n.children[i], n.text + "() needs quantities, got " + describe(args[i]));
            if (isUnknown(result)) result = args[i];
            else if (result.dimension != args[i].dimension)
                fail(*n.children[i], n.text + "() needs arguments of one kind: " + describe(result) + " and " +
                                         describe(args[i]) + " cannot be compared");
            allPercent = allPercent && args[i].percent;
        }
        if (isQuantity(result)) result.percent = allPercent;
        return result;
    }
    case ExprNode::Kind::List: {
        ValueType t;
        t.kind = Kind::List;
        ValueType first = ValueType::unknown();
        bool allPercent = true;
        for (const auto& c : n.children) {
            const ValueType e = typeCheckNode(*c, lookup);
            if (isUnknown(e)) continue;
            if (e.kind == Kind::List) fail(*c, "a list cannot contain lists");
            if (isUnknown(first)) first = e;
            else if (!sameType(first, e))
                fail(*c, "all elements of a list must have the same type: this one is " + describe(e) +
                             ", the first is " + describe(first));
            allPercent = allPercent && e.percent;
        }
        t.elementKind = first.kind;
        t.dimension = first.dimension;
        t.percent = isQuantity(first) && allPercent;
        return t;
    }
    }
    return ValueType::unknown();
}

} // namespace v2gbench::bench
