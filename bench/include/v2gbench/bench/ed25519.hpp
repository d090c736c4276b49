#pragma once
// Ed25519 signatures over bytes with PEM key files (`openssl genpkey -algorithm ed25519`; its
// public half: `openssl pkey -in KEY -pubout`). What seals run folders (run_seal.hpp) and
// approves plan sets (approved_plan_set.hpp). Key files are read as regular files of at most
// 64 KiB. Signatures travel as base64 text.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

namespace v2gbench::bench {

// A key file that cannot be read or is not a PEM Ed25519 key of the kind asked for; names the file.
class KeyFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Ed25519Key {
public:
    static Ed25519Key loadPrivate(const std::filesystem::path& pem); // throws KeyFileError
    static Ed25519Key loadPublic(const std::filesystem::path& pem);  // throws KeyFileError

    const std::filesystem::path& file() const { return m_file; }
    // SHA-256 (hex) of the public key's DER SubjectPublicKeyInfo: names the key a signature was
    // made with, the same for a private key and its public half.
    std::string fingerprint() const;
    // Base64 signature of `bytes`. Throws KeyFileError for a public key or when OpenSSL fails.
    std::string sign(const std::string& bytes) const;
    // False for a wrong signature, a malformed base64 text or another key's signature.
    bool verify(const std::string& bytes, const std::string& base64Signature) const;

private:
    Ed25519Key(std::shared_ptr<evp_pkey_st> key, std::filesystem::path file, bool isPrivate)
        : m_key(std::move(key)), m_file(std::move(file)), m_private(isPrivate) {}
    std::shared_ptr<evp_pkey_st> m_key;
    std::filesystem::path m_file;
    bool m_private = false;
};

} // namespace v2gbench::bench
