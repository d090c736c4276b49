// The run information in the desktop app (issue 13 item 6, issue 16 operator mode): every run the
// app starts is a certification run and asks who tests which sample for whom first. The answers
// go into the run folder (run-info.yaml, summary.json run_info, under the seal), the audit trail
// and the PDF report; Cancel starts nothing; a missing required field keeps OK disabled, named.
#include "child_process.hpp"
#include "gui_fixture.hpp"
#include "v2gbench/app/verify_command.hpp"
#include "v2gbench/gui/run_info_dialog.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>

#include <sstream>

namespace fs = std::filesystem;
using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

void selectRun(test::GuiFixture& f) {
    f.window->runner()->selectPlans({QString::fromStdString(sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"))});
    f.window->runner()->setDefect("");
    f.window->runner()->setPace(gui::Pace::AsFastAsPossible);
    f.window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
}

QStringList auditLines(test::GuiFixture& f) {
    QStringList lines;
    auto* list = f.find<QListWidget>("audit.list");
    for (int i = 0; list && i < list->count(); ++i) lines << list->item(i)->text();
    return lines;
}

void fillAll(gui::RunInfoDialog* d) {
    test::GuiFixture::fillRunInfo(d);
    d->setField("report_number", "RPT-GUI-0013");
    d->setField("sample.received", "2026-12-01");
    d->setField("test_location", "bench 2, room 101");
    d->setField("environment.temperature", "23.4 °C");
    d->setField("environment.humidity", "41 %RH");
    d->setField("sign_off.reviewer", "R. Viewer");
    d->setField("sign_off.approver", "A. Prover");
}

} // namespace

BOOST_AUTO_TEST_SUITE(run_info_dialog)

BOOST_FIXTURE_TEST_CASE(a_certification_run_records_the_answers_in_the_folder_the_audit_trail_and_the_pdf, test::GuiFixture) {
    int asked = 0;
    answerRunInfo = [&](gui::RunInfoDialog* d) {
        ++asked;
        fillAll(d);
        d->accept();
    };
    selectRun(*this);
    std::optional<gui::RunFinished> done;
    QObject::connect(window->runs(), &gui::RunController::finished, [&](const gui::RunFinished& r) { done = r; });
    window->startRun();
    BOOST_TEST(asked == 1);
    BOOST_REQUIRE(waitUntil([&] { return done.has_value(); }, 90000));
    BOOST_TEST_REQUIRE(done->verdict.toStdString() == "pass", done->error.toStdString());
    BOOST_TEST(done->pdfFailure.toStdString() == "");
    const fs::path run = done->runDir.toStdString();

    // run-info.yaml reads back through the file's own reader.
    const auto info = reports_pdf::loadRunInfo(run / "run-info.yaml");
    BOOST_TEST(info.reportNumber == "RPT-GUI-0013");
    BOOST_TEST(info.sampleSerial == "SN-GUI-0001");
    BOOST_TEST(info.sampleFirmware == "fw 1.0.0");
    BOOST_TEST(info.labName == "v2gbench test lab");
    BOOST_TEST(info.operatorName == "gui-tester");
    BOOST_TEST(info.temperature == "23.4 °C");
    BOOST_TEST(info.environmentSource == "entered by the operator");

    const auto summary = nlohmann::json::parse(test::readFile((run / "summary.json").string()));
    BOOST_TEST(summary.at("run_info").at("operator") == "gui-tester");
    BOOST_TEST(summary.at("run_info").at("sample_serial") == "SN-GUI-0001");
    BOOST_TEST(summary.at("run_info").at("firmware") == "fw 1.0.0");
    BOOST_TEST(summary.at("certification").at("for_certification") == true);

    BOOST_TEST(auditLines(*this).filter("run started by gui-tester on sample SN-GUI-0001 fw fw 1.0.0").size() == 1);

    // The PDF, inside the sealed folder: the seal covers it and run-info.yaml.
    BOOST_TEST_REQUIRE(done->pdfFiles.size() == 1);
    BOOST_TEST(done->pdfFiles.front().toStdString() == (run / "report-en.pdf").string());
    const auto [code, text] = test::runProgram({"/usr/bin/pdftotext", "-raw", (run / "report-en.pdf").string(), "-"},
                                               (work.path() / "pdftotext.err").string());
    BOOST_TEST_REQUIRE(code == 0);
    BOOST_TEST(text.find("SN-GUI-0001") != std::string::npos);
    BOOST_TEST(text.find("RPT-GUI-0013") != std::string::npos);
    std::ostringstream out, err;
    BOOST_TEST(app::runVerify({run.string()}, out, err) == 0, out.str() << err.str());
    BOOST_TEST(test::readFile((run / "manifest.json").string()).find("run-info.yaml") != std::string::npos);

    // The next run's dialog offers the previous answers (not the report number: one per report).
    gui::RunInfoDialog* again = nullptr;
    answerRunInfo = [&](gui::RunInfoDialog* d) { again = d; };
    window->startRun();
    BOOST_REQUIRE(again);
    BOOST_TEST(again->field("sample.serial")->text().toStdString() == "SN-GUI-0001");
    BOOST_TEST(again->field("sign_off.reviewer")->text().toStdString() == "R. Viewer");
    BOOST_TEST(again->field("report_number")->text().isEmpty());
    BOOST_TEST(again->runInfo().reportNumber.find("-dc-voltage-control-error") != std::string::npos); // the run id
    again->reject();
}

BOOST_FIXTURE_TEST_CASE(cancel_starts_nothing, test::GuiFixture) {
    int asked = 0;
    answerRunInfo = [&](gui::RunInfoDialog* d) {
        ++asked;
        fillAll(d);
        d->reject();
    };
    selectRun(*this);
    window->startRun();
    // Nothing is validated or started after a Cancel: the run's only way on is the dialog's OK.
    BOOST_TEST(asked == 1);
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST((!QDir(window->runsRoot()).exists() || QDir(window->runsRoot()).isEmpty()));
    BOOST_TEST(auditLines(*this).filter("run started by").isEmpty());
    // The app is not stuck: the next Run asks again.
    window->startRun();
    BOOST_TEST(asked == 2);
    BOOST_TEST(!window->runs()->isRunning());
}

BOOST_FIXTURE_TEST_CASE(a_missing_required_field_keeps_ok_disabled_and_is_named, test::GuiFixture) {
    gui::RunInfoDialog dialog(true, "20261207T200000Z-run");
    BOOST_TEST(!dialog.okEnabled());
    test::GuiFixture::fillRunInfo(&dialog);
    BOOST_TEST(dialog.okEnabled());
    BOOST_TEST(dialog.problem().isEmpty());
    dialog.setField("sample.firmware", "  ");
    dialog.setField("customer.name", "");
    BOOST_TEST(!dialog.okEnabled());
    BOOST_TEST(dialog.problem().toStdString() == "Required for a certification run: Firmware, Customer");
    dialog.accept(); // OK by the keyboard: refused
    BOOST_TEST(dialog.result() != QDialog::Accepted);
    for (const auto& key : reports_pdf::missingForCertification({})) {
        test::GuiFixture::fillRunInfo(&dialog);
        dialog.setField(key, "");
        BOOST_TEST(!dialog.okEnabled(), key);
    }
    // The report number defaults to the run id, as the CLI's PDF without a run-information file.
    test::GuiFixture::fillRunInfo(&dialog);
    BOOST_TEST(dialog.runInfo().reportNumber == "20261207T200000Z-run");
    // A run not for certification: every field optional.
    gui::RunInfoDialog optional(false, "run");
    for (const auto& key : reports_pdf::missingForCertification({})) optional.setField(key, "");
    BOOST_TEST(optional.okEnabled());
}

// The dialog as an operator sees it, for a human to look at (<build>/test-output/gui/).
BOOST_FIXTURE_TEST_CASE(screenshot_of_the_dialog, test::GuiFixture) {
    gui::RunInfoDialog dialog(true, "20261207T201500Z-dc-voltage-control-error", window.get());
    fillAll(&dialog);
    dialog.setField("sample.firmware", "");
    dialog.setLanguage("zh");
    dialog.show();
    QCoreApplication::processEvents();
    const QImage image = dialog.grab().toImage();
    const QString dir = QString(V2G_BINARY_DIR) + "/test-output/gui";
    QDir().mkpath(dir);
    BOOST_REQUIRE(image.save(dir + "/07-run-info-dialog.png"));
    BOOST_TEST_MESSAGE("screenshot " << (dir + "/07-run-info-dialog.png").toStdString());
    BOOST_TEST(image.width() > 300);
    dialog.reject();
}

BOOST_AUTO_TEST_SUITE_END()
