// Recursive-descent parser for the plan expression language (grammar in expression.hpp), plus
// the Expression members that only need the tree.
#include "expression_lexer.hpp"
#include "expression_node.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace {

const std::vector<std::string> kFunctions{"min", "max", "abs"};

class Parser {
public:
    Parser(std::string_view text, const core::SourceLocation& where)
        : m_text(text), m_locator(text, where), m_tokens(tokenize(text, where)) {}

    ExprPtr parseAll() {
        if (peek().kind == Token::Kind::End) fail(peek(), "empty expression");
        ExprPtr e = conditional();
        if (peek().kind != Token::Kind::End)
            fail(peek(), "unexpected " + describe(peek()) + " after the end of the expression");
        return e;
    }

private:
    std::string_view m_text;
    TextLocator m_locator;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_nesting = 0; // recursion depth of the descent (parentheses, lists, calls, unary, '?')

    // Bounds the descent's recursion: a plan must not be able to overflow the stack.
    class Nesting {
    public:
        Nesting(Parser& p, const Token& t) : m_p(p) {
            if (++m_p.m_nesting > kMaxExpressionDepth)
                m_p.fail(t, "the expression nests deeper than " + std::to_string(kMaxExpressionDepth) +
                                " levels (parentheses, lists, calls, '!', '-' and '?' count)");
        }
        ~Nesting() { --m_p.m_nesting; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;

    private:
        Parser& m_p;
    };

    const Token& peek() const { return m_tokens[m_pos]; }
    const Token& next() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
    bool isOp(const char* op) const { return peek().kind == Token::Kind::Operator && peek().text == op; }
    core::SourceLocation at(const Token& t) const { return m_locator.at(t.offset); }

    std::string describe(const Token& t) const {
        switch (t.kind) {
        case Token::Kind::End: return "end of the expression";
        case Token::Kind::Name: return "name '" + t.text + "'";
        case Token::Kind::Operator: return "'" + std::string(m_text.substr(t.offset, t.length)) + "'";
        case Token::Kind::Literal: return "'" + std::string(m_text.substr(t.offset, t.length)) + "'";
        }
        return "token";
    }

    [[noreturn]] void fail(const Token& t, const std::string& message) const { throw core::ConfigError(at(t), message); }

    ExprPtr make(ExprNode::Kind kind, const Token& t, std::string text, std::vector<ExprPtr> children) const {
        auto n = std::make_shared<ExprNode>();
        n->kind = kind;
        n->where = at(t);
        n->text = std::move(text);
        n->children = std::move(children);
        for (const auto& c : n->children) n->depth = std::max(n->depth, c->depth + 1);
        // A chain such as 1 V + 1 V + ... is flat text but a deep tree; the type checker and the
        // evaluator recurse over the tree, so its depth is bounded too.
        if (n->depth > kMaxExpressionDepth)
            fail(t, "the expression is deeper than " + std::to_string(kMaxExpressionDepth) +
                        " levels of operators (split it, or use a parameter)");
        return n;
    }

    void expect(const char* op, const Token& opener, const char* what) {
        if (isOp(op)) {
            next();
            return;
        }
        std::string message = std::string("expected '") + op + "' " + what;
        if (opener.kind != Token::Kind::End) message += " opened at column " + std::to_string(at(opener).column);
        fail(peek(), message + ", found " + describe(peek()));
    }

    ExprPtr conditional() {
        const Nesting guard(*this, peek());
        ExprPtr cond = binary(0);
        if (!isOp("?")) return cond;
        const Token q = next();
        ExprPtr a = conditional();
        if (!isOp(":")) fail(peek(), "expected ':' to go with the '?' at column " + std::to_string(at(q).column) +
                                         ", found " + describe(peek()));
        next();
        ExprPtr b = conditional();
        return make(ExprNode::Kind::Conditional, q, "?", {cond, a, b});
    }

    // Binary operators by precedence level, lowest first.
    static const std::vector<std::vector<std::string>>& levels() {
        static const std::vector<std::vector<std::string>> l{
            {"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/"}};
        return l;
    }

    ExprPtr binary(std::size_t level) {
        if (level >= levels().size()) return unary();
        ExprPtr left = binary(level + 1);
        while (peek().kind == Token::Kind::Operator) {
            const auto& ops = levels()[level];
            if (std::find(ops.begin(), ops.end(), peek().text) == ops.end()) break;
            const Token op = next();
            ExprPtr right = binary(level + 1);
            left = make(ExprNode::Kind::Binary, op, op.text, {left, right});
        }
        return left;
    }

    ExprPtr unary() {
        if (isOp("-") || isOp("!")) {
            const Nesting guard(*this, peek());
            const Token op = next();
            ExprPtr operand = unary();
            return make(ExprNode::Kind::Unary, op, op.text, {operand});
        }
        return primary();
    }

    ExprPtr primary() {
        const Token t = next();
        switch (t.kind) {
        case Token::Kind::Literal: {
            auto n = std::make_shared<ExprNode>();
            n->kind = ExprNode::Kind::Literal;
            n->where = at(t);
            n->literal = t.value;
            return n;
        }
        case Token::Kind::Name: {
            if (!isOp("(")) return make(ExprNode::Kind::Name, t, t.text, {});
            if (std::find(kFunctions.begin(), kFunctions.end(), t.text) == kFunctions.end()) {
                std::string message = "unknown function '" + t.text + "'";
                const std::string hint = closestMatch(t.text, kFunctions);
                if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
                fail(t, message + "; the functions are min, max and abs");
            }
            const Token open = next();
            std::vector<ExprPtr> args;
            if (!isOp(")")) {
                args.push_back(conditional());
                while (isOp(",")) {
                    next();
                    args.push_back(conditional());
                }
            }
            expect(")", open, "to close the argument list");
            if (t.text == "abs" && args.size() != 1)
                fail(t, "abs() takes one argument, got " + std::to_string(args.size()));
            if (args.empty()) fail(t, t.text + "() needs at least one argument");
            return make(ExprNode::Kind::Call, t, t.text, std::move(args));
        }
        case Token::Kind::Operator:
            if (t.text == "(") {
                ExprPtr inner = conditional();
                expect(")", t, "to close the '('");
                return inner;
            }
            if (t.text == "[") {
                std::vector<ExprPtr> items;
                if (!isOp("]")) {
                    items.push_back(conditional());
                    while (isOp(",")) {
                        next();
                        items.push_back(conditional());
                    }
                }
                expect("]", t, "to close the list");
                return make(ExprNode::Kind::List, t, "[", std::move(items));
            }
            fail(t, "expected a value, a name or '(', found " + describe(t));
        case Token::Kind::End: fail(t, "the expression ends too early: expected a value or a name");
        }
        fail(t, "unexpected " + describe(t));
    }
};

void collectNames(const ExprNode& n, std::vector<NameReference>& out) {
    if (n.kind == ExprNode::Kind::Name) out.push_back({n.text, n.where});
    for (const auto& c : n.children) collectNames(*c, out);
}

} // namespace

Expression Expression::parse(const std::string& text, const core::SourceLocation& where) {
    if (text.size() > kMaxExpressionLength)
        throw core::ConfigError(where, "the expression is " + std::to_string(text.size()) + " characters long; at most " +
                                           std::to_string(kMaxExpressionLength) + " are allowed");
    Parser parser(text, where);
    Expression e;
    e.m_root = parser.parseAll();
    e.m_text = text;
    e.m_where = where;
    return e;
}

Expression Expression::literal(const Value& v) {
    auto n = std::make_shared<ExprNode>();
    n->kind = ExprNode::Kind::Literal;
    n->literal = v;
    Expression e;
    e.m_root = n;
    e.m_text = v.isString() ? "'" + v.string() + "'" : toDisplayString(v);
    return e;
}

Expression Expression::list(const std::vector<Expression>& elements, const core::SourceLocation& where) {
    auto n = std::make_shared<ExprNode>();
    n->kind = ExprNode::Kind::List;
    n->where = where;
    std::string text = "[";
    for (const auto& e : elements) {
        if (e.empty()) continue;
        if (text.size() > 1) text += ", ";
        text += e.text();
        n->children.push_back(e.m_root);
        n->depth = std::max(n->depth, e.m_root->depth + 1);
    }
    Expression out;
    out.m_root = n;
    out.m_text = text + "]";
    out.m_where = where;
    return out;
}

std::vector<NameReference> Expression::names() const {
    std::vector<NameReference> out;
    if (m_root) collectNames(*m_root, out);
    return out;
}

ValueType Expression::typeCheck(const TypeLookup& lookup) const {
    if (!m_root) return ValueType::unknown();
    return typeCheckNode(*m_root, lookup);
}

Value Expression::evaluate(const NameLookup& lookup) const {
    if (!m_root) throw EvaluationError(m_where.str() + ": error: evaluating an empty expression");
    return evaluateNode(*m_root, lookup, m_text);
}

} // namespace v2gbench::bench
