// The v2gbench executable's self-description and plan lookup as a user meets them: --version,
// `help COMMAND` equal to `COMMAND --help`, plan ids as `list plans` prints them, and where the
// data folder comes from (V2G_DATA_DIR, else the build tree's source).
#include "child_process.hpp"
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

std::string exe() { return test::binaryPath("cli/v2gbench"); }

// "v2gbench 0.1.0 (commit 4b645955116e)": dotted version, then 12 hex digits with an optional
// "-dirty", or "unknown". (No std::regex: GCC 12 warns inside it in the ASan build.)
bool isVersionLine(const std::string& line) {
    const std::string prefix = "v2gbench ", marker = " (commit ";
    const auto at = line.find(marker);
    if (line.rfind(prefix, 0) != 0 || at == std::string::npos || line.back() != ')') return false;
    const auto version = line.substr(prefix.size(), at - prefix.size());
    int dots = 0;
    for (char c : version) {
        if (c == '.') ++dots;
        else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    auto commit = line.substr(at + marker.size(), line.size() - at - marker.size() - 1);
    if (commit == "unknown") return dots == 2;
    if (commit.size() > 6 && commit.compare(commit.size() - 6, 6, "-dirty") == 0) commit.resize(commit.size() - 6);
    return dots == 2 && commit.size() == 12 &&
           commit.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// V2G_DATA_DIR for the children started while it lives.
class DataDirEnv {
public:
    explicit DataDirEnv(const char* value) {
        if (const char* old = std::getenv("V2G_DATA_DIR")) m_old = old;
        if (value) ::setenv("V2G_DATA_DIR", value, 1);
        else ::unsetenv("V2G_DATA_DIR");
    }
    ~DataDirEnv() {
        if (m_old) ::setenv("V2G_DATA_DIR", m_old->c_str(), 1);
        else ::unsetenv("V2G_DATA_DIR");
    }

private:
    std::optional<std::string> m_old;
};

} // namespace

BOOST_AUTO_TEST_SUITE(cli_help_and_version)

BOOST_AUTO_TEST_CASE(version_names_release_commit_and_the_build_trees_data) {
    TempDir dir("version");
    DataDirEnv unset(nullptr);
    auto [code, out] = test::runProgram({exe(), "--version"}, dir.file("err"));
    BOOST_TEST(code == 0);
    BOOST_TEST(isVersionLine(out.substr(0, out.find('\n'))), out);
    BOOST_TEST(!isVersionLine("v2gbench 0.1 (commit 4b645955116e)"));
    BOOST_TEST(!isVersionLine("v2gbench 0.1.0 (commit 4b64595)"));
    BOOST_TEST(isVersionLine("v2gbench 0.1.0 (commit 4b645955116e-dirty)"));
    BOOST_TEST(isVersionLine("v2gbench 12.0.3 (commit unknown)"));
    // Run from its build tree, the executable reads the source tree it was built from.
    BOOST_TEST(out.find("\ndata: " V2G_SOURCE_DIR "\n") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(help_command_equals_command_help_for_every_command) {
    TempDir dir("help");
    auto [code, overview] = test::runProgram({exe(), "help"}, dir.file("err"));
    BOOST_TEST(code == 0);
    for (const char* command : {"run", "validate", "list", "report", "decode", "analyze"}) {
        BOOST_TEST(overview.find(std::string("  ") + command + " ") != std::string::npos, command);
        auto [helpCode, viaHelp] = test::runProgram({exe(), "help", command}, dir.file("err"));
        auto [flagCode, viaFlag] = test::runProgram({exe(), command, "--help"}, dir.file("err"));
        BOOST_TEST(helpCode == 0);
        BOOST_TEST(flagCode == 0);
        BOOST_TEST(viaHelp == viaFlag, command);
        BOOST_TEST(viaHelp.find(std::string("usage: v2gbench ") + command) == 0u, viaHelp);
    }
    auto [runCode, runHelp] = test::runProgram({exe(), "help", "run"}, dir.file("err"));
    for (const char* option : {"--bench FILE", "--dut FILE", "--ev FILE", "--requirements DIR", "--defect NAME",
                               "--seed N", "--out DIR", "--junit FILE", "--quiet", "exit codes:"})
        BOOST_TEST(runHelp.find(option) != std::string::npos, option);
}

BOOST_AUTO_TEST_CASE(unknown_commands_and_topics_are_usage_errors) {
    TempDir dir("help-bad");
    auto [code, out] = test::runProgram({exe(), "rum"}, dir.file("err"));
    BOOST_TEST(code == 2);
    const auto err = test::readFile(dir.file("err"));
    BOOST_TEST(err.find("v2gbench: unknown command 'rum' (did you mean run?)") == 0u, err);
    BOOST_TEST(err.find("usage: v2gbench COMMAND") != std::string::npos, err);
    auto [topicCode, topicOut] = test::runProgram({exe(), "help", "nonsense"}, dir.file("err2"));
    BOOST_TEST(topicCode == 2);
    BOOST_TEST(test::readFile(dir.file("err2")).find("help: no command 'nonsense'") != std::string::npos);
    // A usage error of one command points at that command's help, not the whole overview.
    auto [optCode, optOut] = test::runProgram({exe(), "run", "x.yaml", "--bench"}, dir.file("err3"));
    BOOST_TEST(optCode == 2);
    const auto optErr = test::readFile(dir.file("err3"));
    BOOST_TEST(optErr.find("v2gbench: option --bench needs a value\nusage: v2gbench run PLAN|ID|DIR...") == 0u, optErr);
    BOOST_TEST(optErr.find("`v2gbench help run`") != std::string::npos, optErr);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_plan_ids)

BOOST_AUTO_TEST_CASE(every_listed_id_runs_validates_and_a_typo_gets_the_near_match) {
    TempDir dir("ids");
    auto [listCode, listing] = test::runProgram({exe(), "list", "plans"}, dir.file("err"));
    BOOST_REQUIRE(listCode == 0);
    std::vector<std::string> ids;
    std::istringstream lines(listing);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] != ' ') ids.push_back(line.substr(0, line.find(' ')));
    BOOST_REQUIRE(ids.size() >= 10u);
    std::vector<std::string> validate{exe(), "validate"};
    validate.insert(validate.end(), ids.begin(), ids.end());
    auto [validateCode, validated] = test::runProgram(validate, dir.file("err"));
    BOOST_TEST(validateCode == 0, test::readFile(dir.file("err")));
    for (const auto& id : ids) BOOST_TEST(validated.find("(" + id + ", ") != std::string::npos, id);

    auto [runCode, runOut] =
        test::runProgram({exe(), "run", "gbt34657-cc1-break", "--out", dir.file("run"), "--quiet"}, dir.file("err"));
    BOOST_TEST(runCode == 0, test::readFile(dir.file("err")));
    const auto summary = nlohmann::json::parse(test::readFile(dir.file("run/summary.json")));
    BOOST_TEST(summary.at("plans").at(0).at("source").get<std::string>() ==
               test::sourcePath("testplans/gbt34657/cc1-break.yaml"));

    auto [typoCode, typoOut] = test::runProgram({exe(), "run", "gbt34657-cc1-brake", "--out", dir.file("typo")},
                                                dir.file("err"));
    BOOST_TEST(typoCode == 2);
    const auto err = test::readFile(dir.file("err"));
    BOOST_TEST(err.find("v2gbench: 'gbt34657-cc1-brake' is neither a file nor the id of a plan in " +
                        test::sourcePath("testplans") + "; did you mean gbt34657-cc1-break?") == 0u, err);
    BOOST_TEST(!std::filesystem::exists(dir.file("typo")));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_data_dir)

BOOST_AUTO_TEST_CASE(v2g_data_dir_overrides_and_must_be_a_folder) {
    TempDir dir("datadir");
    // A data folder of one plan: `list plans` and the id lookup read it, not the build's source.
    std::filesystem::create_directories(dir.path() / "data/testplans/mine");
    std::filesystem::copy_file(test::sourcePath("testplans/gbt34657/cc1-break.yaml"),
                               dir.path() / "data/testplans/mine/only.yaml");
    // Its limits are catalogue criteria: a data folder carries its catalogues.
    std::filesystem::copy(test::sourcePath("testplans/requirements"), dir.path() / "data/testplans/requirements");
    {
        DataDirEnv data(dir.file("data").c_str());
        auto [code, out] = test::runProgram({exe(), "list", "plans"}, dir.file("err"));
        BOOST_TEST(code == 0, test::readFile(dir.file("err")));
        BOOST_TEST(out.find("gbt34657-cc1-break") != std::string::npos);
        BOOST_TEST(out.find("testplans/mine/only.yaml") != std::string::npos, out);
        BOOST_TEST(out.find("gbt34658") == std::string::npos, out);
        auto [version, versionOut] = test::runProgram({exe(), "--version"}, dir.file("err"));
        BOOST_TEST(versionOut.find("\ndata: " + dir.file("data") + "\n") != std::string::npos, versionOut);
    }
    {
        DataDirEnv missing(dir.file("nowhere").c_str());
        auto [code, out] = test::runProgram({exe(), "list", "plans"}, dir.file("err"));
        BOOST_TEST(code == 2);
        BOOST_TEST(test::readFile(dir.file("err")) == "v2gbench: V2G_DATA_DIR='" + dir.file("nowhere") + "' is not a directory\n");
    }
}

BOOST_AUTO_TEST_SUITE_END()
