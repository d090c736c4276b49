#include "v2gbench/gui/trace_view.hpp"

#include "v2gbench/gui/trace_model.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <fstream>

namespace v2gbench::gui {

namespace pg = protocols::gbt27930;

TraceView::TraceView(QWidget* parent) : QWidget(parent) {
    auto* top = new QVBoxLayout(this);
    top->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    auto* open = new QPushButton("Open capture…", this);
    m_pause = new QPushButton("Pause", this);
    m_pause->setCheckable(true);
    m_pause->setObjectName("trace.pause");
    auto* exportButton = new QPushButton("Export candump -L…", this);
    auto* analyzeButton = new QPushButton("Analyze", this);
    m_message = new QComboBox(this);
    m_message->setObjectName("trace.message");
    m_message->addItem("all messages", QString());
    m_direction = new QComboBox(this);
    m_direction->addItem("both directions", QString());
    m_direction->addItem(pg::toString(pg::Direction::ChargerToBms), QString(pg::toString(pg::Direction::ChargerToBms)));
    m_direction->addItem(pg::toString(pg::Direction::BmsToCharger), QString(pg::toString(pg::Direction::BmsToCharger)));
    m_hideTp = new QCheckBox("hide TP.DT", this);
    m_hideTp->setChecked(true);
    m_search = new QLineEdit(this);
    m_search->setObjectName("trace.search");
    m_search->setPlaceholderText("search (message, field, value, raw)");
    m_search->setClearButtonEnabled(true);
    for (QWidget* w : std::initializer_list<QWidget*>{open, m_pause, exportButton, analyzeButton, m_message, m_direction, m_hideTp})
        bar->addWidget(w);
    bar->addWidget(m_search, 1);
    top->addLayout(bar);
    m_status = new QLabel("no trace", this);
    m_status->setObjectName("trace.status");
    top->addWidget(m_status);

    m_model = new TraceModel(this);
    m_filter = new TraceFilter(this);
    m_filter->setSourceModel(m_model);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName("trace.table");
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(TraceModel::Time, 80);
    m_table->setColumnWidth(TraceModel::Line, 50);
    m_table->setColumnWidth(TraceModel::Direction, 95);
    m_table->setColumnWidth(TraceModel::Message, 80);
    m_table->setColumnWidth(TraceModel::Phase, 95);
    m_table->setColumnWidth(TraceModel::Fields, 420);
    auto* side = new QSplitter(Qt::Vertical, splitter);
    m_detail = new QPlainTextEdit(side);
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText("select a frame");
    m_findings = new QTreeWidget(side);
    m_findings->setObjectName("trace.findings");
    m_findings->setHeaderLabels({"Severity", "Rule", "Line", "Finding"});
    m_findings->setRootIsDecorated(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    top->addWidget(splitter, 1);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "Open CAN capture", QString(),
                                                       "CAN traces (*.log *.txt *.candump *.asc);;All files (*)");
        QString error;
        if (!f.isEmpty() && !openCapture(f, &error)) m_status->setText("cannot open: " + error);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, "Export candump -L", "trace.log", "candump -L (*.log)");
        QString error;
        if (!f.isEmpty() && !exportCandump(f, &error)) m_status->setText("export failed: " + error);
    });
    connect(analyzeButton, &QPushButton::clicked, this, &TraceView::analyze);
    connect(m_pause, &QPushButton::toggled, this, &TraceView::setPaused);
    connect(m_message, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMessage(m_message->currentData().toString()); });
    connect(m_direction, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setDirection(m_direction->currentData().toString()); });
    connect(m_hideTp, &QCheckBox::toggled, m_filter, &TraceFilter::setHideTpData);
    connect(m_search, &QLineEdit::textChanged, m_filter, &TraceFilter::setSearch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TraceView::showDetail);
    m_timer = new QTimer(this);
    m_timer->setInterval(300);
    connect(m_timer, &QTimer::timeout, this, &TraceView::pollFollow);
}

bool TraceView::openCapture(const QString& path, QString* error) {
    follow({});
    try {
        m_log = pg::readTrace(path.toStdString());
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return false;
    }
    m_source = path;
    m_capture = true;
    refresh();
    analyze();
    return true;
}

void TraceView::follow(const QString& canLogPath) {
    m_timer->stop();
    ++m_generation; // a decode still running for the previous source is dropped when it arrives
    m_tail.reset(canLogPath.toStdString());
    m_liveText.clear();
    if (canLogPath.isEmpty()) return;
    m_capture = false;
    m_source = canLogPath;
    m_log = {};
    m_log.path = canLogPath.toStdString();
    m_analysis = {};
    m_findings->clear();
    refresh();
    m_timer->start();
}

void TraceView::setPaused(bool paused) {
    m_paused = paused;
    if (m_pause->isChecked() != paused) m_pause->setChecked(paused);
    m_pause->setText(paused ? "Resume" : "Pause");
    if (!paused && m_dirty && m_timer->isActive()) decodeLiveAsync();
}

TraceView::~TraceView() {
    if (m_decoder.joinable()) m_decoder.join();
}

void TraceView::finishFollow() {
    if (!m_timer->isActive()) return;
    m_timer->stop();
    for (const auto& l : m_tail.poll()) m_liveText.append(l).append("\n");
    m_dirty = true;
    decodeLiveAsync();
}

void TraceView::pollFollow() {
    const auto lines = m_tail.poll();
    if (lines.empty()) return;
    for (const auto& l : lines) m_liveText.append(l).append("\n");
    m_dirty = true;
    if (!m_paused) decodeLiveAsync();
}

void TraceView::decodeLiveAsync() {
    if (m_decoding) { // one decode at a time; the newest text follows when it is done
        m_decodeAgain = true;
        return;
    }
    if (m_decoder.joinable()) m_decoder.join(); // finished: its result has been shown
    m_decoding = true;
    m_decodeAgain = false;
    m_dirty = false;
    // Re-decoding from the start keeps TP reassembly and phases exact; it runs off the GUI thread.
    const unsigned generation = m_generation;
    m_decoder = std::thread([this, generation, text = m_liveText, path = m_tail.path()] {
        auto log = pg::parseCandumpText(text, path);
        auto report = std::make_shared<pg::DecodeReport>(pg::decodeLog(log));
        auto rows = std::make_shared<std::vector<TraceRow>>(TraceModel::buildRows(*report));
        auto logPtr = std::make_shared<pg::TraceLog>(std::move(log));
        // The destructor joins this thread, so `this` outlives the queued call's creation; the
        // call itself runs on the GUI thread, where the view may only be destroyed after it.
        QMetaObject::invokeMethod(
            this,
            [this, generation, logPtr, report, rows] {
                m_decoding = false;
                if (generation == m_generation) showDecoded(std::move(*logPtr), *report, std::move(*rows));
                else if (m_decodeAgain) decodeLiveAsync(); // asked for while the stale one ran
            },
            Qt::QueuedConnection);
    });
}

void TraceView::showDecoded(pg::TraceLog log, const pg::DecodeReport& report, std::vector<TraceRow> rows) {
    m_log = std::move(log);
    m_model->setRows(std::move(rows));
    updateMessageChoices();
    m_status->setText(QString("%1 — %2: %3 frames, %4 messages (%5 reassembled), %6 malformed lines%7%8")
                          .arg(QFileInfo(m_source).fileName(), pg::toString(m_log.format))
                          .arg(m_log.frames.size())
                          .arg(report.messages)
                          .arg(report.reassembled)
                          .arg(m_log.problems.size())
                          .arg(report.timestampsFlattened && m_log.frames.size() > 1 ? " · timestamps flattened: no timing" : "")
                          .arg(m_timer->isActive() ? (m_paused ? " · live (paused)" : " · live") : ""));
    if (m_timer->isActive()) m_table->scrollToBottom();
    if (m_decodeAgain || (m_dirty && !m_paused)) decodeLiveAsync();
    else if (!m_timer->isActive()) analyze(); // the followed file is complete
}

void TraceView::refresh() {
    m_dirty = false;
    const auto report = pg::decodeLog(m_log);
    m_model->setReport(report);
    updateMessageChoices();
    m_status->setText(QString("%1 — %2: %3 frames, %4 messages (%5 reassembled), %6 malformed lines%7")
                          .arg(QFileInfo(m_source).fileName(), pg::toString(m_log.format))
                          .arg(m_log.frames.size())
                          .arg(report.messages)
                          .arg(report.reassembled)
                          .arg(m_log.problems.size())
                          .arg(report.timestampsFlattened && m_log.frames.size() > 1 ? " · timestamps flattened: no timing" : ""));
}

void TraceView::updateMessageChoices() {
    QStringList names;
    for (const auto& r : m_model->rows()) {
        QString n = r.message;
        n.remove(" (TP)");
        if (!r.tpData && n != "TP.CM" && !n.startsWith("0x") && !names.contains(n)) names << n;
    }
    names.sort();
    const QString current = m_message->currentData().toString();
    m_message->blockSignals(true);
    while (m_message->count() > 1) m_message->removeItem(1);
    for (const QString& n : names) m_message->addItem(n, n);
    m_message->setCurrentIndex(std::max(0, m_message->findData(current)));
    m_message->blockSignals(false);
}

void TraceView::analyze() {
    m_analysis = pg::analyzeLog(m_log);
    m_findings->clear();
    for (const auto& p : m_log.problems) {
        auto* item = new QTreeWidgetItem(m_findings, {"error", "trace", QString::number(p.line), QString::fromStdString(p.message)});
        item->setForeground(0, QColor("#c00000"));
    }
    for (const auto& f : m_analysis.findings) {
        auto* item = new QTreeWidgetItem(m_findings, {pg::toString(f.severity), QString::fromStdString(f.rule),
                                                      f.line ? QString::number(f.line) : QString(),
                                                      QString::fromStdString(f.message)});
        item->setToolTip(3, QString::fromStdString(f.message));
        if (f.severity == pg::Severity::Error) item->setForeground(0, QColor("#c00000"));
        else if (f.severity == pg::Severity::Warning) item->setForeground(0, QColor("#b06000"));
    }
    if (m_findings->topLevelItemCount() == 0)
        new QTreeWidgetItem(m_findings, {"note", "analyze", "", QString("no findings: %1 messages checked against GB/T 27930-2015").arg(m_analysis.messages)});
    if (!m_analysis.periodsJudged && !m_analysis.timingNote.empty())
        new QTreeWidgetItem(m_findings, {"note", "timing", "", QString::fromStdString(m_analysis.timingNote)});
    for (int c = 0; c < 3; ++c) m_findings->resizeColumnToContents(c);
}

bool TraceView::exportCandump(const QString& path, QString* error) const {
    std::ofstream out(path.toStdString());
    if (!out) {
        if (error) *error = "cannot write " + path;
        return false;
    }
    pg::writeCandump(m_log, out);
    return static_cast<bool>(out);
}

void TraceView::showDetail() {
    const QModelIndex index = m_filter->mapToSource(m_table->currentIndex());
    if (!index.isValid()) return;
    const TraceRow& r = m_model->rows()[static_cast<std::size_t>(index.row())];
    QString text = QString("%1  line %2  t=%3 s\n%4  %5  phase %6\n\n")
                       .arg(r.message).arg(r.line).arg(r.time, 0, 'f', 6).arg(r.direction, r.raw, r.phase);
    for (const QString& f : r.fields.split("  ", Qt::SkipEmptyParts)) text += f + "\n";
    if (!r.note.isEmpty()) text += "\n" + r.note;
    m_detail->setPlainText(text);
}

} // namespace v2gbench::gui
