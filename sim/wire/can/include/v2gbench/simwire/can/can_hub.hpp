#pragma once
// Service "can-hub": the simulated lab's CAN bus, a socketcand-protocol server (raw mode) on
// 127.0.0.1 (default port 29536). Our SocketcandChannel, python-can's "socketcand" interface
// and anything else that speaks socketcand can join.
//
// Per client: greeting "< hi >"; "< open BUS >" -> "< ok >" (BUS must be the hub's bus name,
// default can0, else "< error ... >"); "< rawmode >" -> "< ok >"; then "< send ID DLC B0 .. >"
// puts a frame on the bus: every other raw-mode client gets "< frame ID SEC.USEC DATA >" stamped
// with the hub's clock (Unix time), and every attached in-process node gets the frame.
// "< echo >" -> "< echo >" (socketcand's ping).
// Loopback (hub extension, not in socketcand): a client's own frames are echoed back to it when
// loopback is on — for every client with CanHubOptions::loopback, or per client with
// "< loopback on >" / "< loopback off >" (answered "< ok >"). Off by default, like socketcand.
//
// In-process nodes: attach() a callback to see every frame put on the bus by clients or other
// nodes; send() puts a frame on the bus as that node. In v2gbench-sim the plant's charger-EV bus
// is one such node (PlantBusBridge, plant_bus_bridge.hpp): clients see the simulated charger's
// and EV's GB/T 27930 frames and what they send reaches both.
//
// Faults (FaultInjector key = name() = "can-hub"): drop — the next message (or connection) of a
// client closes it; delay N — everything the hub sends a client (greeting, replies, forwarded
// frames) reaches it N ms late: held on that client's timer queue and released by the server's
// 1 ms tick, so no thread sleeps, and clearing the fault (or stopping) releases or drops the held
// bytes at once; garbage — every reply, greeting and forwarded frame is replaced by bytes that
// are not the protocol.
//
// A client that does not read (issue 9: +91 MB): frames for it are dropped once
// kMaxClientBacklog bytes wait for it (queued or held by a delay), and it stays connected. That is
// what socketcand does: one process per client writes with a blocking send() (src/state_raw.c),
// so a client that does not read stops only its own process, and the kernel drops the frames
// that overflow that client's CAN_RAW socket queue. Replies to its own commands still count
// towards the TcpServer bound (4 MiB), beyond which it is disconnected.
#include "v2gbench/simwire/wire_service.hpp"
#include "v2gbench/transports/can_frame.hpp"
#include "v2gbench/transports/socketcand_protocol.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace v2gbench::simwire::can {

inline constexpr int canHubDefaultPort = 29536;

struct CanHubOptions {
    std::string bus = "can0";
    bool loopback = false; // echo each client's own frames back to it
};

class CanHub : public WireService, private transports::TcpHandler {
public:
    using NodeId = std::uint64_t;
    // Runs on the thread that put the frame on the bus (the hub's server thread for client
    // frames, the sender's thread for node frames). It may call send(); it must not block on
    // the hub's server thread.
    using FrameCallback = std::function<void(const transports::CanFrame&)>;

    CanHub(WireContext& context, CanHubOptions options = {});
    ~CanHub() override;

    std::string name() const override { return "can-hub"; }
    std::string protocol() const override { return "socketcand raw mode over TCP (CAN bus " + m_options.bus + ")"; }
    int start(int port) override;
    void stop() noexcept override;
    int port() const { return m_server.port(); }
    const std::string& bus() const { return m_options.bus; }

    // Attaches an in-process node; `callback` sees every frame others put on the bus.
    NodeId attach(FrameCallback callback);
    // After it returns the callback is not running and will not be called again (unless called
    // from inside that callback, where it only prevents further calls).
    void detach(NodeId node);
    // Puts a frame on the bus as `from` (0 = an anonymous node): every raw-mode client and every
    // other node gets it. A frame with a timestamp keeps it (the node knows when it was on the
    // bus: the plant bridge gives the plant step's time); one without is stamped with the hub's
    // wall clock when it arrives, as socketcand's kernel stamps. Frame times are Unix time (the
    // lab host's CLOCK_REALTIME) with 1 µs resolution. Throws std::invalid_argument for a frame
    // that cannot travel. Thread-safe.
    void send(const transports::CanFrame& frame, NodeId from = 0);

    // Raw-mode clients now connected (for tests and the GUI).
    std::size_t rawClients() const;
    std::uint64_t framesForwarded() const;
    // Frames not delivered to a client that had kMaxClientBacklog bytes waiting (all clients).
    std::uint64_t framesDropped() const;
    const transports::TcpServer& tcp() const { return m_server; }

    // 1 MiB: about 20,000 frames, seconds of a busy 500 kbit/s bus.
    static constexpr std::size_t kMaxClientBacklog = 1u << 20;

private:
    struct Client {
        enum class State { Greeted, Open, Raw } state = State::Greeted;
        bool loopback = false;
        transports::SocketcandStreamParser parser;
        std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> held; // delay fault
        std::size_t heldBytes = 0;
    };

    void onConnect(transports::TcpServer&, transports::ConnectionId) override;
    void onData(transports::TcpServer&, transports::ConnectionId, std::string_view bytes) override;
    void onDisconnect(transports::TcpServer&, transports::ConnectionId) override;
    void onTick(transports::TcpServer&) override;
    // Under m_clientsMutex: sends now, or holds under a delay fault. A frame (droppable) is not
    // delivered when the client's backlog is full; returns false then.
    bool deliverLocked(transports::ConnectionId id, Client& client, const std::string& bytes, bool droppable);

    void handle(transports::ConnectionId id, Client& client, const transports::SocketcandMessage& m);
    void reply(transports::ConnectionId id, const std::string& text);
    // Sends to clients and nodes; fromClient/fromNode are the origin (-1 / 0 when none).
    void distribute(transports::CanFrame frame, transports::ConnectionId fromClient, NodeId fromNode);
    bool applyFaultBeforeMessage(transports::ConnectionId id); // false: connection dropped

    WireContext& m_context;
    CanHubOptions m_options;
    transports::TcpServer m_server;

    mutable std::mutex m_clientsMutex;
    std::map<transports::ConnectionId, Client> m_clients;

    std::recursive_mutex m_nodesMutex; // held while node callbacks run, so detach() can wait
    std::map<NodeId, FrameCallback> m_nodes;
    NodeId m_nextNode = 1;
    std::uint64_t m_forwarded = 0; // under m_clientsMutex
    std::uint64_t m_dropped = 0;   // under m_clientsMutex
};

// The WireService factory for v2gbench-sim: a PlantCanHubService (plant_bus_bridge.hpp), bridged
// to the plant when the context has a lab and a ticker.
std::unique_ptr<WireService> makeCanHubService(WireContext& context);

} // namespace v2gbench::simwire::can
