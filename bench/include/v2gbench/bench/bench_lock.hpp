#pragma once
// One owner per bench. A BenchLock holds an exclusive lock on the bench profile and on every
// instrument address it binds, for as long as it lives: the CLI's run, the GUI's manual session and
// the GUI's run each hold one, so no two of them drive the same instruments.
//
// The locks are flock(2) locks on small files in the lock directory ($V2G_LOCK_DIR, default
// /tmp/v2gbench-locks, shared by every user of the machine). The kernel drops them when the holding
// process ends, however it ends (SIGKILL and crashes included), so a stale lock never blocks: the
// next owner finds the file unlocked, reads the dead holder's description from it ("reclaimed") and
// writes its own. An in-process simulated bench (every URI sim://) is private to its process and
// takes no lock.
#include "v2gbench/bench/bench_profile.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::bench {

// Who holds a lock, as written in its file.
struct LockHolder {
    long pid = 0;
    std::string user;
    std::string command; // the holder's command line
    std::string since;   // UTC, ISO 8601
    std::string describe() const; // "pid 123 (user ana, since 2026-…, `v2gbench run …`)"
};

// The bench (or one of its instruments) is held by another process or session. Exit code 2.
class BenchBusyError : public std::runtime_error {
public:
    BenchBusyError(const std::string& message, LockHolder holder)
        : std::runtime_error(message), m_holder(std::move(holder)) {}
    const LockHolder& holder() const { return m_holder; }

private:
    LockHolder m_holder;
};

class BenchLock {
public:
    BenchLock() = default; // holds nothing
    // Takes every lock of the bench or none. Throws BenchBusyError naming the resource and its
    // holder; std::runtime_error when the lock directory cannot be used.
    static BenchLock acquire(const BenchProfile& bench);
    ~BenchLock();
    BenchLock(BenchLock&& other) noexcept;
    BenchLock& operator=(BenchLock&& other) noexcept;
    BenchLock(const BenchLock&) = delete;
    BenchLock& operator=(const BenchLock&) = delete;

    // The resources held ("bench /abs/path.yaml", "instrument 127.0.0.1:2101"), in lock order.
    std::vector<std::string> resources() const;
    // Locks whose files named a holder that had ended: "<resource>: <holder>".
    const std::vector<std::string>& reclaimed() const { return m_reclaimed; }
    void release() noexcept;

    // The lock keys of a bench: its profile and each non-simulated instrument address.
    static std::vector<std::string> resourcesOf(const BenchProfile& bench);
    static std::string lockDirectory();

private:
    struct Held {
        std::string resource;
        int fd = -1;
    };
    std::vector<Held> m_held;
    std::vector<std::string> m_reclaimed;
};

} // namespace v2gbench::bench
