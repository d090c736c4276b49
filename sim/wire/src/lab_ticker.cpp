#include "v2gbench/simwire/lab_ticker.hpp"

#include "v2gbench/core/log.hpp"

#include <algorithm>
#include <stdexcept>

namespace v2gbench::simwire {

LabTicker::LabTicker(std::shared_ptr<sim::SimLab> lab, std::chrono::microseconds period)
    : m_lab(std::move(lab)), m_period(period) {
    if (!m_lab) throw std::invalid_argument("lab ticker: no lab");
    if (m_period.count() <= 0) throw std::invalid_argument("lab ticker: the period must be positive");
}

LabTicker::~LabTicker() {
    stop();
}

void LabTicker::start() {
    if (m_thread.joinable()) return;
    {
        std::lock_guard lock(m_stopMutex);
        m_stopRequested = false;
    }
    m_running = true;
    m_thread = std::thread([this] { loop(); });
}

void LabTicker::stop() noexcept {
    {
        std::lock_guard lock(m_stopMutex);
        m_stopRequested = true;
    }
    m_stopCv.notify_all();
    if (m_thread.joinable()) m_thread.join();
    m_running = false;
}

LabTicker::HookId LabTicker::addHook(Hook hook) {
    std::lock_guard lock(m_hooksMutex);
    const HookId id = m_nextHook++;
    m_hooks.emplace(id, std::move(hook));
    return id;
}

void LabTicker::removeHook(HookId id) {
    // Hooks run with m_hooksMutex held: once we have it, the hook is not running.
    std::lock_guard lock(m_hooksMutex);
    m_hooks.erase(id);
}

void LabTicker::loop() {
    using clock = std::chrono::steady_clock;
    auto due = clock::now();
    while (true) {
        const auto started = clock::now();
        const auto late = std::chrono::duration_cast<std::chrono::microseconds>(started - due).count();
        if (late > m_maxLateness.load()) m_maxLateness.store(late);
        try {
            m_lab->withPlant([this](sim::Plant& plant) {
                std::lock_guard lock(m_hooksMutex);
                for (auto& [id, hook] : m_hooks) hook(plant);
            });
        } catch (const std::exception& e) {
            // A plant step must not end the lab; say it and keep the clock going.
            core::log::error("sim", std::string("lab ticker: ") + e.what());
        }
        ++m_ticks;
        due += m_period;
        // Far behind (a stalled machine, a debugger): skip the missed ticks rather than race —
        // the next withPlant() catches the plant up in one call anyway.
        const auto now = clock::now();
        if (now - due > 50 * m_period) due = now + m_period;
        std::unique_lock lock(m_stopMutex);
        if (m_stopCv.wait_until(lock, due, [this] { return m_stopRequested; })) break;
    }
}

} // namespace v2gbench::simwire
