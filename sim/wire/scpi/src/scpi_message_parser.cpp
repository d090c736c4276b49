#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"

#include "v2gbench/simwire/scpi/scpi_model.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::simwire::scpi {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isMnemonicChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

ScpiStatusError tooManyUnits() {
    return ScpiStatusError(-223, "more than " + std::to_string(ScpiMessageParser::kMaxUnits) +
                                     " program message units in one message");
}

std::vector<std::string_view> splitUnits(std::string_view message) {
    std::vector<std::string_view> units;
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '"') quoted = !quoted;
        else if (message[i] == ';' && !quoted) {
            if (units.size() >= ScpiMessageParser::kMaxUnits) throw tooManyUnits();
            units.push_back(message.substr(start, i - start));
            start = i + 1;
        }
    }
    if (quoted) throw ScpiStatusError(-151, "unterminated string");
    const auto tail = message.substr(start);
    if (units.size() >= ScpiMessageParser::kMaxUnits &&
        tail.find_first_not_of(" \t\r\n") != std::string_view::npos) // a trailing ';' is no unit
        throw tooManyUnits();
    units.push_back(tail);
    return units;
}

} // namespace

std::vector<ScpiProgramUnit> ScpiMessageParser::parse(std::string_view message) {
    std::vector<ScpiProgramUnit> out;
    std::vector<std::string> prefix; // path of the last compound header, minus its leaf
    const auto texts = splitUnits(message);
    for (std::size_t n = 0; n < texts.size(); ++n) {
        std::string_view text = texts[n];
        while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
        while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
        if (text.empty()) {
            // "A;;B" is a syntax error, a trailing ';' is tolerated.
            if (n + 1 < texts.size()) throw ScpiStatusError(-102, "empty program message unit");
            continue;
        }
        ScpiProgramUnit unit;
        std::size_t end = 0;
        while (end < text.size() && !isSpace(text[end])) ++end;
        std::string_view header = text.substr(0, end);
        unit.header = std::string(header);
        std::string_view rest = text.substr(end);
        while (!rest.empty() && isSpace(rest.front())) rest.remove_prefix(1);
        if (!rest.empty()) unit.args = transports::scpi::splitList(rest, ',');
        if (!header.empty() && header.back() == '?') {
            unit.query = true;
            header.remove_suffix(1);
        }
        if (!header.empty() && header.front() == '*') {
            unit.common = true;
            header.remove_prefix(1);
            for (char c : header)
                if (!isMnemonicChar(c)) throw ScpiStatusError(-102, "bad common command '" + unit.header + "'");
            if (header.empty()) throw ScpiStatusError(-102, "empty common command");
            unit.path = {"*" + std::string(header)};
            out.push_back(std::move(unit));
            continue;
        }
        const bool absolute = !header.empty() && header.front() == ':';
        if (absolute) header.remove_prefix(1);
        std::vector<std::string> words;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= header.size(); ++i) {
            if (i == header.size() || header[i] == ':') {
                if (i == start) throw ScpiStatusError(-102, "empty mnemonic in '" + unit.header + "'");
                words.emplace_back(header.substr(start, i - start));
                start = i + 1;
            } else if (!isMnemonicChar(header[i])) {
                throw ScpiStatusError(-102, "bad character in header '" + unit.header + "'");
            }
        }
        if (!absolute) words.insert(words.begin(), prefix.begin(), prefix.end());
        if (words.size() > kMaxHeaderDepth)
            throw ScpiStatusError(-113, "'" + unit.header + "' resolves to more than " +
                                            std::to_string(kMaxHeaderDepth) +
                                            " nodes (a relative header continues the previous header's path)");
        prefix.assign(words.begin(), words.end() - 1);
        unit.path = std::move(words);
        out.push_back(std::move(unit));
    }
    return out;
}

} // namespace v2gbench::simwire::scpi
