#pragma once
// A blocking TCP client connection with a timeout on every operation and an input buffer, for
// line- and block-oriented instrument protocols (SCPI raw socket, socketcand, iiod).
// Not thread-safe: one owner. Every failure throws TransportError naming host:port.
#include "v2gbench/core/units.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace v2gbench::transports {

class TcpStream {
public:
    TcpStream() = default;
    // Connects within `timeout`; throws TransportError (Refused, Timeout, Io).
    static TcpStream connect(const std::string& host, int port, units::Seconds timeout);
    ~TcpStream();
    TcpStream(TcpStream&& other) noexcept;
    TcpStream& operator=(TcpStream&& other) noexcept;
    TcpStream(const TcpStream&) = delete;
    TcpStream& operator=(const TcpStream&) = delete;

    bool isOpen() const { return m_fd >= 0; }
    const std::string& peer() const { return m_peer; } // "host:port"

    void writeAll(std::string_view bytes, units::Seconds timeout);
    // Reads up to and including `terminator`; returns the data without it. Throws Timeout if it
    // does not arrive in time, Closed if the peer closes first, Protocol past maxBytes.
    std::string readUntil(std::string_view terminator, units::Seconds timeout, std::size_t maxBytes = 1 << 20);
    std::string readExactly(std::size_t count, units::Seconds timeout);
    // Bytes already received but not consumed.
    std::size_t buffered() const { return m_buffer.size() - m_offset; }
    // Discards whatever is buffered or arrives within `quiet` (to resynchronise after garbage).
    void drain(units::Seconds quiet);
    void close() noexcept;

private:
    bool fill(units::Seconds timeout); // false on timeout; throws Closed/Io
    int m_fd = -1;
    std::string m_peer;
    std::string m_buffer;
    std::size_t m_offset = 0;
};

} // namespace v2gbench::transports
