#pragma once
// `decode`: every frame of a trace decoded (time, direction, message, fields with units, phase),
// with transport-protocol transfers reassembled into their messages (BRM, BCP, BCS, BMV, BMT,
// BSP). No I/O: TraceDecoder is fed frames one at a time (v2g_traces reads the files) and keeps
// bounded state (the TP monitor, the phase tracker, counters, TP errors grouped by kind and PGN),
// so a trace of any length decodes in the same memory.
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/phase_tracker.hpp"
#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"
#include "v2gbench/transports/trace_frame.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

enum class EntryKind { Message, TpControl, TpData, Foreign, ErrorFrame };

// One per frame of the trace, in order.
struct DecodedEntry {
    std::size_t line = 0;
    transports::CanFrame frame;
    Direction direction = Direction::Other;
    EntryKind kind = EntryKind::Foreign;
    // The single-frame message, or on the TP.DT that completes a transfer the reassembled one.
    std::optional<DecodedMessage> message;
    bool reassembled = false;
    Phase phase = Phase::Unknown; // session phase after this frame
    std::string note;             // TP.CM meaning ("RTS BRM 49 bytes 7 packets"), TP errors
};

struct DecodeOptions {
    Profile profile = Profile::Tolerant;
    TpTimers timers{};
    // False when the trace's times cannot time TP transfers (no times, or coarser than 1 ms).
    bool checkTpTimers = true;
};

// TP errors of one kind and PGN: how many, and the first with the line that revealed it.
struct TpErrorGroup {
    TpError first;
    std::size_t line = 0;
    std::uint64_t count = 0;
};

class TraceDecoder {
public:
    explicit TraceDecoder(const DecodeOptions& options = {});
    // Decodes the next frame; the entry is valid until the next call.
    const DecodedEntry& decode(const transports::TraceFrame& frame);
    // The trace ended: transfers still open become TP errors, returned (and counted in the groups).
    std::vector<TpError> finish();

    std::uint64_t frames() const { return m_frames; }
    std::uint64_t messages() const { return m_messages; }       // single frames + reassembled
    std::uint64_t reassembled() const { return m_reassembled; } // of which through TP
    const PhaseTracker& phases() const { return m_phases; }
    const std::vector<TpErrorGroup>& tpErrors() const { return m_tpErrors; }
    // The TP errors the last decoded frame revealed (also in its entry's note).
    const std::vector<TpError>& entryTpErrors() const { return m_entryErrors; }
    // Fewer than two frames, or every timestamp the same (the two candump captures in
    // shared/data were flattened to one value): times cannot be judged.
    bool timestampsFlattened() const { return m_frames < 2 || !m_timesDiffer; }
    std::chrono::microseconds firstTimestamp() const { return m_firstTime; }

private:
    void noteTpError(TpError error, std::size_t line);

    Codec m_codec;
    TpMonitor m_monitor;
    PhaseTracker m_phases;
    std::vector<TpEvent> m_events;
    DecodedEntry m_entry;
    DecodedMessage m_spareMessage; // the previous entry's message buffers, reused (no allocation per frame)
    std::vector<TpErrorGroup> m_tpErrors;
    std::vector<TpError> m_entryErrors;
    std::uint64_t m_frames = 0, m_messages = 0, m_reassembled = 0;
    std::chrono::microseconds m_firstTime{0};
    bool m_timesDiffer = false;
    std::size_t m_lastLine = 0;
};

// "TP.CM RTS BRM 49 bytes, 7 packets", "TP.CM Conn_Abort BCS, reason 3 (timeout)", ...
std::string describeTpCm(const TpConnectionManagement& cm);
// The same text appended to `out` (decode's hot path: no temporaries).
void appendTpCm(const TpConnectionManagement& cm, std::string& out);

// "  12.345678  L17  BMS→charger  BCL  [charging]  voltage demand=426.1 V ...\n" appended to `out`.
void appendDecoded(const DecodedEntry& entry, std::string& out);

// Every frame kept (the GUI's table, tests): the decoder's entries in a vector.
struct DecodeReport {
    Profile profile = Profile::Tolerant;
    std::vector<DecodedEntry> entries;
    std::vector<TpError> tpErrors;         // every TP error, in order
    std::vector<std::size_t> tpErrorLines; // parallel to tpErrors: the line of the frame that revealed it
    bool timestampsFlattened = false;      // TP timers were not checked
    std::vector<PhaseChange> phases;
    std::uint64_t messages = 0;
    std::uint64_t reassembled = 0;
};
DecodeReport decodeFrames(std::span<const transports::TraceFrame> frames, DecodeOptions options = {});

} // namespace v2gbench::protocols::gbt27930
