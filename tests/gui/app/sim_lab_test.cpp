// The wire-level simulated lab started from the GUI: v2gbench-sim as a child process on its
// default ports, the shipped benches/sim-wire.yaml opened against it with the real drivers,
// made safe, and stopped (after the bench on it is made safe); a port in use is a clear error.
#include "gui_fixture.hpp"
#include "run_helpers.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/sim_lab_process.hpp"

#include <boost/test/unit_test.hpp>

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QTreeWidget>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;
using State = gui::SimLabProcess::State;

namespace {
bool processAlive(qint64 pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

// Listens on 127.0.0.1:port for as long as it lives (if it cannot, something else holds the port).
struct PortHolder {
    explicit PortHolder(int port) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) ::listen(fd, 1);
    }
    ~PortHolder() { ::close(fd); }
    int fd;
};
} // namespace

BOOST_AUTO_TEST_SUITE(sim_lab)

BOOST_FIXTURE_TEST_CASE(start_open_sim_wire_make_safe_stop, test::GuiFixture) {
    BOOST_REQUIRE_MESSAGE(!gui::SimLabProcess::findExecutable().isEmpty(), "v2gbench-sim is not built");
    auto* button = find<QAbstractButton>("bench.simlab");
    BOOST_REQUIRE(button);
    // Offered for the wire benches only.
    window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
    BOOST_TEST(!button->isVisibleTo(window.get()));
    BOOST_TEST(!find<QAction>("action.startSimLab")->isEnabled());
    window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim-wire.yaml")));
    BOOST_TEST(button->isVisibleTo(window.get()));
    BOOST_TEST(find<QAction>("action.startSimLab")->isEnabled());

    click("bench.simlab");
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return window->simLab()->isRunning() || !window->lastError().isEmpty(); }, 15000) &&
                              window->simLab()->isRunning(),
                          "v2gbench-sim did not start: " << window->lastError().toStdString() << "; state "
                                                          << int(window->simLab()->state()) << "; program "
                                                          << window->simLab()->program().toStdString() << "; stdout "
                                                          << window->simLab()->standardOutput().toStdString()
                                                          << "; stderr " << window->simLab()->standardError().toStdString());
    const qint64 pid = window->simLab()->pid();
    BOOST_TEST(processAlive(pid));
    BOOST_TEST(find<QLabel>("status.simlab")->text().contains("running"), find<QLabel>("status.simlab")->text().toStdString());
    BOOST_TEST(button->text().contains("Stop"));

    // The shipped profile, unchanged, against the lab on its default ports: eight roles connected.
    BOOST_REQUIRE_MESSAGE(openBench("sim-wire.yaml"), "sim-wire.yaml did not open: " << window->lastError().toStdString());
    auto* instruments = find<QTreeWidget>("bench.instruments");
    BOOST_REQUIRE(instruments->topLevelItemCount() == 8);
    QStringList roles;
    for (int i = 0; i < instruments->topLevelItemCount(); ++i) {
        const auto* item = instruments->topLevelItem(i);
        roles << item->text(0);
        BOOST_TEST(item->text(1).toStdString() == "connected");
        // "<manufacturer> <model> · <serial> · fw <firmware>", as the instrument answered.
        BOOST_TEST(item->text(3).size() > 12, item->text(0).toStdString() << ": " << item->text(3).toStdString());
        BOOST_TEST(!item->text(3).startsWith(" "), item->text(3).toStdString());
    }
    roles.sort();
    BOOST_TEST(roles.join(",").toStdString() == "analyzer,battery,can,daq,dut,ev,fault_box,grid");
    // Polled read-backs arrive from the wire.
    BOOST_TEST(waitUntil([&] { return window->bench()->lastSnapshot().hasBattery; }, 10000));

    // Make safe: every role, outputs confirmed off over the wire.
    click("safeStop");
    BOOST_REQUIRE(waitUntil([&] { return window->safeStopCompleted(); }, 20000));
    BOOST_TEST(window->safeStopStatus().contains("outputs off"), window->safeStopStatus().toStdString());

    // Stop: the session on the lab is closed (made safe) before the process gets SIGTERM.
    const std::string audit = window->bench()->session().auditFolder;
    QStringList order;
    QObject::connect(window->simLab(), &gui::SimLabProcess::stateChanged, [&](State s) {
        if (s == State::Stopping) order << (window->bench()->isOpen() || window->bench()->isBusy() ? "SIGTERM, bench still open" : "SIGTERM");
        if (s == State::Stopped) order << "stopped";
    });
    click("bench.simlab");
    BOOST_REQUIRE(waitUntil([&] { return window->simLab()->state() == State::Stopped; }, 15000));
    BOOST_TEST(order.join(", ").toStdString() == "SIGTERM, stopped");
    const auto closed = test::readJournal(audit).back();
    BOOST_TEST(closed.at("event").get<std::string>() == "session_closed");
    BOOST_TEST(closed.at("outputs_off").get<bool>());
    BOOST_TEST(closed.at("readback_errors").empty(), closed.dump()); // the lab still answered
    BOOST_TEST(!window->bench()->isOpen());
    BOOST_TEST(window->lastError().isEmpty(), window->lastError().toStdString()); // a clean exit, not a failure
    BOOST_TEST(window->simLab()->standardOutput().contains("stopping (SIGTERM)"), window->simLab()->standardOutput().toStdString());
    BOOST_TEST(waitUntil([&] { return !processAlive(pid); }, 5000));
    BOOST_TEST(find<QLabel>("status.simlab")->text().contains("stopped"));
}

BOOST_FIXTURE_TEST_CASE(closing_the_window_makes_safe_then_stops_the_lab, test::GuiFixture) {
    window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim-wire.yaml")));
    window->startSimLab();
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return window->simLab()->isRunning() || !window->lastError().isEmpty(); }, 15000) &&
                              window->simLab()->isRunning(),
                          window->lastError().toStdString());
    const qint64 pid = window->simLab()->pid();
    BOOST_REQUIRE(openBench("sim-wire.yaml"));
    const std::string audit = window->bench()->session().auditFolder;
    window.reset(); // ~MainWindow: manual session closed (makeSafe), then SIGTERM
    BOOST_TEST(!processAlive(pid));
    // The session was made safe role by role, and read back, while the lab still answered.
    const auto events = test::readJournal(audit);
    BOOST_TEST(test::countEvents(events, "make_safe") == 8);
    BOOST_REQUIRE(events.back().at("event") == "session_closed");
    BOOST_TEST(events.back().at("outputs_off").get<bool>());
    BOOST_TEST(events.back().at("readback_errors").empty(), events.back().dump());
}

BOOST_FIXTURE_TEST_CASE(port_in_use_is_a_clear_error_with_stderr, test::GuiFixture) {
    // Hold the grid's default port: v2gbench-sim cannot serve it and exits.
    const PortHolder holder(2101); // if something else holds it already, just as well
    window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim-wire.yaml")));
    click("bench.simlab");
    BOOST_REQUIRE(waitUntil([&] { return !window->lastError().isEmpty(); }, 15000));
    BOOST_TEST((window->simLab()->state() == State::Stopped));
    const QString error = window->lastError();
    BOOST_TEST(error.contains("could not start"), error.toStdString());
    BOOST_TEST(error.contains("2101"), error.toStdString());
    BOOST_TEST(error.contains("in use"), error.toStdString()); // its stderr, shown
    bool dialog = false;
    for (auto* box : window->findChildren<QMessageBox*>())
        dialog |= box->isVisible() && box->text().contains("Address already in use");
    BOOST_TEST(dialog);
    BOOST_TEST(find<QAction>("action.startSimLab")->isEnabled()); // it can be tried again
}

// The lab the GUI starts runs the plan runner's DUT and defect (it used to start without the
// defect, so a run "with" it passed against a conforming charger).
BOOST_FIXTURE_TEST_CASE(the_lab_starts_with_the_chosen_defect, test::GuiFixture) {
    window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim-wire.yaml")));
    window->runner()->setDefect("ignores-bcl-timeout");
    click("bench.simlab");
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return window->simLab()->isRunning() || !window->lastError().isEmpty(); }, 15000) &&
                              window->simLab()->isRunning(),
                          "v2gbench-sim did not start: " << window->lastError().toStdString());
    BOOST_TEST(window->simLab()->standardOutput().contains("defect ignores-bcl-timeout"),
               window->simLab()->standardOutput().toStdString());
    window->stopSimLab();
    BOOST_TEST(waitUntil([&] { return window->simLab()->state() == State::Stopped; }, 15000));
}

BOOST_AUTO_TEST_SUITE_END()
