#pragma once
// Shared by the CAN wire tests: a hub on an ephemeral port and a thread-safe frame queue that
// in-process nodes and observers fill, waited on with a condition variable (never a sleep).
#include "v2gbench/simwire/can/can_hub.hpp"
#include "v2gbench/transports/socketcand_channel.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace v2gbench::test {

struct HubFixture {
    simwire::WireContext context{nullptr, std::make_shared<simwire::FaultInjector>(), {}};
    std::unique_ptr<simwire::can::CanHub> hub;
    int port = 0;

    explicit HubFixture(simwire::can::CanHubOptions options = {}) {
        hub = std::make_unique<simwire::can::CanHub>(context, options);
        port = hub->start(0);
    }
    ~HubFixture() { hub->stop(); }

    transports::SocketcandEndpoint endpoint(const std::string& bus = "can0", double timeout = 2.0) const {
        return {"127.0.0.1", port, bus, units::Seconds(timeout)};
    }
    std::unique_ptr<transports::SocketcandChannel> client(const std::string& bus = "can0", double timeout = 2.0) const {
        auto c = std::make_unique<transports::SocketcandChannel>(endpoint(bus, timeout));
        c->open();
        return c;
    }
};

class FrameQueue {
public:
    void push(const transports::CanFrame& f) {
        {
            std::lock_guard lock(m_mutex);
            m_frames.push_back(f);
        }
        m_cv.notify_all();
    }
    // Bounded wait (a failing test must end); the frame as soon as one arrives.
    std::optional<transports::CanFrame> pop(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        std::unique_lock lock(m_mutex);
        if (!m_cv.wait_for(lock, timeout, [&] { return !m_frames.empty(); })) return std::nullopt;
        auto f = m_frames.front();
        m_frames.pop_front();
        return f;
    }
    std::size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_frames.size();
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<transports::CanFrame> m_frames;
};

} // namespace v2gbench::test
