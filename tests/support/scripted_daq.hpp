#pragma once
// A daq and a CAN recorder that play a script on a virtual clock, for executor tests of the
// `capture` step: the daq honours the core::Daq contract (arm returns at once, fetch() is nullopt
// until trigger + post has passed on the clock, samples on the bench time base from trigger − pre at
// the requested period), the recorder hands over the script's frames once the clock has reached them.
// Times in the script are relative to the trigger, which comes `triggerDelay` after arming (never,
// when unset). Registered as drivers "scripted-daq" / "scripted-can" with the clock "scripted-virtual".
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::test {

class ScriptedClock final : public core::Clock {
public:
    units::Seconds now() const override {
        std::lock_guard lock(m_mutex);
        return units::Seconds(m_now);
    }
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>&) override {
        std::lock_guard lock(m_mutex);
        m_now += d.value;
        return d;
    }
    bool isVirtual() const override { return true; }

private:
    mutable std::mutex m_mutex;
    double m_now = 100.0; // not 0: bench times in results must not be mistaken for relative ones
};

struct CaptureScript {
    std::optional<double> triggerDelay = 0.05;                 // s after arm(); nullopt: never
    std::function<double(const std::string& channel, double tFromTrigger)> waveform; // SI values
    std::vector<std::pair<double, core::BusMessage>> frames;  // time from the trigger, message
    double canResolution = 1e-4;                               // s
    std::uint64_t framesTimedOnReceipt = 0;                     // frames the "recorder" timed on receipt
    // What the executor asked for (filled by the daq).
    std::optional<core::DaqCaptureRequest> request;
    std::optional<double> armedAt;
    std::optional<double> triggerTime() const {
        if (!armedAt || !triggerDelay) return std::nullopt;
        return *armedAt + *triggerDelay;
    }
};

class ScriptedDaq final : public core::Daq {
public:
    ScriptedDaq(std::shared_ptr<CaptureScript> script, const core::Clock& clock) : m_script(std::move(script)), m_clock(clock) {}
    core::InstrumentIdentity identity() const override { return {"test", "scripted daq", "0", "0", ""}; }
    core::Capabilities capabilities() const override { return {"daq-can-trigger"}; }
    void makeSafe() noexcept override {}
    std::vector<std::string> channels() const override {
        std::vector<std::string> names;
        for (const auto& c : core::daqChannels()) names.emplace_back(c.name);
        return names;
    }
    units::Seconds resolution() const override { return m_script->request ? m_script->request->samplePeriod : units::Seconds(1e-3); }
    core::DaqSample read() override { return {m_clock.now().value, std::vector<double>(core::daqChannels().size(), 0.0)}; }
    void arm(const core::DaqCaptureRequest& request) override {
        for (const auto& c : request.channels)
            if (!core::daqChannel(c)) throw core::CapabilityError("scripted daq: no channel '" + c + "'");
        m_script->request = request;
        m_script->armedAt = m_clock.now().value;
    }
    std::optional<core::DaqCapture> fetch() override {
        const auto trigger = m_script->triggerTime();
        if (!trigger || !m_script->request) return std::nullopt;
        const auto& r = *m_script->request;
        if (m_clock.now().value < *trigger + r.postTrigger.value - 1e-9) return std::nullopt;
        core::DaqCapture c;
        c.channels = r.channels;
        c.triggerTime = *trigger;
        c.resolution = r.samplePeriod;
        const long first = -std::lround(r.preTrigger.value / r.samplePeriod.value);
        const long last = std::lround(r.postTrigger.value / r.samplePeriod.value);
        for (long i = first; i <= last; ++i) {
            const double rel = static_cast<double>(i) * r.samplePeriod.value;
            core::DaqSample s{*trigger + rel, {}};
            for (const auto& ch : r.channels) s.values.push_back(m_script->waveform(ch, rel));
            c.samples.push_back(std::move(s));
        }
        return c;
    }

private:
    std::shared_ptr<CaptureScript> m_script;
    const core::Clock& m_clock;
};

class ScriptedCan final : public core::CanRecorder {
public:
    ScriptedCan(std::shared_ptr<CaptureScript> script, const core::Clock& clock) : m_script(std::move(script)), m_clock(clock) {}
    core::InstrumentIdentity identity() const override { return {"test", "scripted can", "0", "0", ""}; }
    core::Capabilities capabilities() const override { return {"bus-decode"}; }
    void makeSafe() noexcept override {}
    void startRecording(const std::string&) override {}
    void stopRecording() noexcept override {}
    std::uint64_t framesRecorded() const override { return 0; }
    std::optional<std::string> recordingFault() const noexcept override { return std::nullopt; }
    units::Seconds timestampResolution() const noexcept override { return units::Seconds(m_script->canResolution); }
    std::string timestampSource() const override { return "the test script's frame times"; }
    // The script's frames timed on receipt arrive with the trigger.
    std::uint64_t framesTimedOnReceipt() const noexcept override {
        return m_script->triggerTime() ? m_script->framesTimedOnReceipt : 0;
    }
    // The script's frames up to now, in order; the index counts every frame handed over.
    std::uint64_t readMessages(std::uint64_t from, std::vector<core::BusMessage>& out) override {
        const auto trigger = m_script->triggerTime();
        if (!trigger) return from;
        std::uint64_t index = 0;
        for (const auto& [t, m] : m_script->frames) {
            if (*trigger + t > m_clock.now().value + 1e-12) break;
            if (index++ < from) continue;
            core::BusMessage stamped = m;
            stamped.time = *trigger + t;
            out.push_back(stamped);
        }
        return std::max(from, index);
    }

private:
    std::shared_ptr<CaptureScript> m_script;
    const core::Clock& m_clock;
};

inline void registerScriptedCapture(core::DriverRegistry& registry, std::shared_ptr<CaptureScript> script) {
    registry.addClock("scripted-virtual", "test: a virtual clock that only counts",
                      [](core::SessionContext&) { return std::make_shared<ScriptedClock>(); });
    registry.addDriver({"scripted-daq", "daq", "test: plays a capture script", {}},
                       [script](core::DriverRequest& r) { return std::make_unique<ScriptedDaq>(script, r.clock); });
    registry.addDriver({"scripted-can", "can", "test: plays the script's frames", {}},
                       [script](core::DriverRequest& r) { return std::make_unique<ScriptedCan>(script, r.clock); });
}

} // namespace v2gbench::test
