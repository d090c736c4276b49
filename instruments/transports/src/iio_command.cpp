#include "v2gbench/transports/iio_command.hpp"

#include <cctype>
#include <cstdio>

namespace v2gbench::transports {

IioCommand IioCommand::parse(std::string_view line) {
    IioCommand cmd;
    std::size_t i = 0;
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (i < line.size()) {
        while (i < line.size() && blank(line[i])) ++i;
        const std::size_t start = i;
        while (i < line.size() && !blank(line[i])) ++i;
        if (i > start) {
            std::string token(line.substr(start, i - start));
            if (cmd.keyword.empty()) {
                for (auto& c : token) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                cmd.keyword = std::move(token);
            } else {
                cmd.args.push_back(std::move(token));
            }
        }
    }
    return cmd;
}

std::string iioIntegerLine(long value) { return std::to_string(value) + "\n"; }

std::string iioMaskText(const std::vector<std::uint32_t>& words) {
    std::string text;
    char word[9];
    for (auto it = words.rbegin(); it != words.rend(); ++it) {
        std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(*it));
        text += word;
    }
    return text;
}

std::optional<std::vector<std::uint32_t>> parseIioMask(std::string_view text, std::size_t wordCount) {
    if (wordCount == 0 || text.size() != wordCount * 8) return std::nullopt;
    std::vector<std::uint32_t> words(wordCount, 0);
    for (std::size_t w = 0; w < wordCount; ++w) {
        std::uint32_t value = 0;
        for (char c : text.substr(w * 8, 8)) {
            int digit;
            if (c >= '0' && c <= '9') digit = c - '0';
            else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
            else return std::nullopt;
            value = (value << 4) | static_cast<std::uint32_t>(digit);
        }
        words[wordCount - 1 - w] = value; // most significant word first on the wire
    }
    return words;
}

} // namespace v2gbench::transports
