#pragma once
// `--answers FILE`: the operator's answers to inspect steps, written down before an unattended run.
//
//   gbt34657-coupler-inspection:          # plan id
//     C0.0001:                            # case id
//       Plug dimensions within Annex A:   # inspect step name (as rendered)
//         {value: yes, by: Li Wei}        # who observed or measured it
//
// Errors are file:line (core::ConfigError). checkAgainst() compares the file with the plans of a
// run, so a misspelt plan, case or step name is refused before anything runs.
#include "v2gbench/bench/answer_source.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace v2gbench::bench {

class AnswersFile : public AnswerSource {
public:
    // Throws core::ConfigError at file:line.
    static AnswersFile load(const std::string& path);

    // Diagnostics for answers that name no plan, case or inspect step of `plans` (plans not in
    // the run are ignored), and for values that do not fit their step's answer kind.
    std::vector<Diagnostic> checkAgainst(const std::vector<Plan>& plans) const;

    std::optional<OperatorAnswer> answer(const InspectQuestion& q) override;
    std::string howToAnswer() const override;

    const std::string& file() const { return m_file; }

private:
    struct Entry {
        OperatorAnswer answer;
        core::SourceLocation planAt, caseAt, nameAt, valueAt;
    };
    std::string m_file;
    std::map<std::tuple<std::string, std::string, std::string>, Entry> m_answers; // (plan, case, name)
};

} // namespace v2gbench::bench
