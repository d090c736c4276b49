// Inspect steps in the desktop app: the run asks the operator in a dialog and records the answer
// with who gave it; "No answer" makes the check a bench error saying how to answer (the plan then
// stops after that case, as for any bench error); an abort while
// the dialog waits ends the run (no hang) with the dialog closed.
#include "gui_fixture.hpp"
#include "v2gbench/gui/inspect_dialog.hpp"

#include <boost/test/unit_test.hpp>

#include <QApplication>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

const char* kInspection = "testplans/gbt34657/coupler-inspection.yaml";

void startInspection(test::GuiFixture& f) {
    f.window->runner()->selectPlans({QString::fromStdString(sourcePath(kInspection))});
    f.window->runner()->setDefect("");
    f.window->runner()->setPace(gui::Pace::AsFastAsPossible);
    f.window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
    f.window->startRun();
}

bool finished(test::GuiFixture& f) {
    return waitUntil([&] { return !f.window->runs()->isRunning() && !f.window->results()->runDir().isEmpty(); }, 90000);
}

std::vector<nlohmann::json> inspectChecks(const QString& runDir) {
    std::ifstream in((runDir + "/summary.json").toStdString());
    const auto summary = nlohmann::json::parse(in);
    std::vector<nlohmann::json> out;
    for (const auto& p : summary.at("plans"))
        for (const auto& c : p.at("cases"))
            for (const auto& ch : c.at("checks"))
                if (ch.contains("answer") || ch.value("kind", "") == "inspect") out.push_back(ch);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(inspect_dialog)

BOOST_FIXTURE_TEST_CASE(answers_are_asked_and_recorded_with_who_gave_them, test::GuiFixture) {
    auto* answers = window->runs()->operatorDialog();
    BOOST_REQUIRE(answers);
    int asked = 0;
    QObject::connect(answers, &gui::DialogAnswers::asking, [&](gui::InspectDialog* d) {
        ++asked;
        // An unusable answer is refused with the reason, and the dialog stays open.
        d->setEnteredBy("");
        d->setAnswer("yes");
        BOOST_TEST(!d->tryAccept());
        BOOST_TEST(!d->problem().isEmpty());
        d->setEnteredBy("Li Wei");
        BOOST_TEST(d->tryAccept());
    });
    startInspection(*this);
    BOOST_REQUIRE(finished(*this));
    BOOST_TEST(asked == 4); // plug, gauge force, inlet, outline
    BOOST_TEST(window->results()->runVerdict().toStdString() == "pass");
    const auto checks = inspectChecks(window->results()->runDir());
    BOOST_TEST(checks.size() == 4u);
    for (const auto& ch : checks) {
        BOOST_TEST(ch.at("verdict").get<std::string>() == "pass", ch.dump());
        BOOST_TEST(ch.at("answer").at("by").get<std::string>() == "Li Wei");
        BOOST_TEST(ch.at("answer").at("origin").get<std::string>() == "dialog");
        BOOST_TEST(ch.at("answer").at("value").get<std::string>() == "yes");
    }
}

BOOST_FIXTURE_TEST_CASE(no_answer_is_a_bench_error_that_says_how_to_answer, test::GuiFixture) {
    QObject::connect(window->runs()->operatorDialog(), &gui::DialogAnswers::asking,
                     [](gui::InspectDialog* d) { d->reject(); });
    startInspection(*this);
    BOOST_REQUIRE(finished(*this));
    // A bench error ends the plan after its case: the first case's two questions were asked.
    const auto checks = inspectChecks(window->results()->runDir());
    BOOST_TEST(checks.size() == 2u);
    for (const auto& ch : checks) {
        BOOST_TEST(ch.at("verdict").get<std::string>() == "error", ch.dump());
        BOOST_TEST(ch.dump().find("inspection dialog") != std::string::npos, ch.dump());
    }
}

BOOST_FIXTURE_TEST_CASE(abort_while_the_dialog_waits_ends_the_run, test::GuiFixture) {
    QPointer<gui::InspectDialog> open;
    QObject::connect(window->runs()->operatorDialog(), &gui::DialogAnswers::asking,
                     [&](gui::InspectDialog* d) { open = d; });
    startInspection(*this);
    BOOST_REQUIRE(waitUntil([&] { return !open.isNull(); }, 30000));
    window->abortRun();
    BOOST_REQUIRE(confirmYes("confirm.abort")); // Esc / Abort asks first (issue 16)
    BOOST_REQUIRE(finished(*this));
    BOOST_TEST(open.isNull()); // closed (deleted on close)
    BOOST_TEST(window->results()->runVerdict().toStdString() != "pass");
}

BOOST_AUTO_TEST_SUITE_END()
