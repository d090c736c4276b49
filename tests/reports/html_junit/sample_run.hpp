#pragma once
// Test-only generator of run folders (summary.json + signals/*.csv), so the report tests do not
// depend on the engine producing them.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace v2gbench::reports::test {

// A fresh folder under the system temp dir, removed again at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

void writeFile(const std::filesystem::path& file, const std::string& content);
std::string readFile(const std::filesystem::path& file);

// signals/<name>: a first-order step from `from` to `to` (time constant tau) with a little
// deterministic ripple, `samples` rows starting at `t0`.
void writeStepTrace(const std::filesystem::path& file, const std::string& column, std::size_t samples, double t0,
                    double dt, double from, double to, double tau);

// The sample run: four plans covering every verdict, awkward characters in names, measure and
// response checks, traces with and without limits. Writes summary.json and the traces into `dir`
// and returns the summary it wrote.
nlohmann::json writeSampleRun(const std::filesystem::path& dir);

// Number of sample checks that carry a trace (what the HTML must draw as <svg>).
constexpr int kSampleTracedChecks = 4;

std::size_t countOccurrences(const std::string& haystack, const std::string& needle);

} // namespace v2gbench::reports::test
