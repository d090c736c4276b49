#pragma once
// Writes CAN frames in can-utils "candump -L" format, the bench's CAN trace format (DESIGN §6):
//   (1700000000.123456) can0 1CEC56F4#10310007FF000200
// Extended ids as 8 hex digits, standard as 3, data upper-case hex. candump, canplayer and
// python-can read it. Each line is flushed as written, so the trace survives a crash.
#include "v2gbench/transports/can_frame.hpp"

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace v2gbench::transports {

// One line without the newline.
std::string formatCanDumpLine(const CanFrame& frame, const std::string& interface);

class CanDumpWriter {
public:
    // Creates/truncates path; throws std::runtime_error naming the path.
    CanDumpWriter(const std::string& path, std::string interface);
    ~CanDumpWriter();
    CanDumpWriter(const CanDumpWriter&) = delete;
    CanDumpWriter& operator=(const CanDumpWriter&) = delete;

    // Thread-safe. Throws std::runtime_error when the disk refuses.
    void write(const CanFrame& frame);
    void close() noexcept;
    std::uint64_t framesWritten() const;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::string m_interface;
    mutable std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    std::uint64_t m_count = 0;
};

} // namespace v2gbench::transports
