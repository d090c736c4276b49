#pragma once
// Streaming reader of a CAN trace: the format and the text encoding are recognised from the
// content (the first kSniffBytes, not the file name), then frames are pulled one at a time in
// bounded memory (a few hundred KiB whatever the file size).
//
// Contract:
//  - open() throws UnreadableTrace when the start of the file holds no frame of any supported
//    format (empty file, random bytes, another format); what() says what was recognised, what
//    was not (the first unrecognised line, as each format sees it) and what is supported.
//    core::FileReadError for a path that is not a regular file, core::ReadStopped on Ctrl-C.
//  - The format is decided by every line of the first kSniffBytes: the supported format that
//    reads the most frames there wins. A later line that the chosen format cannot read is a
//    problem (line number, why, an excerpt of at most 200 printable characters) and is skipped;
//    when it reads as another format the message says so: formats are not mixed in one file.
//  - Problems are handed to the problem handler as they are met: malformed lines (skipped),
//    timestamps out of range (skipped), time going backwards (the frame is kept).
//  - Lines longer than kMaxLineBytes are malformed lines; they are never held whole.
#include "v2gbench/traces/byte_source.hpp"
#include "v2gbench/traces/trace_format.hpp"
#include "v2gbench/transports/trace_frame.hpp"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::traces {

inline constexpr std::size_t kSniffBytes = 64 * 1024;
inline constexpr std::size_t kMaxLineBytes = 4096;

class UnreadableTrace : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ProblemKind { Malformed, TimeOutOfRange, TimeBackwards };
const char* toString(ProblemKind kind); // "malformed line", "timestamp out of range", "time goes backwards"

struct TraceProblem {
    ProblemKind kind = ProblemKind::Malformed;
    std::size_t line = 0;
    std::string message; // "PATH:LINE: what is wrong"
    std::int64_t backwardsUs = 0; // TimeBackwards: how far back
};

struct TraceInfo {
    std::string name;
    TraceFormat format = TraceFormat::CandumpL;
    TextEncoding encoding = TextEncoding::Utf8;
    std::string detail;          // "candump -td: times are the sums of the deltas", or empty
    std::int64_t resolutionUs = 1; // coarsest timestamp resolution seen so far (100000 for mm:ss.s)
    bool binary = false;           // positions are object numbers (BLF), not lines
};

class TraceReader {
public:
    using ProblemHandler = std::function<void(const TraceProblem&)>;

    // Recognises the format from the content. See the contract above.
    static std::unique_ptr<TraceReader> open(std::unique_ptr<ByteSource> source);
    // Reads `source` as `format` without recognising it (fuzzing one parser, tests).
    static std::unique_ptr<TraceReader> open(std::unique_ptr<ByteSource> source, TraceFormat format);
    virtual ~TraceReader() = default;

    void setProblemHandler(ProblemHandler handler) { m_onProblem = std::move(handler); }
    // The next frame; false at the end. `frame` is only written when true is returned.
    bool next(transports::TraceFrame& frame);
    const TraceInfo& info() const { return m_info; }
    std::uint64_t frames() const { return m_frames; }
    std::uint64_t problems() const { return m_problems; }

protected:
    TraceReader() = default;
    virtual bool nextFrame(transports::TraceFrame& frame) = 0;
    void problem(TraceProblem p);
    // "PATH:17: " for a text trace, "PATH: object 17: " for a binary one.
    std::string where(std::size_t line) const;

    TraceInfo m_info;

private:
    ProblemHandler m_onProblem;
    std::uint64_t m_frames = 0;
    std::uint64_t m_problems = 0;
    bool m_haveLast = false;
    std::int64_t m_lastUs = 0;
};

// Opens a file by path: openFileSource + TraceReader::open.
std::unique_ptr<TraceReader> openTraceFile(const std::string& path, const core::StopCheck& stop = {});

// Every frame and problem of a trace in memory, for the GUI's table (which shows every row) and
// tests. Not for the command line, which streams.
struct TraceCapture {
    TraceInfo info;
    std::vector<transports::TraceFrame> frames;
    std::vector<TraceProblem> problems;
};
TraceCapture readCapture(std::unique_ptr<ByteSource> source);

// Every frame as candump -L (timestamps as read), the bench's own trace format.
void writeCandump(const std::vector<transports::TraceFrame>& frames, std::ostream& out,
                  const std::string& interface = "can0");

} // namespace v2gbench::traces
