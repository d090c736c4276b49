#include "v2gbench/results/run_record.hpp"

namespace v2gbench::results {

std::string CaseRecord::key() const { return plan + "/" + caseId + (instance.empty() ? "" : "[" + instance + "]"); }

std::string CheckRecord::key() const {
    return plan + "/" + caseId + (instance.empty() ? "" : "[" + instance + "]") + "/" + name;
}

} // namespace v2gbench::results
