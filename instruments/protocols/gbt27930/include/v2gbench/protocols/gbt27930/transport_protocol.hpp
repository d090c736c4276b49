#pragma once
// SAE J1939-21 transport protocol as GB/T 27930 §6.5 uses it for messages of 9–1785 bytes:
// TP.CM (PGN 0xEC00: RTS, CTS, EndOfMsgAck, BAM, Conn_Abort) and TP.DT (PGN 0xEB00), priority 7.
// Types and frame builders shared by TpSender, TpReceiver and TpMonitor. Everything is
// clock-agnostic: frames carry their timestamp, and poll(now) fires the timers.
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

inline constexpr std::uint32_t kPgnTpCm = 0xEC00;
inline constexpr std::uint32_t kPgnTpDt = 0xEB00;
inline constexpr std::uint8_t kTpPriority = 7;
inline constexpr std::size_t kTpMaxSize = 1785; // 255 packets * 7 bytes

enum class TpControl : std::uint8_t { Rts = 0x10, Cts = 0x11, EndOfMsgAck = 0x13, Bam = 0x20, Abort = 0xFF };

// J1939-21 Conn_Abort reasons (byte 2).
enum class AbortReason : std::uint8_t {
    AlreadyInSession = 1,
    NoResources = 2,
    Timeout = 3,
    CtsWhileSending = 4,
    MaxRetransmit = 5,
    UnexpectedDataTransfer = 6,
    BadSequence = 7,
    DuplicateSequence = 8,
    TooLarge = 9,
    Other = 250, // J1939-21: a reason not listed (here: RTS size and packet count disagree)
    NotAvailable = 0xFF,
};
std::string describe(AbortReason reason); // "7 (bad sequence number)"

// J1939-21 §5.10.2.4 timers. The digest marks them [U] for GB/T; they are the J1939 values.
struct TpTimers {
    std::chrono::microseconds tr{200'000};  // a node must respond within Tr
    std::chrono::microseconds th{500'000};  // a receiver holding the connection re-sends CTS(0) within Th
    std::chrono::microseconds t1{750'000};  // receiver: between TP.DT of one CTS window
    std::chrono::microseconds t2{1'250'000}; // receiver: from its CTS to the first TP.DT
    std::chrono::microseconds t3{1'250'000}; // sender: from the last TP.DT (or RTS) to CTS / EndOfMsgAck
    std::chrono::microseconds t4{1'050'000}; // sender: after CTS(0) (hold) until the next CTS
};

enum class TpErrorKind {
    WrongSequence,     // a TP.DT with a sequence number other than the next expected one
    DuplicateSequence, // the previous sequence number again
    MissingPackets,    // the connection ended (EndOfMsgAck, new RTS) before every packet arrived
    SizeMismatch,      // RTS size vs packet count, EndOfMsgAck vs RTS, CTS beyond the message
    Aborted,           // Conn_Abort received (reason given)
    Timeout,           // T1/T2/T3/T4/Tr expired
    UnexpectedData,    // TP.DT without an open connection, or beyond the CTS window
    UnexpectedControl, // CTS/EndOfMsgAck without a connection, unknown control byte, bad DLC
    SessionOverlap,    // RTS while a connection between the same pair was still open
};
const char* toString(TpErrorKind kind);

struct TpError {
    TpErrorKind kind = TpErrorKind::UnexpectedControl;
    std::string message; // a sentence naming the PGN, addresses, sequence numbers, timer
    std::uint32_t pgn = 0;
    std::uint8_t source = 0;      // sender of the data
    std::uint8_t destination = 0; // receiver of the data
    std::chrono::microseconds time{0};
    std::optional<AbortReason> reason; // Aborted (received) or the reason we sent
};

struct TpMessage {
    std::uint32_t pgn = 0;
    std::uint8_t source = 0;
    std::uint8_t destination = 0;
    std::vector<std::uint8_t> data;
    std::uint8_t packets = 0;
    bool broadcast = false; // BAM
    std::chrono::microseconds started{0};   // RTS/BAM
    std::chrono::microseconds completed{0}; // last TP.DT (receiver) or EndOfMsgAck (sender)
};

// A decoded TP.CM frame.
struct TpConnectionManagement {
    TpControl control = TpControl::Rts;
    std::uint16_t size = 0;        // RTS, EndOfMsgAck, BAM
    std::uint8_t packets = 0;      // RTS/EndOfMsgAck/BAM: total; CTS: packets that may be sent
    std::uint8_t maxPerCts = 0xFF; // RTS byte 5
    std::uint8_t nextSequence = 0; // CTS
    AbortReason reason = AbortReason::NotAvailable; // Abort
    std::uint32_t pgn = 0;
};

// Parses a TP.CM payload; nullopt when the frame is not TP.CM or its DLC is not 8 or the
// control byte is unknown (error says which).
std::optional<TpConnectionManagement> parseTpCm(const transports::CanFrame& frame, std::string* error = nullptr);

transports::CanFrame makeTpCm(std::uint8_t source, std::uint8_t destination, const TpConnectionManagement& cm,
                              std::chrono::microseconds time = {});
transports::CanFrame makeTpDt(std::uint8_t source, std::uint8_t destination, std::uint8_t sequence,
                              const std::vector<std::uint8_t>& data, std::chrono::microseconds time = {});
std::uint8_t packetCount(std::size_t size); // ceil(size / 7)

// What a TP endpoint wants done after a frame or a poll.
struct TpOutput {
    std::vector<transports::CanFrame> frames; // to send now, in order
    std::optional<TpMessage> message;         // received (receiver) or acknowledged (sender)
    std::optional<TpError> error;
};

} // namespace v2gbench::protocols::gbt27930
