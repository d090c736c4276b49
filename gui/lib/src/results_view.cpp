#include "v2gbench/gui/results_view.hpp"

#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/verdict_style.hpp"

#include <QPointer>
#include <QProcess>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <fstream>
#include <optional>

namespace v2gbench::gui {

namespace {
enum Column { Name, Requirement, Value, Limits, Verdict, Reason };

QString qs(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    return it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString::fromStdString(it->dump());
}

void setVerdict(QTreeWidgetItem* item, const QString& v) {
    item->setIcon(Name, verdictIcon(v));
    item->setText(Verdict, verdictLabel(v));
    item->setForeground(Verdict, verdictColor(v));
}
} // namespace

ResultsView::ResultsView(QWidget* parent) : QWidget(parent) {
    auto* top = new QVBoxLayout(this);
    top->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    auto* open = new QPushButton("Open run folder…", this);
    m_report = new QPushButton("Open HTML report", this);
    m_report->setObjectName("results.report");
    m_folder = new QPushButton("Show folder", this);
    m_rerun = new QPushButton("Re-run plan of selected / failed case", this);
    m_rerun->setObjectName("results.rerun");
    m_title = new QLabel("no run open", this);
    m_title->setObjectName("results.title");
    letTextFlow(m_title, false);
    for (QWidget* w : std::initializer_list<QWidget*>{open, m_report, m_folder, m_rerun}) bar->addWidget(w);
    bar->addWidget(m_title, 1);
    top->addLayout(bar);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName("results.tree");
    m_tree->setHeaderLabels({"Plan / case / check", "Requirement", "Value", "Limits", "Verdict", "Reason"});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    // Names are read first: a fixed, wide column (interactive); the reason takes what is left and
    // is whole in its tooltip. Squeezing the name to fit the reason hid which check it was.
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_tree->header()->resizeSection(Name, 300);
    for (int c : {Requirement, Value, Limits, Verdict}) m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    m_tree->header()->setMinimumSectionSize(60);
    m_tree->header()->setStretchLastSection(true);
    top->addWidget(m_tree, 1);
    for (auto* b : {m_report, m_folder, m_rerun}) b->setEnabled(false);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, "Run folder", m_runDir);
        QString error;
        if (!d.isEmpty() && !openRun(d, &error)) m_title->setText(error);
    });
    connect(m_report, &QPushButton::clicked, this,
            [this] { openInViewer(reportPath(), "the HTML report", "a web browser"); });
    connect(m_folder, &QPushButton::clicked, this, [this] { openInViewer(m_runDir, "the run folder", "a file manager"); });
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (auto r = rerunFor()) Q_EMIT rerunRequested(*r);
    });
}

QString ResultsView::reportPath() const { return m_runDir + "/report.html"; }

void ResultsView::openInViewer(const QString& path, const QString& what, const QString& viewer) {
    // xdg-open, watched: QDesktopServices starts it detached and reports success whatever happens
    // next, so a machine without a browser showed nothing at all. xdg-open exits non-zero when it
    // finds no application; while the application runs it keeps running, which is success.
    // Unparented: closing the app must not kill the viewer it started.
    auto* opener = new QProcess;
    opener->setProcessChannelMode(QProcess::MergedChannels);
    QPointer<ResultsView> self(this);
    auto fail = [self, path, what, viewer](const QString& why) {
        if (self) self->showNoViewer(path, what, viewer, why);
    };
    connect(opener, &QProcess::errorOccurred, opener, [opener, fail](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            fail("xdg-open could not be started: " + opener->errorString());
            opener->deleteLater();
        }
    });
    connect(opener, &QProcess::finished, opener, [opener, fail](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0)
            fail(QString("xdg-open found no application (exit %1): %2")
                     .arg(code)
                     .arg(QString::fromLocal8Bit(opener->readAll()).trimmed()));
        opener->deleteLater();
    });
    opener->start("xdg-open", {path});
}

void ResultsView::showNoViewer(const QString& path, const QString& what, const QString& viewer, const QString& why) {
    // Never a silent no-op: a rack PC or a minimal lab install often has no desktop viewer.
    auto* box = new QMessageBox(QMessageBox::Information, "No viewer",
                                QString("This machine has no %1 set up to open %2 (%3). It is here:\n\n%4")
                                    .arg(viewer, what, why, QDir::toNativeSeparators(path)),
                                QMessageBox::Ok, this);
    box->setObjectName("results.noViewer");
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

QString ResultsView::latestRun(const QString& runsRoot) {
    QString best;
    QDateTime bestTime;
    for (const QFileInfo& d : QDir(runsRoot).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QFileInfo summary(d.absoluteFilePath() + "/summary.json");
        if (!summary.exists()) continue;
        if (best.isEmpty() || summary.lastModified() > bestTime) {
            best = d.absoluteFilePath();
            bestTime = summary.lastModified();
        }
    }
    return best;
}

bool ResultsView::openRun(const QString& runDir, QString* error) {
    std::ifstream in((runDir + "/summary.json").toStdString());
    if (!in) {
        if (error) *error = runDir + ": no summary.json (not a run folder, or the run is still going)";
        return false;
    }
    try {
        m_summary = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        if (error) *error = runDir + "/summary.json: " + e.what();
        return false;
    }
    m_runDir = runDir;
    m_verdict = qs(m_summary, "verdict");
    m_checks = 0;
    m_tree->clear();
    for (const auto& plan : m_summary.value("plans", nlohmann::json::array())) {
        auto* p = new QTreeWidgetItem(m_tree, {qs(plan, "id") + " — " + qs(plan, "title")});
        p->setData(Name, Qt::UserRole, qs(plan, "id"));
        setVerdict(p, qs(plan, "verdict"));
        if (const QString reason = qs(plan, "reason"); !reason.isEmpty()) {
            p->setText(Reason, reason);
            p->setToolTip(Reason, reason);
        }
        p->setExpanded(true);
        for (const auto& c : plan.value("cases", nlohmann::json::array())) {
            QString name = qs(c, "id");
            if (const QString inst = qs(c, "instance"); !inst.isEmpty()) name += " [" + inst + "]";
            auto* ci = new QTreeWidgetItem(p, {name});
            ci->setData(Name, Qt::UserRole, qs(plan, "id"));
            QStringList reqs;
            for (const auto& r : c.value("requirements", nlohmann::json::array())) reqs << QString::fromStdString(r.get<std::string>());
            ci->setText(Requirement, reqs.join(", "));
            setVerdict(ci, qs(c, "verdict"));
            if (const QString reason = qs(c, "reason"); !reason.isEmpty()) {
                ci->setText(Reason, reason);
                ci->setToolTip(Reason, reason);
            }
            const bool bad = qs(c, "verdict") != "pass" && qs(c, "verdict") != "not-applicable";
            ci->setExpanded(bad);
            for (const auto& check : c.value("checks", nlohmann::json::array())) {
                auto* k = new QTreeWidgetItem(ci, {qs(check, "name")});
                k->setData(Name, Qt::UserRole, qs(plan, "id"));
                QStringList creqs;
                for (const auto& r : check.value("requirements", nlohmann::json::array()))
                    creqs << QString::fromStdString(r.get<std::string>());
                k->setText(Requirement, creqs.join(", "));
                if (auto v = check.find("value"); v != check.end() && v->is_number()) {
                    QString value = QString::number(v->get<double>(), 'g', 6);
                    if (auto u = check.find("uncertainty"); u != check.end() && u->is_number() && u->get<double>() > 0)
                        value += " ± " + QString::number(u->get<double>(), 'g', 2);
                    k->setText(Value, value + " " + qs(check, "unit"));
                } else {
                    k->setText(Value, "no value");
                }
                if (const QString reason = qs(check, "reason"); !reason.isEmpty()) {
                    k->setText(Reason, reason);
                    k->setToolTip(Reason, reason);
                }
                k->setText(Limits, qs(check, "limit_text"));
                setVerdict(k, qs(check, "verdict"));
                k->setToolTip(Name, qs(check, "source") + (qs(check, "reason").isEmpty() ? "" : "\n" + qs(check, "reason")));
                ++m_checks;
            }
        }
    }
    const auto counts = m_summary.value("counts", nlohmann::json::object());
    QStringList parts;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it->is_number() && it->get<int>() > 0) parts << QString("%1 %2").arg(it->get<int>()).arg(QString::fromStdString(it.key()));
    m_title->setText(QString("<b style='color:%1'>%2</b> · %3 · %4 · bench time %5 s")
                         .arg(verdictColor(m_verdict).name(), verdictLabel(m_verdict), QFileInfo(runDir).fileName(),
                              parts.join(", "))
                         .arg(m_summary.value("bench_time_s", 0.0), 0, 'f', 1));
    m_report->setEnabled(QFileInfo::exists(reportPath()));
    m_folder->setEnabled(true);
    m_rerun->setEnabled(true);
    return true;
}

std::optional<RerunRequest> ResultsView::rerunFor() const {
    if (m_summary.is_null()) return std::nullopt;
    QString planId;
    if (auto* item = m_tree->currentItem()) planId = item->data(Name, Qt::UserRole).toString();
    for (const auto& plan : m_summary.value("plans", nlohmann::json::array())) {
        const QString id = qs(plan, "id");
        const QString v = qs(plan, "verdict");
        if (planId.isEmpty() ? (v == "pass" || v == "not-applicable") : id != planId) continue;
        RerunRequest r;
        const QString source = qs(plan, "source");
        r.plan = QFileInfo(source).isAbsolute() && QFileInfo::exists(source) ? source : m_runDir + "/" + qs(plan, "file");
        if (!QFileInfo::exists(r.plan) && QFileInfo::exists(source)) r.plan = QFileInfo(source).absoluteFilePath();
        r.defect = qs(m_summary.value("settings", nlohmann::json::object()), "sim.defect");
        return r;
    }
    return std::nullopt;
}

} // namespace v2gbench::gui
