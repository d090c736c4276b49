#include "v2gbench/bench/ed25519.hpp"

#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/core/text_file.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <optional>
#include <vector>

namespace v2gbench::bench {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxKeyBytes = 64 * 1024;
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::shared_ptr<EVP_PKEY> readPemKey(const fs::path& path, bool isPrivate) {
    std::string pem;
    try {
        pem = core::readRegularFile(path.string(), kMaxKeyBytes, isPrivate ? "a signing key" : "a public key");
    } catch (const core::FileReadError& e) {
        throw KeyFileError(e.what());
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    EVP_PKEY* key = isPrivate ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    std::shared_ptr<EVP_PKEY> owned(key, &EVP_PKEY_free);
    if (!owned || EVP_PKEY_id(owned.get()) != EVP_PKEY_ED25519)
        throw KeyFileError(path.string() + ": not a PEM Ed25519 " + (isPrivate ? "private key" : "public key") +
                           " (make one with `openssl genpkey -algorithm ed25519`)");
    return owned;
}

std::string base64(const unsigned char* bytes, std::size_t n) {
    std::string out(4 * ((n + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> unbase64(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t padding = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '=' && padding < 2; ++it) ++padding;
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

} // namespace

Ed25519Key Ed25519Key::loadPrivate(const fs::path& pem) { return Ed25519Key(readPemKey(pem, true), pem, true); }

Ed25519Key Ed25519Key::loadPublic(const fs::path& pem) { return Ed25519Key(readPemKey(pem, false), pem, false); }

std::string Ed25519Key::fingerprint() const {
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(m_key.get(), &der);
    if (n <= 0) throw KeyFileError(m_file.string() + ": cannot encode the public key");
    const std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return sha256Hex(bytes);
}

std::string Ed25519Key::sign(const std::string& bytes) const {
    if (!m_private) throw KeyFileError(m_file.string() + ": a public key cannot sign");
    DigestContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, bytes.size()) != 1)
        throw KeyFileError(m_file.string() + ": Ed25519 signing failed");
    std::vector<unsigned char> signature(length);
    if (EVP_DigestSign(ctx.get(), signature.data(), &length, data, bytes.size()) != 1)
        throw KeyFileError(m_file.string() + ": Ed25519 signing failed");
    return base64(signature.data(), length);
}

bool Ed25519Key::verify(const std::string& bytes, const std::string& base64Signature) const {
    const auto signature = unbase64(base64Signature);
    if (!signature) return false;
    DigestContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1;
}

} // namespace v2gbench::bench
