#include "expression_lexer.hpp"

#include "expression_node.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <algorithm>
#include <array>

namespace v2gbench::bench {

namespace {

bool isIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool startsWith(std::string_view s, std::size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }

// Bytes that may appear in a unit symbol: letters, '%', '/', '.', and the UTF-8 bytes of µ and Ω.
bool isUnitByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return isIdentStart(c) || c == '%' || c == '/' || c == '.' || u >= 0x80;
}

// Only for "did you mean" hints on unknown units; core::lookupUnit stays the authority.
const std::array<const char*, 30> kUnitHints{"V",   "mV", "kV", "A",   "mA",  "kA",  "W",  "kW",  "MW",  "var",
                                             "kvar", "VA", "kVA", "s", "ms", "us", "min", "h", "Hz", "kHz",
                                             "Ohm", "mOhm", "J", "kWh", "Ah", "A/s", "V/s", "W/s", "%", "ppm"};

[[noreturn]] void fail(std::string_view text, const core::SourceLocation& where, std::size_t offset,
                       const std::string& message) {
    throw core::ConfigError(locationAt(where, text, offset), message);
}

// Length of the UTF-8 character starting at text[i] (for quoting it whole in messages).
std::size_t charLength(std::string_view text, std::size_t i) {
    const auto u = static_cast<unsigned char>(text[i]);
    std::size_t n = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
    return std::min(n, text.size() - i);
}

} // namespace

TextLocator::TextLocator(std::string_view text, const core::SourceLocation& start) : m_start(start), m_size(text.size()) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') m_lineStarts.push_back(i + 1);
}

core::SourceLocation TextLocator::at(std::size_t offset) const {
    core::SourceLocation loc = m_start;
    offset = std::min(offset, m_size);
    // Lines that start at or before offset (a newline at offset - 1 starts a line at offset).
    const auto newlines = static_cast<std::size_t>(
        std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset) - m_lineStarts.begin());
    if (loc.line > 0) loc.line += static_cast<int>(newlines);
    if (newlines == 0) {
        if (loc.column > 0) loc.column += static_cast<int>(offset);
    } else {
        loc.column = static_cast<int>(offset - m_lineStarts[newlines - 1]) + 1;
    }
    return loc;
}

core::SourceLocation locationAt(const core::SourceLocation& start, std::string_view text, std::size_t offset) {
    return TextLocator(text.substr(0, std::min(offset, text.size())), start).at(offset);
}

std::vector<Token> tokenize(std::string_view text, const core::SourceLocation& where) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (true) {
        while (i < text.size() && isSpace(text[i])) ++i;
        if (i >= text.size()) break;
        const std::size_t start = i;
        const char c = text[i];
        Token tok;
        tok.offset = start;

        const bool plusMinus = startsWith(text, i, "\xC2\xB1");
        if (isDigit(c) || (c == '.' && i + 1 < text.size() && isDigit(text[i + 1])) || plusMinus) {
            if (plusMinus) {
                i += 2;
                while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
                if (i >= text.size() || !(isDigit(text[i]) || text[i] == '.'))
                    fail(text, where, start, "expected a number after '\xC2\xB1'");
            }
            while (i < text.size() && (isDigit(text[i]) || text[i] == '.')) ++i;
            if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
                std::size_t j = i + 1;
                if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
                if (j < text.size() && isDigit(text[j])) {
                    i = j;
                    while (i < text.size() && isDigit(text[i])) ++i;
                }
            }
            std::size_t end = i;
            // An optional unit, directly or after blanks: the longest known symbol that is not
            // followed by more of a name ("5 soc" is not "5 s" + "oc").
            std::size_t u = i;
            while (u < text.size() && (text[u] == ' ' || text[u] == '\t')) ++u;
            std::size_t runEnd = u;
            const bool unitStart = u < text.size() && (isIdentStart(text[u]) || text[u] == '%' ||
                                                       static_cast<unsigned char>(text[u]) >= 0x80);
            while (unitStart && runEnd < text.size() && isUnitByte(text[runEnd])) ++runEnd;
            if (runEnd > u) {
                std::size_t unitLength = 0;
                for (std::size_t n = runEnd - u; n > 0; --n) {
                    const std::size_t after = u + n;
                    if (after < text.size() && isIdentChar(text[after])) continue;
                    if (core::lookupUnit(text.substr(u, n))) {
                        unitLength = n;
                        break;
                    }
                }
                if (unitLength > 0) {
                    end = u + unitLength;
                } else {
                    std::size_t wordEnd = u;
                    while (wordEnd < text.size() && (isIdentChar(text[wordEnd]) || isUnitByte(text[wordEnd]))) ++wordEnd;
                    const std::string word(text.substr(u, wordEnd - u));
                    if (!(word == "and" || word == "or")) {
                        std::string message = "unknown unit '" + word + "'";
                        const std::string hint = closestMatch(word, std::vector<std::string>(kUnitHints.begin(), kUnitHints.end()));
                        if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
                        fail(text, where, u, message);
                    }
                }
            }
            const auto parsed = core::parseQuantity(text.substr(start, end - start));
            if (!parsed.quantity) fail(text, where, start + parsed.errorOffset, parsed.error);
            tok.kind = Token::Kind::Literal;
            tok.value = Value(*parsed.quantity);
            i = end;
        } else if (c == '\'' || c == '"') {
            const std::size_t close = text.find(c, i + 1);
            if (close == std::string_view::npos)
                fail(text, where, start, std::string("unterminated text: missing the closing ") + c);
            tok.kind = Token::Kind::Literal;
            tok.value = Value(std::string(text.substr(i + 1, close - i - 1)));
            i = close + 1;
        } else if (isIdentStart(c)) {
            while (true) {
                while (i < text.size() && isIdentChar(text[i])) ++i;
                if (i < text.size() && text[i] == '.') {
                    if (i + 1 < text.size() && isIdentStart(text[i + 1])) {
                        ++i;
                        continue;
                    }
                    fail(text, where, i + 1, "expected a name after '.'");
                }
                break;
            }
            const std::string word(text.substr(start, i - start));
            if (word == "true" || word == "false") {
                tok.kind = Token::Kind::Literal;
                tok.value = Value(word == "true");
            } else if (word == "and" || word == "or" || word == "not") {
                tok.kind = Token::Kind::Operator;
                tok.text = word == "and" ? "&&" : word == "or" ? "||" : "!";
            } else {
                tok.kind = Token::Kind::Name;
                tok.text = word;
            }
        } else {
            static const std::array<std::string_view, 20> kOperators{"<=", ">=", "==", "!=", "&&", "||", "(", ")",
                                                                     "[", "]", ",", "?", ":", "+", "-", "*",
                                                                     "/", "<", ">", "!"};
            std::string_view op;
            for (auto candidate : kOperators)
                if (startsWith(text, i, candidate)) {
                    op = candidate;
                    break;
                }
            if (op.empty()) {
                if (c == '=') fail(text, where, start, "use '==' to compare, not '='");
                if (c == '&') fail(text, where, start, "use '&&' (or 'and') for a logical and");
                if (c == '|') fail(text, where, start, "use '||' (or 'or') for a logical or");
                fail(text, where, start, "unexpected character '" + std::string(text.substr(i, charLength(text, i))) + "'");
            }
            tok.kind = Token::Kind::Operator;
            tok.text = std::string(op);
            i += op.size();
        }
        tok.length = i - start;
        tokens.push_back(std::move(tok));
    }
    Token end;
    end.kind = Token::Kind::End;
    end.offset = text.size();
    tokens.push_back(end);
    return tokens;
}

} // namespace v2gbench::bench
