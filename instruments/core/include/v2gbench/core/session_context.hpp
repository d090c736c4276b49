#pragma once
// What one bench session hands to the clock and driver factories: the DUT's ratings, free-form
// settings (e.g. "sim.defect", "sim.seed"), the exchange log, and a per-session store of shared
// resources (the simulated lab's plant, a CAN hub connection) that drivers of one session share
// and that dies with the session.
//
// Settings are requests. The clock, driver or lab control that applies one records the value it
// read back (recordApplied); the run folder records only those read-backs, and the bench refuses
// a session in which a requested setting was applied by no one (unappliedSettings), so nothing is
// recorded that did not happen and nothing requested is silently ignored.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/exchange_log.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace v2gbench::core {

class SessionContext {
public:
    DutRatings dut;
    std::string dutId; // the DUT profile's id (a lab control compares it with the lab's DUT)
    std::map<std::string, std::string> settings;
    ExchangeLog* exchanges = nullptr; // may be null: nothing recorded

    std::string setting(const std::string& key, const std::string& fallback = {}) const {
        auto it = settings.find(key);
        return it == settings.end() ? fallback : it->second;
    }

    // `key` was applied; `readBack` is its value as the instrument or the lab reports it now.
    void recordApplied(const std::string& key, const std::string& readBack) {
        std::lock_guard lock(m_mutex);
        m_applied[key] = readBack;
    }
    std::map<std::string, std::string> applied() const {
        std::lock_guard lock(m_mutex);
        return m_applied;
    }
    // Requested keys that nothing applied, sorted.
    std::vector<std::string> unappliedSettings() const {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> out;
        for (const auto& [key, value] : settings)
            if (!m_applied.count(key)) out.push_back(key);
        return out;
    }

    // The session's clock; set by the bench before any driver is created.
    Clock& clock() const { return *m_clock; }
    void setClock(std::shared_ptr<Clock> clock) { m_clock = std::move(clock); }
    bool hasClock() const { return m_clock != nullptr; }

    // Returns the resource stored under key, creating it with make() on first use.
    template <class T>
    std::shared_ptr<T> shared(const std::string& key, const std::function<std::shared_ptr<T>()>& make) {
        std::lock_guard lock(m_mutex);
        auto it = m_resources.find(key);
        if (it != m_resources.end()) return std::static_pointer_cast<T>(it->second);
        auto created = make();
        m_resources[key] = created;
        return created;
    }

private:
    std::shared_ptr<Clock> m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_applied;
    std::map<std::string, std::shared_ptr<void>> m_resources;
};

} // namespace v2gbench::core
