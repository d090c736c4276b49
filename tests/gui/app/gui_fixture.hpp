#pragma once
// Shared by the GUI tests: a main window on a fresh work folder, and bounded waits that keep the
// event loop turning (the QTRY_* idea: poll a condition, never sleep a fixed time).
#include "test_paths.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/bench_panel.hpp"
#include "v2gbench/gui/main_window.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/plot_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_info_dialog.hpp"
#include "v2gbench/gui/run_tree.hpp"
#include "v2gbench/gui/trace_view.hpp"

#include <boost/test/unit_test.hpp>

#include <QAbstractButton>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <fstream>
#include <functional>
#include <memory>

namespace v2gbench::test {

// Where GUI tests leave their screenshots (build/test-output/gui), created on first use.
inline QString guiOutputDir() {
    const QString dir = QString(V2G_BINARY_DIR) + "/test-output/gui";
    QDir().mkpath(dir);
    return dir;
}

// Turns the event loop until pred() holds or timeoutMs passes; returns pred().
template <class Pred> bool waitUntil(Pred pred, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired()) return pred();
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

struct GuiFixture {
    GuiFixture() : work("gui") {
        QSettings().clear(); // every test starts from default settings
        app::registerAllDrivers(registry);
        window = std::make_unique<gui::MainWindow>(
            registry, gui::AppPaths{QString(V2G_SOURCE_DIR), QString::fromStdString(work.path().string())});
        window->resize(1600, 1000);
        window->show();
        QObject::connect(window.get(), &gui::MainWindow::runInfoAsked, [this](gui::RunInfoDialog* dialog) {
            if (answerRunInfo) answerRunInfo(dialog);
        });
    }

    // Answers the run-information dialog every run asks, as an operator would: the required
    // fields and OK. A test replaces it (or clears it and answers the dialog itself).
    static void fillRunInfo(gui::RunInfoDialog* dialog) {
        dialog->setField("lab.name", "v2gbench test lab");
        dialog->setField("customer.name", "Test customer");
        dialog->setField("sample.serial", "SN-GUI-0001");
        dialog->setField("sample.firmware", "fw 1.0.0");
        dialog->setField("sign_off.operator", "gui-tester");
    }
    std::function<void(gui::RunInfoDialog*)> answerRunInfo = [](gui::RunInfoDialog* dialog) {
        fillRunInfo(dialog);
        dialog->accept();
    };
    ~GuiFixture() {
        window.reset(); // closes the session (makes it safe) and joins the run thread
    }

    // Opens the bench profile benches/<name> and waits for the session.
    bool openBench(const std::string& name) {
        window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/" + name)));
        window->benchPanel()->openSelected();
        return waitUntil([&] { return window->bench()->isOpen() || !window->lastError().isEmpty(); }, 20000) &&
               window->bench()->isOpen();
    }

    template <class W> W* find(const char* name) const { return window->findChild<W*>(name); }
    void click(const char* name) const {
        auto* b = find<QAbstractButton>(name);
        BOOST_REQUIRE_MESSAGE(b, "no button " << name);
        b->click();
    }

    // Answers Yes to the run-time question `name` (confirm.abort, confirm.quit) once it shows.
    bool confirmYes(const char* name) {
        QMessageBox* box = nullptr;
        if (!waitUntil([&] {
                for (auto* b : window->findChildren<QMessageBox*>(name))
                    if (b->isVisible()) box = b;
                return box != nullptr;
            }, 5000))
            return false;
        box->button(QMessageBox::Yes)->click();
        return true;
    }

    TempDir work;
    core::DriverRegistry registry;
    std::unique_ptr<gui::MainWindow> window;
};

} // namespace v2gbench::test
