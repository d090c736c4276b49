#pragma once
// `v2gbench verify RUN_DIR [--pubkey FILE]`: checks a sealed run folder (bench/run_seal.hpp)
// against its manifest — every changed, missing and extra file is named — and, with the lab's
// public key, the Ed25519 signature over manifest.json.
// Exit codes: 0 intact (and the signature good when a key was given); 1 a file changed, is missing
// or extra, or the signature is bad (or absent when a key was given); 2 invalid input (no run
// folder, no manifest, a manifest that was never sealed, a key that is not an Ed25519 PEM key).
#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `args` are the words after the command name.
int runVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace v2gbench::app
