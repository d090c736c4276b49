#pragma once
// The operator at the terminal answers inspect steps the answers file lacks: the question is
// printed, the answer and who entered it are read from the input. Used only when the input is a
// terminal; at the end of the input there is no answer (the check is an error).
#include "v2gbench/bench/answer_source.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace v2gbench::app {

class TerminalAnswers : public bench::AnswerSource {
public:
    TerminalAnswers(std::istream& in, std::ostream& out) : m_in(in), m_out(out) {}
    std::optional<bench::OperatorAnswer> answer(const bench::InspectQuestion& q) override;
    std::string howToAnswer() const override { return "pass --answers FILE"; }

private:
    std::istream& m_in;
    std::ostream& m_out;
    std::string m_by; // asked once, then offered as the default
};

} // namespace v2gbench::app
