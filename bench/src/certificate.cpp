#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/bench/results.hpp"

#include <map>

namespace v2gbench::bench {

std::string CertificateStatus::statement() const {
    if (unverified.empty()) return "certificate-grade: yes";
    const std::size_t n = unverified.size();
    return "certificate-grade: no \xE2\x80\x94 " + std::to_string(n) + (n == 1 ? " unverified criterion" : " unverified criteria");
}

CertificateStatus certificateStatus(const std::vector<PlanResult>& plans) {
    CertificateStatus status;
    std::map<std::pair<std::string, std::string>, CriterionUse> unverified;
    for (const auto& p : plans)
        for (const auto& c : p.cases)
            for (const auto& ch : c.checks) {
                if (!ch.criterion) ++status.planLimitChecks;
                else if (ch.criterion->confidence == toString(Confidence::Unverified))
                    unverified.emplace(std::pair(ch.criterion->requirement, ch.criterion->name), *ch.criterion);
            }
    for (auto& [key, c] : unverified) status.unverified.push_back(std::move(c));
    status.certificateGrade = status.unverified.empty();
    return status;
}

} // namespace v2gbench::bench
