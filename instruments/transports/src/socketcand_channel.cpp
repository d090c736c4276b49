#include "v2gbench/transports/socketcand_channel.hpp"

#include "v2gbench/transports/socketcand_protocol.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <chrono>

namespace v2gbench::transports {

namespace {
using Clock = std::chrono::steady_clock;
} // namespace

SocketcandChannel::SocketcandChannel(SocketcandEndpoint endpoint) : m_endpoint(std::move(endpoint)) {}

SocketcandChannel::~SocketcandChannel() {
    close();
}

std::string SocketcandChannel::name() const {
    return "socketcand://" + m_endpoint.host + ":" + std::to_string(m_endpoint.port) + "/" + m_endpoint.bus;
}

void SocketcandChannel::fail(const TransportError& e, const std::string& during) const {
    // TcpStream's messages already start with host:port; say which bus and which step.
    throw TransportError(e.kind(),
                         "socketcand bus '" + m_endpoint.bus + "' (" + name() + "), " + during + ": " + e.what());
}

SocketcandMessage SocketcandChannel::readMessage(units::Seconds timeout) {
    // One message ends at '>'; socketcand never uses '>' inside a message.
    std::string chunk = m_stream.readUntil(">", timeout, 4096);
    try {
        return parseSocketcandChunk(chunk);
    } catch (const SocketcandSyntaxError& e) {
        throw TransportError(TransportError::Kind::Protocol, m_endpoint.host + ":" + std::to_string(m_endpoint.port) +
                                                                 ": not the socketcand protocol: " + e.what());
    }
}

void SocketcandChannel::expectOk(const std::string& command) {
    m_stream.writeAll("< " + command + " >", m_endpoint.timeout);
    auto reply = readMessage(m_endpoint.timeout);
    if (reply.command == "ok") return;
    const std::string peer = m_endpoint.host + ":" + std::to_string(m_endpoint.port);
    if (reply.command == "error")
        throw TransportError(TransportError::Kind::Protocol,
                             peer + ": '< " + command + " >' refused: < " + reply.text + " >");
    throw TransportError(TransportError::Kind::Protocol,
                         peer + ": expected '< ok >' to '< " + command + " >', got '< " + reply.text + " >'");
}

void SocketcandChannel::open() {
    std::scoped_lock lock(m_sendMutex, m_receiveMutex);
    if (m_stream.isOpen()) return;
    std::string step = "connect";
    try {
        m_stream = TcpStream::connect(m_endpoint.host, m_endpoint.port, m_endpoint.timeout);
        step = "greeting";
        auto hi = readMessage(m_endpoint.timeout);
        if (hi.command != "hi")
            throw TransportError(TransportError::Kind::Protocol, m_endpoint.host + ":" +
                                                                     std::to_string(m_endpoint.port) +
                                                                     ": expected '< hi >', got '< " + hi.text + " >'");
        step = "open " + m_endpoint.bus;
        expectOk("open " + m_endpoint.bus);
        step = "rawmode";
        expectOk("rawmode");
    } catch (const TransportError& e) {
        m_stream.close();
        fail(e, "during " + step);
    }
}

void SocketcandChannel::close() noexcept {
    std::scoped_lock lock(m_sendMutex, m_receiveMutex);
    m_stream.close();
    m_pending.clear();
}

void SocketcandChannel::send(const CanFrame& frame) {
    std::string command;
    try {
        command = formatSendCommand(frame);
    } catch (const std::invalid_argument& e) {
        throw TransportError(TransportError::Kind::Protocol, name() + ": cannot send: " + e.what());
    }
    std::lock_guard lock(m_sendMutex);
    if (!m_stream.isOpen()) throw TransportError(TransportError::Kind::Closed, name() + ": send before open()");
    try {
        m_stream.writeAll(command, m_endpoint.timeout);
    } catch (const TransportError& e) {
        fail(e, "sending " + toCanUtilsString(frame));
    }
}

std::optional<CanFrame> SocketcandChannel::receive(units::Seconds timeout) {
    std::lock_guard lock(m_receiveMutex);
    if (!m_stream.isOpen()) throw TransportError(TransportError::Kind::Closed, name() + ": receive before open()");
    if (!m_pending.empty()) {
        CanFrame f = m_pending.front();
        m_pending.pop_front();
        return f;
    }
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout.value));
    while (true) {
        const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
        SocketcandMessage m;
        try {
            m = readMessage(units::Seconds(left > 0 ? left : 0.0));
        } catch (const TransportError& e) {
            if (e.kind() == TransportError::Kind::Timeout) return std::nullopt;
            fail(e, "receiving");
        }
        if (m.command == "frame") {
            try {
                return parseFrameMessage(m);
            } catch (const SocketcandSyntaxError& e) {
                throw TransportError(TransportError::Kind::Protocol,
                                     name() + ": bad frame from the server: " + e.what());
            }
        }
        if (m.command == "ok" || m.command == "echo") continue;
        if (m.command == "error")
            throw TransportError(TransportError::Kind::Protocol, name() + ": the server reported '< " + m.text + " >'");
        throw TransportError(TransportError::Kind::Protocol,
                             name() + ": unexpected message '< " + m.text + " >' in raw mode");
    }
}

void SocketcandChannel::setLoopback(bool on) {
    // The reply shares the stream with incoming frames, so hold both directions while waiting.
    std::scoped_lock lock(m_sendMutex, m_receiveMutex);
    if (!m_stream.isOpen()) throw TransportError(TransportError::Kind::Closed, name() + ": loopback before open()");
    const std::string command = std::string("loopback ") + (on ? "on" : "off");
    try {
        m_stream.writeAll("< " + command + " >", m_endpoint.timeout);
        const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(m_endpoint.timeout.value));
        while (true) {
            const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
            auto reply = readMessage(units::Seconds(left > 0 ? left : 0.0));
            if (reply.command == "frame") { // a frame racing the reply: keep it for receive()
                try {
                    m_pending.push_back(parseFrameMessage(reply));
                } catch (const SocketcandSyntaxError& e) {
                    throw TransportError(TransportError::Kind::Protocol,
                                         "bad frame from the server: " + std::string(e.what()));
                }
                continue;
            }
            if (reply.command == "ok") return;
            throw TransportError(TransportError::Kind::Protocol,
                                 "'< " + command + " >' refused: < " + reply.text + " >");
        }
    } catch (const TransportError& e) {
        fail(e, "during " + command);
    }
}

} // namespace v2gbench::transports
