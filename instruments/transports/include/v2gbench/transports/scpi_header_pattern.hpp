#pragma once
// A SCPI command header as instrument manuals write it, e.g.
// "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC" or "UTRMS#": upper-case letters (and
// digits) form the short form, the whole word the long form, [..] marks optional nodes and a
// trailing '#' a numeric suffix (channel, phase). Drivers format the minimal short form from it;
// the wire simulators match what a client typed against it (short or long forms, optional nodes
// present or not) — the same table read in both directions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

class ScpiHeaderPattern {
public:
    struct Node {
        std::string longForm;  // upper case: "VOLTAGE"
        std::string shortForm; // "VOLT"
        bool optional = false;
        bool suffix = false;   // takes a numeric suffix: "UTRMS1"
    };
    struct Match {
        int suffix = -1; // the numeric suffix typed, -1 when the pattern has none or none was typed
    };

    // Throws std::invalid_argument for a malformed template.
    explicit ScpiHeaderPattern(std::string_view text);

    const std::string& text() const { return m_text; }
    const std::vector<Node>& nodes() const { return m_nodes; }

    // The minimal form a driver sends: mandatory nodes, short forms, ':'-joined ("VOLT:AC"),
    // with `suffix` appended to the suffixed node when >= 0.
    std::string shortText(int suffix = -1) const;

    // Matches the mnemonics a client typed (case-insensitive, already split at ':').
    std::optional<Match> match(const std::vector<std::string>& typed) const;

private:
    bool matchFrom(std::size_t node, std::size_t word, const std::vector<std::string>& typed, Match& m) const;
    std::string m_text;
    std::vector<Node> m_nodes;
};

} // namespace v2gbench::transports
