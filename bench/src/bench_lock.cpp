#include "v2gbench/bench/bench_lock.hpp"

#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/core/log.hpp"
#include "v2gbench/core/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace v2gbench::bench {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxHolderBytes = 4096;

std::string currentUser() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
    return "uid " + std::to_string(geteuid());
}

std::string currentCommand() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string text;
    char c;
    while (text.size() < 300 && in.get(c)) text += c == '\0' ? ' ' : c;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text.empty() ? "(unknown)" : text;
}

// A file name for a resource: readable, and unique through a hash of the exact text.
std::string fileNameFor(const std::string& resource) {
    std::uint64_t hash = 1469598103934665603ULL; // FNV-1a
    for (unsigned char c : resource) hash = (hash ^ c) * 1099511628211ULL;
    std::string name;
    for (char c : resource.substr(0, 80))
        name += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "-%016llx.lock", static_cast<unsigned long long>(hash));
    return name + suffix;
}

LockHolder readHolder(int fd) {
    std::string text(kMaxHolderBytes, '\0');
    const ssize_t n = pread(fd, text.data(), text.size(), 0);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    LockHolder h;
    if (text.empty()) return h;
    try {
        const auto j = nlohmann::json::parse(text);
        h.pid = j.value("pid", 0L);
        h.user = j.value("user", "");
        h.command = j.value("command", "");
        h.since = j.value("since", "");
    } catch (const std::exception&) {
        h.command = "(unreadable lock file)";
    }
    return h;
}

void writeHolder(int fd) {
    const nlohmann::json j = {
        {"pid", static_cast<long>(getpid())}, {"user", currentUser()}, {"command", currentCommand()}, {"since", core::utcNow(core::UtcFormat::Seconds)}};
    const std::string text = j.dump() + "\n";
    if (ftruncate(fd, 0) != 0 || pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
        core::log::warning("bench", std::string("writing the lock holder failed: ") + std::strerror(errno));
}

} // namespace

std::string LockHolder::describe() const {
    if (pid == 0) return "an unknown process";
    return "pid " + std::to_string(pid) + " (user " + (user.empty() ? "?" : user) + ", since " +
           (since.empty() ? "?" : since) + ", `" + command + "`)";
}

std::string BenchLock::lockDirectory() {
    const char* dir = std::getenv("V2G_LOCK_DIR");
    return dir && *dir ? dir : "/tmp/v2gbench-locks";
}

std::vector<std::string> BenchLock::resourcesOf(const BenchProfile& bench) {
    std::vector<std::string> out;
    auto add = [&out](const InstrumentBinding& b) {
        core::ConnectionUri uri;
        try {
            uri = core::ConnectionUri::parse(b.uri);
        } catch (const std::invalid_argument&) {
            return; // the session refuses the URI itself, at its line
        }
        if (uri.scheme == "sim") return;
        std::string address = uri.port ? uri.host + ":" + std::to_string(*uri.port) : uri.scheme + ":" + uri.host;
        if (!uri.path.empty()) address += "/" + uri.path;
        out.push_back("instrument " + address);
    };
    for (const auto& b : bench.instruments) add(b);
    if (bench.lab) add(*bench.lab);
    if (out.empty()) return out;
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(fs::absolute(bench.file, ec), ec);
    out.push_back("bench " + (ec ? bench.file : canonical.string()));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

BenchLock BenchLock::acquire(const BenchProfile& bench) {
    BenchLock lock;
    const auto resources = resourcesOf(bench);
    if (resources.empty()) return lock;
    const fs::path dir = lockDirectory();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) throw std::runtime_error("cannot create the lock directory " + dir.string() + ": " + ec.message());
        // Shared by every user of the machine, like /tmp itself.
        ::chmod(dir.c_str(), 01777);
    }
    for (const auto& resource : resources) {
        const auto file = dir / fileNameFor(resource);
        const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) throw std::runtime_error("cannot open the lock file " + file.string() + ": " + std::strerror(errno));
        ::fchmod(fd, 0666); // any user may take it over once its holder has ended
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            const LockHolder holder = readHolder(fd);
            ::close(fd);
            if (err != EWOULDBLOCK)
                throw std::runtime_error("cannot lock " + file.string() + ": " + std::strerror(err));
            throw BenchBusyError("bench '" + bench.id + "' is in use: " + resource + " is held by " + holder.describe() +
                                     "; nothing was switched on",
                                 holder);
        }
        const LockHolder previous = readHolder(fd);
        if (previous.pid != 0) {
            // Unlocked yet naming a holder: that process ended without releasing it (crash, SIGKILL).
            lock.m_reclaimed.push_back(resource + ": " + previous.describe());
        }
        writeHolder(fd);
        lock.m_held.push_back({resource, fd});
    }
    if (!lock.m_reclaimed.empty())
        core::log::warning("bench", "reclaimed " + std::to_string(lock.m_reclaimed.size()) +
                                        " stale lock(s) of a process that ended without releasing them: " +
                                        lock.m_reclaimed.front() + (lock.m_reclaimed.size() > 1 ? " …" : ""));
    return lock;
}

BenchLock::~BenchLock() { release(); }

BenchLock::BenchLock(BenchLock&& other) noexcept
    : m_held(std::move(other.m_held)), m_reclaimed(std::move(other.m_reclaimed)) {
    other.m_held.clear();
}

BenchLock& BenchLock::operator=(BenchLock&& other) noexcept {
    if (this != &other) {
        release();
        m_held = std::move(other.m_held);
        m_reclaimed = std::move(other.m_reclaimed);
        other.m_held.clear();
    }
    return *this;
}

std::vector<std::string> BenchLock::resources() const {
    std::vector<std::string> out;
    for (const auto& h : m_held) out.push_back(h.resource);
    return out;
}

void BenchLock::release() noexcept {
    for (auto it = m_held.rbegin(); it != m_held.rend(); ++it) {
        // Emptied first: an unlocked file that still names a holder means that holder died.
        if (::ftruncate(it->fd, 0) != 0) core::log::warning("bench", "clearing the lock of " + it->resource + " failed");
        ::flock(it->fd, LOCK_UN);
        ::close(it->fd);
    }
    m_held.clear();
}

} // namespace v2gbench::bench
