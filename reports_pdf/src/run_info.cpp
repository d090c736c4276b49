#include "v2gbench/reports_pdf/run_info.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace v2gbench::reports_pdf {

namespace {

std::string at(const std::string& file, const YAML::Node& node) {
    const auto mark = node.Mark();
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string scalar(const std::string& file, const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) throw std::runtime_error(at(file, node) + ": '" + key + "' must be a text value");
    return node.as<std::string>();
}

// Reads the keys of `map` into the fields named in `fields`; any other key is an error naming it.
void readFields(const std::string& file, const YAML::Node& map, const std::string& prefix,
                const std::map<std::string, std::string*>& fields) {
    if (!map.IsMap()) throw std::runtime_error(at(file, map) + ": '" + prefix + "' must be a mapping");
    for (const auto& item : map) {
        const auto key = item.first.as<std::string>();
        const auto it = fields.find(key);
        if (it == fields.end()) {
            std::string known;
            for (const auto& [name, field] : fields) known += (known.empty() ? "" : ", ") + name;
            throw std::runtime_error(at(file, item.first) + ": unknown key '" + (prefix.empty() ? "" : prefix + ".") + key +
                                     "' (known: " + known + ")");
        }
        *it->second = scalar(file, item.second, key);
    }
}

} // namespace

RunInfo parseRunInfo(const std::string& yamlText, const std::string& fileName) {
    YAML::Node root;
    try {
        root = YAML::Load(yamlText);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(fileName + ":" + std::to_string(e.mark.line + 1) + ":" +
                                 std::to_string(e.mark.column + 1) + ": not valid YAML: " + e.msg);
    }
    if (!root.IsMap()) throw std::runtime_error(fileName + ":1:1: a run-information file is a mapping (report_number: …)");
    RunInfo info;
    for (const auto& item : root) {
        const auto key = item.first.as<std::string>();
        const YAML::Node& value = item.second;
        if (key == "report_number") info.reportNumber = scalar(fileName, value, key);
        else if (key == "test_location") info.testLocation = scalar(fileName, value, key);
        else if (key == "test_dates") info.testDates = scalar(fileName, value, key);
        else if (key == "lab")
            readFields(fileName, value, key,
                       {{"name", &info.labName}, {"address", &info.labAddress}, {"accreditation", &info.labAccreditation}});
        else if (key == "customer")
            readFields(fileName, value, key, {{"name", &info.customerName}, {"address", &info.customerAddress}});
        else if (key == "sample")
            readFields(fileName, value, key,
                       {{"description", &info.sampleDescription}, {"serial", &info.sampleSerial},
                        {"firmware", &info.sampleFirmware}, {"received", &info.sampleReceived}});
        else if (key == "environment")
            readFields(fileName, value, key,
                       {{"temperature", &info.temperature}, {"humidity", &info.humidity},
                        {"pressure", &info.pressure}, {"source", &info.environmentSource}});
        else if (key == "sign_off")
            readFields(fileName, value, key,
                       {{"operator", &info.operatorName}, {"reviewer", &info.reviewerName}, {"approver", &info.approverName}});
        else if (key == "deviations") {
            if (!value.IsSequence())
                throw std::runtime_error(at(fileName, value) + ": 'deviations' must be a list of texts ([] when none)");
            for (const auto& d : value) info.deviations.push_back(scalar(fileName, d, "deviations"));
        } else
            throw std::runtime_error(at(fileName, item.first) + ": unknown key '" + key +
                                     "' (known: report_number, lab, customer, sample, test_location, test_dates, "
                                     "environment, deviations, sign_off)");
    }
    if (info.reportNumber.empty()) throw std::runtime_error(fileName + ":1:1: report_number is missing (every report has one)");
    return info;
}

RunInfo loadRunInfo(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in || !std::filesystem::is_regular_file(file))
        throw std::runtime_error(file.string() + ": cannot read the run-information file");
    std::ostringstream text;
    text << in.rdbuf();
    return parseRunInfo(text.str(), file.string());
}

} // namespace v2gbench::reports_pdf
