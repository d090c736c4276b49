#include "v2gbench/simwire/can/can_hub.hpp"

#include "v2gbench/core/log.hpp"
#include "v2gbench/simwire/can/plant_bus_bridge.hpp"

#include <chrono>
#include <stdexcept>
#include <vector>

namespace v2gbench::simwire::can {

using transports::CanFrame;
using transports::ConnectionId;
using transports::SocketcandMessage;
using transports::TcpServer;

namespace {

// Not the protocol: no '<' to start a message, but a '>' so a reader waiting for the end of a
// message gets it at once and can say "garbage" instead of timing out.
constexpr const char* garbageBytes = "\x15\x7f#GARBAGE#\xfe>\r\n";

// "< error TEXT >": TEXT must not contain '<' or '>' (they frame messages), whatever it quotes.
std::string errorMessage(std::string text) {
    for (auto& c : text)
        if (c == '<' || c == '>') c = '\'';
    return "< error " + text + " >";
}

std::chrono::microseconds hubNow() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch());
}

} // namespace

CanHub::CanHub(WireContext& context, CanHubOptions options)
    : m_context(context), m_options(std::move(options)), m_server("can-hub", *this) {}

CanHub::~CanHub() {
    stop();
}

int CanHub::start(int port) {
    try {
        const int bound = m_server.listen(port);
        m_server.setTickInterval(std::chrono::milliseconds(1)); // releases what a delay fault holds
        m_server.start();
        return bound;
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("can-hub: ") + e.what());
    }
}

void CanHub::stop() noexcept {
    try {
        m_server.stop();
    } catch (...) {
    }
    std::lock_guard lock(m_clientsMutex);
    m_clients.clear();
}

CanHub::NodeId CanHub::attach(FrameCallback callback) {
    std::lock_guard lock(m_nodesMutex);
    const NodeId id = m_nextNode++;
    m_nodes[id] = std::move(callback);
    return id;
}

void CanHub::detach(NodeId node) {
    std::lock_guard lock(m_nodesMutex);
    m_nodes.erase(node);
}

void CanHub::send(const CanFrame& frame, NodeId from) {
    transports::validate(frame);
    if (frame.remote || frame.error) throw std::invalid_argument("the CAN hub carries data frames only");
    distribute(frame, -1, from);
}

std::size_t CanHub::rawClients() const {
    std::lock_guard lock(m_clientsMutex);
    std::size_t n = 0;
    for (const auto& [id, c] : m_clients)
        if (c.state == Client::State::Raw) ++n;
    return n;
}

std::uint64_t CanHub::framesForwarded() const {
    std::lock_guard lock(m_clientsMutex);
    return m_forwarded;
}

std::uint64_t CanHub::framesDropped() const {
    std::lock_guard lock(m_clientsMutex);
    return m_dropped;
}

void CanHub::reply(ConnectionId id, const std::string& text) {
    auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
    std::lock_guard lock(m_clientsMutex);
    auto it = m_clients.find(id);
    if (it == m_clients.end()) return;
    deliverLocked(id, it->second, fault && fault->kind == FaultKind::Garbage ? garbageBytes : text, false);
}

bool CanHub::deliverLocked(ConnectionId id, Client& client, const std::string& bytes, bool droppable) {
    if (droppable && client.heldBytes + m_server.pendingOutput(id) + bytes.size() > kMaxClientBacklog) {
        ++m_dropped;
        return false;
    }
    auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
    const bool delaying = fault && fault->kind == FaultKind::DelayReplies && fault->value > 0;
    if (!delaying && client.held.empty()) return m_server.send(id, bytes);
    auto due = std::chrono::steady_clock::now() + std::chrono::milliseconds(delaying ? fault->value : 0);
    if (!client.held.empty()) due = std::max(due, client.held.back().first); // keep the order
    if (client.heldBytes + bytes.size() > transports::TcpServer::kMaxPendingOutput) {
        m_server.close(id, false); // replies piling up unread under a delay: as TcpServer would
        return false;
    }
    client.heldBytes += bytes.size();
    client.held.emplace_back(due, bytes);
    return true;
}

void CanHub::onTick(TcpServer&) {
    auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
    const bool delaying = fault && fault->kind == FaultKind::DelayReplies;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_clientsMutex);
    for (auto& [id, c] : m_clients) {
        // A cleared delay releases what it held at once.
        while (!c.held.empty() && (!delaying || c.held.front().first <= now)) {
            c.heldBytes -= c.held.front().second.size();
            m_server.send(id, c.held.front().second);
            c.held.pop_front();
        }
    }
}

bool CanHub::applyFaultBeforeMessage(ConnectionId id) {
    auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
    if (!fault) return true;
    if (fault->kind == FaultKind::DropConnection) {
        m_server.close(id, false);
        return false;
    }
    // A delay is applied where the hub sends (deliverLocked): never by sleeping here, which
    // held the one server thread — every client — for the whole delay, past clear and SIGTERM.
    return true;
}

void CanHub::onConnect(TcpServer&, ConnectionId id) {
    {
        std::lock_guard lock(m_clientsMutex);
        m_clients.erase(id);
        m_clients.try_emplace(id);
    }
    if (!applyFaultBeforeMessage(id)) return;
    reply(id, "< hi >");
}

void CanHub::onDisconnect(TcpServer&, ConnectionId id) {
    std::lock_guard lock(m_clientsMutex);
    m_clients.erase(id);
}

void CanHub::onData(TcpServer&, ConnectionId id, std::string_view bytes) {
    std::vector<SocketcandMessage> messages;
    std::vector<std::string> errors;
    {
        std::lock_guard lock(m_clientsMutex);
        auto it = m_clients.find(id);
        if (it == m_clients.end()) return;
        auto& parser = it->second.parser;
        parser.feed(bytes);
        while (true) {
            try {
                auto m = parser.next();
                if (!m) break;
                messages.push_back(std::move(*m));
            } catch (const transports::SocketcandSyntaxError& e) {
                errors.push_back(e.what());
            }
        }
    }
    for (const auto& e : errors)
        reply(id, errorMessage(e));
    for (const auto& m : messages) {
        if (!applyFaultBeforeMessage(id)) return;
        Client* client = nullptr;
        {
            std::lock_guard lock(m_clientsMutex);
            auto it = m_clients.find(id);
            if (it == m_clients.end()) return;
            client = &it->second; // std::map nodes are stable; erased only on this thread
        }
        handle(id, *client, m);
    }
}

void CanHub::handle(ConnectionId id, Client& client, const SocketcandMessage& m) {
    using State = Client::State;
    State state;
    {
        std::lock_guard lock(m_clientsMutex);
        state = client.state;
    }
    if (m.command == "echo") return reply(id, "< echo >");
    if (m.command == "open") {
        if (state != State::Greeted) return reply(id, errorMessage("bus already open"));
        if (m.args.size() != 1 || m.args[0] != m_options.bus)
            return reply(id, errorMessage("could not open bus '" + (m.args.empty() ? std::string() : m.args[0]) +
                                          "': this hub carries only '" + m_options.bus + "'"));
        {
            std::lock_guard lock(m_clientsMutex);
            client.state = State::Open;
        }
        return reply(id, "< ok >");
    }
    if (m.command == "rawmode") {
        if (state == State::Greeted) return reply(id, errorMessage("open a bus first"));
        // The "< ok >" goes out under the same lock that makes the client raw: a frame that
        // another thread distributes meanwhile must come after it, never before.
        auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
        std::lock_guard lock(m_clientsMutex);
        client.state = State::Raw;
        client.loopback = client.loopback || m_options.loopback;
        deliverLocked(id, client, fault && fault->kind == FaultKind::Garbage ? garbageBytes : "< ok >", false);
        return;
    }
    if (m.command == "loopback") {
        if (m.args.size() != 1 || (m.args[0] != "on" && m.args[0] != "off"))
            return reply(id, errorMessage("usage: loopback on|off"));
        {
            std::lock_guard lock(m_clientsMutex);
            client.loopback = m.args[0] == "on";
        }
        return reply(id, "< ok >");
    }
    if (m.command == "send") {
        if (state != State::Raw)
            return reply(id, errorMessage("send is accepted in raw mode only (switch with rawmode first)"));
        CanFrame frame;
        try {
            frame = transports::parseSendMessage(m);
        } catch (const transports::SocketcandSyntaxError& e) {
            return reply(id, errorMessage(e.what()));
        }
        distribute(frame, id, 0);
        return;
    }
    if (m.command == "bcmmode" || m.command == "controlmode" || m.command == "isotpmode")
        return reply(id, errorMessage("the CAN hub supports raw mode only"));
    reply(id, errorMessage("unknown command '" + m.command + "'"));
}

void CanHub::distribute(CanFrame frame, ConnectionId fromClient, NodeId fromNode) {
    if (frame.timestamp.count() == 0) frame.timestamp = hubNow();
    const std::string text = transports::formatFrameMessage(frame);
    auto fault = m_context.faults ? m_context.faults->get(name()) : std::nullopt;
    const bool garbage = fault && fault->kind == FaultKind::Garbage;
    {
        std::lock_guard lock(m_clientsMutex);
        for (auto& [id, c] : m_clients) {
            if (c.state != Client::State::Raw) continue;
            if (id == fromClient && !c.loopback) continue;
            deliverLocked(id, c, garbage ? garbageBytes : text, true);
        }
        ++m_forwarded;
    }
    std::lock_guard lock(m_nodesMutex);
    // Copy: a callback may attach or detach nodes.
    auto nodes = m_nodes;
    for (auto& [id, callback] : nodes) {
        if (id == fromNode || m_nodes.count(id) == 0) continue;
        try {
            callback(frame);
        } catch (const std::exception& e) {
            core::log::error("can-hub", "node " + std::to_string(id) + " failed on " +
                                            transports::toCanUtilsString(frame) + ": " + e.what());
        }
    }
}

std::unique_ptr<WireService> makeCanHubService(WireContext& context) {
    // Bridged to the plant's charger-EV bus when the context has a lab and a ticker.
    return std::make_unique<PlantCanHubService>(context);
}

} // namespace v2gbench::simwire::can
