#pragma once
// One CAN channel, whatever carries it: a socketcand server or CAN hub over TCP
// ("socketcand://127.0.0.1:29536/can0"), or a kernel SocketCAN interface ("socketcan://can0").
//
// Contract shared by every backend:
// - open() connects and joins the bus; send()/receive() before open() throw TransportError(Closed).
// - send() blocks until the frame is handed to the transport (not until another node acked it);
//   receive(timeout) returns the next frame seen on the bus, or nullopt when none arrived in time.
//   Whether a channel receives its own frames depends on the backend (socketcand: no, unless the
//   hub's loopback is on; SocketCAN: no, CAN_RAW_RECV_OWN_MSGS is off).
// - Thread-safety: send() and receive() are each serialised internally and may run concurrently
//   with each other (one thread receiving while another injects frames — the bus monitor does
//   that). open() and close() must not run concurrently with any other call.
// - Failure: TransportError naming the endpoint (host:port or interface) and the bus.
#include "v2gbench/core/units.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <optional>
#include <string>

namespace v2gbench::transports {

class CanChannel {
public:
    virtual ~CanChannel() = default;
    virtual void open() = 0;
    virtual void close() noexcept = 0;
    virtual bool isOpen() const = 0;
    virtual void send(const CanFrame& frame) = 0;
    virtual std::optional<CanFrame> receive(units::Seconds timeout) = 0;
    // The bus as named on its side ("can0").
    virtual std::string busName() const = 0;
    // The endpoint for people and error messages: "socketcand://127.0.0.1:29536/can0".
    virtual std::string name() const = 0;
    // The resolution of the time receive() puts on a frame (CanFrame::timestamp: Unix time from
    // the adapter — socketcand's frame time, SocketCAN's kernel or hardware stamp — never the
    // reader's own reception time): socketcand 1 µs (SECONDS.MICROSECONDS); SocketCAN 1 µs (the
    // kernel's SO_TIMESTAMP, or SO_TIMESTAMPING's ns stamps truncated to the µs a CanFrame holds).
    virtual units::Seconds timestampResolution() const = 0;
    // Where that time comes from, for the record of every check that measures on frames
    // ("socketcand frame time (SECONDS.MICROSECONDS)").
    virtual std::string timestampSource() const = 0;
};

} // namespace v2gbench::transports
