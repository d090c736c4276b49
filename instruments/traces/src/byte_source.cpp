#include "v2gbench/traces/byte_source.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace v2gbench::traces {

namespace {

class FileSource final : public ByteSource {
public:
    FileSource(const std::string& path, const core::StopCheck& stop)
        : m_file(path, std::numeric_limits<std::size_t>::max(), "a CAN trace", stop) {}
    std::size_t read(char* into, std::size_t size) override { return m_file.read(into, size); }
    const std::string& name() const override { return m_file.path(); }

private:
    core::RegularFileStream m_file;
};

class MemorySource final : public ByteSource {
public:
    MemorySource(std::string_view bytes, std::string name) : m_bytes(bytes), m_name(std::move(name)) {}
    std::size_t read(char* into, std::size_t size) override {
        const std::size_t n = std::min(size, m_bytes.size());
        if (n) std::memcpy(into, m_bytes.data(), n);
        m_bytes.remove_prefix(n);
        return n;
    }
    const std::string& name() const override { return m_name; }

private:
    std::string_view m_bytes;
    std::string m_name;
};

} // namespace

std::unique_ptr<ByteSource> openFileSource(const std::string& path, const core::StopCheck& stop) {
    return std::make_unique<FileSource>(path, stop);
}

std::unique_ptr<ByteSource> memorySource(std::string_view bytes, std::string name) {
    return std::make_unique<MemorySource>(bytes, std::move(name));
}

} // namespace v2gbench::traces
