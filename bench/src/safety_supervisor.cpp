#include "v2gbench/bench/safety_supervisor.hpp"

#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/core/quantity.hpp"

namespace v2gbench::bench {

SafetySupervisor::SafetySupervisor(const BenchProfile& bench, std::function<double(const std::string&)> readSignal,
                                   AbortFlag& abort)
    : m_bench(bench), m_read(std::move(readSignal)), m_abort(abort) {}

std::optional<std::string> SafetySupervisor::check(double benchTime) {
    if (benchTime - m_lastCheck < m_bench.supervisionPeriod * (1.0 - 1e-9)) return std::nullopt;
    m_lastCheck = benchTime;
    for (const auto& limit : m_bench.limits) {
        const double v = m_read(limit.signal);
        const auto* spec = RoleCatalog::builtin().signal(limit.signal);
        const auto dim = spec ? spec->type.dimension : core::Dimension::none();
        std::string message;
        if (limit.max && v > *limit.max)
            message = limit.signal + " = " + core::formatQuantity(v, dim) + " is above the bench limit " +
                      core::formatQuantity(*limit.max, dim);
        else if (limit.min && v < *limit.min)
            message = limit.signal + " = " + core::formatQuantity(v, dim) + " is below the bench limit " +
                      core::formatQuantity(*limit.min, dim);
        if (!message.empty()) {
            message = "safety limit (" + limit.where.str() + "): " + message;
            m_abort.request(message);
            return message;
        }
    }
    return std::nullopt;
}

} // namespace v2gbench::bench
