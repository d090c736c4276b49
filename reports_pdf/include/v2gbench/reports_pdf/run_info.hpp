#pragma once
// The run-information file: what a test report states that the bench cannot measure — the lab,
// the report number, the customer, the sample as received, where the test was done, the
// environmental conditions, deviations from the method and who signs (docs/run-info.md).
// YAML; every field optional except report_number. `v2gbench run --run-info FILE` copies it into
// the run folder as run-info.yaml (sealed with the run); `report --pdf` reads that copy unless
// given --run-info.

#include <filesystem>
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

} // namespace v2gbench::reports_pdf
