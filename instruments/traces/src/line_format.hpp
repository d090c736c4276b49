#pragma once
// One text trace format: a stateful line parser. The reader runs every format over the first
// lines of a file to recognise it, then a fresh parser of the winner over the whole file.
#include "v2gbench/traces/trace_format.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::traces::detail {

enum class LineKind {
    Frame,  // `frame` holds a frame
    Header, // a header line of this format (recognised, no frame)
    Skip,   // a comment or an event of this format that is no CAN frame
    Bad,    // not a line of this format: `why` says why
    BadTime // a frame line whose timestamp is out of range: `why` says so
};

class LineFormat {
public:
    virtual ~LineFormat() = default;
    // May change while lines are read (the candump variant is learned from the first frame).
    virtual TraceFormat format() const = 0;
    // `line` is UTF-8 without its line break (trailing '\r' removed), never blank.
    virtual LineKind parse(std::string_view line, transports::CanFrame& frame, std::string& why) = 0;
    // A parser for a new pass over the same file that keeps what was learned about its layout
    // (candump -td deltas), without the running state (time bases, clocks).
    virtual std::unique_ptr<LineFormat> restart() const = 0;
    // A sentence about how times were read, when it needs saying ("" otherwise).
    virtual std::string detail() const { return {}; }
    std::int64_t resolutionUs() const { return m_resolutionUs; }

protected:
    void noteResolution(std::int64_t us) {
        if (us > m_resolutionUs) m_resolutionUs = us;
    }

private:
    std::int64_t m_resolutionUs = 1;
};

std::unique_ptr<LineFormat> makeCandumpFormat();
std::unique_ptr<LineFormat> makeZlgTextFormat();
std::unique_ptr<LineFormat> makeZlgCsvFormat();
std::unique_ptr<LineFormat> makeAscFormat();
std::unique_ptr<LineFormat> makeTrcFormat();

// One parser of each text family, in the order their names are listed in messages.
std::vector<std::unique_ptr<LineFormat>> makeTextFormats();
// The family that reads `format`; nullptr for a binary format.
std::unique_ptr<LineFormat> makeTextFormat(TraceFormat format);

} // namespace v2gbench::traces::detail
