#pragma once
// Role "can": a CAN channel on the charger↔EV bus that the bench records as evidence and judges
// (bus_check steps). The bench starts recording into the run folder when a session opens and
// stops when it closes. The driver decodes what it sees (GB/T 27930, TP reassembled) so the
// engine judges named messages and fields without knowing the protocol stack.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::core {

// One decoded message on the bus.
struct BusField {
    std::string name;  // "current demand", "BRM timeout"
    double value = 0.0; // physical value (bench sign), or the raw value of an enumeration / status field
    std::string unit;  // "V", "A", "" ...
    std::string text;  // formatted value as printed ("426.1 V", "timeout (01)", "LFP (0x03)")
    bool available = true;
};

struct BusMessage {
    double time = 0.0;        // bench clock seconds (the session clock's time base)
    std::string name;         // "CEM", "BRM" (reassembled), "TP.CM_RTS", ... ; "?" when not GB/T 27930
    std::string sender;       // "charger", "ev", or "?"
    std::uint16_t length = 0; // payload bytes (the reassembled length for TP messages)
    std::vector<BusField> fields;
    std::string summary;      // one line for evidence: "charger→ev CEM BRM timeout: timeout (01) ..."
    std::string problem;      // decoding issue (wrong DLC, TP error); empty when clean
    // Every way the frame departs from the GB/T 27930-2015 message table: DLC/length (the 2011
    // layout included, which a tolerant decoder only notes), priority, addresses, unused bits not
    // 1. Trailing fill omitted with every field present is not one. Empty when the frame is as
    // the table says (bus_check `layout`).
    std::string layout;

    const BusField* field(const std::string& fieldName) const {
        for (const auto& f : fields)
            if (f.name == fieldName) return &f;
        return nullptr;
    }
};

class CanRecorder : public Instrument {
public:
    // Starts writing every frame seen on the bus to `path` in candump -L format. Throws
    // InstrumentError when the channel or the file cannot be opened.
    virtual void startRecording(const std::string& path) = 0;
    // Stops and flushes. Never throws.
    virtual void stopRecording() noexcept = 0;
    virtual std::uint64_t framesRecorded() const = 0;
    // Evidence lost: a recorder whose source broke (the link closed or hit end of stream, the bus
    // adapter sent something that cannot be parsed, a receive or write error) stops recording, so
    // the trace ends there. recordingFault() returns the first such failure as one line saying
    // what happened ("receive on socketcand://…: unexpected message …"), nullopt while the
    // recording is whole. The engine polls it after every supervised time slice and turns it
    // into a bench `error` for the running case, with a journal `error` event naming this
    // instrument: a trace that stops early is never a silent pass. Cleared by startRecording().
    // Non-blocking, callable from any thread, never throws.
    virtual std::optional<std::string> recordingFault() const noexcept = 0;
    // Decoded messages seen since recording started, from index `from` (0 = the first) up to now;
    // appends them to `out` and returns the index after the last one appended. Non-blocking.
    // A recorder that cannot decode throws CapabilityError (capability "bus-decode").
    virtual std::uint64_t readMessages(std::uint64_t /*from*/, std::vector<BusMessage>& /*out*/) {
        throw CapabilityError("this CAN recorder does not decode the bus (capability bus-decode)");
    }
    // The resolution of the bench times readMessages() stamps messages with (seconds): a time taken
    // from a frame is known to within it, so it is the uncertainty of every time a bus_check or a
    // capture measures from frames (never ±0 s). It is the time base's, not the reader's: the
    // in-process lab's is one plant step (frames exist only at step boundaries); socketcand's frame
    // time is SECONDS.MICROSECONDS, 1 µs; SocketCAN's SO_TIMESTAMP 1 µs, SO_TIMESTAMPING 1 ns; a
    // recorder that can only stamp frames when the host reads them reports how coarsely it reads.
    // Constant for the session. Never throws.
    virtual units::Seconds timestampResolution() const noexcept = 0;
    // Where those times come from, named for the record of every check measured on frames: the
    // plant's step time, socketcand's frame time, SocketCAN's kernel stamp — or, for a recorder on
    // a clock without a wall epoch, the clock when the frame was read. Constant for the session.
    virtual std::string timestampSource() const = 0;
    // Frames received without a bus time of their own since recording started, which this
    // recorder could only time when it read them. A check whose window holds one is not judged
    // (GB/T 34658 latencies and periods are the bus's, never the host's). Never throws.
    virtual std::uint64_t framesTimedOnReceipt() const noexcept { return 0; }
    // Safe state: the bench never transmits through this role, so makeSafe() changes nothing —
    // in particular it does not stop recording: the bus is evidence until the session closes.
};

} // namespace v2gbench::core
