#pragma once
// `decode`: every frame of a trace decoded (time, direction, message, fields with units, phase),
// with transport-protocol transfers reassembled into their messages (BRM, BCP, BCS, BMV, BMT,
// BSP). The CLI wiring lives elsewhere; these are the library functions it calls.
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/phase_tracker.hpp"
#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"
#include "v2gbench/protocols/gbt27930/trace_log.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

enum class EntryKind { Message, TpControl, TpData, Foreign, ErrorFrame };

// One per good frame of the trace, in order: entries.size() == frames kept.
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
};

struct DecodeReport {
    std::string path;
    TraceFormat format = TraceFormat::CandumpL;
    Profile profile = Profile::Tolerant;
    std::vector<DecodedEntry> entries;
    std::vector<TraceProblem> problems; // malformed lines, with line numbers
    std::vector<TpError> tpErrors;
    std::vector<std::size_t> tpErrorLines; // parallel to tpErrors: the line of the frame that revealed it
    std::vector<TpMessage> transfers; // every reassembled TP message
    bool timestampsFlattened = false; // TP timers were not checked
    PhaseTracker phases;
    std::size_t messages = 0;    // decoded GB/T messages (single frames + reassembled)
    std::size_t reassembled = 0; // of which through TP
};

// "TP.CM RTS BRM 49 bytes, 7 packets", "TP.CM Conn_Abort BCS, reason 3 (timeout)", ...
std::string describeTpCm(const TpConnectionManagement& cm);

// Throws std::runtime_error when the file cannot be read.
DecodeReport decodeTrace(const std::string& path, const DecodeOptions& options = {});
DecodeReport decodeLog(const TraceLog& log, const DecodeOptions& options = {});
// Counts only (no per-entry records): the benchmark's and analyze's fast path still decodes every
// field of every message. Returns the number of GB/T messages decoded.
std::size_t decodeCount(const TraceLog& log, const DecodeOptions& options = {});

// "  12.345678  L17  BMS→charger  BCL  charging  voltage demand=426.1 V current demand=20.0 A ..."
void printDecoded(const DecodeReport& report, std::ostream& out);

} // namespace v2gbench::protocols::gbt27930
