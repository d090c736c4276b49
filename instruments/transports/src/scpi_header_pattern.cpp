#include "v2gbench/transports/scpi_header_pattern.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

#include <stdexcept>

namespace v2gbench::transports {

namespace {

bool isUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isMnemonicChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// A typed mnemonic matches a node in its short or long form (SCPI allows nothing in between).
bool wordMatches(const ScpiHeaderPattern::Node& node, const std::string& word, int& suffix) {
    const std::string u = scpi::upper(word);
    if (u == node.shortForm || u == node.longForm) return true;
    if (!node.suffix) return false;
    std::size_t end = u.size();
    while (end > 0 && u[end - 1] >= '0' && u[end - 1] <= '9') --end;
    if (end == u.size() || end == 0 || u.size() - end > 4) return false;
    const std::string base = u.substr(0, end);
    if (base != node.shortForm && base != node.longForm) return false;
    suffix = std::stoi(u.substr(end));
    return true;
}

} // namespace

ScpiHeaderPattern::ScpiHeaderPattern(std::string_view text) : m_text(text) {
    bool optional = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '[') {
            if (optional) throw std::invalid_argument("SCPI header template '" + m_text + "': nested '['");
            optional = true;
            ++i;
        } else if (c == ']') {
            if (!optional) throw std::invalid_argument("SCPI header template '" + m_text + "': unbalanced ']'");
            optional = false;
            ++i;
        } else if (c == ':') {
            ++i;
        } else if (isMnemonicChar(c)) {
            Node node;
            std::size_t start = i;
            while (i < text.size() && isMnemonicChar(text[i])) ++i;
            const std::string_view word = text.substr(start, i - start);
            std::size_t shortLen = 0;
            while (shortLen < word.size() && isUpperOrDigit(word[shortLen])) ++shortLen;
            if (shortLen == 0) throw std::invalid_argument("SCPI header template '" + m_text + "': mnemonic without short form");
            node.shortForm = std::string(word.substr(0, shortLen));
            node.longForm = scpi::upper(word);
            if (i < text.size() && text[i] == '#') {
                node.suffix = true;
                ++i;
            }
            node.optional = optional;
            m_nodes.push_back(std::move(node));
        } else {
            throw std::invalid_argument("SCPI header template '" + m_text + "': unexpected character '" + std::string(1, c) + "'");
        }
    }
    if (optional) throw std::invalid_argument("SCPI header template '" + m_text + "': unbalanced '['");
    if (m_nodes.empty()) throw std::invalid_argument("SCPI header template is empty");
}

std::string ScpiHeaderPattern::shortText(int suffix) const {
    std::string out;
    for (const auto& n : m_nodes) {
        if (n.optional && !(n.suffix && suffix >= 0)) continue;
        if (!out.empty()) out += ':';
        out += n.shortForm;
        if (n.suffix && suffix >= 0) out += std::to_string(suffix);
    }
    return out;
}

std::optional<ScpiHeaderPattern::Match> ScpiHeaderPattern::match(const std::vector<std::string>& typed) const {
    Match m;
    if (matchFrom(0, 0, typed, m)) return m;
    return std::nullopt;
}

bool ScpiHeaderPattern::matchFrom(std::size_t node, std::size_t word, const std::vector<std::string>& typed,
                                  Match& m) const {
    if (node == m_nodes.size()) return word == typed.size();
    const Node& n = m_nodes[node];
    if (word < typed.size()) {
        int suffix = -1;
        if (wordMatches(n, typed[word], suffix)) {
            const int saved = m.suffix;
            if (suffix >= 0) m.suffix = suffix;
            if (matchFrom(node + 1, word + 1, typed, m)) return true;
            m.suffix = saved;
        }
    }
    // An optional node may be left out.
    return n.optional && matchFrom(node + 1, word, typed, m);
}

} // namespace v2gbench::transports
