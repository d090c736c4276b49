#pragma once
// An approved plan set: the plans (and the bench and DUT profiles) an engineer has approved for
// operators to run, each with its SHA-256, optionally signed with the lab's Ed25519 key
// (ed25519.hpp). Operator mode runs nothing else, and nothing that changed since approval.
//
// The file (NAME.planset.json, written by `v2gbench approve`):
//   {"approved_plan_set": "<title>", "approved_by": "<name>", "approved_utc": "…",
//    "bench": {"file": "<path relative to the set's folder>", "sha256": "…"},
//    "dut":   {"file": "…", "sha256": "…"},                       (optional)
//    "plans": [{"file": "…", "sha256": "…"}, …],
//    "signature": {"algorithm": "Ed25519", "file": "NAME.planset.json.sig",
//                  "public_key_sha256": "…"}}                    (only when signed)
// NAME.planset.json.sig holds the base64 signature over the set file's bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct ApprovedFile {
    std::string file;            // as written in the set (relative to its folder)
    std::filesystem::path path;  // resolved
    std::string sha256;          // as approved
};

struct ApprovedPlanSet {
    std::filesystem::path setFile;
    std::string title;
    std::string approvedBy;
    std::string approvedUtc;
    ApprovedFile bench;
    std::optional<ApprovedFile> dut;
    std::vector<ApprovedFile> plans;
    std::string publicKeySha256; // the signing key's fingerprint; empty: the set is not signed
    std::string sha256;          // of the set file itself, for the run's record
};

struct ApprovalRequest {
    std::string title;
    std::string approvedBy;
    std::filesystem::path bench;
    std::optional<std::filesystem::path> dut;
    std::vector<std::filesystem::path> plans;
    std::optional<std::filesystem::path> signingKey; // PEM Ed25519 private key; none: hashed only
};

// Writes `setFile` (and its .sig with a key) from the files as they are now. Throws
// std::runtime_error naming the file that cannot be read or written, or the bad key; an empty
// plan list or title is refused.
ApprovedPlanSet writeApprovedPlanSet(const std::filesystem::path& setFile, const ApprovalRequest& request);

struct ApprovalCheck {
    std::optional<ApprovedPlanSet> set; // null when the set file itself cannot be read
    // Why the set may not run, each naming its file: unreadable or malformed set, missing or bad
    // signature, a file changed or missing since approval.
    std::vector<std::string> problems;
    bool ok() const { return set && problems.empty(); }
};

// Reads `setFile` and checks it against the files as they are now. With `publicKey` the set must
// be signed by it; without one a signed set is refused too (operator mode is configured with the
// lab's key whenever the lab signs), and an unsigned set is checked by its hashes alone.
ApprovalCheck checkApprovedPlanSet(const std::filesystem::path& setFile,
                                   const std::optional<std::filesystem::path>& publicKey);

// Every *.planset.json directly inside `folder`, checked; sorted by file name.
std::vector<ApprovalCheck> findApprovedPlanSets(const std::filesystem::path& folder,
                                                const std::optional<std::filesystem::path>& publicKey);

} // namespace v2gbench::bench
