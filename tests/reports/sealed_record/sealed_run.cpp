#include "sealed_run.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace v2gbench::test {

namespace {

void writePem(const std::filesystem::path& path, EVP_PKEY* key, bool isPrivate) {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "w"), &std::fclose);
    if (!f) throw std::runtime_error("cannot write " + path.string());
    const int ok = isPrivate ? PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                             : PEM_write_PUBKEY(f.get(), key);
    if (ok != 1) throw std::runtime_error("cannot write the key " + path.string());
}

} // namespace

KeyPair makeKeyPair(const std::filesystem::path& dir, const std::string& name) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"),
                                                            &EVP_PKEY_free);
    if (!key) throw std::runtime_error("Ed25519 key generation failed");
    KeyPair pair{(dir / (name + ".key")).string(), (dir / (name + ".pub")).string()};
    writePem(pair.privatePem, key.get(), true);
    writePem(pair.publicPem, key.get(), false);
    return pair;
}

int cli(const std::vector<std::string>& args, std::string* out, std::string* err) {
    std::ostringstream o, e;
    bench::AbortFlag abort;
    const int rc = app::runCli(args, o, e, abort);
    if (out) *out = o.str();
    if (err) *err = e.str();
    return rc;
}

int runSealed(const std::filesystem::path& out, const std::string& signingKey, std::string* err,
              const std::vector<std::string>& extraArgs) {
    std::vector<std::string> args = {"run",
                                     sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"),
                                     "--bench", sourcePath("benches/sim.yaml"),
                                     "--dut", sourcePath("testplans/duts/sim-v2g-charger.yaml"),
                                     "--requirements", sourcePath("testplans/requirements"),
                                     "--out", out.string(), "--quiet"};
    if (!signingKey.empty()) {
        args.push_back("--sign-key");
        args.push_back(signingKey);
    }
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    return cli(args, nullptr, err);
}

} // namespace v2gbench::test
