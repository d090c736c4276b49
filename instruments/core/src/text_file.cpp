#include "v2gbench/core/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace v2gbench::core {

namespace {

// Read in chunks so a stop check runs at least this often, and so a lying st_size (/proc) costs
// at most one chunk past the cap.
constexpr std::size_t kChunkBytes = 64 * 1024;

std::string kindOf(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a plain file";
}

std::string mib(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", bytes / static_cast<double>(kMiB));
    return text;
}

std::string capText(std::size_t maxBytes) {
    // Caps are whole MiB in practice; say "4 MiB", not "4.0 MiB". Smaller ones (tests) in bytes.
    if (maxBytes % kMiB == 0) return std::to_string(maxBytes / kMiB) + " MiB";
    return std::to_string(maxBytes) + " bytes";
}

[[noreturn]] void tooLarge(const std::string& path, std::size_t size, bool atLeast, std::size_t maxBytes,
                           std::string_view what) {
    throw FileReadError(path + ": " + (atLeast ? "more than " : "") + mib(static_cast<double>(size)) +
                        " MiB, larger than the " + capText(maxBytes) + " limit for " + std::string(what));
}

[[noreturn]] void notRegular(const std::string& path, mode_t mode) {
    throw FileReadError(path + ": not a regular file (" + kindOf(mode) + ")");
}

// Opens without ever blocking or touching a device: stat() first refuses a FIFO or device before
// open() could block on it or trigger a side effect (a serial port's DTR); O_NONBLOCK covers a
// path swapped for a FIFO in between; fstat() on the descriptor is the check that counts.
int openRegular(const std::string& path, std::size_t maxBytes, std::string_view what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw FileReadError(path + ": cannot open (" + std::strerror(errno) + ")");
    if (!S_ISREG(st.st_mode)) notRegular(path, st.st_mode);
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) throw FileReadError(path + ": cannot open (" + std::strerror(errno) + ")");
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const mode_t mode = st.st_mode;
        ::close(fd);
        notRegular(path, mode);
    }
    if (static_cast<unsigned long long>(st.st_size) > maxBytes) {
        ::close(fd);
        tooLarge(path, static_cast<std::size_t>(st.st_size), false, maxBytes, what);
    }
    return fd;
}

// One read(2), retried on EINTR only when nobody asked to stop (a SIGINT interrupts the read).
std::size_t readSome(int fd, char* into, std::size_t size, const std::string& path, const StopCheck& stop) {
    for (;;) {
        const ssize_t n = ::read(fd, into, size);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw FileReadError(path + ": read error (" + std::strerror(errno) + ")");
        if (stop && stop()) throw ReadStopped(path + ": reading stopped");
    }
}

} // namespace

std::string readRegularFile(const std::string& path, std::size_t maxBytes, std::string_view what,
                            const StopCheck& stop) {
    const int fd = openRegular(path, maxBytes, what);
    std::string text;
    try {
        for (;;) {
            if (stop && stop()) throw ReadStopped(path + ": reading stopped");
            const std::size_t old = text.size();
            text.resize(old + kChunkBytes);
            const std::size_t n = readSome(fd, text.data() + old, kChunkBytes, path, stop);
            text.resize(old + n);
            if (n == 0) break;
            if (text.size() > maxBytes) tooLarge(path, text.size(), true, maxBytes, what);
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return text;
}

RegularFileLines::RegularFileLines(const std::string& path, std::size_t maxBytes, std::size_t maxLineBytes,
                                   std::string_view what, StopCheck stop)
    : m_path(path), m_maxBytes(maxBytes), m_maxLineBytes(maxLineBytes), m_what(what), m_stop(std::move(stop)),
      m_fd(openRegular(path, maxBytes, what)) {}

RegularFileLines::~RegularFileLines() {
    if (m_fd >= 0) ::close(m_fd);
}

bool RegularFileLines::fill() {
    if (m_eof) return false;
    if (m_stop && m_stop()) throw ReadStopped(m_path + ": reading stopped");
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    const std::size_t old = m_buffer.size();
    m_buffer.resize(old + kChunkBytes);
    const std::size_t n = readSome(m_fd, m_buffer.data() + old, kChunkBytes, m_path, m_stop);
    m_buffer.resize(old + n);
    m_total += n;
    if (m_total > m_maxBytes) tooLarge(m_path, m_total, true, m_maxBytes, m_what);
    if (n == 0) m_eof = true;
    return n > 0;
}

bool RegularFileLines::next(std::string& line) {
    for (;;) {
        const std::size_t end = m_buffer.find('\n', m_pos);
        const std::size_t available = (end == std::string::npos ? m_buffer.size() : end) - m_pos;
        if (available > m_maxLineBytes)
            throw FileReadError(m_path + ":" + std::to_string(m_lineNumber + 1) + ": line longer than " +
                                std::to_string(m_maxLineBytes) + " bytes (is this " + m_what + "?)");
        if (end != std::string::npos) {
            line.assign(m_buffer, m_pos, end - m_pos);
            m_pos = end + 1;
            ++m_lineNumber;
            return true;
        }
        if (!fill()) {
            if (m_pos >= m_buffer.size()) return false;
            line.assign(m_buffer, m_pos, std::string::npos); // last line without a line break
            m_pos = m_buffer.size();
            ++m_lineNumber;
            return true;
        }
    }
}

RegularFileStream::RegularFileStream(const std::string& path, std::size_t maxBytes, std::string_view what,
                                     StopCheck stop)
    : m_path(path), m_maxBytes(maxBytes), m_what(what), m_stop(std::move(stop)),
      m_fd(openRegular(path, maxBytes, what)) {}

RegularFileStream::~RegularFileStream() {
    if (m_fd >= 0) ::close(m_fd);
}

std::size_t RegularFileStream::read(char* into, std::size_t size) {
    if (m_stop && m_stop()) throw ReadStopped(m_path + ": reading stopped");
    const std::size_t n = readSome(m_fd, into, size, m_path, m_stop);
    m_total += n;
    if (m_total > m_maxBytes) tooLarge(m_path, m_total, true, m_maxBytes, m_what);
    return n;
}

} // namespace v2gbench::core
