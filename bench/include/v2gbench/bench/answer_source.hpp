#pragma once
// Where the answers of `inspect` steps come from. The executor asks; a source answers or says it
// has none. Implementations: AnswersFile (answers_file.hpp: `--answers FILE`), the CLI's terminal
// prompt, the GUI's dialog. A source never invents an answer: no answer means the check is a bench
// `error` that says how to give one.
#include "v2gbench/bench/plan.hpp"

#include <optional>
#include <string>

namespace v2gbench::bench {

// One question, with everything that identifies it in an answers file.
struct InspectQuestion {
    std::string planId;
    std::string caseId;
    std::string instance;  // "current=10 A" for for_each instances; empty otherwise
    std::string name;      // the rendered step name
    std::string question;
    AnswerKind kind = AnswerKind::YesNo;
    std::string unit;      // quantity answers
};

struct OperatorAnswer {
    std::string value;     // as given: "yes", "12.31", "12.31 mm", a text
    std::string by;        // who entered it (never empty)
    std::string origin;    // where it came from: "answers.yaml:14", "terminal", "dialog"
};

class AnswerSource {
public:
    virtual ~AnswerSource() = default;
    // The answer, or nullopt when this source has none. May block (a person types); must return
    // nullopt rather than block forever when it cannot ask (no terminal). Thread: the executor's.
    virtual std::optional<OperatorAnswer> answer(const InspectQuestion& q) = 0;
    // How an operator would give an answer this source lacks, for the error message
    // ("pass --answers FILE").
    virtual std::string howToAnswer() const = 0;
};

// An answer read for its kind: yes-no → "yes"/"no" (yes, no, true, false in any case); quantity →
// a number, optionally followed by the step's unit ("12.31" or "12.31 mm"); text → trimmed.
// `error` says what is wrong and is empty when the value is usable.
struct ParsedAnswer {
    std::string text;
    std::optional<double> number; // quantity answers
    std::string error;
};
ParsedAnswer parseAnswer(AnswerKind kind, const std::string& unit, const std::string& value);

// Asks `first`, then `second` when `first` has no answer (either may be null).
class ChainedAnswers : public AnswerSource {
public:
    ChainedAnswers(AnswerSource* first, AnswerSource* second) : m_first(first), m_second(second) {}
    std::optional<OperatorAnswer> answer(const InspectQuestion& q) override {
        if (m_first)
            if (auto a = m_first->answer(q)) return a;
        if (m_second) return m_second->answer(q);
        return std::nullopt;
    }
    std::string howToAnswer() const override {
        if (m_second) return m_second->howToAnswer();
        return m_first ? m_first->howToAnswer() : "pass --answers FILE";
    }

private:
    AnswerSource* m_first;
    AnswerSource* m_second;
};

} // namespace v2gbench::bench
