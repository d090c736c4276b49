#include "v2gbench/bench/approved_plan_set.hpp"

#include "v2gbench/bench/ed25519.hpp"
#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/core/text_file.hpp"
#include "v2gbench/core/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace v2gbench::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Plans and profiles are small; the cap only stops a device or a runaway file.
constexpr std::size_t kMaxApprovedFileBytes = 16 * core::kMiB;
constexpr std::size_t kMaxSignatureBytes = 64 * 1024;
constexpr const char* kSetSuffix = ".planset.json";

std::string digest(const fs::path& path) {
    return sha256Hex(core::readRegularFile(path.string(), kMaxApprovedFileBytes, "an approved file"));
}

fs::path signatureFile(const fs::path& setFile) { return fs::path(setFile.string() + ".sig"); }

json entryFor(const fs::path& folder, const fs::path& file) {
    const fs::path absolute = fs::absolute(file).lexically_normal();
    return {{"file", absolute.lexically_relative(folder).generic_string()}, {"sha256", digest(absolute)}};
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(path.string() + ": cannot be written");
}

// One {"file", "sha256"} entry of a set; throws std::runtime_error saying which is malformed.
ApprovedFile readEntry(const json& j, const fs::path& folder, const std::string& where) {
    if (!j.is_object() || !j.contains("file") || !j["file"].is_string() || !j.contains("sha256") ||
        !j["sha256"].is_string())
        throw std::runtime_error(where + " must be {\"file\": …, \"sha256\": …}, got " + j.dump());
    ApprovedFile f;
    f.file = j["file"].get<std::string>();
    f.path = (folder / f.file).lexically_normal();
    f.sha256 = j["sha256"].get<std::string>();
    return f;
}

ApprovedPlanSet parseSet(const fs::path& setFile, const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object()) throw std::runtime_error(setFile.string() + ": not a JSON object (not a plan set?)");
    const fs::path folder = fs::absolute(setFile).parent_path();
    const auto text_of = [&](const char* key) {
        if (!j.contains(key) || !j[key].is_string())
            throw std::runtime_error(setFile.string() + ": \"" + key + "\" must be a text");
        return j[key].get<std::string>();
    };
    ApprovedPlanSet set;
    set.setFile = setFile;
    set.title = text_of("approved_plan_set");
    set.approvedBy = text_of("approved_by");
    set.approvedUtc = text_of("approved_utc");
    set.sha256 = sha256Hex(text);
    set.bench = readEntry(j.value("bench", json()), folder, setFile.string() + ": \"bench\"");
    if (j.contains("dut") && !j["dut"].is_null()) set.dut = readEntry(j["dut"], folder, setFile.string() + ": \"dut\"");
    if (!j.contains("plans") || !j["plans"].is_array() || j["plans"].empty())
        throw std::runtime_error(setFile.string() + ": \"plans\" must be a non-empty list");
    for (std::size_t i = 0; i < j["plans"].size(); ++i)
        set.plans.push_back(readEntry(j["plans"][i], folder, setFile.string() + ": plans[" + std::to_string(i) + "]"));
    if (j.contains("signature") && j["signature"].is_object())
        set.publicKeySha256 = j["signature"].value("public_key_sha256", std::string());
    return set;
}

} // namespace

ApprovedPlanSet writeApprovedPlanSet(const fs::path& setFile, const ApprovalRequest& request) {
    if (request.title.empty()) throw std::runtime_error("an approved plan set needs a title");
    if (request.approvedBy.empty()) throw std::runtime_error("an approved plan set names who approved it");
    if (request.plans.empty()) throw std::runtime_error("an approved plan set needs at least one plan");
    if (setFile.string().size() < std::string(kSetSuffix).size() ||
        setFile.string().compare(setFile.string().size() - std::string(kSetSuffix).size(), std::string::npos, kSetSuffix) != 0)
        throw std::runtime_error(setFile.string() + ": a plan set's file name ends in " + kSetSuffix);
    // The key first: a bad key writes nothing.
    std::optional<Ed25519Key> key;
    if (request.signingKey) key.emplace(Ed25519Key::loadPrivate(*request.signingKey));
    const fs::path folder = fs::absolute(setFile).parent_path();
    json j;
    j["approved_plan_set"] = request.title;
    j["approved_by"] = request.approvedBy;
    j["approved_utc"] = core::utcNow(core::UtcFormat::Seconds);
    j["bench"] = entryFor(folder, request.bench);
    j["dut"] = request.dut ? entryFor(folder, *request.dut) : json();
    j["plans"] = json::array();
    for (const auto& plan : request.plans) j["plans"].push_back(entryFor(folder, plan));
    if (key)
        j["signature"] = {{"algorithm", "Ed25519"},
                          {"file", signatureFile(setFile).filename().string()},
                          {"public_key_sha256", key->fingerprint()}};
    const std::string text = j.dump(2) + "\n";
    std::error_code ec;
    fs::remove(signatureFile(setFile), ec); // a signature of an earlier set would be a bad one
    writeText(setFile, text);
    if (key) writeText(signatureFile(setFile), key->sign(text) + "\n");
    return parseSet(setFile, text);
}

ApprovalCheck checkApprovedPlanSet(const fs::path& setFile, const std::optional<fs::path>& publicKey) {
    ApprovalCheck check;
    std::string text;
    try {
        text = core::readRegularFile(setFile.string(), kMaxApprovedFileBytes, "an approved plan set");
        check.set = parseSet(setFile, text);
    } catch (const std::exception& e) {
        check.problems.push_back(e.what());
        return check;
    }
    const ApprovedPlanSet& set = *check.set;
    // The signature.
    if (!set.publicKeySha256.empty() || publicKey) {
        try {
            if (!publicKey) {
                check.problems.push_back(setFile.string() + ": signed (key " + set.publicKeySha256.substr(0, 16) +
                                         "…), but no public key is configured to check it");
            } else if (set.publicKeySha256.empty()) {
                check.problems.push_back(setFile.string() + ": not signed; this bench accepts only sets signed with " +
                                         publicKey->string());
            } else {
                const auto key = Ed25519Key::loadPublic(*publicKey);
                const auto sigPath = signatureFile(setFile);
                if (key.fingerprint() != set.publicKeySha256)
                    check.problems.push_back(setFile.string() + ": signed with another key (" +
                                             set.publicKeySha256.substr(0, 16) + "…, configured " +
                                             key.fingerprint().substr(0, 16) + "…)");
                else if (!fs::exists(sigPath))
                    check.problems.push_back(sigPath.string() + ": missing (the set names a signature)");
                else if (!key.verify(text, core::readRegularFile(sigPath.string(), kMaxSignatureBytes, "a signature")))
                    check.problems.push_back(setFile.string() + ": the signature does not match (altered after approval?)");
            }
        } catch (const std::exception& e) {
            check.problems.push_back(e.what());
        }
    }
    // Every approved file, as it is now.
    std::vector<const ApprovedFile*> files{&set.bench};
    if (set.dut) files.push_back(&*set.dut);
    for (const auto& p : set.plans) files.push_back(&p);
    for (const ApprovedFile* f : files) {
        try {
            const std::string now = digest(f->path);
            if (now != f->sha256)
                check.problems.push_back(f->path.string() + ": changed since approval (sha256 " + now.substr(0, 16) +
                                         "…, approved " + f->sha256.substr(0, 16) + "…)");
        } catch (const std::exception& e) {
            check.problems.push_back(std::string(e.what()) + " (approved in " + setFile.string() + ")");
        }
    }
    return check;
}

std::vector<ApprovalCheck> findApprovedPlanSets(const fs::path& folder, const std::optional<fs::path>& publicKey) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > std::string(kSetSuffix).size() &&
            name.compare(name.size() - std::string(kSetSuffix).size(), std::string::npos, kSetSuffix) == 0)
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<ApprovalCheck> checks;
    for (const auto& f : files) checks.push_back(checkApprovedPlanSet(f, publicKey));
    return checks;
}

} // namespace v2gbench::bench
