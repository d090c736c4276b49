#pragma once
// Role "can": a CAN channel on the charger↔EV bus that the bench records as evidence. The bench
// starts recording into the run folder when a session opens and stops when it closes.
#include "v2gbench/core/instrument.hpp"

#include <cstdint>
#include <string>

namespace v2gbench::core {

class CanRecorder : public Instrument {
public:
    // Starts writing every frame seen on the bus to `path` in candump -L format. Throws
    // InstrumentError when the channel or the file cannot be opened.
    virtual void startRecording(const std::string& path) = 0;
    // Stops and flushes. Never throws.
    virtual void stopRecording() noexcept = 0;
    virtual std::uint64_t framesRecorded() const = 0;
    // Safe state: recording stopped (the bench never transmits through this role).
};

} // namespace v2gbench::core
