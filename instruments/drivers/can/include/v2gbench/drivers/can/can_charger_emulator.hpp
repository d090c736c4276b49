#pragma once
// Driver "can-evse" (role evse): the bench's charger emulator on a real CAN channel (socketcand
// or SocketCAN) — the charger's side of GB/T 27930-2015 when the device under test is a vehicle's
// BMS connected to the bench's bus (benches/bms-wire.yaml). The same ChargerStateMachine and the
// same declarative faults (ChargerFaultFilter) as the in-process sim-evse, run in real time on a
// thread of their own: every frame received is fed to the machine, the machine is polled every
// millisecond, and what it sends goes through the faults to the channel.
//
// Session (this channel carries no CC1 sense, so the charger follows the vehicle): a session is
// open from the start (CHM, waiting for BHM, as a charger with the plug in). A BHM arriving once
// the session is past recognition (CRM 0xAA sent, or failed) is a vehicle that started again —
// re-plugged or woken up: the charger starts a fresh session and hands it that BHM. The vehicle's
// plug and wake-up are the lab's (the ev role's connection circuit or the fault box).
//
// Threads: the worker thread runs from construction until destruction; injectFault(),
// clearFaults(), status() and makeSafe() may be called from any thread.
// Failure: a channel that fails (disconnect, send error) ends the worker; the failure is kept and
// injectFault()/clearFaults()/status() throw InstrumentError naming the channel.
// Frame times: the plans judge the vehicle's frames from the can role's recorder, never from here.
#include "v2gbench/core/roles/charger_emulator.hpp"
#include "v2gbench/protocols/gbt27930/charger_fault_rules.hpp"
#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"
#include "v2gbench/transports/can_channel.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace v2gbench::drivers::can {

class CanChargerEmulator : public core::ChargerEmulator {
public:
    // Opens the channel and starts the worker. Throws InstrumentError when the channel does not open.
    CanChargerEmulator(std::string instrumentName, std::unique_ptr<transports::CanChannel> channel,
                       protocols::gbt27930::ChargerConfig config);
    // Stops the worker (bounded by one receive poll) and closes the channel.
    ~CanChargerEmulator() override;

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    // Safe state: faults cleared and the session started afresh (CHM; the emulator has no power
    // stage, so nothing else is to be made safe). Bounded (one lock), never throws.
    void makeSafe() noexcept override;

    // Throws CapabilityError naming the fault (validateChargerFault's text) when it cannot be
    // applied; InstrumentError when the channel failed.
    void injectFault(const core::EvFault& fault) override;
    void clearFaults() override;
    core::ChargerEmulatorStatus status() override;

    // Sessions started since construction (1 at first; a vehicle that starts again adds one).
    unsigned sessions() const;

private:
    void run() noexcept;
    void step(double now, const std::optional<transports::CanFrame>& received);
    void startSession();
    void throwIfFailed(const std::string& exchange) const;
    double elapsed() const;

    std::string m_name;
    std::unique_ptr<transports::CanChannel> m_channel;
    protocols::gbt27930::ChargerConfig m_config;
    std::chrono::steady_clock::time_point m_start;

    mutable std::mutex m_mutex; // guards everything below
    std::optional<protocols::gbt27930::ChargerStateMachine> m_machine;
    protocols::gbt27930::ChargerFaultFilter m_faults;
    unsigned m_sessions = 0;
    std::optional<std::string> m_failure;

    std::atomic<bool> m_stop{false};
    std::thread m_worker;
};

} // namespace v2gbench::drivers::can
