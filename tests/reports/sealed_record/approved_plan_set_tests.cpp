// Approved plan sets for operator mode (bench/approved_plan_set.hpp, `v2gbench approve`): a set
// records each file's SHA-256 and the lab's Ed25519 signature; a changed plan, an altered set,
// another key's signature or a missing key each refuse it, naming why.
#include "sealed_run.hpp"

#include "v2gbench/bench/approved_plan_set.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

namespace fs = std::filesystem;
using v2gbench::test::TempDir;
namespace bench = v2gbench::bench;

namespace {

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string bytesOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool anyContains(const std::vector<std::string>& problems, const std::string& text) {
    for (const auto& p : problems)
        if (p.find(text) != std::string::npos) return true;
    return false;
}

// A lab folder: a bench, a DUT profile and two plans (their content does not matter here).
struct Lab {
    TempDir dir{"approved"};
    v2gbench::test::KeyPair key = v2gbench::test::makeKeyPair(dir.path(), "lab");
    v2gbench::test::KeyPair other = v2gbench::test::makeKeyPair(dir.path(), "other");
    fs::path bench = dir.path() / "benches" / "lab.yaml";
    fs::path dut = dir.path() / "duts" / "charger.yaml";
    fs::path planA = dir.path() / "plans" / "a.yaml";
    fs::path planB = dir.path() / "plans" / "b.yaml";
    fs::path sets = dir.path() / "sets";
    Lab() {
        for (const auto& p : {bench, dut, planA, planB}) {
            fs::create_directories(p.parent_path());
            writeBytes(p, "# " + p.filename().string() + "\n");
        }
        fs::create_directories(sets);
    }
    std::vector<std::string> approveArgs(const fs::path& set, bool sign) const {
        std::vector<std::string> args{"approve",      set.string(), "--title", "DC certification", "--by", "J. Engineer",
                                      "--bench",      bench.string(), "--dut", dut.string()};
        if (sign) args.insert(args.end(), {"--sign-key", key.privatePem});
        args.insert(args.end(), {planA.string(), planB.string()});
        return args;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(approved_plan_sets)

BOOST_AUTO_TEST_CASE(a_signed_set_runs_until_anything_changes) {
    Lab lab;
    const fs::path set = lab.sets / "dc.planset.json";
    std::string out, err;
    BOOST_REQUIRE_EQUAL(v2gbench::test::cli(lab.approveArgs(set, true), &out, &err), 0);
    BOOST_TEST(out.find("2 plans approved by J. Engineer, signed") != std::string::npos, out);
    BOOST_TEST(fs::exists(set.string() + ".sig"));
    const auto json = nlohmann::json::parse(bytesOf(set));
    BOOST_TEST(json.at("plans").at(0).at("file").get<std::string>() == "../plans/a.yaml"); // relative: the lab folder moves
    BOOST_TEST(json.at("bench").at("sha256").get<std::string>().size() == 64u);

    auto check = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(check.ok(), (check.problems.empty() ? "" : check.problems.front()));
    BOOST_REQUIRE(check.set);
    BOOST_TEST(check.set->plans.size() == 2u);
    BOOST_TEST(check.set->title == "DC certification");
    BOOST_TEST(fs::equivalent(check.set->plans[1].path, lab.planB));
    BOOST_TEST(v2gbench::test::cli({"approve", "--check", set.string(), "--pubkey", lab.key.publicPem}, &out) == 0);
    BOOST_TEST(out.find("may run, every file as approved") != std::string::npos, out);

    // A plan edited after approval: refused, naming it.
    const std::string planText = bytesOf(lab.planB);
    writeBytes(lab.planB, planText + "# edited\n");
    check = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(!check.ok());
    BOOST_TEST(anyContains(check.problems, lab.planB.string() + ": changed since approval"));
    BOOST_TEST(v2gbench::test::cli({"approve", "--check", set.string(), "--pubkey", lab.key.publicPem}, &out) == 1);
    BOOST_TEST(out.find("may NOT run (1 reason)") != std::string::npos, out);
    writeBytes(lab.planB, planText);

    // A missing DUT profile.
    fs::rename(lab.dut, lab.dut.string() + ".moved");
    check = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(anyContains(check.problems, lab.dut.string()));
    fs::rename(lab.dut.string() + ".moved", lab.dut);

    // The set itself altered (a plan's hash replaced by the edited plan's): the signature no longer matches.
    const std::string setText = bytesOf(set);
    std::string forged = setText;
    forged.replace(forged.find("J. Engineer"), 11, "J. Operator");
    writeBytes(set, forged);
    check = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(anyContains(check.problems, "the signature does not match"));
    writeBytes(set, setText);

    // Another key, no key, and a missing signature file.
    check = bench::checkApprovedPlanSet(set, fs::path(lab.other.publicPem));
    BOOST_TEST(anyContains(check.problems, "signed with another key"));
    check = bench::checkApprovedPlanSet(set, std::nullopt);
    BOOST_TEST(anyContains(check.problems, "no public key is configured"));
    fs::rename(set.string() + ".sig", set.string() + ".sig.moved");
    check = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(anyContains(check.problems, ".sig: missing"));
    fs::rename(set.string() + ".sig.moved", set.string() + ".sig");
    BOOST_TEST(bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem)).ok());
}

BOOST_AUTO_TEST_CASE(an_unsigned_set_is_checked_by_its_hashes_only_where_no_key_is_configured) {
    Lab lab;
    const fs::path set = lab.sets / "hashed.planset.json";
    BOOST_REQUIRE_EQUAL(v2gbench::test::cli(lab.approveArgs(set, false)), 0);
    BOOST_TEST(!fs::exists(set.string() + ".sig"));
    BOOST_TEST(bench::checkApprovedPlanSet(set, std::nullopt).ok());
    const auto withKey = bench::checkApprovedPlanSet(set, fs::path(lab.key.publicPem));
    BOOST_TEST(anyContains(withKey.problems, "not signed; this bench accepts only sets signed"));
    // The folder listing finds both kinds, each checked.
    BOOST_REQUIRE_EQUAL(v2gbench::test::cli(lab.approveArgs(lab.sets / "signed.planset.json", true)), 0);
    writeBytes(lab.sets / "notes.txt", "not a set\n");
    const auto found = bench::findApprovedPlanSets(lab.sets, fs::path(lab.key.publicPem));
    BOOST_REQUIRE(found.size() == 2u);
    BOOST_TEST(!found[0].ok()); // hashed.planset.json: unsigned
    BOOST_TEST(found[1].ok());  // signed.planset.json
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_naming_it) {
    Lab lab;
    std::string out, err;
    // No bench.
    BOOST_TEST(v2gbench::test::cli({"approve", (lab.sets / "x.planset.json").string(), "--title", "T", "--by", "E",
                                    lab.planA.string()},
                                   &out, &err) == 2);
    BOOST_TEST(err.find("option --bench is required") != std::string::npos, err);
    // Not a .planset.json name.
    auto args = lab.approveArgs(lab.sets / "x.json", false);
    BOOST_TEST(v2gbench::test::cli(args, &out, &err) == 2);
    BOOST_TEST(err.find("ends in .planset.json") != std::string::npos, err);
    // A plan that does not exist: nothing written.
    args = lab.approveArgs(lab.sets / "y.planset.json", false);
    args.push_back((lab.dir.path() / "plans" / "missing.yaml").string());
    BOOST_TEST(v2gbench::test::cli(args, &out, &err) == 2);
    BOOST_TEST(err.find("missing.yaml") != std::string::npos, err);
    BOOST_TEST(!fs::exists(lab.sets / "y.planset.json"));
    // A signing key that is not one: nothing written.
    writeBytes(lab.dir.path() / "junk.key", "not a key\n");
    args = lab.approveArgs(lab.sets / "z.planset.json", false);
    args.insert(args.begin() + 2, {"--sign-key", (lab.dir.path() / "junk.key").string()});
    BOOST_TEST(v2gbench::test::cli(args, &out, &err) == 2);
    BOOST_TEST(err.find("junk.key: not a PEM Ed25519 private key") != std::string::npos, err);
    BOOST_TEST(!fs::exists(lab.sets / "z.planset.json"));
    // --check on a file that is not a set.
    writeBytes(lab.sets / "bad.planset.json", "{\"plans\": 3}\n");
    BOOST_TEST(v2gbench::test::cli({"approve", "--check", (lab.sets / "bad.planset.json").string()}, &out, &err) == 2);
    BOOST_TEST(out.find("bad.planset.json") != std::string::npos, out);
}

BOOST_AUTO_TEST_SUITE_END()
