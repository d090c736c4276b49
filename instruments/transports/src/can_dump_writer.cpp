#include "v2gbench/transports/can_dump_writer.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace v2gbench::transports {

std::string formatCanDumpLine(const CanFrame& frame, const std::string& interface) {
    const long long us = frame.timestamp.count();
    char ts[48];
    std::snprintf(ts, sizeof ts, "(%010lld.%06lld) ", us / 1000000, us % 1000000);
    return ts + interface + " " + toCanUtilsString(frame);
}

CanDumpWriter::CanDumpWriter(const std::string& path, std::string interface)
    : m_path(path), m_interface(std::move(interface)) {
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file) throw std::runtime_error("cannot create CAN trace " + path + ": " + std::strerror(errno));
}

CanDumpWriter::~CanDumpWriter() {
    close();
}

void CanDumpWriter::write(const CanFrame& frame) {
    const std::string line = formatCanDumpLine(frame, m_interface) + "\n";
    std::lock_guard lock(m_mutex);
    if (!m_file) throw std::runtime_error("CAN trace " + m_path + " is closed");
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size() || std::fflush(m_file) != 0)
        throw std::runtime_error("cannot write CAN trace " + m_path + ": " + std::strerror(errno));
    ++m_count;
}

void CanDumpWriter::close() noexcept {
    std::lock_guard lock(m_mutex);
    if (m_file) std::fclose(m_file);
    m_file = nullptr;
}

std::uint64_t CanDumpWriter::framesWritten() const {
    std::lock_guard lock(m_mutex);
    return m_count;
}

} // namespace v2gbench::transports
