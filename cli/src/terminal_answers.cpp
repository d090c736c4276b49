#include "v2gbench/app/terminal_answers.hpp"

#include <istream>
#include <ostream>

namespace v2gbench::app {

std::optional<bench::OperatorAnswer> TerminalAnswers::answer(const bench::InspectQuestion& q) {
    m_out << "\nINSPECT  " << q.name << "  (plan " << q.planId << ", case " << q.caseId
          << (q.instance.empty() ? "" : " [" + q.instance + "]") << ")\n  " << q.question << "\n";
    const std::string expected = q.kind == bench::AnswerKind::YesNo      ? "yes or no"
                                 : q.kind == bench::AnswerKind::Quantity ? "a number in " + q.unit
                                                                         : "a text";
    std::string value;
    for (;;) {
        m_out << "  answer (" << expected << "): " << std::flush;
        if (!std::getline(m_in, value)) return std::nullopt;
        const auto parsed = bench::parseAnswer(q.kind, q.unit, value);
        if (parsed.error.empty()) break;
        m_out << "  " << parsed.error << "\n";
    }
    for (;;) {
        m_out << "  entered by" << (m_by.empty() ? "" : " [" + m_by + "]") << ": " << std::flush;
        std::string by;
        if (!std::getline(m_in, by)) return std::nullopt;
        if (by.find_first_not_of(" \t") != std::string::npos) m_by = by;
        if (!m_by.empty()) break;
    }
    return bench::OperatorAnswer{value, m_by, "terminal"};
}

} // namespace v2gbench::app
