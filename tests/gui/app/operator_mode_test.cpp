// Operator mode (issue 16): the app runs only approved plan sets (`v2gbench approve`), signed with
// the lab's key; no manual control; the run records the set; a plan edited after approval is
// refused before anything is switched on.
#include "gui_fixture.hpp"
#include "v2gbench/bench/approved_plan_set.hpp"
#include "v2gbench/gui/approved_sets_panel.hpp"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QListWidget>
#include <QProcess>
#include <QTabWidget>

#include <fstream>

namespace fs = std::filesystem;
using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

// `openssl genpkey -algorithm ed25519` and its public half, as a lab makes its key.
bool makeKey(const fs::path& dir) {
    QProcess gen;
    gen.start("openssl", {"genpkey", "-algorithm", "ed25519", "-out", QString::fromStdString((dir / "lab.key").string())});
    if (!gen.waitForFinished(20000) || gen.exitCode() != 0) return false;
    QProcess pub;
    pub.start("openssl", {"pkey", "-in", QString::fromStdString((dir / "lab.key").string()), "-pubout", "-out",
                          QString::fromStdString((dir / "lab.pub").string())});
    return pub.waitForFinished(20000) && pub.exitCode() == 0;
}

void copyFile(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

} // namespace

BOOST_AUTO_TEST_SUITE(operator_mode)

BOOST_FIXTURE_TEST_CASE(runs_only_approved_sets_and_records_the_set, test::GuiFixture) {
    test::TempDir lab("operator");
    BOOST_REQUIRE(makeKey(lab.path()));
    // The engineer's approval: a copy of a plan (so the test can edit it), the simulated bench, the DUT.
    const fs::path plan = lab.path() / "plans" / "dc-voltage-control-error.yaml";
    copyFile(sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"), plan);
    const fs::path sets = lab.path() / "sets";
    fs::create_directories(sets);
    bench::ApprovalRequest approval;
    approval.title = "DC voltage control error";
    approval.approvedBy = "E. Engineer";
    approval.bench = sourcePath("benches/sim.yaml");
    approval.dut = sourcePath("testplans/duts/sim-v2g-charger.yaml");
    approval.plans = {plan};
    approval.signingKey = lab.path() / "lab.key";
    bench::writeApprovedPlanSet(sets / "dc-voltage.planset.json", approval);
    // A set nobody signed: listed, may not run.
    approval.title = "Unsigned set";
    approval.signingKey.reset();
    bench::writeApprovedPlanSet(sets / "unsigned.planset.json", approval);

    window->enterOperatorMode(QString::fromStdString(sets.string()), QString::fromStdString((lab.path() / "lab.pub").string()));
    gui::ApprovedSetsPanel* panel = window->approvedSets();
    BOOST_REQUIRE(panel);
    BOOST_TEST(panel->setCount() == 2);
    BOOST_TEST(panel->runnableCount() == 1);
    BOOST_TEST(!panel->selectSet("Unsigned set"));
    BOOST_TEST(panel->selectSet("DC voltage control error"));
    // No plan list, no manual control.
    BOOST_TEST(!find<QListWidget>("runner.plans")->isVisible());
    BOOST_TEST(!find<QComboBox>("runner.defect")->isVisible());
    BOOST_TEST(find<QListWidget>("operator.sets")->isVisible());
    BOOST_TEST(window->windowTitle().contains("operator mode"));
    for (auto* tabs : window->benchPanel()->findChildren<QTabWidget*>()) BOOST_TEST(!tabs->isVisible());
    BOOST_TEST(window->benchPanel()->benchPath().toStdString() == sourcePath("benches/sim.yaml"));

    std::optional<gui::RunFinished> done;
    QObject::connect(window->runs(), &gui::RunController::finished, [&](const gui::RunFinished& r) { done = r; });
    window->startRun();
    BOOST_REQUIRE(waitUntil([&] { return done.has_value(); }, 90000));
    BOOST_TEST_REQUIRE(done->verdict.toStdString() == "pass", done->error.toStdString());
    const auto summary = nlohmann::json::parse(test::readFile((fs::path(done->runDir.toStdString()) / "summary.json").string()));
    const auto& info = summary.at("run_info");
    BOOST_TEST(info.at("mode").get<std::string>() == "operator");
    BOOST_TEST(info.at("approved_plan_set").get<std::string>() == "DC voltage control error");
    BOOST_TEST(info.at("approved_by").get<std::string>().rfind("E. Engineer ", 0) == 0);
    BOOST_TEST(info.at("approved_plan_set_sha256").get<std::string>().size() == 64u);
    BOOST_TEST(info.at("approved_plan_set_key").get<std::string>().size() == 64u);
    BOOST_TEST(info.at("operator").get<std::string>() == "gui-tester"); // the run-information dialog's
    BOOST_TEST(summary.at("plans").size() == 1u);

    // The plan edited after approval: refused before anything starts, naming the file.
    std::ofstream(plan, std::ios::app) << "# edited on the bench\n";
    const QString before = done->runDir;
    done.reset();
    window->startRun();
    BOOST_TEST(window->lastError().contains("changed since approval"), window->lastError().toStdString());
    BOOST_TEST(window->lastError().contains(QString::fromStdString(plan.string())), window->lastError().toStdString());
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST(!done.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
