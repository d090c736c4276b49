#pragma once
// What one bench session hands to the clock and driver factories: the DUT's ratings, free-form
// settings (e.g. "sim.defect", "sim.seed"), the exchange log, and a per-session store of shared
// resources (the simulated lab's plant, a CAN hub connection) that drivers of one session share
// and that dies with the session.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/exchange_log.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace v2gbench::core {

class SessionContext {
public:
    DutRatings dut;
    std::map<std::string, std::string> settings;
    ExchangeLog* exchanges = nullptr; // may be null: nothing recorded

    std::string setting(const std::string& key, const std::string& fallback = {}) const {
        auto it = settings.find(key);
        return it == settings.end() ? fallback : it->second;
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
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<void>> m_resources;
};

} // namespace v2gbench::core
