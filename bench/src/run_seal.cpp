#include "v2gbench/bench/run_seal.hpp"

#include "v2gbench/core/utc_time.hpp"

#include "v2gbench/bench/ed25519.hpp"
#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/core/build_info.hpp"
#include "v2gbench/core/text_file.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>

namespace v2gbench::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kSignature = "manifest.sig";
// A run folder's files are bounded by what a run writes; the cap only stops a device or a runaway file.
constexpr std::size_t kMaxSealedFileBytes = std::size_t{64} * 1024 * core::kMiB;
constexpr std::size_t kMaxManifestBytes = 16 * core::kMiB;
// A signature file is a line of base64.
constexpr std::size_t kMaxSignatureBytes = 64 * 1024;

struct FileDigest {
    std::string sha256;
    std::uintmax_t bytes = 0;
};

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string hex(const unsigned char* bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xF];
    }
    return out;
}

FileDigest digestFile(const fs::path& path) {
    core::RegularFileStream in(path.string(), kMaxSealedFileBytes, "a sealed run-folder file");
    DigestContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw SealError(path.string() + ": SHA-256 could not be started");
    FileDigest d;
    std::vector<char> buffer(256 * 1024);
    while (const auto n = in.read(buffer.data(), buffer.size())) {
        EVP_DigestUpdate(ctx.get(), buffer.data(), n);
        d.bytes += n;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    d.sha256 = hex(digest, length);
    return d;
}

// Every entry below DIR except the manifest and its signature: regular files by relative path
// (generic separators); anything else that is not a directory (symlink, FIFO, socket) in `other`.
struct FolderListing {
    std::vector<std::string> files;
    std::vector<std::string> other;
};

FolderListing listFolder(const fs::path& dir) {
    FolderListing out;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
    if (ec) throw SealError(dir.string() + ": cannot list the run folder: " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) throw SealError(dir.string() + ": cannot list the run folder: " + ec.message());
        const auto status = it->symlink_status();
        const auto rel = fs::relative(it->path(), dir).generic_string();
        if (rel == kManifest || rel == kSignature) continue;
        if (fs::is_directory(status)) continue;
        (fs::is_regular_file(status) ? out.files : out.other).push_back(rel);
    }
    std::sort(out.files.begin(), out.files.end());
    std::sort(out.other.begin(), out.other.end());
    return out;
}

json readManifest(const fs::path& dir) {
    const auto path = dir / kManifest;
    if (!fs::exists(path)) throw SealError(path.string() + ": no manifest (not a run folder?)");
    try {
        return json::parse(core::readRegularFile(path.string(), kMaxManifestBytes, "manifest.json"));
    } catch (const core::FileReadError& e) {
        throw SealError(e.what());
    } catch (const json::exception& e) {
        throw SealError(path.string() + ": not JSON: " + e.what());
    }
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw SealError(path.string() + ": cannot be written");
}

// The key's own errors (unreadable, not Ed25519, signing failed) as the seal's.
Ed25519Key loadKey(const fs::path& path, bool isPrivate) {
    try {
        return isPrivate ? Ed25519Key::loadPrivate(path) : Ed25519Key::loadPublic(path);
    } catch (const KeyFileError& e) {
        throw SealError(e.what());
    }
}

} // namespace

SoftwareIdentity runningSoftware() {
    SoftwareIdentity s;
    s.version = std::string(core::toolVersion());
    s.gitCommit = std::string(core::toolCommit());
    s.buildType = std::string(core::toolBuildType());
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    s.binary = ec ? "/proc/self/exe" : exe.string();
    try {
        s.binarySha256 = digestFile("/proc/self/exe").sha256;
    } catch (const std::exception& e) {
        s.binarySha256 = "unknown";
        s.binary += std::string(" (not readable: ") + e.what() + ")";
    }
    return s;
}

void checkSigningKey(const fs::path& privateKey) { loadKey(privateKey, true); }

void sealRunFolder(const fs::path& dir, const SoftwareIdentity& software, const std::optional<fs::path>& privateKey) {
    // The key first: a bad key leaves the folder unsealed rather than sealed without the signature asked for.
    std::optional<Ed25519Key> key;
    if (privateKey) key.emplace(loadKey(*privateKey, true));
    auto manifest = readManifest(dir);
    const auto listing = listFolder(dir);
    if (!listing.other.empty())
        throw SealError((dir / listing.other.front()).string() + ": not a regular file; a run folder holds files only");
    json files = json::array();
    for (const auto& rel : listing.files) {
        try {
            const auto d = digestFile(dir / rel);
            files.push_back({{"path", rel}, {"sha256", d.sha256}, {"bytes", d.bytes}});
        } catch (const core::FileReadError& e) {
            throw SealError(e.what());
        }
    }
    manifest["sealed_utc"] = core::utcNow(core::UtcFormat::Milliseconds);
    manifest["software"] = {{"version", software.version},
                            {"git_commit", software.gitCommit},
                            {"build_type", software.buildType},
                            {"binary", software.binary},
                            {"binary_sha256", software.binarySha256}};
    manifest["files"] = std::move(files);
    manifest.erase("signature");
    if (key) manifest["signature"] = {{"algorithm", "Ed25519"}, {"file", kSignature},
                                      {"public_key_sha256", key->fingerprint()}};
    const std::string text = manifest.dump(2) + "\n";
    writeText(dir / kManifest, text);
    std::error_code ec;
    fs::remove(dir / kSignature, ec); // a signature of an earlier manifest would be a bad one
    if (!key) return;
    std::string signature;
    try {
        signature = key->sign(text);
    } catch (const KeyFileError& e) {
        throw SealError(e.what());
    }
    writeText(dir / kSignature, signature + "\n");
}

SealCheck verifyRunFolder(const fs::path& dir, const std::optional<fs::path>& publicKey) {
    std::optional<Ed25519Key> key;
    if (publicKey) key.emplace(loadKey(*publicKey, false));
    if (!fs::exists(dir / kManifest)) throw SealError((dir / kManifest).string() + ": no manifest (not a run folder?)");
    // A manifest that no longer reads was altered after sealing: the record is not intact, and
    // nothing in it can be trusted to check the other files against.
    const auto unreadable = [&](const std::string& why) {
        SealCheck check;
        check.changed.push_back(kManifest);
        check.signature = key ? SignatureState::Bad : SignatureState::NotChecked;
        check.signatureDetail = "the manifest cannot be read: " + why;
        return check;
    };
    json manifest;
    try {
        manifest = readManifest(dir);
    } catch (const SealError& e) {
        return unreadable(e.what());
    }
    const auto filesIt = manifest.find("files");
    if (filesIt == manifest.end() || !filesIt->is_array())
        throw SealError((dir / kManifest).string() + ": not sealed (no \"files\" list; the run did not finish sealing)");

    SealCheck check;
    std::map<std::string, std::string> recorded;
    for (const auto& f : *filesIt) {
        if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("sha256") ||
            !f["sha256"].is_string())
            return unreadable("a \"files\" entry without path and sha256: " + f.dump());
        recorded[f["path"].get<std::string>()] = f["sha256"].get<std::string>();
    }
    const auto listing = listFolder(dir);
    for (const auto& rel : listing.files) {
        const auto it = recorded.find(rel);
        if (it == recorded.end()) {
            check.extra.push_back(rel);
            continue;
        }
        std::string actual;
        try {
            actual = digestFile(dir / rel).sha256;
        } catch (const core::FileReadError&) {
            actual.clear(); // unreadable now: it is not what was sealed
        }
        if (actual != it->second) check.changed.push_back(rel);
        recorded.erase(it);
    }
    for (const auto& rel : listing.other) {
        if (recorded.erase(rel)) check.changed.push_back(rel); // was a file, is now a link or device
        else check.extra.push_back(rel);
    }
    for (const auto& [rel, sha] : recorded) check.missing.push_back(rel);
    std::sort(check.changed.begin(), check.changed.end());
    std::sort(check.extra.begin(), check.extra.end());

    const auto signedBy = manifest.find("signature");
    const bool isSigned = signedBy != manifest.end() && signedBy->is_object();
    if (!key) {
        check.signature = isSigned ? SignatureState::NotChecked : SignatureState::Unsigned;
        if (isSigned) check.signatureDetail = "signed, not checked: give the lab's public key (--pubkey)";
        return check;
    }
    check.signature = SignatureState::Bad;
    if (!isSigned) {
        check.signatureDetail = "the manifest is not signed";
        return check;
    }
    const auto fingerprint = key->fingerprint();
    if (signedBy->value("public_key_sha256", std::string()) != fingerprint) {
        check.signatureDetail = "the manifest names another signing key (public_key_sha256 " +
                                signedBy->value("public_key_sha256", std::string("?")) + ", given " + fingerprint + ")";
        return check;
    }
    const auto sigPath = dir / kSignature;
    std::string sigText;
    try {
        sigText = core::readRegularFile(sigPath.string(), kMaxSignatureBytes, "a signature");
    } catch (const core::FileReadError& e) {
        check.signatureDetail = std::string(kSignature) + " cannot be read: " + e.what();
        return check;
    }
    const std::string text = core::readRegularFile((dir / kManifest).string(), kMaxManifestBytes, "manifest.json");
    const bool good = key->verify(text, sigText);
    if (good) {
        check.signature = SignatureState::Good;
        check.signatureDetail.clear();
    } else {
        check.signatureDetail = "the signature does not match manifest.json for this key";
    }
    return check;
}

std::string toString(SignatureState state) {
    switch (state) {
    case SignatureState::Unsigned: return "unsigned";
    case SignatureState::NotChecked: return "not checked";
    case SignatureState::Good: return "good";
    case SignatureState::Bad: return "bad";
    }
    return "bad";
}

} // namespace v2gbench::bench
