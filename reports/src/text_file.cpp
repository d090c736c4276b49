#include "text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace v2gbench::reports {

std::string readTextFile(const std::filesystem::path& path, std::size_t maxBytes, std::string_view what,
                         const core::StopCheck& stop) {
    return core::readRegularFile(path.string(), maxBytes, what, stop);
}

void writeTextFileAtomically(const std::filesystem::path& path, std::string_view content) {
    if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            throw std::runtime_error(path.parent_path().string() + ": cannot create folder (" + ec.message() + ")");
        }
    }
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw std::runtime_error(tmp.string() + ": cannot write (" + std::strerror(errno) + ")");
        }
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            throw std::runtime_error(tmp.string() + ": write error");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw std::runtime_error(path.string() + ": cannot replace (" + ec.message() + ")");
    }
}

} // namespace v2gbench::reports
