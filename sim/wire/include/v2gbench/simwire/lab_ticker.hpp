#pragma once
// Keeps the wire lab's plant in real time on its own. Since the GB/T 27930 charger and EV
// emulator run inside the plant, the plant must step whether or not a client looks at it: the
// ticker's thread calls SimLab::withPlant() every `period` (1 ms by default, the plant's step),
// which brings a lab that follows the real clock up to now — stepping the protocol stacks, so
// their frames reach the bus (and the wire hub) on time.
//
// Hooks run on the ticker thread at every tick, under the lab's lock, after the plant has been
// brought up to date: the CAN bridge drains the frames clients sent to the hub into the plant
// there. A hook must be quick and must not call back into the lab.
//
// The thread waits on a condition variable between ticks, so stop() interrupts it at once.
#include "v2gbench/sim/sim_lab.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace v2gbench::simwire {

class LabTicker {
public:
    using Hook = std::function<void(sim::Plant&)>;
    using HookId = std::uint64_t;

    explicit LabTicker(std::shared_ptr<sim::SimLab> lab, std::chrono::microseconds period = std::chrono::milliseconds(1));
    ~LabTicker(); // stop()
    LabTicker(const LabTicker&) = delete;
    LabTicker& operator=(const LabTicker&) = delete;

    // Starts the thread (idempotent).
    void start();
    // Stops and joins the thread; idempotent, never throws. After it returns no hook runs.
    void stop() noexcept;
    bool running() const { return m_running.load(); }

    // Thread-safe. After removeHook() returns the hook is not running and will not run again
    // (it must not be called from inside a hook).
    HookId addHook(Hook hook);
    void removeHook(HookId id);

    std::chrono::microseconds period() const { return m_period; }
    std::uint64_t ticks() const { return m_ticks.load(); }
    // The latest a tick started after it was due, since start (scheduling jitter), in µs.
    std::int64_t maxLatenessMicros() const { return m_maxLateness.load(); }

private:
    void loop();

    std::shared_ptr<sim::SimLab> m_lab;
    std::chrono::microseconds m_period;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::mutex m_stopMutex; // m_stopRequested, the wait
    std::condition_variable m_stopCv;
    bool m_stopRequested = false;
    std::mutex m_hooksMutex; // held while hooks run (taken inside the lab's lock)
    std::map<HookId, Hook> m_hooks;
    HookId m_nextHook = 1;
    std::atomic<std::uint64_t> m_ticks{0};
    std::atomic<std::int64_t> m_maxLateness{0};
};

} // namespace v2gbench::simwire
