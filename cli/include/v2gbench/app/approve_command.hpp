#pragma once
// `v2gbench approve SET --title T --by NAME --bench B [--dut D] [--sign-key KEY] PLAN...`: an
// engineer approves plans for operator mode (bench/approved_plan_set.hpp): SET (NAME.planset.json)
// records each file's SHA-256, signed with the lab's Ed25519 key when one is given.
// `v2gbench approve --check SET [--pubkey KEY]`: says whether SET may run as it stands.
// Exit codes: 0 written / may run; 1 may not run (each reason printed); 2 invalid input.
#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `args` are the words after the command name.
int runApprove(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace v2gbench::app
