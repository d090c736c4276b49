#include "v2gbench/sim/sim_can_bus.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::sim {

SimCanBus::NodeId SimCanBus::attachNode() {
    m_inboxes.emplace_back();
    m_onBus.push_back(true);
    return m_inboxes.size() - 1;
}

void SimCanBus::send(NodeId from, transports::CanFrame frame, double time) {
    if (!m_onBus.at(from)) return;
    frame.timestamp = std::chrono::microseconds(std::llround(time * 1e6));
    ++m_framesSent;
    if (!m_broken)
        for (NodeId n = 0; n < m_inboxes.size(); ++n)
            if (n != from && m_onBus[n]) m_inboxes[n].push_back(frame);
    // A listener may remove itself: call a snapshot.
    const auto listeners = m_listeners;
    for (const auto& l : listeners) l.second(frame, from, time);
}

std::vector<transports::CanFrame> SimCanBus::take(NodeId node) {
    std::vector<transports::CanFrame> out;
    out.swap(m_inboxes.at(node));
    return out;
}

void SimCanBus::setOnBus(NodeId node, bool on) {
    m_onBus.at(node) = on;
    if (!on) m_inboxes.at(node).clear();
}

SimCanBus::ListenerId SimCanBus::addListener(Listener listener) {
    m_listeners.emplace_back(m_nextListener, std::move(listener));
    return m_nextListener++;
}

void SimCanBus::removeListener(ListenerId id) {
    m_listeners.erase(std::remove_if(m_listeners.begin(), m_listeners.end(), [id](const auto& l) { return l.first == id; }),
                      m_listeners.end());
}

} // namespace v2gbench::sim
