#define BOOST_TEST_MODULE v2gbench_gui
#include <boost/test/unit_test.hpp>

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

#include <clocale>

// One QApplication for the whole executable, on the offscreen platform (no display needed), with
// settings kept away from the user's (QStandardPaths test mode) and from the other GUI suites:
// CTest runs them in parallel, and one suite's QSettings().clear() or remembered run information
// must not reach another (each process has its own settings file, removed at the end).
struct QtApplicationFixture {
    QtApplicationFixture() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("v2gbench-test");
        QApplication::setApplicationName(QString("v2gbench-gui-test-%1").arg(QCoreApplication::applicationPid()));
        app = new QApplication(argc, argv);
        std::setlocale(LC_NUMERIC, "C");
    }
    ~QtApplicationFixture() {
        QFile::remove(QSettings().fileName());
        delete app;
    }
    int argc = 1;
    char arg0[16] = "test_gui_app";
    char* argv[2] = {arg0, nullptr};
    QApplication* app = nullptr;
};
BOOST_TEST_GLOBAL_FIXTURE(QtApplicationFixture);
