#pragma once
// Private: splits an expression into tokens. Quantity literals ("400 V", "±0.5 %") are single
// tokens, so "3 s" can never be read as a number followed by a name.
#include "v2gbench/bench/value.hpp"
#include "v2gbench/core/errors.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::bench {

struct Token {
    enum class Kind { Literal, Name, Operator, End };
    Kind kind = Kind::End;
    std::string text;     // Name: the dotted name; Operator: canonical spelling ("&&" for "and")
    Value value;          // Literal
    std::size_t offset = 0;
    std::size_t length = 0;
};

// Throws core::ConfigError at the offending character.
std::vector<Token> tokenize(std::string_view text, const core::SourceLocation& where);

// File locations of offsets into one text, each found in O(log lines): the parser asks for one per
// node, and scanning from the start each time made parsing quadratic in the expression's length.
class TextLocator {
public:
    TextLocator(std::string_view text, const core::SourceLocation& start);
    core::SourceLocation at(std::size_t offset) const;

private:
    core::SourceLocation m_start;
    std::size_t m_size;
    std::vector<std::size_t> m_lineStarts; // offset of the first character of each line after the first
};

} // namespace v2gbench::bench
