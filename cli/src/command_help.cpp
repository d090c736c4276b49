#include "v2gbench/app/command_help.hpp"

#include <algorithm>

namespace v2gbench::app {

namespace {

constexpr std::string_view kExitCodes =
    "exit codes: 0 pass/not-applicable, 1 fail/inconclusive, 2 invalid input or bench error, 3 aborted,\n"
    "4 rack not ready\n";

// <data> is the data folder (`v2gbench --version` names it): $V2G_DATA_DIR, else ../share/v2gbench
// beside the installed executable, else the source tree of a build.
const std::vector<CommandHelp> kCommands = {
    {"run", "run PLAN|ID|DIR... [options]", "run plans on a bench; writes a run folder with junit.xml and report.html",
     "PLAN is a plan file, ID a plan id as `v2gbench list plans` prints it (a file of that name wins),\n"
     "DIR a folder: every plan below it, sorted. Plans run in the order given, on one bench session.\n"
     "\n"
     "options:\n"
     "  --bench FILE          bench profile (default <data>/benches/sim.yaml, the in-process simulated lab)\n"
     "  --dut FILE            DUT profile (default <data>/testplans/duts/sim-v2g-charger.yaml)\n"
     "  --ev FILE             EV profile (default: the bench profile's ev_profile)\n"
     "  --requirements DIR    requirement catalogues, repeatable (default <data>/testplans/requirements)\n"
     "  --defect NAME         simulated charger defect (`v2gbench list defects`)\n"
     "  --rack-fault NAME     a fault of the simulated lab's own instruments, for the rack self-check\n"
     "                        (`v2gbench list rack-faults`)\n"
     "  --seed N              simulated lab seed, 0..18446744073709551615\n"
     "  --out DIR             run folder (default runs/<UTC time>-<first plan id> below the current folder)\n"
     "  --junit FILE          also copy junit.xml there\n"
     "  --answers FILE        operator answers to inspect steps (YAML: plan id > case id > step name >\n"
     "                        {value, by}); without one a terminal asks, otherwise those checks are errors\n"
     "  --case ID             only this case, repeatable; ID also selects ID-* (D0.2501 runs D0.2501-fault-dc-plus\n"
     "                        and its siblings); an ID that selects nothing is invalid input\n"
     "  --sign-key FILE       the lab's Ed25519 private key (PEM) to sign the sealed run folder with\n"
     "                        (default: the bench profile's signing_key; none: sealed unsigned)\n"
     "  --not-for-certification  run even when an instrument has no entry in the bench's instrument\n"
     "                        register, another identity or an expired calibration (otherwise refused,\n"
     "                        exit 2, naming the instrument); the report says NOT FOR CERTIFICATION\n"
     "  --rule RULE           decision rule: simple, guarded (w = U), guarded:R (w = R*U),\n"
     "                        customer:R:AGREEMENT (default: the bench profile's decision_rule, else guarded)\n"
     "  --pdf                 also write the test report as a PDF, report-<lang>.pdf, before the seal\n"
     "  --lang zh|en          the PDF's language, repeatable (default en)\n"
     "  --run-info FILE       lab, report number, customer, sample, environment, sign-off (YAML,\n"
     "                        docs/run-info.md); copied into the run folder as run-info.yaml\n"
     "  --quiet, -q           no progress lines, only the verdict table\n"
     "  --results URL         results database: sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS,\n"
     "                        else the bench profile's results:, else results.sqlite beside the run\n"
     "                        folder (runs/results.sqlite). With a\n"
     "                        server the run goes to that file first and is uploaded; a server that\n"
     "                        cannot be reached leaves it there for `v2gbench results sync`. A results\n"
     "                        failure is a warning: the run folder stays and the exit code is unchanged.\n"
     "\n"
     "<data> is the data folder `v2gbench --version` names.\n"
     "exit codes: 0 every verdict pass or not-applicable, 1 a fail or inconclusive, 2 invalid input\n"
     "(nothing was run) or a bench error, 3 aborted (Ctrl-C, SIGTERM, safety limit), 4 rack not ready\n"
     "(a plan with `purpose: rack-self-check` or the instrument register found the rack unfit; the\n"
     "charger's plans did not run)\n"},
    {"validate", "validate PLAN|ID|DIR... [options]",
     "check plans, profiles and catalogues at file:line:column; nothing is switched on",
     "PLAN, ID and DIR as for `run`.\n"
     "\n"
     "options:\n"
     "  --bench FILE          bench profile (default <data>/benches/sim.yaml)\n"
     "  --dut FILE            DUT profile (default <data>/testplans/duts/sim-v2g-charger.yaml)\n"
     "  --ev FILE             EV profile (default: the bench profile's ev_profile)\n"
     "  --requirements DIR    requirement catalogues, repeatable (default <data>/testplans/requirements)\n"
     "  --answers FILE        also check an answers file against the plans\n"
     "\n"
     "exit codes: 0 every input valid, 2 any error (each printed as file:line:column: error: ...),\n"
     "3 stopped by Ctrl-C or SIGTERM\n"},
    {"list", "list plans|drivers|defects|rack-faults", "the shipped plans (id, file, requirements), drivers and clocks, defects or rack faults",
     "  plans     every plan in <data>/testplans: its id (what `run ID` takes), file, title, requirements\n"
     "  drivers   every driver by role, and the clocks a bench profile may name\n"
     "  defects   the simulated charger's defect catalogue (`run --defect NAME`)\n"
     "  rack-faults  faults of the simulated lab's own instruments (`run --rack-fault NAME`)\n"
     "\n"
     "exit codes: 0 listed, 2 a shipped plan is invalid (named on stderr)\n"},
    {"report", "report RUN_DIR [--pdf [--lang zh|en]... [--run-info FILE] [--out FILE]]",
     "regenerate junit.xml and report.html of a run folder, or write its PDF test report",
     "Reads RUN_DIR/summary.json and the traces it names; writes RUN_DIR/junit.xml and RUN_DIR/report.html.\n"
     "  --pdf                 instead write the test report as a PDF (lab header, report number, page x of\n"
     "                        y, sample, conditions, equipment, method and decision rule, one section per\n"
     "                        case with its plot, sign-off). Into RUN_DIR as report-<lang>.pdf when it is\n"
     "                        not sealed; beside a sealed one as RUN_DIR.report-<lang>.pdf (a new file\n"
     "                        inside would make `verify` report it)\n"
     "  --lang zh|en          the PDF's language, repeatable (default en)\n"
     "  --run-info FILE       the run-information file (default RUN_DIR/run-info.yaml when present;\n"
     "                        without one the report says 'not given' and uses the run id as number)\n"
     "  --out FILE            the PDF's path (one --lang)\n"
     "\n"
     "exit codes: 0 written, 2 unreadable run folder or a path outside it (the report says so),\n"
     "3 stopped by Ctrl-C or SIGTERM\n"},
    {"verify", "verify RUN_DIR [--pubkey FILE]",
     "check a sealed run folder: every file against its manifest, and the lab's signature",
     "Re-hashes every file below RUN_DIR against manifest.json's \"files\" (SHA-256) and names each file\n"
     "that changed, is missing or was added. With --pubkey, checks manifest.sig (Ed25519) over\n"
     "manifest.json with the lab's public key (PEM); without it a signature is reported as not checked.\n"
     "  --pubkey FILE   the lab's Ed25519 public key (`openssl pkey -in KEY -pubout`)\n"
     "\n"
     "exit codes: 0 intact (signature good, when a key was given), 1 a file changed, missing or extra,\n"
     "or a bad or absent signature, 2 invalid input (no manifest, never sealed, not an Ed25519 key)\n"},
    {"approve", "approve SET --title T --by NAME --bench B [--dut D] [--sign-key KEY] PLAN...",
     "approve plans for operator mode: a plan set with each file's SHA-256, signed with the lab's key",
     "Writes SET (NAME.planset.json): the bench profile, the DUT profile and every PLAN with its SHA-256\n"
     "as it is now, who approved them and when; with --sign-key, SET.sig (Ed25519 over SET). The desktop\n"
     "app in operator mode (v2gbench-gui --operator --plan-sets DIR [--pubkey KEY]) runs only such sets,\n"
     "and none whose files changed since approval.\n"
     "  --title TITLE     what the set is for (shown to the operator)\n"
     "  --by NAME         the approving engineer\n"
     "  --bench FILE      the bench profile the set runs on\n"
     "  --dut FILE        the DUT profile (optional)\n"
     "  --sign-key FILE   the lab's Ed25519 private key (PEM); without it the set is hashed only\n"
     "approve --check SET [--pubkey KEY] says whether SET may run as it stands, naming every reason.\n"
     "\n"
     "exit codes: 0 written / may run, 1 may not run, 2 invalid input (unreadable file, bad key)\n"},
    {"rejudge", "rejudge RUN_DIR --rule RULE",
     "re-decide every check of a run under another decision rule, without re-running it",
     "Every check judged by comparing its value with its limits and U is decided again from what the\n"
     "run recorded; verdicts roll up to cases, plans and the run. Writes summary.rejudged-N.json and\n"
     "report.rejudged-N.html next to the run's own files (never over them) and lists what changed.\n"
     "  --rule RULE   simple (w = 0), guarded (w = U), guarded:R (w = R*U), customer:R:AGREEMENT\n"
     "Conditional pass and conditional fail are the verdict inconclusive (exit 1, a JUnit failure).\n"
     "\n"
     "exit codes: the rejudged run's, as for run (0 pass, 1 fail or inconclusive, 2 error), or 2 for\n"
     "invalid input (no summary.json, an unknown rule)\n"},
    {"decode", "decode TRACE [--strict]",
     "GB/T 27930 frames of a CAN trace, decoded (candump, ZLG CANTest/ZCANPRO, Vector ASC/BLF, PCAN TRC)",
     "The format and encoding are recognised from the content; the trace streams in bounded memory.\n"
     "  --strict   2015 layouts only (default: the 2011 layouts seen on the wire are decoded too)\n"
     "\n"
     "exit codes: 0 read and nothing wrong, 1 some lines could not be read (each reported), 2 nothing\n"
     "readable, 3 stopped by Ctrl-C or SIGTERM\n"},
    {"analyze", "analyze TRACE [--tolerant]", "periods, phase sequence and 2015 conformance findings of a CAN trace",
     "  --tolerant   accept the 2011 layouts seen on the wire (default: 2015 only)\n"
     "\n"
     "exit codes: 0 read and nothing wrong, 1 an error finding, 2 nothing readable, 3 stopped by\n"
     "Ctrl-C or SIGTERM\n"},
    {"judge", "judge CAPTURE --plan PLAN|ID [options]",
     "judge a plan's bus_checks on a CAN capture (any format `decode` reads), without a bench",
     "Every bus_check of the plan is judged on the capture's frames by the same code a run uses;\n"
     "what the capture cannot show is not-applicable, with the reason. How the plan maps onto it:\n"
     "  - time runs from the first frame: `wait` moves on by its duration, `wait_until` to the first\n"
     "    moment its condition holds (it may read ev.phase, the phase the frames show, parameters\n"
     "    and dut.*; its timeout is not applied), a bus_check to the end of its window;\n"
     "  - setup actions are taken as done: the capture shows the session they set up; every case\n"
     "    starts where the setup ends;\n"
     "  - in a case, an action is a stimulus the capture must show: ev.connect a BHM, ev.stop a\n"
     "    BST, ev.pause a BSM with charging forbidden, ev.resume one with charging permitted,\n"
     "    ev.demand a BCL with the demanded current. The case goes on from the first such frame;\n"
     "    without one, and after any other action (grid, battery, dut, fault_box, ev.disconnect,\n"
     "    ev.fault, ...), its remaining checks are not-applicable;\n"
     "  - measure, response, capture and inspect steps need the bench: not-applicable;\n"
     "  - a capture without usable times (flattened, candump without -t, coarser than 1 ms) has no\n"
     "    windows: its bus_checks are not-applicable, its stimuli are still looked for in order;\n"
     "  - a check whose window the capture ends inside is not-applicable.\n"
     "\n"
     "options:\n"
     "  --plan PLAN|ID        the plan (a file, or an id as `v2gbench list plans` prints it)\n"
     "  --dut FILE            DUT profile for dut.* in limits (default <data>/testplans/duts/sim-v2g-charger.yaml)\n"
     "  --requirements DIR    requirement catalogues, repeatable (default <data>/testplans/requirements)\n"
     "\n"
     "exit codes: 0 every judged check passed (the rest not-applicable), 1 a check failed or was\n"
     "inconclusive, 2 invalid input (a bad plan at file:line, an unreadable capture) or a plan asking\n"
     "for a field its message does not have, 3 stopped by Ctrl-C or SIGTERM\n"},
    {"history", "history [--plan P] [--check C] [--dut-firmware F] [--rack R] [--since NIGHT|Nd] [--json]",
     "the verdict matrix of nights × cases from the results database",
     "Rows are cases (plan/case[instance]), or with --check the checks of that name or key; columns\n"
     "are runs, oldest first, each with its night, rack, DUT firmware and run id.\n"
     "\n"
     "options:\n"
     "  --plan P              only this plan's cases\n"
     "  --check C             that check's verdicts instead (a check name or plan/case/name)\n"
     "  --dut-firmware F      only runs on this DUT firmware\n"
     "  --rack R              only this rack (the bench profile's name)\n"
     "  --since NIGHT|Nd      from this night (YYYY-MM-DD) or N nights before the latest (default 13d)\n"
     "  --json                JSON for tools instead of the table\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "\n"
     "exit codes: 0 shown, 2 invalid input or a database error\n"},
    {"compare", "compare RUN_A RUN_B [--json]", "changed verdicts and changed values (with their U) between two runs",
     "RUN_A and RUN_B are run ids (the latest of that id) or run keys. A value counts as changed when it\n"
     "moved by more than the root sum of squares of the two uncertainties (by any amount when one is\n"
     "unknown), or was measured in one run only.\n"
     "\n"
     "options:\n"
     "  --json                JSON for tools instead of the lists\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "\n"
     "exit codes: 0 compared, 2 a run not found, invalid input or a database error\n"},
    {"trend", "trend CHECK [--rack R] [--since NIGHT|Nd] [--json]",
     "one check's value over time against its limits; the first night it failed and its firmware",
     "CHECK is a check name or its key plan/case[instance]/name (a name several checks share is refused,\n"
     "listing their keys).\n"
     "\n"
     "options:\n"
     "  --rack R, --dut-firmware F, --plan P, --since NIGHT|Nd   as for history (default: every night)\n"
     "  --json                JSON for tools instead of the table\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "\n"
     "exit codes: 0 shown, 2 no such check, invalid input or a database error\n"},
    {"flaky", "flaky [--plan P] [--check C] [--rack R] [--since NIGHT|Nd] [--json]",
     "checks whose verdict flips on an unchanged DUT firmware and software version",
     "A check is flaky when, on one rack with one DUT firmware and one software version, it both passed\n"
     "and failed: nothing the lab changed explains the flip. A check that fails from a new firmware on\n"
     "is not flaky.\n"
     "\n"
     "options: --plan, --check, --rack, --dut-firmware, --since as for history (default: every night);\n"
     "  --json                JSON for tools instead of the list\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "\n"
     "exit codes: 0 shown, 2 invalid input or a database error\n"},
    {"dashboard", "dashboard --out DIR [--rack R] [--since NIGHT|Nd]",
     "the lab dashboard: static HTML pages from the results database",
     "DIR/index.html shows the newly failing checks first (failing on a rack's latest run, not on its\n"
     "run before) with their trend plots, each rack's last night, and per rack the nights × cases grid\n"
     "linking to each run's report.html; DIR/trends/ holds a page per plan with a trend plot per check\n"
     "against its limit lines. No script and no network resource: any web server or CI artifact store\n"
     "serves it. A run whose report is not on this machine is named without a link.\n"
     "\n"
     "options:\n"
     "  --out DIR             the folder to write (created; its pages are overwritten)\n"
     "  --rack R, --plan P, --dut-firmware F, --since NIGHT|Nd   as for history (default 13d)\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "\n"
     "exit codes: 0 written, 2 invalid input, a database error or DIR not writable\n"},
    {"results", "results import DIR... | results sync [--from URL]",
     "store existing run folders in the results database, or upload a rack's local queue to the server",
     "  import DIR...         each DIR a run folder or a folder of run folders (runs/); a run already\n"
     "                        stored (same run key: start time, run id, manifest hash) is not stored again\n"
     "  sync                  uploads every run of the local SQLite queue (--from URL, default\n"
     "                        runs/results.sqlite) not yet on the server named by --results or V2G_RESULTS;\n"
     "                        each run reaches the server exactly once, however often sync runs\n"
     "\n"
     "options:\n"
     "  --results URL         sqlite:///ABS/PATH or postgresql://…; default: V2G_RESULTS, else runs/results.sqlite\n"
     "  --from URL            sync: the local SQLite queue\n"
     "\n"
     "exit codes: 0 done, 2 a folder could not be read (each named), invalid input or a database error,\n"
     "3 stopped by Ctrl-C or SIGTERM\n"},
    {"help", "help [COMMAND]", "this overview, or one command's arguments, options and exit codes",
     "`v2gbench COMMAND --help` prints the same as `v2gbench help COMMAND`.\n"},
};

} // namespace

const std::vector<CommandHelp>& commandHelps() { return kCommands; }

const CommandHelp* findCommandHelp(std::string_view name) {
    const auto it = std::find_if(kCommands.begin(), kCommands.end(), [name](const CommandHelp& c) { return c.name == name; });
    return it == kCommands.end() ? nullptr : &*it;
}

std::string helpOverview() {
    std::size_t width = std::string_view("--version").size();
    for (const auto& c : kCommands) width = std::max(width, c.synopsis.size());
    const auto line = [width](std::string_view left, std::string_view right) {
        return "  " + std::string(left) + std::string(width + 3 - left.size(), ' ') + std::string(right) + "\n";
    };
    std::string text = "usage: v2gbench COMMAND [ARGUMENTS] [OPTIONS]\n\n";
    for (const auto& c : kCommands) text += line(c.synopsis, c.summary);
    text += line("--version", "version, git commit and data folder");
    text += "\n`v2gbench help COMMAND` or `v2gbench COMMAND --help`: that command's options.\n";
    text += kExitCodes;
    return text;
}

std::string helpFor(const CommandHelp& command) {
    return "usage: v2gbench " + std::string(command.synopsis) + "\n" + std::string(command.summary) + "\n\n" +
           std::string(command.details);
}

} // namespace v2gbench::app
