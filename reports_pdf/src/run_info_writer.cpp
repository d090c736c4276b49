#include "v2gbench/reports_pdf/run_info.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <stdexcept>
#include <utility>

namespace v2gbench::reports_pdf {

namespace {

using Fields = std::vector<std::pair<const char*, const std::string*>>;

// A mapping of the non-empty fields; nothing when all are empty (parseRunInfo reads either alike).
void writeGroup(YAML::Emitter& out, const char* key, const Fields& fields) {
    bool any = false;
    for (const auto& [name, value] : fields) any = any || !value->empty();
    if (!any) return;
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    for (const auto& [name, value] : fields)
        if (!value->empty()) out << YAML::Key << name << YAML::Value << YAML::DoubleQuoted << *value;
    out << YAML::EndMap;
}

} // namespace

std::string runInfoYaml(const RunInfo& info) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "report_number" << YAML::Value << YAML::DoubleQuoted << info.reportNumber;
    writeGroup(out, "lab", {{"name", &info.labName}, {"address", &info.labAddress}, {"accreditation", &info.labAccreditation}});
    writeGroup(out, "customer", {{"name", &info.customerName}, {"address", &info.customerAddress}});
    writeGroup(out, "sample",
               {{"description", &info.sampleDescription}, {"serial", &info.sampleSerial},
                {"firmware", &info.sampleFirmware}, {"received", &info.sampleReceived}});
    if (!info.testLocation.empty()) out << YAML::Key << "test_location" << YAML::Value << YAML::DoubleQuoted << info.testLocation;
    if (!info.testDates.empty()) out << YAML::Key << "test_dates" << YAML::Value << YAML::DoubleQuoted << info.testDates;
    writeGroup(out, "environment",
               {{"temperature", &info.temperature}, {"humidity", &info.humidity}, {"pressure", &info.pressure},
                {"source", &info.environmentSource}});
    out << YAML::Key << "deviations" << YAML::Value << YAML::BeginSeq;
    for (const auto& d : info.deviations) out << YAML::DoubleQuoted << d;
    out << YAML::EndSeq;
    writeGroup(out, "sign_off",
               {{"operator", &info.operatorName}, {"reviewer", &info.reviewerName}, {"approver", &info.approverName}});
    out << YAML::EndMap;
    if (!out.good()) throw std::runtime_error("run information: cannot write it as YAML: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

void writeRunInfo(const RunInfo& info, const std::filesystem::path& file) {
    const std::string text = runInfoYaml(info);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(file.string() + ": cannot write the run-information file");
}

std::vector<std::string> missingForCertification(const RunInfo& info) {
    std::vector<std::string> missing;
    const std::pair<const char*, const std::string*> required[] = {
        {"sign_off.operator", &info.operatorName}, {"sample.serial", &info.sampleSerial},
        {"sample.firmware", &info.sampleFirmware}, {"lab.name", &info.labName},
        {"customer.name", &info.customerName}};
    for (const auto& [name, value] : required)
        if (value->find_first_not_of(" \t") == std::string::npos) missing.emplace_back(name);
    return missing;
}

std::map<std::string, std::string> runInfoSummaryFields(const RunInfo& info) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"report_number", &info.reportNumber}, {"lab", &info.labName},
        {"customer", &info.customerName},      {"sample_serial", &info.sampleSerial},
        {"firmware", &info.sampleFirmware},    {"sample_received", &info.sampleReceived},
        {"test_location", &info.testLocation}, {"operator", &info.operatorName},
        {"reviewer", &info.reviewerName},      {"approver", &info.approverName}};
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : fields)
        if (!value->empty()) out[name] = *value;
    return out;
}

} // namespace v2gbench::reports_pdf
