#include "expression_node.hpp"

namespace v2gbench::bench {

namespace {

// End of the "${...}" that starts at `open` (index of '$'): the matching '}', skipping quoted
// texts so "${p == '}' ? 1 : 2}" works. npos when unterminated.
std::size_t closingBrace(const std::string& s, std::size_t open) {
    char quote = 0;
    for (std::size_t i = open + 2; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '}') {
            return i;
        }
    }
    return std::string::npos;
}

} // namespace

TextTemplate TextTemplate::parse(const std::string& text, const core::SourceLocation& where) {
    TextTemplate t;
    t.m_text = text;
    std::string literal;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 2, "${") == 0) {
            const std::size_t close = closingBrace(text, i);
            if (close == std::string::npos)
                throw core::ConfigError(locationAt(where, text, i), "'${' without a closing '}'");
            const std::string inner = text.substr(i + 2, close - i - 2);
            t.m_literals.push_back(literal);
            literal.clear();
            t.m_expressions.push_back(Expression::parse(inner, locationAt(where, text, i + 2)));
            i = close + 1;
        } else {
            literal += text[i++];
        }
    }
    t.m_literals.push_back(literal);
    return t;
}

std::vector<NameReference> TextTemplate::names() const {
    std::vector<NameReference> out;
    for (const auto& e : m_expressions) {
        auto n = e.names();
        out.insert(out.end(), n.begin(), n.end());
    }
    return out;
}

void TextTemplate::typeCheck(const TypeLookup& lookup) const {
    for (const auto& e : m_expressions) e.typeCheck(lookup);
}

std::string TextTemplate::render(const NameLookup& lookup) const {
    if (m_literals.empty()) return m_text; // default-constructed
    std::string out = m_literals[0];
    for (std::size_t i = 0; i < m_expressions.size(); ++i) {
        out += toDisplayString(m_expressions[i].evaluate(lookup));
        out += m_literals[i + 1];
    }
    return out;
}

std::string renderTitle(const std::string& title, const core::SourceLocation& where, const NameLookup& lookup) {
    if (title.find("${") == std::string::npos) return title;
    try {
        return TextTemplate::parse(title, where).render(lookup);
    } catch (const std::exception&) {
        return title;
    }
}

} // namespace v2gbench::bench
