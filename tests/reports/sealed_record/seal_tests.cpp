// The sealed record (bench/run_seal.hpp, `v2gbench verify`): every file of a real run folder is in
// the manifest with the software identity; a one-byte change in any file, a missing or an added
// file, and a forged or foreign signature are each found and named.
#include "sealed_run.hpp"

#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/bench/run_seal.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;
using v2gbench::test::TempDir;
namespace bench = v2gbench::bench;

namespace {

json manifestOf(const fs::path& dir) { return json::parse(v2gbench::test::readFile((dir / "manifest.json").string())); }

std::string bytesOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every regular file below the folder, relative, sorted.
std::vector<std::string> filesBelow(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(fs::relative(e.path(), dir).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

bool names(const std::vector<std::string>& list, const std::string& path) {
    return std::find(list.begin(), list.end(), path) != list.end();
}

// One signed run shared by the suite's tests (a run takes a second; each test restores what it changes).
struct SignedRun {
    TempDir dir{"sealed"};
    v2gbench::test::KeyPair lab = v2gbench::test::makeKeyPair(dir.path(), "lab");
    v2gbench::test::KeyPair other = v2gbench::test::makeKeyPair(dir.path(), "other");
    fs::path run = dir.path() / "run";
    int exitCode = v2gbench::test::runSealed(run, lab.privatePem);
};

SignedRun& signedRun() {
    static SignedRun run;
    return run;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sealed_record)

BOOST_AUTO_TEST_CASE(manifest_lists_every_file_with_sha256_and_the_software) {
    auto& r = signedRun();
    BOOST_TEST_REQUIRE(r.exitCode == 0);
    const auto manifest = manifestOf(r.run);
    std::vector<std::string> listed;
    for (const auto& f : manifest.at("files")) {
        listed.push_back(f.at("path").get<std::string>());
        BOOST_TEST(f.at("sha256").get<std::string>() == bench::sha256Hex(bytesOf(r.run / listed.back())));
        BOOST_TEST(f.at("bytes").get<std::uintmax_t>() == fs::file_size(r.run / listed.back()));
    }
    auto expected = filesBelow(r.run);
    expected.erase(std::remove_if(expected.begin(), expected.end(),
                                  [](const auto& p) { return p == "manifest.json" || p == "manifest.sig"; }),
                   expected.end());
    BOOST_TEST(listed == expected, boost::test_tools::per_element());
    for (const auto* f : {"summary.json", "journal.jsonl", "junit.xml", "report.html", "inputs/bench.yaml"})
        BOOST_TEST(names(listed, f), f);
    BOOST_TEST(std::any_of(listed.begin(), listed.end(), [](const auto& p) { return p.rfind("signals/", 0) == 0; }));

    const auto& software = manifest.at("software");
    BOOST_TEST(!software.at("git_commit").get<std::string>().empty());
    BOOST_TEST(!software.at("build_type").get<std::string>().empty());
    // This test binary ran the run: its own bytes are the binary's hash.
    BOOST_TEST(software.at("binary_sha256").get<std::string>() == bench::sha256Hex(bytesOf("/proc/self/exe")));
    BOOST_TEST(manifest.at("signature").at("algorithm") == "Ed25519");
    BOOST_TEST(manifest.contains("inputs")); // what the run wrote at its start is kept

    const auto check = bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem));
    BOOST_TEST(check.intact());
    BOOST_TEST(bench::toString(check.signature) == "good");
}

BOOST_AUTO_TEST_CASE(a_one_byte_change_in_any_file_is_found_and_named) {
    auto& r = signedRun();
    BOOST_TEST_REQUIRE(r.exitCode == 0);
    const auto files = filesBelow(r.run);
    BOOST_TEST_REQUIRE(files.size() > 8u);
    for (const auto& rel : files) {
        const auto path = r.run / rel;
        const auto original = bytesOf(path);
        auto altered = original;
        if (altered.empty()) altered.push_back('x');
        else altered[altered.size() / 2] = static_cast<char>(altered[altered.size() / 2] ^ 0x01);
        writeBytes(path, altered);
        const auto check = bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem));
        BOOST_TEST(!check.intact(), rel);
        if (rel == "manifest.json" || rel == "manifest.sig")
            BOOST_TEST(bench::toString(check.signature) == "bad", rel);
        else
            BOOST_TEST((check.changed == std::vector<std::string>{rel}), rel << " named as changed");
        writeBytes(path, original);
    }
    BOOST_TEST(bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem)).intact());
}

// A change that breaks the manifest's JSON is a tampered record (exit 1 with the reason), not bad
// input: whichever byte the one-byte test above flips, verify answers.
BOOST_AUTO_TEST_CASE(a_manifest_that_no_longer_reads_is_not_intact) {
    auto& r = signedRun();
    BOOST_TEST_REQUIRE(r.exitCode == 0);
    const auto path = r.run / "manifest.json";
    const auto original = bytesOf(path);
    auto broken = original;
    broken[0] = '!';
    writeBytes(path, broken);
    const auto withKey = bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem));
    const auto withoutKey = bench::verifyRunFolder(r.run);
    writeBytes(path, original);
    BOOST_TEST(!withKey.intact());
    BOOST_TEST((withKey.changed == std::vector<std::string>{"manifest.json"}));
    BOOST_TEST(bench::toString(withKey.signature) == "bad");
    BOOST_TEST(withKey.signatureDetail.find("cannot be read") != std::string::npos, withKey.signatureDetail);
    BOOST_TEST(!withoutKey.intact());
    BOOST_TEST((withoutKey.changed == std::vector<std::string>{"manifest.json"}));
    BOOST_TEST(bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem)).intact());
}

BOOST_AUTO_TEST_CASE(missing_and_extra_files_are_named) {
    auto& r = signedRun();
    BOOST_TEST_REQUIRE(r.exitCode == 0);
    const auto saved = bytesOf(r.run / "junit.xml");
    fs::remove(r.run / "junit.xml");
    writeBytes(r.run / "signals" / "9999.csv", "time_s,x\n");
    const auto check = bench::verifyRunFolder(r.run);
    BOOST_TEST((check.missing == std::vector<std::string>{"junit.xml"}));
    BOOST_TEST((check.extra == std::vector<std::string>{"signals/9999.csv"}));
    BOOST_TEST(check.changed.empty());
    BOOST_TEST(bench::toString(check.signature) == "not checked");

    std::string out;
    BOOST_TEST(v2gbench::test::cli({"verify", r.run.string()}, &out) == 1);
    BOOST_TEST(out.find("missing  junit.xml") != std::string::npos, out);
    BOOST_TEST(out.find("extra    signals/9999.csv") != std::string::npos, out);
    fs::remove(r.run / "signals" / "9999.csv");
    writeBytes(r.run / "junit.xml", saved);
    BOOST_TEST(v2gbench::test::cli({"verify", r.run.string(), "--pubkey", r.lab.publicPem}, &out) == 0);
    BOOST_TEST(out.find("signature: good") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(a_forged_or_foreign_signature_is_bad) {
    auto& r = signedRun();
    BOOST_TEST_REQUIRE(r.exitCode == 0);
    const auto manifestText = bytesOf(r.run / "manifest.json");
    const auto signature = bytesOf(r.run / "manifest.sig");

    // Another key's public half: the manifest names the lab's key.
    auto check = bench::verifyRunFolder(r.run, fs::path(r.other.publicPem));
    BOOST_TEST(bench::toString(check.signature) == "bad");
    BOOST_TEST(check.signatureDetail.find("another signing key") != std::string::npos, check.signatureDetail);

    // A forger changes a trace, re-hashes it into the manifest and keeps the old signature.
    const auto trace = r.run / "signals" / "0001.csv";
    const auto traceText = bytesOf(trace);
    writeBytes(trace, traceText + "999.0,0\n");
    auto manifest = json::parse(manifestText);
    for (auto& f : manifest["files"])
        if (f["path"] == "signals/0001.csv") f["sha256"] = bench::sha256Hex(bytesOf(trace));
    writeBytes(r.run / "manifest.json", manifest.dump(2) + "\n");
    check = bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem));
    BOOST_TEST(check.changed.empty()); // the hashes agree …
    BOOST_TEST(bench::toString(check.signature) == "bad"); // … the signature does not
    std::string out;
    BOOST_TEST(v2gbench::test::cli({"verify", r.run.string(), "--pubkey", r.lab.publicPem}, &out) == 1);
    BOOST_TEST(out.find("signature: bad") != std::string::npos, out);

    // The forger re-seals with their own key: the lab's key refuses it.
    bench::sealRunFolder(r.run, bench::runningSoftware(), fs::path(r.other.privatePem));
    BOOST_TEST(bench::toString(bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem)).signature) == "bad");
    // Without the signature file the signed manifest is not accepted either.
    writeBytes(trace, traceText);
    writeBytes(r.run / "manifest.json", manifestText);
    fs::remove(r.run / "manifest.sig");
    check = bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem));
    BOOST_TEST(bench::toString(check.signature) == "bad");
    writeBytes(r.run / "manifest.sig", signature);
    BOOST_TEST(bench::verifyRunFolder(r.run, fs::path(r.lab.publicPem)).intact());
}

BOOST_AUTO_TEST_CASE(bad_inputs_are_exit_2_naming_the_file) {
    auto& r = signedRun();
    TempDir dir("seal-bad");
    std::string out, err;
    // Not a run folder.
    BOOST_TEST(v2gbench::test::cli({"verify", dir.path().string()}, &out, &err) == 2);
    BOOST_TEST(err.find("manifest.json: no manifest") != std::string::npos, err);
    // A public key that is not one.
    writeBytes(dir.path() / "junk.pub", "not a key\n");
    BOOST_TEST(v2gbench::test::cli({"verify", r.run.string(), "--pubkey", (dir.path() / "junk.pub").string()}, &out, &err) == 2);
    BOOST_TEST(err.find("junk.pub: not a PEM Ed25519 public key") != std::string::npos, err);
    // A manifest written at the start of a run that never sealed.
    writeBytes(dir.path() / "manifest.json", "{\"inputs\": []}\n");
    BOOST_TEST(v2gbench::test::cli({"verify", dir.path().string()}, &out, &err) == 2);
    BOOST_TEST(err.find("not sealed") != std::string::npos, err);
    // A signing key that is not one refuses the run before anything runs.
    const auto runDir = dir.path() / "never";
    BOOST_TEST(v2gbench::test::runSealed(runDir, (dir.path() / "junk.pub").string(), &err) == 2);
    BOOST_TEST(err.find("--sign-key: error: signing key:") != std::string::npos, err);
    BOOST_TEST(!fs::exists(runDir));
}

BOOST_AUTO_TEST_CASE(an_unsigned_run_is_sealed_and_a_key_asks_for_a_signature) {
    TempDir dir("seal-unsigned");
    const auto run = dir.path() / "run";
    BOOST_TEST_REQUIRE(v2gbench::test::runSealed(run, "") == 0);
    BOOST_TEST(!fs::exists(run / "manifest.sig"));
    BOOST_TEST(!manifestOf(run).contains("signature"));
    auto check = bench::verifyRunFolder(run);
    BOOST_TEST(check.intact());
    BOOST_TEST(bench::toString(check.signature) == "unsigned");
    const auto keys = v2gbench::test::makeKeyPair(dir.path(), "lab");
    check = bench::verifyRunFolder(run, fs::path(keys.publicPem));
    BOOST_TEST(!check.intact());
    BOOST_TEST(check.signatureDetail == "the manifest is not signed");
}

BOOST_AUTO_TEST_SUITE_END()
