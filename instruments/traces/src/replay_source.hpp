#pragma once
// The bytes already read to recognise the format, then the rest of the source.
#include "v2gbench/traces/byte_source.hpp"

#include <cstring>

namespace v2gbench::traces::detail {

class ReplaySource final : public ByteSource {
public:
    ReplaySource(std::string prefix, std::size_t skip, std::unique_ptr<ByteSource> rest)
        : m_prefix(std::move(prefix)), m_pos(skip), m_rest(std::move(rest)) {}
    std::size_t read(char* into, std::size_t size) override {
        if (m_pos < m_prefix.size()) {
            const std::size_t n = std::min(size, m_prefix.size() - m_pos);
            std::memcpy(into, m_prefix.data() + m_pos, n);
            m_pos += n;
            if (m_pos == m_prefix.size()) std::string().swap(m_prefix);
            return n;
        }
        return m_rest->read(into, size);
    }
    const std::string& name() const override { return m_rest->name(); }

private:
    std::string m_prefix;
    std::size_t m_pos;
    std::unique_ptr<ByteSource> m_rest;
};

} // namespace v2gbench::traces::detail
