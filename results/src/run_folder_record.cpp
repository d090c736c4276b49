#include "v2gbench/results/run_folder_record.hpp"

#include "v2gbench/core/text_file.hpp"
#include "v2gbench/reports/run_summary.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace v2gbench::results {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kManifestMaxBytes = 16u << 20; // as reports reads it

std::string sha256Hex(const std::string& bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xf];
    }
    return hex;
}

std::string stringField(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

RunRecord readRunFolder(const fs::path& runDir) {
    const auto summary = reports::loadRunSummary(runDir);
    const fs::path manifestPath = runDir / "manifest.json";
    const std::string manifestText = core::readRegularFile(manifestPath.string(), kManifestMaxBytes, "manifest.json");
    nlohmann::json manifest;
    try {
        manifest = nlohmann::json::parse(manifestText);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(manifestPath.string() + ": invalid JSON: " + e.what());
    }
    if (!manifest.is_object()) throw std::runtime_error(manifestPath.string() + ": not a JSON object");

    RunRecord run;
    run.manifestSha256 = sha256Hex(manifestText);
    run.runId = summary.runId;
    run.startedUtc = summary.startedUtc;
    if (run.startedUtc.size() < 10)
        throw std::runtime_error((runDir / "summary.json").string() + ": started_utc '" + run.startedUtc +
                                 "' is not an ISO 8601 time");
    run.night = run.startedUtc.substr(0, 10);
    // The run id alone is the folder name under --out (two racks may both say "nightly"); with the
    // start time and the manifest's hash it names one run.
    run.runKey = run.startedUtc + "/" + run.runId + "@" + run.manifestSha256.substr(0, 16);
    run.rack = summary.bench.name;
    run.dutModel = summary.dut.model;
    for (const auto& instrument : summary.instruments) {
        if (instrument.role != "dut") continue;
        run.dutSerial = instrument.serial;
        run.dutFirmware = instrument.firmware;
    }
    // The EV profile file the run copied (manifest inputs: copy + original source).
    if (const auto inputs = manifest.find("inputs"); inputs != manifest.end() && inputs->is_array())
        for (const auto& input : *inputs)
            if (input.is_object() && stringField(input, "copy") == "inputs/ev.yaml")
                run.evProfile = fs::path(stringField(input, "source")).stem().string();
    const std::string commit = stringField(manifest, "tool_commit");
    run.softwareVersion = summary.toolVersion + (commit.empty() ? "" : "+" + commit);
    run.runFolder = fs::absolute(runDir).lexically_normal().string();
    if (!run.runFolder.empty() && run.runFolder.back() == '/') run.runFolder.pop_back();
    // A rack that failed its self-check judged no charger: its night reads "rack-not-ready", not error.
    run.verdict = summary.rack.present && !summary.rack.ready ? std::string("rack-not-ready")
                                                              : std::string(reports::toString(summary.verdict));
    for (const auto& plan : summary.plans) {
        for (const auto& c : plan.cases) {
            run.cases.push_back({plan.id, c.id, c.instance, std::string(reports::toString(c.verdict))});
            for (const auto& k : c.checks) {
                CheckRecord check;
                check.plan = plan.id;
                check.caseId = c.id;
                check.instance = c.instance;
                check.name = k.name;
                check.value = k.value;
                check.uncertainty = k.uncertainty;
                check.low = k.low;
                check.high = k.high;
                check.unit = k.unit;
                check.verdict = std::string(reports::toString(k.verdict));
                check.trace = k.trace;
                run.checks.push_back(std::move(check));
            }
        }
    }
    return run;
}

} // namespace v2gbench::results
