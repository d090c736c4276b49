#pragma once
// Driver "can-monitor" (role "can"): watches one CAN channel (socketcand or SocketCAN) and
// records every frame it receives — and every frame injected through send() — to a candump -L
// file in the run folder, and reports each to the exchange log as evidence.
//
// Threads: startRecording() starts one receive thread; send(), framesRecorded() and failure()
// may be called from any thread while it runs. startRecording()/stopRecording() themselves are
// called by one owner (the bench or a test).
// Failure: InstrumentError naming the instrument and the exchange ("open socketcand://…",
// "send 1CEC56F4#…", "receive"). A failure of the receive thread ends recording; it is kept and
// re-thrown by the next send() or checkHealthy().
//
// Decoding (capability "bus-decode"): every frame recorded, received and sent, goes through a
// GB/T 27930 BusMessageDecoder; readMessages() hands the messages over; at most kMaxUnread unread
// messages are kept (the oldest go).
// Message times are bench seconds taken from the adapter's frame time (socketcand's
// "< frame ID SECS.USECS … >", SocketCAN's kernel/hardware stamp), not from when this process
// read the frame: bench time = frame time − the session clock's wallEpoch(), so intervals between
// frames are the adapter's, whatever the network or the scheduler delayed. The adapter must stamp
// with the host's clock or one synchronised to it (same machine, NTP, PTP). On a clock without a
// wall epoch (a virtual clock) frames get the clock's reading when the monitor handles them, and
// timestampResolution() says how coarse that is (the receive poll).
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/transports/can_channel.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include "v2gbench/core/bus_message_log.hpp"
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace v2gbench::drivers::can {

class CanBusMonitor : public core::CanRecorder {
public:
    static constexpr std::size_t kMaxUnread = 20000;

    // instrumentName: the role name as the bench knows it ("can"). exchanges may be null.
    // clock: the session's clock, which stamps decoded messages (read on the receive thread); it
    // outlives the monitor (DriverRequest's contract).
    CanBusMonitor(std::string instrumentName, std::unique_ptr<transports::CanChannel> channel,
                  core::ExchangeLog* exchanges, const core::Clock& clock);
    ~CanBusMonitor() override;

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    // Does nothing: the monitor never drives the bus on its own, and recording goes on until
    // stopRecording() (the session's end). Never throws.
    void makeSafe() noexcept override;

    // Joins the bus (idempotent). Throws InstrumentError.
    void open();
    // Opens the channel if needed, creates `path` and records until stopRecording(). Throws
    // InstrumentError when the bus or the file cannot be opened, or when already recording.
    void startRecording(const std::string& path) override;
    // Stops the receive thread, flushes and closes the file. Idempotent, never throws.
    void stopRecording() noexcept override;
    bool isRecording() const { return m_recording.load(); }
    // Frames written to the current (or last) trace, received and sent.
    std::uint64_t framesRecorded() const override;
    // The receive thread's failure while recording (parse error, disconnect, end of stream,
    // trace write error), naming the channel; the trace ends where it happened.
    std::optional<std::string> recordingFault() const noexcept override;
    // Decoded GB/T 27930 messages since recording started (CanRecorder). Thread-safe.
    std::uint64_t readMessages(std::uint64_t from, std::vector<core::BusMessage>& out) override;
    // The channel's timestamp resolution when frame times map onto bench time, else the receive poll.
    units::Seconds timestampResolution() const noexcept override;
    // The channel's source (socketcand frame time, SocketCAN stamp) when frame times map onto
    // bench time, else "the session clock when the monitor read the frame".
    std::string timestampSource() const override;
    // Received frames that came without a bus time while the clock has a wall epoch: they carry
    // the host's receipt time in the trace, and a check over them is not judged.
    std::uint64_t framesTimedOnReceipt() const noexcept override { return m_timedOnReceipt.load(); }
    // Sends a frame onto the bus (and records it when recording). Throws InstrumentError.
    void send(const transports::CanFrame& frame);
    // The receive thread's failure, if it stopped on one.
    std::optional<std::string> failure() const;
    void checkHealthy() const; // throws InstrumentError carrying failure()
    const transports::CanChannel& channel() const { return *m_channel; }

    // Live view for the GUI and for tests: called after each frame is recorded (received
    // frames on the receive thread, sent ones on the sender's thread). Set it before
    // startRecording(); it must be quick and must not call back into the monitor.
    using FrameObserver = std::function<void(const transports::CanFrame&, core::Direction)>;
    void setObserver(FrameObserver observer) { m_observer = std::move(observer); }

private:
    void receiveLoop();
    void record(const transports::CanFrame& frame, core::Direction direction);
    double benchNow() const;
    // Bench seconds of a frame: its adapter time mapped through the clock's wall epoch.
    double benchTimeOf(const transports::CanFrame& frame) const;

    std::string m_name;
    std::unique_ptr<transports::CanChannel> m_channel;
    core::ExchangeLog* m_exchanges;
    std::atomic<bool> m_recording{false};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<std::uint64_t> m_timedOnReceipt{0};
    std::thread m_thread;
    const core::Clock& m_clock;
    const std::optional<std::chrono::system_clock::time_point> m_wallEpoch; // the clock's, read once
    mutable std::mutex m_mutex; // m_writer, m_failure, m_lastCount, the decoder and its messages
    std::unique_ptr<transports::CanDumpWriter> m_writer;
    std::optional<std::string> m_failure;
    std::uint64_t m_lastCount = 0;
    protocols::gbt27930::BusMessageDecoder m_decoder;
    core::BusMessageLog m_messages{kMaxUnread}; // decoded, not yet read
    FrameObserver m_observer;
};

} // namespace v2gbench::drivers::can
