#include "v2gbench/bench/run_recorder.hpp"

#include "v2gbench/core/utc_time.hpp"

#include "v2gbench/core/log.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>

namespace v2gbench::bench {

namespace fs = std::filesystem;

std::string sha256Hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 computation failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

namespace {

void writeFile(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("writing " + path.string() + " failed");
}

std::FILE* openAppend(const fs::path& path) {
    std::FILE* f = std::fopen(path.c_str(), "a");
    if (!f) throw std::runtime_error("cannot open " + path.string() + " for writing");
    return f;
}

} // namespace

RunRecorder::RunRecorder(fs::path runDir) : m_dir(std::move(runDir)) {
    std::error_code ec;
    fs::create_directories(m_dir / "inputs", ec);
    if (!ec) fs::create_directories(m_dir / "signals", ec);
    if (ec) throw std::runtime_error("cannot create the run folder " + m_dir.string() + ": " + ec.message());
    m_journal = openAppend(m_dir / "journal.jsonl");
    m_exchanges = openAppend(m_dir / "exchanges.log");
}

RunRecorder::~RunRecorder() {
    if (m_journal) std::fclose(m_journal);
    if (m_exchanges) std::fclose(m_exchanges);
}

void RunRecorder::setBenchClock(std::function<double()> now) {
    std::lock_guard lock(m_mutex);
    m_benchNow = std::move(now);
}

RunRecorder::InputCopy RunRecorder::addInput(const std::string& sourcePath, const std::string& name,
                                             const std::string& content) {
    InputCopy copy{"inputs/" + name, sha256Hex(content)};
    writeFile(m_dir / copy.copy, content);
    std::lock_guard lock(m_mutex);
    m_inputs.push_back({{"source", sourcePath}, {"copy", copy.copy}, {"sha256", copy.sha256},
                        {"bytes", content.size()}});
    return copy;
}

namespace {
// One journal line (docs/run-folder.md): the event's fields with seq, t_utc, t_bench_s and event.
std::string journalLine(long seq, double benchTime, const std::string& event, const nlohmann::json& fields) {
    nlohmann::json line;
    line["seq"] = seq;
    line["t_utc"] = core::utcNow(core::UtcFormat::Milliseconds);
    line["t_bench_s"] = benchTime;
    line["event"] = event;
    if (fields.is_object())
        for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}
} // namespace

void appendJournalAfterClose(const std::filesystem::path& runDir, const std::string& event, nlohmann::json fields) {
    const auto path = runDir / "journal.jsonl";
    long seq = 0;
    double benchTime = 0.0;
    {
        std::ifstream in(path);
        if (!in) throw std::runtime_error(path.string() + ": cannot read the run journal");
        std::string line, last;
        while (std::getline(in, line))
            if (!line.empty()) last = line;
        const auto previous = nlohmann::json::parse(last, nullptr, false);
        if (previous.is_object()) {
            seq = previous.value("seq", 0L);
            benchTime = previous.value("t_bench_s", 0.0);
        }
    }
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << journalLine(seq + 1, benchTime, event, fields);
    out.flush();
    if (!out) throw std::runtime_error(path.string() + ": cannot append to the run journal");
}

void RunRecorder::journal(const std::string& event, nlohmann::json fields) noexcept {
    try {
        std::lock_guard lock(m_mutex);
        const auto text = journalLine(++m_seq, m_benchNow ? m_benchNow() : 0.0, event, fields);
        // One write and a flush per event: after a crash the file parses to its last complete line.
        std::fwrite(text.data(), 1, text.size(), m_journal);
        std::fflush(m_journal);
    } catch (const std::exception& e) {
        core::log::error("run-recorder", std::string("journal write failed: ") + e.what());
    }
}

std::string RunRecorder::writeTrace(const std::string& signal, const std::string& unit,
                                    const std::vector<Sample>& samples) {
    int index;
    {
        std::lock_guard lock(m_mutex);
        index = ++m_traces;
    }
    char name[32];
    std::snprintf(name, sizeof name, "signals/%04d.csv", index);
    std::string content;
    content.reserve(samples.size() * 24 + 64);
    content += "time_s," + signal + (unit.empty() ? "" : "_" + unit) + "\n";
    char row[64];
    for (const auto& s : samples) {
        std::snprintf(row, sizeof row, "%.6f,%.9g\n", s.t, s.v);
        content += row;
    }
    writeFile(m_dir / name, content);
    return name;
}

void RunRecorder::record(const std::string& instrument, core::Direction direction, const std::string& payload) noexcept {
    try {
        std::lock_guard lock(m_mutex);
        const double t = m_benchNow ? m_benchNow() : 0.0;
        std::fprintf(m_exchanges, "%.6f %s %s %s\n", t, instrument.c_str(),
                     direction == core::Direction::ToInstrument ? ">" : "<", payload.c_str());
        std::fflush(m_exchanges);
    } catch (...) {
    }
}

void RunRecorder::writeManifest(const nlohmann::json& extra) {
    nlohmann::json manifest = extra;
    {
        std::lock_guard lock(m_mutex);
        manifest["inputs"] = m_inputs;
    }
    writeFile(m_dir / "manifest.json", manifest.dump(2) + "\n");
}

void RunRecorder::writeSummary(const nlohmann::json& summary) {
    // Write then rename, so a reader never sees half a summary.
    const auto tmp = m_dir / "summary.json.tmp";
    writeFile(tmp, summary.dump(2) + "\n");
    fs::rename(tmp, m_dir / "summary.json");
}

} // namespace v2gbench::bench
