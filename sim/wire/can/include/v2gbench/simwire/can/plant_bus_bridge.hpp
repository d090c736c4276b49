#pragma once
// Joins the plant's in-memory charger↔EV bus (sim::SimCanBus, plant time) to the wire CAN hub,
// so socketcand clients see the simulated charger's and EV's GB/T 27930 traffic and can take
// part in it.
//
// - plant → hub: a listener on the plant bus puts every frame the charger or the EV sends on the
//   hub as one hub node (raw-mode clients get it stamped with the hub's clock). It runs where the
//   plant steps — under the lab's lock — and only queues output in the hub (never blocks).
// - hub → plant: the hub node's callback (the hub's server thread) only appends the frame to a
//   mutex-protected queue; a LabTicker hook drains it into Plant::injectFrame() on the ticker
//   thread, so the charger and the EV get it at the next plant step. The hub thread never takes
//   the lab's lock: the plant → hub direction holds the lab's lock while it takes the hub's, so
//   the other order would deadlock.
// Frames the bridge injects are not echoed back to the hub (the hub already forwarded them).
//
// Lock order: lab → ticker hooks → bridge queue; lab → hub. Never the reverse.
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/can/can_hub.hpp"
#include "v2gbench/simwire/lab_ticker.hpp"

#include <atomic>
#include <cstdint>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace v2gbench::simwire::can {

class PlantBusBridge {
public:
    // Frames from clients beyond this many waiting for the ticker are dropped (and counted).
    static constexpr std::size_t kMaxQueued = 4096;

    // Attaches to all three at once. The hub, the lab and the ticker must outlive the bridge
    // (or detach() must have been called).
    PlantBusBridge(CanHub& hub, std::shared_ptr<sim::SimLab> lab, std::shared_ptr<LabTicker> ticker);
    ~PlantBusBridge();
    PlantBusBridge(const PlantBusBridge&) = delete;
    PlantBusBridge& operator=(const PlantBusBridge&) = delete;

    // Detaches from the plant bus, the ticker and the hub; idempotent, never throws. After it
    // returns the bridge moves no frame any more.
    void detach() noexcept;

    std::uint64_t framesToHub() const { return m_toHub.load(); }
    std::uint64_t framesToPlant() const { return m_toPlant.load(); }
    std::uint64_t framesDropped() const { return m_dropped.load(); }

private:
    void fromPlant(const transports::CanFrame& frame, double plantTime);  // under the lab's lock
    void fromHub(const transports::CanFrame& frame);    // on the hub's thread
    void drainInto(sim::Plant& plant);                  // ticker thread, under the lab's lock

    CanHub& m_hub;
    std::shared_ptr<sim::SimLab> m_lab;
    std::shared_ptr<LabTicker> m_ticker;
    std::optional<sim::SimCanBus::ListenerId> m_listener;
    std::optional<CanHub::NodeId> m_node;
    std::optional<LabTicker::HookId> m_hook;
    // Lab time → Unix time: the plant's frames carry the wall time of the step that sent them,
    // not of the moment a catching-up ticker delivered them (which would bunch their intervals).
    double m_labReference = 0.0;
    std::chrono::system_clock::time_point m_wallReference;
    bool m_injecting = false; // under the lab's lock: the listener skips what the bridge injects

    std::mutex m_queueMutex;
    std::deque<transports::CanFrame> m_queue;
    std::atomic<std::uint64_t> m_toHub{0};
    std::atomic<std::uint64_t> m_toPlant{0};
    std::atomic<std::uint64_t> m_dropped{0};
};

// Service "can-hub" of v2gbench-sim: the hub, bridged to the plant's bus when the context has a
// lab and a ticker (otherwise a plain hub). start() starts serving, then bridges; stop() unbridges
// first, then stops serving.
class PlantCanHubService : public WireService {
public:
    PlantCanHubService(WireContext& context, CanHubOptions options = {});
    ~PlantCanHubService() override;
    std::string name() const override { return m_hub.name(); }
    std::string protocol() const override;
    int start(int port) override;
    void stop() noexcept override;

    CanHub& hub() { return m_hub; }
    const PlantBusBridge* bridge() const { return m_bridge.get(); }

private:
    WireContext& m_context;
    CanHub m_hub;
    std::unique_ptr<PlantBusBridge> m_bridge;
};

} // namespace v2gbench::simwire::can
