#pragma once
// The audit trail of a manual session: one folder per opened bench with a journal.jsonl in the
// run journal's format (seq, t_utc, t_bench_s, event; one object per line, flushed per event), so
// the same tools read runs and manual sessions. Events: session_opened, manual_action,
// safe_stop_requested, make_safe, safe_stop_done, session_closed.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

namespace v2gbench::gui {

class AuditJournal {
public:
    // Creates <root>/<UTC timestamp>-<benchId>/journal.jsonl. Throws std::runtime_error when the
    // folder or file cannot be created.
    AuditJournal(const std::filesystem::path& root, const std::string& benchId);
    ~AuditJournal();
    AuditJournal(const AuditJournal&) = delete;
    AuditJournal& operator=(const AuditJournal&) = delete;

    // Adds seq, t_utc and t_bench_s to `fields` and appends it as one line.
    void write(const std::string& event, double benchTime, nlohmann::json fields = nlohmann::json::object());

    const std::filesystem::path& folder() const { return m_folder; }

private:
    std::filesystem::path m_folder;
    std::FILE* m_file = nullptr;
    long m_seq = 0;
};

// "2026-11-26T10:15:00.123Z"
std::string utcNowIso();
// "20261126T101500Z"
std::string utcNowCompact();

} // namespace v2gbench::gui
