#include "v2gbench/simwire/can/plant_bus_bridge.hpp"

#include "v2gbench/core/log.hpp"

#include <stdexcept>
#include <vector>

namespace v2gbench::simwire::can {

using transports::CanFrame;

PlantBusBridge::PlantBusBridge(CanHub& hub, std::shared_ptr<sim::SimLab> lab, std::shared_ptr<LabTicker> ticker)
    : m_hub(hub), m_lab(std::move(lab)), m_ticker(std::move(ticker)) {
    if (!m_lab || !m_ticker) throw std::invalid_argument("can-hub bridge: needs a lab and a ticker");
    m_labReference = m_lab->now().value;
    m_wallReference = std::chrono::system_clock::now();
    try {
        // Hub → plant first: a client frame arriving now waits in the queue for the hook.
        m_node = m_hub.attach([this](const CanFrame& f) { fromHub(f); });
        m_hook = m_ticker->addHook([this](sim::Plant& p) { drainInto(p); });
        m_listener = m_lab->withPlant([this](sim::Plant& p) {
            return p.bus().addListener([this](const CanFrame& f, sim::SimCanBus::NodeId, double t) { fromPlant(f, t); });
        });
    } catch (...) {
        detach();
        throw;
    }
}

PlantBusBridge::~PlantBusBridge() {
    detach();
}

void PlantBusBridge::detach() noexcept {
    try {
        if (m_listener) {
            m_lab->withPlant([this](sim::Plant& p) { p.bus().removeListener(*m_listener); });
            m_listener.reset();
        }
    } catch (...) {
    }
    try {
        if (m_hook) {
            m_ticker->removeHook(*m_hook);
            m_hook.reset();
        }
    } catch (...) {
    }
    try {
        if (m_node) {
            m_hub.detach(*m_node);
            m_node.reset();
        }
    } catch (...) {
    }
    std::lock_guard lock(m_queueMutex);
    m_queue.clear();
}

void PlantBusBridge::fromPlant(const CanFrame& frame, double plantTime) {
    if (m_injecting || !m_node) return;
    try {
        CanFrame stamped = frame;
        const auto wall = m_wallReference + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                                std::chrono::duration<double>(plantTime - m_labReference));
        stamped.timestamp = std::chrono::duration_cast<std::chrono::microseconds>(wall.time_since_epoch());
        m_hub.send(stamped, *m_node);
        ++m_toHub;
    } catch (const std::exception& e) {
        // A plant step cannot fail because the wire refused a frame: say it, go on.
        core::log::warning("can-hub", "plant frame " + transports::toCanUtilsString(frame) +
                                          " not put on the hub: " + e.what());
    }
}

void PlantBusBridge::fromHub(const CanFrame& frame) {
    std::lock_guard lock(m_queueMutex);
    if (m_queue.size() >= kMaxQueued) {
        ++m_dropped;
        return;
    }
    m_queue.push_back(frame);
}

void PlantBusBridge::drainInto(sim::Plant& plant) {
    std::deque<CanFrame> frames;
    {
        std::lock_guard lock(m_queueMutex);
        if (m_queue.empty()) return;
        frames.swap(m_queue);
    }
    m_injecting = true;
    for (const auto& f : frames) {
        try {
            plant.injectFrame(f);
            ++m_toPlant;
        } catch (const std::exception& e) {
            core::log::warning("can-hub", "client frame " + transports::toCanUtilsString(f) +
                                              " not injected into the plant: " + e.what());
        }
    }
    m_injecting = false;
}

// ---- service ----------------------------------------------------------------------------------

PlantCanHubService::PlantCanHubService(WireContext& context, CanHubOptions options)
    : m_context(context), m_hub(context, std::move(options)) {}

PlantCanHubService::~PlantCanHubService() {
    stop();
}

std::string PlantCanHubService::protocol() const {
    return m_hub.protocol() + (m_context.lab && m_context.ticker ? ", bridged to the plant's charger-EV bus" : "");
}

int PlantCanHubService::start(int port) {
    const int bound = m_hub.start(port);
    if (m_context.lab && m_context.ticker && !m_bridge) {
        try {
            m_bridge = std::make_unique<PlantBusBridge>(m_hub, m_context.lab, m_context.ticker);
        } catch (const std::exception& e) {
            m_hub.stop();
            throw std::runtime_error(std::string("can-hub: cannot bridge to the plant: ") + e.what());
        }
    }
    return bound;
}

void PlantCanHubService::stop() noexcept {
    if (m_bridge) {
        m_bridge->detach();
        m_bridge.reset();
    }
    m_hub.stop();
}

} // namespace v2gbench::simwire::can
