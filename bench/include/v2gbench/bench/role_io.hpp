#pragma once
// The binding between the plan vocabulary (RoleCatalog) and the role interfaces: reads a named
// signal, performs a named action with evaluated arguments. The only place that knows both.
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan.hpp"

#include <any>
#include <exception>
#include <map>
#include <type_traits>
#include <string>

namespace v2gbench::bench {

// Throws std::invalid_argument for an unknown signal, or what the instrument throws.
Value readSignal(BenchSession& session, const std::string& name);

// One instrument query (the analyzer's reading, the EV's status, …) per instrument, shared by the
// signals taken from it: what a batch of signals read at one instant needs (the live stream reads
// every signal of the bench each supervision tick, one analyzer query rather than eleven).
class ReadMemo {
public:
    explicit ReadMemo(bool enabled = true) : m_enabled(enabled) {}
    // `query`'s result under `key`, queried once; its failure is kept and rethrown to every later get().
    template <class Query>
    auto get(const std::string& key, Query&& query) -> std::decay_t<decltype(query())> {
        using T = std::decay_t<decltype(query())>;
        if (!m_enabled) return query();
        if (auto it = m_results.find(key); it != m_results.end()) {
            if (it->second.failure) std::rethrow_exception(it->second.failure);
            return std::any_cast<const T&>(it->second.value);
        }
        try {
            T value = query();
            m_results[key].value = value;
            return value;
        } catch (...) {
            m_results[key].failure = std::current_exception();
            throw;
        }
    }

private:
    struct Result {
        std::any value;
        std::exception_ptr failure;
    };
    bool m_enabled;
    std::map<std::string, Result> m_results;
};

// Reads signals at one instant (as readSignal, with one query per instrument). Use a fresh one per instant.
class SignalBatchReader {
public:
    explicit SignalBatchReader(BenchSession& session) : m_session(session) {}
    Value read(const std::string& name);

private:
    BenchSession& m_session;
    ReadMemo m_memo;
};

// Throws core::CapabilityError / core::InstrumentError from the instrument, or
// std::invalid_argument for an argument that makes no sense at run time (e.g. a SoC over 100 %).
void performAction(BenchSession& session, const DutProfile& dut, const ActionStep& step,
                   const std::map<std::string, Value>& arguments);

} // namespace v2gbench::bench
