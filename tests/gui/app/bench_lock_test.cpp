// One owner per bench in the desktop app: a bench another process holds (the nightly `v2gbench run`)
// is refused by the manual session's Open bench and by a run, each naming the holder as the CLI
// does (bench/bench_lock.hpp). Nothing is contacted: the lock is taken before any instrument.
#include "gui_fixture.hpp"

#include "v2gbench/bench/bench_lock.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"

#include <boost/test/unit_test.hpp>

#include <QLineEdit>

#include <cstdlib>
#include <unistd.h>

using namespace v2gbench;
using v2gbench::test::waitUntil;

namespace {

// The lock directory of this test only, so a developer's own sessions never interfere.
struct LockDirectory {
    explicit LockDirectory(const std::filesystem::path& dir) {
        std::filesystem::create_directories(dir);
        ::setenv("V2G_LOCK_DIR", dir.c_str(), 1);
    }
    ~LockDirectory() { ::unsetenv("V2G_LOCK_DIR"); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(bench_lock)

BOOST_FIXTURE_TEST_CASE(a_bench_held_elsewhere_is_refused_naming_its_holder, test::GuiFixture) {
    LockDirectory locks(work.path() / "locks");
    const auto profilePath = test::sourcePath("benches/sim-wire.yaml");
    const auto held = bench::BenchLock::acquire(bench::loadBenchProfile(profilePath));
    BOOST_REQUIRE(!held.resources().empty());
    const std::string holder = "held by pid " + std::to_string(::getpid());

    // Open bench: refused, the holder named, no session.
    window->benchPanel()->setBenchPath(QString::fromStdString(profilePath));
    window->benchPanel()->openSelected();
    BOOST_REQUIRE(waitUntil([&] { return !window->lastError().isEmpty(); }, 20000));
    const std::string openError = window->lastError().toStdString();
    BOOST_TEST(openError.find("bench 'sim-wire' is in use: bench " + std::filesystem::canonical(profilePath).string() +
                              " is " + holder) != std::string::npos,
               openError);
    BOOST_TEST(!window->bench()->isOpen());
    // Not the hint for a lab that is not running: nothing was contacted, the lock refused first.
    BOOST_TEST(openError.find("start it first") == std::string::npos, openError);

    // A run on it: refused the same way, nothing run.
    window->runner()->selectPlans({QString::fromStdString(test::sourcePath("testplans/gbt34657/cc1-break.yaml"))});
    window->startRun();
    BOOST_REQUIRE(waitUntil([&] { return window->lastError().toStdString() != openError; }, 20000));
    const std::string runError = window->lastError().toStdString();
    BOOST_TEST(runError.find("bench 'sim-wire' is in use: bench " + std::filesystem::canonical(profilePath).string() + " is " +
                             holder) != std::string::npos,
               runError);
    BOOST_TEST(runError.find("nothing was switched on") != std::string::npos, runError);
    BOOST_TEST(waitUntil([&] { return !window->runs()->isRunning(); }, 20000));
}

BOOST_AUTO_TEST_SUITE_END()
