// The main window on a lab laptop (1366 × 768) and a lab monitor (1920 × 1080): the plots keep
// >= 60 % of the height, the instrument list's live status stays on screen (issue 16 item 8).
#include "gui_fixture.hpp"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QTreeWidget>

using namespace v2gbench;
using v2gbench::test::waitUntil;


BOOST_AUTO_TEST_SUITE(layout)

BOOST_FIXTURE_TEST_CASE(laptop_and_monitor_sizes, test::GuiFixture) {
    BOOST_REQUIRE_MESSAGE(openBench("sim.yaml"), "sim bench did not open: " << window->lastError().toStdString());
    auto* instruments = find<QTreeWidget>("bench.instruments");
    BOOST_REQUIRE(instruments);
    BOOST_REQUIRE(waitUntil([&] { return window->bench()->lastSnapshot().hasBattery; }, 10000));
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        window->resize(size);
        // The docks are fitted on the next turn of the event loop after the size is crossed.
        const bool fitted = waitUntil(
            [&] { return window->size() == size && window->plots()->height() >= 0.6 * size.height(); }, 5000);
        BOOST_TEST(fitted, size.width() << "x" << size.height() << ": plots " << window->plots()->height()
                                        << " px high of " << window->height());
        // No column runs off the instrument list: the live status takes the width (elided, in full
        // in its tooltip); the identity column shows only where the dock is wide enough for it.
        const int live = 2;
        BOOST_TEST(instruments->headerItem()->text(live).toStdString() == "Live status");
        QApplication::processEvents();
        // The run tree likewise (its narrow columns give way: the Results view shows them too).
        for (auto* tree : {instruments, static_cast<QTreeWidget*>(find<QTreeWidget>("run.tree"))}) {
            BOOST_REQUIRE(tree);
            int end = 0;
            for (int c = 0; c < tree->columnCount(); ++c)
                if (!tree->isColumnHidden(c))
                    end = std::max(end, tree->header()->sectionViewportPosition(c) + tree->header()->sectionSize(c));
            BOOST_TEST(end <= tree->viewport()->width(), tree->objectName().toStdString()
                                                             << ": the last column ends at " << end << " of "
                                                             << tree->viewport()->width());
            BOOST_TEST(!tree->isColumnHidden(1)); // the verdict (run tree) / state (instruments) always shows
        }
        BOOST_TEST(!instruments->topLevelItem(0)->toolTip(live).isEmpty());
        BOOST_TEST(window->width() == size.width()); // the docks' minimums fit the screen
        const QString path = QString("%1/layout-%2x%3.png").arg(test::guiOutputDir()).arg(size.width()).arg(size.height());
        BOOST_TEST(window->grab().toImage().save(path));
        BOOST_TEST_MESSAGE("screenshot " << path.toStdString());
    }
}

BOOST_FIXTURE_TEST_CASE(another_bench_chosen_clears_the_closed_benchs_instruments, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    auto* instruments = find<QTreeWidget>("bench.instruments");
    BOOST_REQUIRE(instruments->topLevelItemCount() >= 5);
    window->bench()->close();
    BOOST_REQUIRE(waitUntil([&] { return !window->bench()->isOpen(); }, 10000));
    BOOST_TEST(instruments->topLevelItemCount() >= 5); // still listed, as closed
    window->benchPanel()->setBenchPath(QString::fromStdString(test::sourcePath("benches/sim-realtime.yaml")));
    BOOST_TEST(instruments->topLevelItemCount() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
