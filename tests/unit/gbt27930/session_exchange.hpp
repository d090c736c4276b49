#pragma once
// Test helper: a BMS side (BmsStateMachine or BmsEmulator) and a ChargerStateMachine on one
// in-memory, zero-latency bus stepped in 1 ms of simulated time. `drop` silences chosen frames
// before delivery (the log still records them as sent).
#include "v2gbench/protocols/gbt27930/bms_state_machine.hpp"
#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <cmath>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// Printable states for BOOST_TEST (found by argument-dependent lookup).
namespace v2gbench::protocols::gbt27930 {
inline std::ostream& operator<<(std::ostream& out, ChargerState state) { return out << toString(state); }
inline std::ostream& operator<<(std::ostream& out, BmsState state) { return out << toString(state); }
inline std::ostream& operator<<(std::ostream& out, Phase phase) { return out << toString(phase); }
} // namespace v2gbench::protocols::gbt27930

namespace gbt27930_test {

using namespace v2gbench::protocols::gbt27930;
using v2gbench::transports::CanFrame;

struct Sent {
    double time = 0.0;
    CanFrame frame;
    bool fromCharger = false;
};

template <class Bms>
struct BasicExchange {
    Bms bms;
    ChargerStateMachine charger;
    std::vector<Sent> log;
    std::function<bool(const Sent&)> drop = [](const Sent&) { return false; };
    Codec codec;
    long step = 0;

    explicit BasicExchange(BmsConfig bmsConfig = {}, ChargerConfig chargerConfig = {})
        : bms(bmsConfig), charger(chargerConfig) {}

    double now() const { return static_cast<double>(step) * 1e-3; }

    void tick() {
        const double t = now();
        bms.poll(t);
        charger.poll(t);
        // Deliver until quiet: TP answers (CTS, TP.DT, EndOfMsgAck) travel within the same ms.
        for (int round = 0; round < 64; ++round) {
            auto fromBms = bms.takeOutgoing();
            auto fromCharger = charger.takeOutgoing();
            if (fromBms.empty() && fromCharger.empty()) break;
            for (auto& f : fromBms) {
                Sent s{t, f, false};
                log.push_back(s);
                if (!drop(s)) charger.onFrame(f, t);
            }
            for (auto& f : fromCharger) {
                Sent s{t, f, true};
                log.push_back(s);
                if (!drop(s)) bms.onFrame(f, t);
            }
        }
        ++step;
    }

    // Runs until pred() or the limit (seconds); returns the time pred() became true, or -1.
    double runUntil(const std::function<bool()>& pred, double limitSeconds) {
        while (now() <= limitSeconds) {
            tick();
            if (pred()) return now() - 1e-3;
        }
        return -1.0;
    }

    void runFor(double seconds) {
        const long end = step + std::lround(seconds * 1e3);
        while (step < end) tick();
    }

    std::string name(const Sent& s) const { return name(s.frame); }
    std::string name(const CanFrame& frame) const {
        auto m = codec.decode(frame);
        return m && m->spec ? m->spec->name : "";
    }

    std::vector<Sent> sent(std::string_view message, double from = 0.0) const {
        std::vector<Sent> out;
        for (const auto& s : log)
            if (s.time >= from && name(s) == message) out.push_back(s);
        return out;
    }

    // Index in the log of the first frame matching pred at or after `from` seconds; -1 if none.
    long indexOf(const std::function<bool(const Sent&)>& pred, double from = 0.0) const {
        for (std::size_t i = 0; i < log.size(); ++i)
            if (log[i].time >= from && pred(log[i])) return static_cast<long>(i);
        return -1;
    }

    // The decoded 2-bit field of a status frame (BEM, CEM, CST, BST, BSM).
    unsigned bit(const Sent& s, std::string_view field) const {
        auto m = codec.decode(s.frame);
        const DecodedField* f = m ? m->field(field) : nullptr;
        return f ? static_cast<unsigned>(f->raw) : 0xFFu;
    }
};

using Exchange = BasicExchange<BmsStateMachine>;

template <class X>
bool charging(const X& x) {
    return x.bms.state() == BmsState::Charging && x.charger.state() == ChargerState::Charging;
}

// TP frames (TP.CM / TP.DT) the BMS sends.
inline bool bmsTransport(const Sent& s) {
    if (s.fromCharger) return false;
    const auto pgn = J1939Id::fromCanId(s.frame.id).pgn;
    return pgn == kPgnTpCm || pgn == kPgnTpDt;
}

inline bool isTpControl(const Sent& s, TpControl control, std::string_view message) {
    auto cm = parseTpCm(s.frame);
    return cm && cm->control == control && findMessage(cm->pgn) == findMessage(message);
}

} // namespace gbt27930_test
