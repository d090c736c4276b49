#pragma once
// The command line's help, one entry per command: `v2gbench help COMMAND` and `v2gbench COMMAND
// --help` print an entry, and the overview (`v2gbench help`, or a usage error) is built from the
// entries' synopses and summaries, so there is one text per command and nowhere else.
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::app {

struct CommandHelp {
    std::string_view name;     // "run"
    std::string_view synopsis; // "run PLAN|ID|DIR... [options]" (after "v2gbench ")
    std::string_view summary;  // one line, for the overview
    std::string_view details;  // arguments, options with defaults, exit codes
};

const std::vector<CommandHelp>& commandHelps();

// nullptr when there is no such command.
const CommandHelp* findCommandHelp(std::string_view name);

// Every command's synopsis and summary, --version, help, and the exit codes.
std::string helpOverview();

// One command: its synopsis, summary and details.
std::string helpFor(const CommandHelp& command);

} // namespace v2gbench::app
