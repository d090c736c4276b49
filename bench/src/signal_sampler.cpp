#include "signal_sampler.hpp"

#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/bench/role_io.hpp"
#include "v2gbench/core/dimension.hpp"
#include "v2gbench/core/errors.hpp"

namespace v2gbench::bench {

SignalSampler::SignalSampler(BenchSession& session) : m_session(session) {
    for (const auto& spec : RoleCatalog::builtin().signals()) {
        if (!session.has(spec.role)) continue; // bench.time: the frame's own time; unbound roles: nothing to read
        const auto kind = spec.type.kind;
        if (kind != ValueType::Kind::Quantity && kind != ValueType::Kind::Bool) continue; // texts are not plotted
        m_signals.push_back({spec.name, kind == ValueType::Kind::Bool ? std::string() : core::unitSymbol(spec.type.dimension),
                             kind == ValueType::Kind::Bool, false});
    }
    m_frame.readings.reserve(m_signals.size());
}

const SignalFrame& SignalSampler::sample(double benchTime) {
    m_frame.benchTime = benchTime;
    m_frame.readings.clear();
    m_index.clear();
    m_failures.clear();
    SignalBatchReader reader(m_session); // one query per instrument for all its signals
    for (auto& s : m_signals) {
        if (s.dropped) continue;
        try {
            const Value v = reader.read(s.name);
            const double si = s.boolean ? (v.boolean() ? 1.0 : 0.0) : v.quantity().value;
            m_index[s.name] = m_frame.readings.size();
            m_frame.readings.push_back({s.name, s.unit, si});
        } catch (const core::CapabilityError&) {
            s.dropped = true; // the instrument cannot measure it at all
            m_failures[s.name] = std::current_exception();
        } catch (...) {
            m_failures[s.name] = std::current_exception(); // omitted this tick, never a stale value
        }
    }
    return m_frame;
}

std::optional<double> SignalSampler::value(const std::string& name) const {
    auto it = m_index.find(name);
    if (it == m_index.end()) return std::nullopt;
    return m_frame.readings[it->second].value;
}

std::exception_ptr SignalSampler::failure(const std::string& name) const {
    auto it = m_failures.find(name);
    return it == m_failures.end() ? nullptr : it->second;
}

} // namespace v2gbench::bench
