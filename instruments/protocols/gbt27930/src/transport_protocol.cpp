#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <cstdio>

namespace v2gbench::protocols::gbt27930 {

std::string describe(AbortReason reason) {
    const char* text = "reserved";
    switch (reason) {
    case AbortReason::AlreadyInSession: text = "already in one or more connection-managed sessions"; break;
    case AbortReason::NoResources: text = "system resources needed elsewhere"; break;
    case AbortReason::Timeout: text = "timeout"; break;
    case AbortReason::CtsWhileSending: text = "CTS received while a data transfer is in progress"; break;
    case AbortReason::MaxRetransmit: text = "maximum retransmit request limit reached"; break;
    case AbortReason::UnexpectedDataTransfer: text = "unexpected data transfer packet"; break;
    case AbortReason::BadSequence: text = "bad sequence number"; break;
    case AbortReason::DuplicateSequence: text = "duplicate sequence number"; break;
    case AbortReason::TooLarge: text = "total message size above 1785 bytes"; break;
    case AbortReason::Other: text = "other error"; break;
    case AbortReason::NotAvailable: text = "not given"; break;
    }
    return std::to_string(static_cast<unsigned>(reason)) + " (" + text + ")";
}

const char* toString(TpErrorKind kind) {
    switch (kind) {
    case TpErrorKind::WrongSequence: return "wrong sequence number";
    case TpErrorKind::DuplicateSequence: return "duplicate sequence number";
    case TpErrorKind::MissingPackets: return "missing packets";
    case TpErrorKind::SizeMismatch: return "size mismatch";
    case TpErrorKind::Aborted: return "connection aborted";
    case TpErrorKind::Timeout: return "timeout";
    case TpErrorKind::UnexpectedData: return "unexpected data";
    case TpErrorKind::UnexpectedControl: return "unexpected control";
    case TpErrorKind::SessionOverlap: return "session overlap";
    }
    return "error";
}

std::uint8_t packetCount(std::size_t size) { return static_cast<std::uint8_t>((size + 6) / 7); }

std::optional<TpConnectionManagement> parseTpCm(const transports::CanFrame& frame, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<TpConnectionManagement> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    if (!frame.extended || J1939Id::fromCanId(frame.id).pgn != kPgnTpCm) return fail("not a TP.CM frame");
    if (frame.dlc != 8) return fail("TP.CM with DLC " + std::to_string(frame.dlc) + " (J1939 requires 8)");
    const auto& d = frame.data;
    TpConnectionManagement cm;
    cm.pgn = d[5] | (d[6] << 8) | (static_cast<std::uint32_t>(d[7]) << 16);
    switch (d[0]) {
    case 0x10:
    case 0x13:
    case 0x20:
        cm.control = static_cast<TpControl>(d[0]);
        cm.size = static_cast<std::uint16_t>(d[1] | (d[2] << 8));
        cm.packets = d[3];
        cm.maxPerCts = d[4];
        break;
    case 0x11:
        cm.control = TpControl::Cts;
        cm.packets = d[1];
        cm.nextSequence = d[2];
        break;
    case 0xFF:
        cm.control = TpControl::Abort;
        cm.reason = static_cast<AbortReason>(d[1]);
        break;
    default: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "TP.CM with unknown control byte 0x%02X", d[0]);
        return fail(buf);
    }
    }
    return cm;
}

transports::CanFrame makeTpCm(std::uint8_t source, std::uint8_t destination, const TpConnectionManagement& cm,
                              std::chrono::microseconds time) {
    transports::CanFrame f;
    J1939Id id{kTpPriority, kPgnTpCm, destination, source};
    f.id = id.toCanId();
    f.extended = true;
    f.dlc = 8;
    f.timestamp = time;
    auto& d = f.data;
    d.fill(0xFF);
    d[0] = static_cast<std::uint8_t>(cm.control);
    switch (cm.control) {
    case TpControl::Rts:
    case TpControl::EndOfMsgAck:
    case TpControl::Bam:
        d[1] = static_cast<std::uint8_t>(cm.size & 0xFF);
        d[2] = static_cast<std::uint8_t>(cm.size >> 8);
        d[3] = cm.packets;
        d[4] = cm.control == TpControl::Rts ? cm.maxPerCts : 0xFF;
        break;
    case TpControl::Cts:
        d[1] = cm.packets;
        d[2] = cm.nextSequence;
        break;
    case TpControl::Abort: d[1] = static_cast<std::uint8_t>(cm.reason); break;
    }
    d[5] = static_cast<std::uint8_t>(cm.pgn & 0xFF);
    d[6] = static_cast<std::uint8_t>((cm.pgn >> 8) & 0xFF);
    d[7] = static_cast<std::uint8_t>((cm.pgn >> 16) & 0xFF);
    return f;
}

transports::CanFrame makeTpDt(std::uint8_t source, std::uint8_t destination, std::uint8_t sequence,
                              const std::vector<std::uint8_t>& data, std::chrono::microseconds time) {
    transports::CanFrame f;
    J1939Id id{kTpPriority, kPgnTpDt, destination, source};
    f.id = id.toCanId();
    f.extended = true;
    f.dlc = 8;
    f.timestamp = time;
    f.data.fill(0xFF); // the last packet is padded with 0xFF (J1939-21, digest §1.5)
    f.data[0] = sequence;
    const std::size_t start = static_cast<std::size_t>(sequence - 1) * 7;
    for (std::size_t i = 0; i < 7 && start + i < data.size(); ++i) f.data[1 + i] = data[start + i];
    return f;
}

} // namespace v2gbench::protocols::gbt27930
