#include "v2gbench/gui/audit_journal.hpp"

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace v2gbench::gui {

namespace {
std::tm utcTm(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}
} // namespace

std::string utcNowIso() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::tm tm = utcTm(std::chrono::system_clock::to_time_t(now));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

std::string utcNowCompact() {
    const std::tm tm = utcTm(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

AuditJournal::AuditJournal(const std::filesystem::path& root, const std::string& benchId) {
    std::filesystem::path folder = root / (utcNowCompact() + "-manual-" + benchId);
    // Two sessions opened within one second get distinct folders.
    for (int n = 2; std::filesystem::exists(folder); ++n)
        folder = root / (utcNowCompact() + "-manual-" + benchId + "-" + std::to_string(n));
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw std::runtime_error("cannot create the audit folder " + folder.string() + ": " + ec.message());
    m_folder = folder;
    const auto path = folder / "journal.jsonl";
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file) throw std::runtime_error("cannot write the audit journal " + path.string());
}

AuditJournal::~AuditJournal() {
    if (m_file) std::fclose(m_file);
}

void AuditJournal::write(const std::string& event, double benchTime, nlohmann::json fields) {
    fields["seq"] = ++m_seq;
    fields["t_utc"] = utcNowIso();
    fields["t_bench_s"] = benchTime;
    fields["event"] = event;
    // One fwrite + fflush per event, as the run journal: readable to its last line after a crash.
    const std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(line.data(), 1, line.size(), m_file);
    std::fflush(m_file);
}

} // namespace v2gbench::gui
