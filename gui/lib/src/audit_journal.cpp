#include "v2gbench/gui/audit_journal.hpp"

#include "v2gbench/core/utc_time.hpp"

#include <chrono>
#include <ctime>
#include <stdexcept>

namespace v2gbench::gui {

std::string utcNowIso() { return core::utcNow(core::UtcFormat::Milliseconds); }

std::string utcNowCompact() { return core::utcNow(core::UtcFormat::Compact); }

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
