#pragma once
// Reads every streamed signal of an opened bench once (run_stream.hpp says which), with one query
// per instrument (role_io.hpp SignalBatchReader), keeping each read's failure: the executor sends the frame to the run's SignalStreamSink and lets the safety
// supervisor judge its limits on the same readings, so no signal is read twice in one tick.
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/run_stream.hpp"

#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

class SignalSampler {
public:
    // The catalogue's quantity and boolean signals of the roles `session` binds.
    explicit SignalSampler(BenchSession& session);

    // Reads them all now. Never throws: a failed read is kept (failure()) and left out of the frame;
    // a core::CapabilityError drops the signal from later ticks.
    const SignalFrame& sample(double benchTime);

    // Of the last sample(): the signal's reading, its failure (rethrow it), or neither when the
    // signal is not streamed (read it yourself).
    const SignalFrame& frame() const { return m_frame; }
    std::optional<double> value(const std::string& name) const;
    std::exception_ptr failure(const std::string& name) const;

    std::size_t signalCount() const { return m_signals.size(); }

private:
    struct Streamed {
        std::string name;
        std::string unit;
        bool boolean = false;
        bool dropped = false;
    };
    BenchSession& m_session;
    std::vector<Streamed> m_signals;
    SignalFrame m_frame;
    std::map<std::string, std::size_t> m_index; // name → position in m_frame.readings
    std::map<std::string, std::exception_ptr> m_failures;
};

} // namespace v2gbench::bench
