#pragma once
// The run folder (docs/run-folder.md): input copies with SHA-256, an append-only journal flushed
// per event, one CSV per recorded trace, the wire-exchange log and summary.json.
#include "v2gbench/bench/measurement.hpp"
#include "v2gbench/core/exchange_log.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace v2gbench::bench {

std::string sha256Hex(const std::string& bytes);

// Appends one event to the journal of a run whose recorder has closed (a front-end's after-run
// record, e.g. pdf_report_failed), continuing the journal's seq and last bench time, in the same
// line format as RunRecorder::journal. Call it before the seal, so the seal covers it. Throws
// std::runtime_error naming the file when it cannot append.
void appendJournalAfterClose(const std::filesystem::path& runDir, const std::string& event,
                             nlohmann::json fields = nlohmann::json::object());

class RunRecorder final : public core::ExchangeLog {
public:
    // Creates the folder (and inputs/, signals/). Throws std::runtime_error naming the path.
    explicit RunRecorder(std::filesystem::path runDir);
    ~RunRecorder() override;
    RunRecorder(const RunRecorder&) = delete;
    RunRecorder& operator=(const RunRecorder&) = delete;

    const std::filesystem::path& dir() const { return m_dir; }

    // The bench clock, for t_bench_s in the journal (until set, 0).
    void setBenchClock(std::function<double()> now);

    struct InputCopy {
        std::string copy;   // run-folder relative
        std::string sha256;
    };
    // Writes inputs/<name> with `content` and records it in manifest.json.
    InputCopy addInput(const std::string& sourcePath, const std::string& name, const std::string& content);

    // Appends one event; adds seq, t_utc, t_bench_s; flushed to disk before returning. Never throws.
    void journal(const std::string& event, nlohmann::json fields = nlohmann::json::object()) noexcept;

    // Writes signals/NNNN.csv; returns its run-folder relative path.
    std::string writeTrace(const std::string& signal, const std::string& unit, const std::vector<Sample>& samples);

    void record(const std::string& instrument, core::Direction direction, const std::string& payload) noexcept override;

    void writeManifest(const nlohmann::json& extra);
    void writeSummary(const nlohmann::json& summary);

private:
    std::filesystem::path m_dir;
    std::mutex m_mutex;
    std::FILE* m_journal = nullptr;
    std::FILE* m_exchanges = nullptr;
    long m_seq = 0;
    int m_traces = 0;
    std::function<double()> m_benchNow;
    nlohmann::json m_inputs = nlohmann::json::array();
};

} // namespace v2gbench::bench
