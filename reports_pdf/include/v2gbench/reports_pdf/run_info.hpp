#pragma once
// The run-information file: what a test report states that the bench cannot measure — the lab,
// the report number, the customer, the sample as received, where the test was done, the
// environmental conditions, deviations from the method and who signs (docs/run-info.md).
// YAML; every field optional except report_number. `v2gbench run --run-info FILE` copies it into
// the run folder as run-info.yaml (sealed with the run); `report --pdf` reads that copy unless
// given --run-info.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace v2gbench::reports_pdf {

struct RunInfo {
    std::string reportNumber;
    std::string labName;
    std::string labAddress;
    std::string labAccreditation; // e.g. "CNAS L0000"
    std::string customerName;
    std::string customerAddress;
    std::string sampleDescription;
    std::string sampleSerial;
    std::string sampleFirmware;
    std::string sampleReceived; // date the sample was received
    std::string testLocation;
    std::string testDates; // empty: the run's start and finish
    std::string temperature;
    std::string humidity;
    std::string pressure;
    std::string environmentSource; // "entered by the operator", a sensor role, ...
    std::vector<std::string> deviations;
    std::string operatorName;
    std::string reviewerName;
    std::string approverName;
};

// Parses a run-information file. Throws std::runtime_error "<file>:<line>:<column>: <what>" on
// malformed YAML, an unknown key, a value of the wrong shape, or a missing report_number.
RunInfo loadRunInfo(const std::filesystem::path& file);
RunInfo parseRunInfo(const std::string& yamlText, const std::string& fileName);

// The file parseRunInfo reads back as `info` (empty fields left out; deviations always written).
// The GUI writes its dialog's answers through this and loads them back, so one vocabulary holds.
std::string runInfoYaml(const RunInfo& info);
// Writes runInfoYaml(info) to `file`; throws std::runtime_error naming it when it cannot.
void writeRunInfo(const RunInfo& info, const std::filesystem::path& file);

// What a certification run must state about itself (ISO/IEC 17025 7.8.2.1: who tested which item
// for whom): operator, sample serial, firmware, lab, customer. The names of the missing ones, in
// that order, as written in the file ("sign_off.operator", ...); empty when all are there.
std::vector<std::string> missingForCertification(const RunInfo& info);

// The fields summary.json records under run_info (operator, sample_serial, firmware, ...), the
// empty ones left out. The engine writes them as given (bench::RunRequest::runInfo).
std::map<std::string, std::string> runInfoSummaryFields(const RunInfo& info);

} // namespace v2gbench::reports_pdf
