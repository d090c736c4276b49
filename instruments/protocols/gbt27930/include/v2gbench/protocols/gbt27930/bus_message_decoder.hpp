#pragma once
// Incremental decoder for CAN recorders (role "can"): each frame seen on the charger↔EV bus in,
// core::BusMessage records out, so the bench judges named messages and fields without knowing
// the protocol stack. Per frame it emits:
// - a single-frame GB/T 27930 message ("CEM", "BCL", ...) with every field decoded;
// - a TP control frame as "TP.CM_RTS", "TP.CM_CTS", "TP.CM_EndOfMsgAck", "TP.CM_BAM",
//   "TP.Conn_Abort", and a data frame as "TP.DT";
// - after the TP.DT that completes a transfer, the reassembled message ("BRM", "BCS", ...),
//   timed at that frame, with its full length;
// - anything else as "?" (standard / foreign ids, error frames).
// sender/receiver: "charger" (0x56), "ev" (0xF4), "?". Field values: physical in the bench sign
// (positive current charges the EV), enumerations and 2-bit status fields as the raw value.
// `problem` names decoding issues (wrong DLC, TP sequence errors, aborts, expired TP timers); a
// timer that expired between frames is reported on the next frame fed.
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

// "charger" (0x56), "ev" (0xF4), "?" otherwise.
const char* busParty(std::uint8_t address);

class BusMessageDecoder {
public:
    explicit BusMessageDecoder(Profile profile = Profile::Tolerant, TpTimers timers = {});

    // benchTime: seconds on the bench clock; it also drives the TP timers. Appends to `out`.
    void feed(const transports::CanFrame& frame, double benchTime, std::vector<core::BusMessage>& out);

private:
    core::BusMessage fromDecoded(const DecodedMessage& message, double time, std::uint8_t source,
                                 std::uint8_t destination) const;

    Codec m_codec;
    TpMonitor m_monitor;
    std::vector<TpEvent> m_events;
};

// The summary line of a decoded message: `12.345 s charger→ev CEM  BRM timeout=timeout (01)`.
// Fields not available are left out, and so are 2-bit status fields that read "normal"/"no"
// ("all normal" when nothing else is left).
std::string summarize(const core::BusMessage& message);
// The same with `detail` in place of the field list (TP frames, unknown ids): `… TP.DT sequence 3: …`.
std::string summarize(const core::BusMessage& message, const std::string& detail);

} // namespace v2gbench::protocols::gbt27930
