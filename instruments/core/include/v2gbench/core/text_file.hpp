#pragma once
// The one way the bench reads a file a user named (plans, profiles, catalogues, summary.json,
// traces): only regular files, never more than a stated cap. A path to /dev/zero, a FIFO or a
// directory is refused at once with a message naming the path, instead of reading until memory
// runs out or blocking forever; a file over its cap is refused with its size and the cap.
//
// Plain POSIX + std, so every layer (core, bench, reports, protocols) can use it.
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace v2gbench::core {

inline constexpr std::size_t kMiB = std::size_t{1024} * 1024;

// The file may not be read: missing, not a regular file, over its cap, a line over its length
// limit, or an I/O error. what() starts with the path.
class FileReadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The caller's stop check (Ctrl-C) asked to stop between two chunks or lines.
class ReadStopped : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Polled between chunks/lines; true means "stop now" (ReadStopped is thrown). Empty: never stop.
using StopCheck = std::function<bool()>;

// The whole file. `what` names its use for the cap message ("a plan", "summary.json"):
//   "<path>: not a regular file (a FIFO)"
//   "<path>: 5.0 MiB, larger than the 4 MiB limit for a plan"
// The cap is also enforced while reading, so a file that grows (or /proc, whose size reads 0)
// cannot get past it.
std::string readRegularFile(const std::string& path, std::size_t maxBytes, std::string_view what,
                            const StopCheck& stop = {});

// Line-by-line reading of a regular file for the streaming importers (candump logs). Lines come
// without their '\n' (a trailing '\r' is kept: the parsers decide). A line longer than
// `maxLineBytes` throws FileReadError "<path>:<line>: line longer than N bytes", so a file with
// no line break cannot make one unbounded string.
class RegularFileLines {
public:
    RegularFileLines(const std::string& path, std::size_t maxBytes, std::size_t maxLineBytes, std::string_view what,
                     StopCheck stop = {});
    ~RegularFileLines();
    RegularFileLines(const RegularFileLines&) = delete;
    RegularFileLines& operator=(const RegularFileLines&) = delete;

    // False at the end of the file.
    bool next(std::string& line);
    std::size_t lineNumber() const { return m_lineNumber; }

private:
    bool fill();

    std::string m_path;
    std::size_t m_maxBytes;
    std::size_t m_maxLineBytes;
    std::string m_what;
    StopCheck m_stop;
    int m_fd = -1;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_total = 0;
    std::size_t m_lineNumber = 0;
    bool m_eof = false;
};

// Chunked reading of a regular file for the streaming trace readers (text and binary): the same
// refusals as readRegularFile (not a regular file, over `maxBytes`), the stop check polled before
// every read. Memory is the caller's buffer only.
class RegularFileStream {
public:
    RegularFileStream(const std::string& path, std::size_t maxBytes, std::string_view what, StopCheck stop = {});
    ~RegularFileStream();
    RegularFileStream(const RegularFileStream&) = delete;
    RegularFileStream& operator=(const RegularFileStream&) = delete;

    // Up to `size` bytes into `into`; 0 at the end of the file. Throws FileReadError (I/O error,
    // the file grew past its cap) or ReadStopped.
    std::size_t read(char* into, std::size_t size);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::size_t m_maxBytes;
    std::string m_what;
    StopCheck m_stop;
    int m_fd = -1;
    std::size_t m_total = 0;
};

} // namespace v2gbench::core
