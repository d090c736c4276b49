#include "v2gbench/profiles/yaml_document.hpp"

#include <string_view>
#include <vector>

namespace v2gbench::bench {

namespace {

[[noreturn]] void refuse(const std::string& file, int line, int column, const std::string& message) {
    throw core::ConfigError({file, line, column}, message);
}

std::string nestingMessage() {
    return "the YAML nests deeper than " + std::to_string(kMaxYamlNesting) +
           " levels (the bench's limit; a plan needs fewer than ten)";
}

// A conservative scan of the text for its nesting depth, before yaml-cpp (which recurses per
// level) sees it: block levels from indentation and "- " entries, flow levels from brackets
// outside quoted scalars and comments. It may count a level too many in odd text, never one too
// few for the structures yaml-cpp recurses on.
void checkNesting(std::string_view text, const std::string& file) {
    std::vector<std::size_t> indents; // open block levels
    int flow = 0;                     // open [ and { across lines
    char quote = 0;                   // inside a quoted scalar that may span lines
    long blockScalarParent = -1;      // inside a | or > block scalar: indent of its parent line
    int lineNo = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        ++lineNo;
        start = end + 1;

        std::size_t indent = 0;
        while (indent < line.size() && line[indent] == ' ') ++indent;
        const bool blank = indent == line.size() || line[indent] == '#' || line[indent] == '\r';
        if (blockScalarParent >= 0) {
            if (blank || static_cast<long>(indent) > blockScalarParent) continue;
            blockScalarParent = -1;
        }
        std::size_t i = 0;
        int depth = flow;
        if (quote == 0 && flow == 0) {
            if (blank) continue;
            while (!indents.empty() && indents.back() > indent) indents.pop_back();
            if (indents.empty() || indents.back() < indent) indents.push_back(indent);
            depth = static_cast<int>(indents.size());
            i = indent;
            // "- - - x": every sequence indicator on the line opens a level.
            while (i + 1 < line.size() && line[i] == '-' && (line[i + 1] == ' ' || line[i + 1] == '\t')) {
                ++depth;
                i += 2;
                while (i < line.size() && line[i] == ' ') ++i;
            }
            if (depth > kMaxYamlNesting) refuse(file, lineNo, static_cast<int>(i) + 1, nestingMessage());
        }
        const int blockDepth = depth - flow;
        char previous = i == 0 ? ' ' : line[i - 1];
        for (; i < line.size(); ++i) {
            const char c = line[i];
            if (quote == '"') {
                if (c == '\\') ++i;
                else if (c == '"') quote = 0;
            } else if (quote == '\'') {
                if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;
                else if (c == '\'') quote = 0;
            } else if ((c == '"' || c == '\'') &&
                       (previous == ' ' || previous == '\t' || previous == '[' || previous == '{' || previous == ',' ||
                        previous == ':')) {
                quote = c;
            } else if (c == '#' && (previous == ' ' || previous == '\t')) {
                break;
            } else if (c == '[' || c == '{') {
                ++flow;
                if (blockDepth + flow > kMaxYamlNesting) refuse(file, lineNo, static_cast<int>(i) + 1, nestingMessage());
            } else if ((c == ']' || c == '}') && flow > 0) {
                --flow;
            }
            previous = c;
        }
        // A block scalar indicator ends the line: its content is text, not structure.
        if (quote == 0 && flow == 0) {
            std::string_view rest = line;
            while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
            while (!rest.empty() && (rest.back() == '-' || rest.back() == '+' || (rest.back() >= '1' && rest.back() <= '9')))
                rest.remove_suffix(1);
            if (!rest.empty() && (rest.back() == '|' || rest.back() == '>') &&
                (rest.size() == 1 || rest[rest.size() - 2] == ' '))
                blockScalarParent = static_cast<long>(indent);
        }
        if (end == text.size()) break;
    }
}

// Walks the document as the loaders will, aliases expanded, with a budget: an alias used many
// times over many levels ("billion laughs") is refused instead of walked.
void checkExpansion(const YAML::Node& root, const std::string& file) {
    std::vector<YAML::Node> pending{root};
    std::size_t visited = 0;
    while (!pending.empty()) {
        YAML::Node node = pending.back();
        pending.pop_back();
        if (++visited > kMaxYamlExpandedNodes) {
            const YAML::Mark m = node.Mark();
            refuse(file, m.line + 1, m.column + 1,
                   "the YAML expands to more than " + std::to_string(kMaxYamlExpandedNodes) +
                       " nodes once its aliases are expanded (the bench's limit)");
        }
        if (node.IsSequence()) {
            for (const auto& child : node) pending.push_back(child);
        } else if (node.IsMap()) {
            for (const auto& kv : node) {
                pending.push_back(kv.first);
                pending.push_back(kv.second);
            }
        }
    }
}

} // namespace

YAML::Node parseBoundedYaml(const std::string& text, const std::string& file) {
    if (text.size() > kMaxYamlDocumentBytes)
        refuse(file, 0, 0,
               "the file is " + std::to_string(text.size() / 1024) + " KiB; a YAML document may be at most " +
                   std::to_string(kMaxYamlDocumentBytes / (1024 * 1024)) + " MiB (the bench's limit)");
    checkNesting(text, file);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        refuse(file, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg);
    }
    checkExpansion(root, file);
    return root;
}

} // namespace v2gbench::bench
