#pragma once
// The behaviour behind a generic SCPI server: what one simulated instrument does with a command
// of its dialect, acting on the shared plant. The server has already matched the header against
// the dialect table and validated the argument (type, range, suffix); the model only acts.
#include "v2gbench/transports/scpi_dialect.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::simwire::scpi {

// An SCPI error-queue entry raised while executing a command (code and standard text).
class ScpiStatusError : public std::runtime_error {
public:
    explicit ScpiStatusError(int code, const std::string& detail = {});
    int code() const { return m_code; }
    // The queue entry text: standard message, then "; detail" when there is one.
    const std::string& text() const { return m_text; }

private:
    int m_code;
    std::string m_text;
};

// Standard SCPI-99 message for an error code ("Undefined header" for -113).
std::string standardErrorMessage(int code);

struct ScpiCall {
    const transports::ScpiCommandSpec& spec;
    bool query = false;
    int suffix = -1;          // the numeric suffix (1 when the header has one and none was typed)
    double number = 0.0;      // Number
    bool flag = false;        // Boolean
    std::size_t choice = 0;   // Choice: index into spec.choices
    std::vector<double> numbers;         // NumberList
    std::vector<std::size_t> choiceList; // ChoiceList: indices into spec.choices
    std::vector<std::string> args;       // the parameters as typed (trimmed, quotes kept)
};

class ScpiModel {
public:
    virtual ~ScpiModel() = default;
    virtual std::string identification() const = 0; // *IDN? reply
    virtual void reset() = 0;                        // *RST
    // Executes one command; returns the reply of a query (ignored for a command). Throws
    // ScpiStatusError for what the instrument refuses.
    virtual std::string execute(const ScpiCall& call) = 0;
    // True for a command whose parameters the table cannot describe (free text, key=value: the
    // EV's EV:FAULt:ADD): the server then hands call.args over unvalidated and the model checks
    // them, throwing ScpiStatusError (-109 missing, -104 type, -224 value) itself.
    virtual bool parsesOwnArguments(const transports::ScpiCommandSpec&) const { return false; }
};

} // namespace v2gbench::simwire::scpi
