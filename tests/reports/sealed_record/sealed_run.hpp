#pragma once
// One real run on the simulated lab, through the CLI's `run` (reports written, folder sealed and
// signed), and Ed25519 key files made with OpenSSL for the tests.
#include "test_paths.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace v2gbench::test {

struct KeyPair {
    std::string privatePem; // file paths
    std::string publicPem;
};

// A fresh Ed25519 key pair written as PEM files in `dir` as <name>.key / <name>.pub.
KeyPair makeKeyPair(const std::filesystem::path& dir, const std::string& name);

// `v2gbench run` (in process) of a short GB/T 34657.1 plan into `out`, signed with `signingKey`
// (empty: unsigned), plus `extraArgs`; returns the exit code and fills `err`.
int runSealed(const std::filesystem::path& out, const std::string& signingKey, std::string* err = nullptr,
              const std::vector<std::string>& extraArgs = {});

// `v2gbench ARGS…` in process; stdout and stderr into `out` / `err`.
int cli(const std::vector<std::string>& args, std::string* out = nullptr, std::string* err = nullptr);

} // namespace v2gbench::test
