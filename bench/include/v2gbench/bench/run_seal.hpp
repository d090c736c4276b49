#pragma once
// The sealed record of a run folder (docs/run-folder.md, "Sealed record").
//
// Sealing, the last thing a run does after its reports are written: manifest.json gets
//   "files":    every regular file below the folder except manifest.json and manifest.sig, sorted by
//               path, each with its SHA-256 and size;
//   "software": version, git commit ("unknown" outside a git checkout), build type, and the path and
//               SHA-256 of the running binary (/proc/self/exe);
//   "signature" (only when a key is given): algorithm Ed25519, file manifest.sig, and the SHA-256 of
//               the public key's DER encoding — manifest.sig holds the base64 signature over the
//               exact bytes of manifest.json.
// The keys already in manifest.json (inputs, tool_version, …) are kept as they are.
//
// Verifying re-hashes the folder against "files" and names every changed, missing and extra file;
// with a public key it checks manifest.sig over manifest.json (a signed manifest without
// manifest.sig is a bad signature).
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::bench {

// A folder that cannot be sealed or verified at all (no manifest, unreadable key, not a run
// folder). what() names the file.
class SealError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SoftwareIdentity {
    std::string version;
    std::string gitCommit;    // "unknown" when the build was not made from a git checkout
    std::string buildType;
    std::string binary;       // path of the running executable
    std::string binarySha256; // "unknown" (with binary naming why) when it could not be read
};

// This process: core::build_info and /proc/self/exe.
SoftwareIdentity runningSoftware();

// Adds files/software/sealed_utc (and signature, with a key) to DIR/manifest.json; writes
// DIR/manifest.sig when `privateKey` names a PEM Ed25519 private key file. Throws SealError naming
// the file that could not be read or written, or the key file that is not an Ed25519 private key.
void sealRunFolder(const std::filesystem::path& dir, const SoftwareIdentity& software,
                   const std::optional<std::filesystem::path>& privateKey = std::nullopt);

// Throws SealError unless `privateKey` is a readable PEM Ed25519 private key: checked before a run
// starts, so a bad key is invalid input and not a run that cannot be sealed.
void checkSigningKey(const std::filesystem::path& privateKey);

enum class SignatureState {
    Unsigned,   // the manifest names no signature and no key was given
    NotChecked, // signed, but no public key was given
    Good,
    Bad,        // wrong key, altered manifest or signature, manifest.sig missing, or a key given for an unsigned folder
};

struct SealCheck {
    std::vector<std::string> changed; // run-folder relative paths, sorted
    std::vector<std::string> missing;
    std::vector<std::string> extra;   // also anything below the folder that is not a regular file or directory
    SignatureState signature = SignatureState::Unsigned;
    std::string signatureDetail;      // why Bad / NotChecked

    bool intact() const {
        return changed.empty() && missing.empty() && extra.empty() && signature != SignatureState::Bad;
    }
};

// Throws SealError when DIR has no manifest.json or one without a "files" list (never sealed), or
// the public key file (PEM) is not an Ed25519 public key. A manifest that exists but no longer
// reads (not JSON, a malformed "files" entry) is reported, not thrown: changed = {manifest.json}, signature bad when a key
// is given (not checked otherwise), the reason in signatureDetail.
SealCheck verifyRunFolder(const std::filesystem::path& dir,
                          const std::optional<std::filesystem::path>& publicKey = std::nullopt);

std::string toString(SignatureState state);

} // namespace v2gbench::bench
