// The protocol trace view on real captures (../shared/data/gbt27930): decoded, TP reassembled,
// filtered, analysed, exported.
#include "capture_dir.hpp"
#include "gui_fixture.hpp"
#include "v2gbench/gui/trace_model.hpp"
#include "v2gbench/gui/trace_view.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <QLabel>
#include <QPlainTextEdit>
#include <QTreeWidget>

#include <fstream>

using namespace v2gbench;
using v2gbench::test::waitUntil;

BOOST_AUTO_TEST_SUITE(trace_view)

BOOST_FIXTURE_TEST_CASE(real_candump_capture_decoded_and_filtered, test::GuiFixture) {
    const std::string dir = captureDir();
    if (dir.empty()) {
        BOOST_TEST_MESSAGE("skipped: ../shared/data/gbt27930 not present");
        return;
    }
    gui::TraceView* view = window->trace();
    window->openCapture(QString::fromStdString(dir + "/long-charging-session.candump.log"));
    // Read and decoded on a worker thread: the GUI thread does not wait for it.
    BOOST_TEST(view->isBusy());
    BOOST_REQUIRE(waitUntil([&] { return !view->isBusy(); }, 20000));
    BOOST_TEST(window->lastError().isEmpty(), window->lastError().toStdString());
    // Every good frame of the capture is in the view (the library's own count).
    const auto log = traces::readCapture(traces::openFileSource(dir + "/long-charging-session.candump.log"));
    BOOST_TEST(view->frameCount() == static_cast<int>(log.frames.size()));
    BOOST_TEST(view->frameCount() > 4700);
    int bcl = 0, reassembled = 0;
    for (const auto& r : view->model()->rows()) {
        bcl += r.message == "BCL";
        reassembled += r.message.endsWith("(TP)");
    }
    BOOST_TEST(bcl == 1461);
    BOOST_TEST(reassembled >= 1);
    // Filter by message: only the BCL rows remain; by search text.
    view->filter()->setMessage("BCL");
    BOOST_TEST(view->filter()->rowCount() == 1461);
    view->filter()->setMessage("");
    view->filter()->setSearch("BRM");
    BOOST_TEST(view->filter()->rowCount() >= 1);
    BOOST_TEST(view->filter()->rowCount() < 100);
    view->filter()->setSearch("");

    // Issue 16: a capture opens at its start, the matches are counted, a line can be jumped to.
    BOOST_TEST(view->topRow() == 0);
    const int all = view->model()->rowCount();
    // TP.DT rows are hidden by default: that is a filter too.
    BOOST_TEST(view->matchText().toStdString() ==
               std::to_string(view->filter()->rowCount()) + " of " + std::to_string(all) + " rows");
    view->filter()->setHideTpData(false);
    BOOST_TEST(view->matchText().toStdString() == std::to_string(all) + " rows");
    view->filter()->setHideTpData(true);
    view->filter()->setMessage("BCL");
    BOOST_TEST(view->matchText().toStdString() == "1461 of " + std::to_string(all) + " rows");
    const gui::TraceRow& middle = view->model()->rows()[static_cast<std::size_t>(all / 2)];
    if (middle.message == "BCL") {
        BOOST_TEST(view->jumpToLine(middle.line));
        BOOST_TEST(view->currentLine() == middle.line);
        BOOST_TEST(view->topRow() > 0); // scrolled to it
    }
    view->filter()->setMessage("");
    // A finding leads to its frame: clicking one with a line selects that frame (here the CCS
    // layout warning at line 90); a line without a frame is refused in the status line.
    auto* findings = view->findChild<QTreeWidget*>("trace.findings");
    BOOST_REQUIRE(findings);
    int jumped = 0, refused = 0;
    for (int i = 0; i < findings->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = findings->topLevelItem(i);
        bool numeric = false;
        const qulonglong line = item->text(2).toULongLong(&numeric);
        if (!numeric) continue;
        Q_EMIT findings->itemClicked(item, 2);
        // The finding in full above its frame's detail, however narrow the findings column is.
        BOOST_TEST(view->findChild<QPlainTextEdit*>("trace.detail")->toPlainText().contains(item->text(3)));
        if (view->currentLine() == line) ++jumped;
        else if (view->findChild<QLabel*>("trace.status")->text().contains(QString("line %1").arg(line))) ++refused;
    }
    BOOST_TEST(jumped >= 1);
    BOOST_TEST(refused == 0);
    BOOST_TEST(!view->jumpToLine(99999999));
    BOOST_TEST(view->findChild<QLabel*>("trace.status")->text().contains("no frame at line 99999999"));
    const qulonglong bclLine = [&] {
        for (const auto& r : view->model()->rows())
            if (r.message == "BCL" && r.line > 1000) return r.line;
        return qulonglong{0};
    }();
    BOOST_REQUIRE(bclLine > 0);
    BOOST_TEST(view->jumpToLine(bclLine));
    BOOST_TEST(view->currentLine() == bclLine);
    BOOST_TEST(view->topRow() > 0);
    // The analysis: the malformed last line is reported, timing cannot be judged (flattened).
    BOOST_TEST(!view->analysis().periodsJudged);

    // Export to candump -L and read it back: the same frames.
    test::TempDir out("gui-trace-export");
    BOOST_REQUIRE(view->exportCandump(QString::fromStdString(out.file("export.log"))));
    BOOST_TEST(window->trace()->openCapture(QString::fromStdString(out.file("export.log"))));
    BOOST_REQUIRE(waitUntil([&] { return !view->isBusy(); }, 20000));
    BOOST_TEST(view->frameCount() == static_cast<int>(log.frames.size()));
}

BOOST_FIXTURE_TEST_CASE(real_zlg_capture_with_findings, test::GuiFixture) {
    const std::string dir = captureDir();
    if (dir.empty()) {
        BOOST_TEST_MESSAGE("skipped: ../shared/data/gbt27930 not present");
        return;
    }
    gui::TraceView* view = window->trace();
    BOOST_REQUIRE(view->openCapture(QString::fromStdString(dir + "/complete-session.zlg.txt")));
    BOOST_REQUIRE(waitUntil([&] { return !view->isBusy(); }, 20000));
    BOOST_TEST(view->frameCount() == 595);
    bool sawCsd = false;
    for (const auto& r : view->model()->rows()) sawCsd |= r.message == "CSD";
    BOOST_TEST(sawCsd);
    BOOST_TEST(view->analysis().periodsJudged);
    BOOST_TEST(view->analysis().messages > 0u);
}

BOOST_FIXTURE_TEST_CASE(capture_that_is_no_trace_is_reported, test::GuiFixture) {
    test::TempDir dir("gui-not-a-trace");
    const std::string path = dir.file("notes.txt");
    std::ofstream(path) << "this is not a CAN capture\n";
    window->openCapture(QString::fromStdString(path));
    BOOST_REQUIRE(waitUntil([&] { return !window->trace()->isBusy(); }, 20000));
    // Either the reader refuses it (an error dialog) or it shows no frames with the line as a problem.
    BOOST_TEST((window->lastError().contains("Cannot open the capture") || window->trace()->frameCount() == 0));
    window->openCapture(QString::fromStdString(dir.file("missing.log")));
    BOOST_TEST(window->lastError().contains("cannot read"), window->lastError().toStdString());
}

BOOST_AUTO_TEST_SUITE_END()
