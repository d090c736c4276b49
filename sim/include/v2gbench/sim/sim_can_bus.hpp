#pragma once
// The simulated lab's charger↔EV CAN bus, in plant time. Nodes (the simulated charger, the
// simulated EV emulator, a bridge to the wire hub) send frames stamped with the plant time; every
// other node finds them in its inbox at its next step (one plant step of latency, like a real
// bus seen by a polling controller). Listeners (the `can` role's recorder, the wire bridge) see
// every frame at once. Not thread-safe: the plant's lock (SimLab) serialises access.
#include "v2gbench/transports/can_frame.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace v2gbench::sim {

class SimCanBus {
public:
    using NodeId = std::size_t;
    using ListenerId = std::size_t;
    // Called for every frame put on the bus, with the sending node and the plant time in seconds.
    using Listener = std::function<void(const transports::CanFrame&, NodeId from, double time)>;

    NodeId attachNode();
    // Puts a frame on the bus from `from` at plant time `time` (s); its timestamp is set to it.
    void send(NodeId from, transports::CanFrame frame, double time);
    // The frames others sent since the last take(), oldest first.
    std::vector<transports::CanFrame> take(NodeId node);

    ListenerId addListener(Listener listener);
    void removeListener(ListenerId id);

    std::uint64_t framesSent() const { return m_framesSent; }
    // S+ or S- open (or shorted): frames reach no other node; listeners (recorders tapping the
    // sender's side) still see them.
    void setBroken(bool broken) { m_broken = broken; }
    bool broken() const { return m_broken; }
    // A node taken off the bus (v2gbench-sim --bus-dut external: the lab's own charger and EV
    // emulator make way for outside devices): what it sends reaches no node and no listener, and
    // nothing reaches its inbox. Nodes are on the bus when attached.
    void setOnBus(NodeId node, bool on);
    bool onBus(NodeId node) const { return m_onBus.at(node); }

private:
    std::vector<std::vector<transports::CanFrame>> m_inboxes;
    std::vector<bool> m_onBus;
    std::vector<std::pair<ListenerId, Listener>> m_listeners;
    ListenerId m_nextListener = 1;
    std::uint64_t m_framesSent = 0;
    bool m_broken = false;
};

} // namespace v2gbench::sim
