#pragma once
// What one bench session hands to the clock and driver factories: the DUT's ratings, free-form
// settings (e.g. "sim.defect", "sim.seed"), the exchange log, and a per-session store of shared
// resources (the simulated lab's plant, a CAN hub connection) that drivers of one session share
// and that dies with the session. The session's clock is not here: drivers receive it in their
// DriverRequest (driver_registry.hpp), which states its lifetime.
//
// Settings are requests. The clock, driver or lab control that applies one records the value it
// read back (recordApplied); the run folder records only those read-backs, and the bench refuses
// a session in which a requested setting was applied by no one (unappliedSettings), so nothing is
// recorded that did not happen and nothing requested is silently ignored.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/exchange_log.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <typeinfo>
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

    // Returns the resource stored under key, creating it with make() on first use (make() runs
    // under the store's lock: it must not call shared() itself). Every user of a key names the same
    // T; asking for another type is a programming error and throws std::logic_error naming the key
    // and both types, never a cast to the wrong type. make() returning null is one too.
    template <class T>
    std::shared_ptr<T> shared(const std::string& key, const std::function<std::shared_ptr<T>()>& make) {
        std::lock_guard lock(m_mutex);
        auto it = m_resources.find(key);
        if (it != m_resources.end()) {
            if (it->second.type != std::type_index(typeid(T)))
                throw std::logic_error(resourceTypeMismatch(key, it->second.type, typeid(T)));
            return std::static_pointer_cast<T>(it->second.object);
        }
        auto created = make();
        if (!created) throw std::logic_error("session resource '" + key + "': make() returned nothing");
        m_resources.emplace(key, Resource{created, std::type_index(typeid(T))});
        return created;
    }

private:
    // The object and the exact type it was stored as: shared<T>() casts back only to that type.
    struct Resource {
        std::shared_ptr<void> object;
        std::type_index type;
    };
    static std::string resourceTypeMismatch(const std::string& key, std::type_index stored, const std::type_info& asked);

    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_applied;
    std::map<std::string, Resource> m_resources;
};

} // namespace v2gbench::core
