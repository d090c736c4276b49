#include "v2gbench/app/results_commands.hpp"

#include "v2gbench/results/dashboard.hpp"
#include "v2gbench/results/history.hpp"
#include "v2gbench/results/run_folder_record.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace v2gbench::app {

namespace fs = std::filesystem;
using namespace v2gbench::results;
using Json = nlohmann::ordered_json;

namespace {

struct UsageError {
    std::string message;
};

struct ResultsArgs {
    std::vector<std::string> positional;
    std::string results;
    std::string from; // sync: the local queue
    std::string out;  // dashboard: the folder
    RunFilter filter;
    bool json = false;
    bool sinceGiven = false;
};

// --since YYYY-MM-DD (a night) or Nd (N nights before the latest stored night).
bool isNight(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

ResultsArgs parseArgs(const std::vector<std::string>& args) {
    ResultsArgs a;
    const std::string& command = args[0];
    std::size_t first = 1;
    if (command == "results") first = 2; // results import|sync
    for (std::size_t i = first; i < args.size(); ++i) {
        const auto& arg = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw UsageError{"option " + arg + " needs a value"};
            return args[++i];
        };
        if (arg == "--results") a.results = value();
        else if (arg == "--from" && command == "results") a.from = value();
        else if (arg == "--out" && command == "dashboard") a.out = value();
        else if (arg == "--json") a.json = true;
        else if (arg == "--rack") a.filter.rack = value();
        else if (arg == "--plan") a.filter.plan = value();
        else if (arg == "--check") a.filter.check = value();
        else if (arg == "--dut-firmware") a.filter.dutFirmware = value();
        else if (arg == "--since") {
            a.filter.since = value();
            a.sinceGiven = true;
            const bool days = a.filter.since.size() > 1 && a.filter.since.back() == 'd' &&
                              a.filter.since.find_first_not_of("0123456789") == a.filter.since.size() - 1;
            if (!isNight(a.filter.since) && !days)
                throw UsageError{"--since '" + a.filter.since + "': expected a night YYYY-MM-DD or Nd (N nights before the latest)"};
        } else if (arg.size() > 1 && arg[0] == '-') throw UsageError{"unknown option '" + arg + "'"};
        else a.positional.push_back(arg);
    }
    return a;
}

// --results, else V2G_RESULTS, else the bench profile's results:, else results.sqlite in `runsFolder`.
ResultsUrl resolveUrl(const std::string& option, const fs::path& runsFolder, const std::string& profileResults = {},
                      const std::string& profileAt = {}) {
    if (!option.empty()) return parseResultsUrl(option);
    if (const char* env = std::getenv("V2G_RESULTS"); env && *env) {
        try {
            return parseResultsUrl(env);
        } catch (const ResultsUrlError& e) {
            throw ResultsUrlError(std::string("V2G_RESULTS: ") + e.what());
        }
    }
    if (!profileResults.empty()) {
        try {
            return parseResultsUrl(profileResults);
        } catch (const ResultsUrlError& e) {
            throw ResultsUrlError(profileAt + ": " + e.what());
        }
    }
    return sqliteUrlFor((runsFolder / "results.sqlite").string());
}

fs::path defaultRunsFolder() { return fs::current_path() / "runs"; }

// The local queue `run` writes first when results go to a server, and `results sync` reads.
ResultsUrl localQueueUrl(const fs::path& runsFolder) { return sqliteUrlFor((runsFolder / "results.sqlite").string()); }

std::string optionalText(const std::optional<double>& v) {
    if (!v) return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", *v);
    return buffer;
}

Json optionalJson(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json runJson(const RunHeader& r) {
    return {{"run_key", r.runKey},         {"run_id", r.runId},
            {"started_utc", r.startedUtc}, {"night", r.night},
            {"rack", r.rack},              {"dut_serial", r.dutSerial},
            {"dut_firmware", r.dutFirmware}, {"ev_profile", r.evProfile},
            {"software_version", r.softwareVersion}, {"run_folder", r.runFolder},
            {"verdict", r.verdict}};
}

char verdictLetter(const std::string& v) {
    if (v == "pass") return 'P';
    if (v == "fail") return 'F';
    if (v == "inconclusive") return 'I';
    if (v == "not-applicable") return '-';
    if (v == "error") return 'E';
    if (v == "aborted") return 'A';
    return ' ';
}

void applySinceDays(ResultsStore& store, ResultsArgs& a, int defaultDays) {
    if (!a.sinceGiven) {
        a.filter.since = nightsBeforeLatest(store, defaultDays);
        return;
    }
    if (!isNight(a.filter.since)) {
        const int days = std::stoi(a.filter.since.substr(0, a.filter.since.size() - 1));
        a.filter.since = nightsBeforeLatest(store, days);
    }
}

int commandHistory(ResultsStore& store, ResultsArgs& a, std::ostream& out) {
    if (!a.positional.empty()) throw UsageError{"history takes no arguments (unexpected '" + a.positional.front() + "')"};
    applySinceDays(store, a, 13); // default: the latest 14 nights
    const auto m = buildHistory(store, a.filter);
    if (a.json) {
        Json j = {{"database", store.describe()}, {"since", a.filter.since}, {"runs", Json::array()}, {"rows", Json::array()}};
        for (const auto& r : m.runs) j["runs"].push_back(runJson(r));
        for (const auto& key : m.keys) {
            Json verdicts = Json::object();
            for (const auto& r : m.runs)
                if (const auto it = m.cells.find({key, r.runKey}); it != m.cells.end()) verdicts[r.runKey] = it->second;
            j["rows"].push_back({{"key", key}, {"verdicts", verdicts}});
        }
        out << j.dump(2) << "\n";
        return 0;
    }
    out << (a.filter.check.empty() ? "cases" : "checks") << " × nights, " << m.runs.size() << " runs since "
        << (a.filter.since.empty() ? "the first" : a.filter.since) << " (" << store.describe() << ")\n";
    if (m.runs.empty()) {
        out << "no runs\n";
        return 0;
    }
    std::size_t rackWidth = 4, firmwareWidth = 8;
    for (const auto& r : m.runs) {
        rackWidth = std::max(rackWidth, r.rack.size());
        firmwareWidth = std::max(firmwareWidth, r.dutFirmware.size());
    }
    out << "runs:\n";
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        const auto& r = m.runs[i];
        out << "  " << std::setw(3) << i + 1 << "  " << r.night << "  " << std::left << std::setw(int(rackWidth)) << r.rack
            << "  firmware " << std::setw(int(firmwareWidth)) << r.dutFirmware << "  " << std::setw(8) << r.verdict << " "
            << r.runId << std::right << "\n";
    }
    std::size_t width = 4;
    for (const auto& k : m.keys) width = std::max(width, k.size());
    out << "\n" << std::left << std::setw(static_cast<int>(width)) << "" << std::right << "  ";
    for (std::size_t i = 0; i < m.runs.size(); ++i) out << ((i + 1) % 10 == 0 ? char('0' + (i + 1) / 10 % 10) : ' ');
    out << "\n" << std::left << std::setw(static_cast<int>(width)) << "" << std::right << "  ";
    for (std::size_t i = 0; i < m.runs.size(); ++i) out << char('0' + (i + 1) % 10);
    out << "\n";
    for (const auto& key : m.keys) {
        out << std::left << std::setw(static_cast<int>(width)) << key << std::right << "  ";
        for (const auto& r : m.runs) {
            const auto it = m.cells.find({key, r.runKey});
            out << (it == m.cells.end() ? ' ' : verdictLetter(it->second));
        }
        out << "\n";
    }
    out << "\nP pass  F fail  I inconclusive  - not-applicable  E error  A aborted  (blank: not run)\n";
    return 0;
}

int commandTrend(ResultsStore& store, ResultsArgs& a, std::ostream& out) {
    if (a.positional.size() != 1) throw UsageError{"trend needs one CHECK (a check name or plan/case/name)"};
    if (!a.filter.check.empty()) throw UsageError{"trend takes the check as its argument, not --check"};
    a.filter.check = a.positional.front();
    if (a.sinceGiven) applySinceDays(store, a, 0);
    const auto t = buildTrend(store, a.filter);
    if (a.json) {
        Json j = {{"database", store.describe()}, {"check", t.checkKey}, {"points", Json::array()}, {"first_fail", nullptr}};
        for (const auto& p : t.points) {
            // Per point what a plot needs; the run itself by key (history and compare show the rest).
            Json point = {{"run_key", p.run.runKey}, {"night", p.run.night}, {"rack", p.run.rack},
                          {"dut_firmware", p.run.dutFirmware}, {"software_version", p.run.softwareVersion}};
            point["value"] = optionalJson(p.point.value);
            point["uncertainty"] = optionalJson(p.point.uncertainty);
            point["low"] = optionalJson(p.point.low);
            point["high"] = optionalJson(p.point.high);
            point["unit"] = p.point.unit;
            point["verdict"] = p.point.verdict;
            j["points"].push_back(point);
        }
        if (t.firstFail) j["first_fail"] = runJson(t.points[*t.firstFail].run);
        out << j.dump(2) << "\n";
        return 0;
    }
    int rackWidth = 6, firmwareWidth = 10;
    for (const auto& p : t.points) {
        rackWidth = std::max(rackWidth, int(p.run.rack.size()) + 2);
        firmwareWidth = std::max(firmwareWidth, int(p.run.dutFirmware.size()) + 2);
    }
    out << "trend of " << t.checkKey << " (" << store.describe() << ")\n";
    out << std::left << std::setw(12) << "night" << std::setw(rackWidth) << "rack" << std::setw(firmwareWidth) << "firmware" << std::right
        << std::setw(12) << "value" << std::setw(10) << "U" << std::setw(10) << "low" << std::setw(10) << "high"
        << "  unit  verdict\n";
    for (const auto& p : t.points) {
        out << std::left << std::setw(12) << p.run.night << std::setw(rackWidth) << p.run.rack << std::setw(firmwareWidth)
            << p.run.dutFirmware << std::right << std::setw(12) << optionalText(p.point.value) << std::setw(10)
            << optionalText(p.point.uncertainty) << std::setw(10) << optionalText(p.point.low) << std::setw(10)
            << optionalText(p.point.high) << "  " << std::left << std::setw(6) << p.point.unit << p.point.verdict
            << std::right << "\n";
    }
    if (t.firstFail) {
        const auto& r = t.points[*t.firstFail].run;
        out << "first failed: night " << r.night << " on rack " << r.rack << ", DUT firmware " << r.dutFirmware
            << " (run " << r.runId << ")\n";
    } else {
        out << "never failed in these " << t.points.size() << " runs\n";
    }
    return 0;
}

int commandCompare(ResultsStore& store, const ResultsArgs& a, std::ostream& out) {
    if (a.positional.size() != 2) throw UsageError{"compare needs two runs: RUN_A RUN_B (run ids or run keys)"};
    const auto c = compareRuns(store, a.positional[0], a.positional[1]);
    if (a.json) {
        Json j = {{"a", c.a.runKey}, {"b", c.b.runKey}, {"case_verdicts", Json::array()},
                  {"check_verdicts", Json::array()}, {"values", Json::array()}};
        for (const auto& v : c.caseVerdicts) j["case_verdicts"].push_back({{"key", v.key}, {"a", v.before}, {"b", v.after}});
        for (const auto& v : c.checkVerdicts) j["check_verdicts"].push_back({{"key", v.key}, {"a", v.before}, {"b", v.after}});
        for (const auto& v : c.values)
            j["values"].push_back({{"key", v.checkKey}, {"a", optionalJson(v.before)}, {"u_a", optionalJson(v.uncertaintyBefore)},
                                   {"b", optionalJson(v.after)}, {"u_b", optionalJson(v.uncertaintyAfter)}, {"unit", v.unit}});
        out << j.dump(2) << "\n";
        return 0;
    }
    const auto runLine = [&out](const char* label, const RunRecord& r) {
        out << label << r.runId << "  " << r.night << "  rack " << r.rack << "  firmware " << r.dutFirmware << "  software "
            << r.softwareVersion << "  " << r.verdict << "\n";
    };
    runLine("A: ", c.a);
    runLine("B: ", c.b);
    const auto verdicts = [&out](const char* title, const std::vector<VerdictChange>& changes) {
        out << "\n" << title << " (" << changes.size() << "):\n";
        for (const auto& v : changes)
            out << "  " << v.key << ": " << (v.before.empty() ? "(absent)" : v.before) << " -> "
                << (v.after.empty() ? "(absent)" : v.after) << "\n";
    };
    verdicts("changed case verdicts", c.caseVerdicts);
    verdicts("changed check verdicts", c.checkVerdicts);
    out << "\nchanged values, beyond their combined U (" << c.values.size() << "):\n";
    for (const auto& v : c.values)
        out << "  " << v.checkKey << ": " << optionalText(v.before) << " ± " << optionalText(v.uncertaintyBefore) << " -> "
            << optionalText(v.after) << " ± " << optionalText(v.uncertaintyAfter) << " " << v.unit << "\n";
    return 0;
}

int commandFlaky(ResultsStore& store, ResultsArgs& a, std::ostream& out) {
    if (!a.positional.empty()) throw UsageError{"flaky takes no arguments (unexpected '" + a.positional.front() + "')"};
    if (a.sinceGiven) applySinceDays(store, a, 0);
    const auto flaky = findFlaky(store, a.filter);
    if (a.json) {
        Json j = {{"database", store.describe()}, {"flaky", Json::array()}};
        for (const auto& f : flaky)
            j["flaky"].push_back({{"check", f.checkKey}, {"rack", f.rack}, {"dut_firmware", f.dutFirmware},
                                  {"software_version", f.softwareVersion}, {"passes", f.passes}, {"fails", f.fails}});
        out << j.dump(2) << "\n";
        return 0;
    }
    out << flaky.size() << " flaky (pass and fail on one rack, DUT firmware and software version; " << store.describe() << ")\n";
    for (const auto& f : flaky)
        out << "  " << f.checkKey << "\n      rack " << f.rack << ", firmware " << f.dutFirmware << ", software "
            << f.softwareVersion << ": " << f.passes << " pass, " << f.fails << " fail\n";
    return 0;
}

// A run folder, or a folder whose direct subfolders are run folders (runs/).
std::vector<fs::path> runFoldersIn(const fs::path& dir) {
    if (fs::exists(dir / "summary.json")) return {dir};
    if (!fs::is_directory(dir)) throw std::invalid_argument(dir.string() + ": not a run folder (no summary.json) nor a folder");
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_directory() && fs::exists(entry.path() / "summary.json")) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    if (out.empty()) throw std::invalid_argument(dir.string() + ": no run folder in it (no summary.json)");
    return out;
}

int commandImport(const ResultsArgs& a, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    if (a.positional.empty()) throw UsageError{"results import needs at least one run folder (or a folder of them)"};
    const auto url = resolveUrl(a.results, defaultRunsFolder());
    auto store = openResultsStore(url);
    int imported = 0, present = 0, failed = 0;
    for (const auto& dir : a.positional) {
        std::vector<fs::path> folders;
        try {
            folders = runFoldersIn(dir);
        } catch (const std::exception& e) {
            err << "v2gbench: results import: " << e.what() << "\n";
            ++failed;
            continue;
        }
        for (const auto& folder : folders) {
            if (abort.requested()) {
                err << "v2gbench: stopped (" << imported << " imported)\n";
                return 3;
            }
            try {
                const auto record = readRunFolder(folder);
                if (store->writeRun(record)) {
                    ++imported;
                    out << "imported " << folder.string() << "\n";
                } else {
                    ++present;
                    out << "already stored " << folder.string() << "\n";
                }
            } catch (const ResultsError&) {
                throw; // the database, not this folder: stop
            } catch (const std::exception& e) {
                err << "v2gbench: results import: " << e.what() << "\n";
                ++failed;
            }
        }
    }
    out << imported << " imported, " << present << " already stored, " << failed << " failed (" << store->describe() << ")\n";
    return failed ? 2 : 0;
}

int commandSync(const ResultsArgs& a, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort) {
    if (!a.positional.empty()) throw UsageError{"results sync takes no arguments"};
    const auto target = resolveUrl(a.results, defaultRunsFolder());
    if (target.kind != ResultsUrl::Kind::Postgresql)
        throw UsageError{"results sync uploads to a server: --results postgresql://… (or V2G_RESULTS), not " + target.redacted()};
    const auto from = a.from.empty() ? localQueueUrl(defaultRunsFolder()) : parseResultsUrl(a.from);
    auto local = openResultsStore(from);
    auto server = openResultsStore(target);
    int uploaded = 0, present = 0;
    for (const auto& key : local->runKeysNotSyncedTo(target.redacted())) {
        if (abort.requested()) {
            err << "v2gbench: stopped (" << uploaded << " uploaded)\n";
            return 3;
        }
        const auto run = local->readRun(key);
        if (!run) continue;
        // Uploaded before it is marked: a sync cut between the two uploads it again, which the
        // server's run key turns into nothing.
        if (server->writeRun(*run)) ++uploaded;
        else ++present;
        local->markSynced(key, target.redacted());
    }
    out << uploaded << " uploaded, " << present << " already on the server (" << from.redacted() << " -> "
        << server->describe() << ")\n";
    return 0;
}

int commandDashboard(ResultsStore& store, ResultsArgs& a, std::ostream& out) {
    if (!a.positional.empty()) throw UsageError{"dashboard takes no arguments (unexpected '" + a.positional.front() + "')"};
    if (a.out.empty()) throw UsageError{"dashboard needs --out DIR"};
    applySinceDays(store, a, 13);
    const auto d = writeDashboard(store, a.filter, a.out);
    out << "wrote " << (fs::path(a.out) / "index.html").string() << " and " << d.pages.size() - 1 << " trend pages: " << d.runs
        << " runs on " << d.racks << " racks, " << d.newlyFailing << " newly failing, " << d.trendPlots << " trend plots\n";
    return 0;
}

} // namespace

int runResultsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      const bench::AbortFlag& abort) {
    const std::string& command = args.at(0);
    try {
        if (command == "results") {
            if (args.size() < 2) throw UsageError{"results needs import or sync"};
            const auto a = parseArgs(args);
            if (args[1] == "import") return commandImport(a, out, err, abort);
            if (args[1] == "sync") return commandSync(a, out, err, abort);
            throw UsageError{"results needs import or sync (not '" + args[1] + "')"};
        }
        auto a = parseArgs(args);
        const auto url = resolveUrl(a.results, defaultRunsFolder());
        // A query does not create a database: a missing file is most likely the wrong folder.
        if (url.kind == ResultsUrl::Kind::Sqlite && !fs::exists(url.sqlitePath))
            throw std::invalid_argument("no results database " + url.redacted() +
                                        " (`run` creates it; elsewhere: --results URL or V2G_RESULTS)");
        auto store = openResultsStore(url);
        if (command == "history") return commandHistory(*store, a, out);
        if (command == "trend") return commandTrend(*store, a, out);
        if (command == "compare") return commandCompare(*store, a, out);
        if (command == "flaky") return commandFlaky(*store, a, out);
        if (command == "dashboard") return commandDashboard(*store, a, out);
        throw std::logic_error("runResultsCommand: not a results command: " + command);
    } catch (const UsageError& e) {
        err << "v2gbench: " << command << ": " << e.message << "\n`v2gbench help " << command << "` describes its options\n";
        return 2;
    } catch (const std::exception& e) {
        err << "v2gbench: " << command << ": " << e.what() << "\n";
        return 2;
    }
}

std::string runResultsUrlProblem(const std::string& resultsOption, const std::string& profileResults,
                                 const std::string& profileAt) {
    try {
        resolveUrl(resultsOption, defaultRunsFolder(), profileResults, profileAt);
        return {};
    } catch (const ResultsUrlError& e) {
        return resultsOption.empty() ? e.what() : std::string("--results: ") + e.what();
    }
}

void recordRunResults(const fs::path& runDir, const std::string& resultsOption, const std::string& profileResults,
                      const std::string& profileAt, std::ostream& out, std::ostream& err) {
    const fs::path runsFolder = fs::absolute(runDir).lexically_normal().parent_path();
    std::optional<ResultsUrl> url;
    try {
        url = resolveUrl(resultsOption, runsFolder, profileResults, profileAt);
        const auto record = readRunFolder(runDir);
        const auto local = url->kind == ResultsUrl::Kind::Sqlite ? *url : localQueueUrl(runsFolder);
        auto store = openResultsStore(local);
        store->writeRun(record);
        if (url->kind == ResultsUrl::Kind::Sqlite) {
            out << "results:    " << store->describe() << "\n";
            return;
        }
        try {
            auto server = openResultsStore(*url);
            server->writeRun(record);
            store->markSynced(record.runKey, url->redacted());
            out << "results:    " << server->describe() << "\n";
        } catch (const std::exception& e) {
            err << "v2gbench: warning: results not sent: " << e.what() << "\n"
                << "v2gbench: the run is queued in " << store->describe() << "; `v2gbench results sync --results "
                << url->redacted() << "` uploads it\n";
        }
    } catch (const std::exception& e) {
        err << "v2gbench: warning: results not recorded: " << e.what() << "\n"
            << "v2gbench: the run folder keeps the run; `v2gbench results import " << runDir.string() << "` stores it later\n";
    }
}

} // namespace v2gbench::app
