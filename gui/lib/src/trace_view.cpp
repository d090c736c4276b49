#include "v2gbench/gui/trace_view.hpp"

#include "v2gbench/gui/panel_widgets.hpp"
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
#include <QThreadPool>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <fstream>
#include <type_traits>

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
    // Two rows: the actions with the trace's state, then the filters with the search. One row of
    // all of them set the dock's (and so the window's) minimum width past a 1366 px screen.
    for (QWidget* w : std::initializer_list<QWidget*>{open, m_pause, exportButton, analyzeButton}) bar->addWidget(w);
    m_status = new QLabel("no trace", this);
    m_status->setObjectName("trace.status");
    letTextFlow(m_status, false);
    m_matches = new QLabel(this);
    m_matches->setObjectName("trace.matches");
    bar->addWidget(m_status, 1);
    bar->addWidget(m_matches);
    top->addLayout(bar);
    auto* filters = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_message, m_direction, m_hideTp}) filters->addWidget(w);
    filters->addWidget(m_search, 1);
    top->addLayout(filters);

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
    m_detail->setObjectName("trace.detail");
    m_detail->setPlaceholderText("select a frame");
    // Small minimums: the dock may be short on a laptop screen (the plots keep the height).
    m_detail->setMinimumHeight(36);
    m_table->setMinimumHeight(60);
    m_findings = new QTreeWidget(side);
    m_findings->setObjectName("trace.findings");
    m_findings->setHeaderLabels({"Severity", "Rule", "Line", "Finding"});
    m_findings->setRootIsDecorated(false);
    // A finding is read whole: wrapped in its column, never cut at the dock's edge.
    m_findings->setWordWrap(true);
    m_findings->setTextElideMode(Qt::ElideNone);
    m_findings->setUniformRowHeights(false);
    m_findings->setToolTip("Click a finding to go to its frame");
    m_findings->setMinimumHeight(36);
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
    connect(m_findings, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        bool ok = false;
        const qulonglong line = item->text(2).toULongLong(&ok);
        if (ok && jumpToLine(line)) showDetail(); // the frame under its finding
        else m_detail->clear();
        // The finding in full above the frame, however narrow its column is.
        m_detail->setPlainText(item->text(0) + " · " + item->text(1) + (ok ? " · line " + item->text(2) : QString()) +
                               "\n" + item->text(3) + "\n\n" + m_detail->toPlainText());
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &TraceView::updateMatches);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TraceView::updateMatches);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &TraceView::updateMatches);
    m_timer = new QTimer(this);
    m_timer->setInterval(300);
    connect(m_timer, &QTimer::timeout, this, &TraceView::pollFollow);
}

namespace {
// Frees a large container on a pool thread: thousands of rows or frames take milliseconds to
// destroy, which the GUI thread should not spend.
template <class T> void freeOffThread(T&& value) {
    auto doomed = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
    QThreadPool::globalInstance()->start([doomed]() mutable { doomed.reset(); });
}
} // namespace

namespace {
// The trace's problems are listed by the view itself; the analysis judges timing only at the
// resolution the trace's format has.
pg::AnalysisReport analyzeCapture(const traces::TraceCapture& capture) {
    pg::AnalysisOptions options;
    options.timeResolutionUs = capture.info.format == traces::TraceFormat::CandumpPlain ? 0 : capture.info.resolutionUs;
    return pg::analyzeFrames(capture.frames, options);
}
} // namespace

// What a worker job hands back to the GUI thread.
struct TraceView::Result {
    Job::Kind kind = Job::Live;
    unsigned generation = 0;
    bool final = false;
    QString error;
    std::shared_ptr<const traces::TraceCapture> log;
    std::vector<TraceRow> rows;
    bool append = false; // rows follow the shown ones
    std::size_t messages = 0, reassembled = 0;
    bool flattened = false;
    std::optional<pg::AnalysisReport> analysis;
};

void TraceView::run(Job job) {
    if (m_decoding) { // one job at a time: the newest waits
        if (job.kind == Job::Live && m_pending && m_pending->kind != Job::Live) return; // a capture or analysis is due
        m_pending = std::move(job);
        return;
    }
    if (m_decoder.joinable()) m_decoder.join(); // finished: its result has been shown
    m_decoding = true;
    // The destructor joins this thread, so `this` outlives the queued call's creation; the call
    // itself runs on the GUI thread, where the view may only be destroyed after it.
    m_decoder = std::thread([this, job = std::move(job)] {
        auto r = std::make_shared<Result>();
        r->kind = job.kind;
        r->generation = job.generation;
        r->final = job.final;
        try {
            if (job.kind == Job::Analyze) {
                r->analysis = analyzeCapture(*job.log);
            } else {
                traces::TraceCapture log;
                if (job.kind == Job::Capture) {
                    log = traces::readCapture(traces::openFileSource(job.path));
                } else {
                    std::string text;
                    std::size_t size = 0;
                    for (const auto& c : job.chunks) size += c->size();
                    text.reserve(size);
                    for (const auto& c : job.chunks) text += *c;
                    // The bench's own can.log: candump -L, read as such even while still empty.
                    auto reader = traces::TraceReader::open(traces::memorySource(text, job.path), traces::TraceFormat::CandumpL);
                    reader->setProblemHandler([&log](const traces::TraceProblem& p) { log.problems.push_back(p); });
                    transports::TraceFrame frame;
                    while (reader->next(frame)) log.frames.push_back(frame);
                    log.info = reader->info();
                }
                const auto report = pg::decodeFrames(log.frames);
                r->rows = TraceModel::buildRows(report);
                r->messages = report.messages;
                r->reassembled = report.reassembled;
                r->flattened = report.timestampsFlattened && log.frames.size() > 1;
                // Decoding is causal: the rows already shown come out the same, so only the new
                // ones go to the GUI thread (the rest is freed here).
                if (job.kind == Job::Live && job.shownRows > 0 && r->rows.size() >= job.shownRows &&
                    r->rows[job.shownRows - 1].line == job.lastShownLine &&
                    r->rows[job.shownRows - 1].message == job.lastShownMessage) {
                    r->rows.erase(r->rows.begin(), r->rows.begin() + static_cast<std::ptrdiff_t>(job.shownRows));
                    r->append = true;
                }
                auto shared = std::make_shared<const traces::TraceCapture>(std::move(log));
                if (job.kind == Job::Capture || job.final) r->analysis = analyzeCapture(*shared);
                r->log = std::move(shared);
            }
        } catch (const std::exception& e) {
            r->error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, r] {
                m_decoding = false;
                if (r->generation == m_generation) show(*r);
                if (m_pending) {
                    Job next = std::move(*m_pending);
                    m_pending.reset();
                    if (next.kind == Job::Live) decodeLiveAsync(next.final); // with the newest text
                    else run(std::move(next));
                } else if (m_decodeAgain || (m_dirty && !m_paused && m_timer->isActive())) {
                    decodeLiveAsync(m_final);
                }
            },
            Qt::QueuedConnection);
    });
}

void TraceView::show(Result& r) {
    if (!r.error.isEmpty()) {
        if (r.kind == Job::Capture) {
            m_status->setText("cannot open " + QFileInfo(m_source).fileName() + ": " + r.error);
            Q_EMIT captureFailed(m_source, r.error);
        }
        return;
    }
    if (r.kind == Job::Analyze) {
        m_analysis = std::move(*r.analysis);
        showFindings();
        return;
    }
    if (m_log) freeOffThread(std::move(m_log));
    m_log = std::move(r.log);
    const std::size_t before = m_model->rows().size();
    if (r.append) {
        m_model->appendRows(std::move(r.rows));
        updateMessageChoices(before);
    } else {
        freeOffThread(m_model->setRows(std::move(r.rows)));
        updateMessageChoices(0);
    }
    showStatus(r.messages, r.reassembled, r.flattened);
    if (m_timer->isActive() && m_model->rows().size() != before) m_table->scrollToBottom();
    else if (r.kind == Job::Capture && !r.append) m_table->scrollToTop(); // a capture opens at its start
    updateMatches();
    if (r.analysis) {
        m_analysis = std::move(*r.analysis);
        showFindings();
    }
}

bool TraceView::openCapture(const QString& path, QString* error) {
    const QFileInfo file(path);
    if (!file.isFile() || !file.isReadable()) {
        if (error) *error = "cannot read " + path;
        return false;
    }
    follow({});
    m_capture = true;
    m_source = path;
    m_status->setText("reading " + file.fileName() + " …");
    Job job;
    job.kind = Job::Capture;
    job.generation = m_generation;
    job.path = path.toStdString();
    run(std::move(job));
    return true;
}

void TraceView::follow(const QString& canLogPath) {
    m_timer->stop();
    ++m_generation; // a job still running for the previous source is dropped when it arrives
    m_pending.reset();
    m_decodeAgain = false;
    m_final = false;
    m_tail.reset(canLogPath.toStdString());
    m_liveChunks.clear();
    if (canLogPath.isEmpty()) return;
    m_capture = false;
    m_source = canLogPath;
    if (m_log) freeOffThread(std::move(m_log));
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
    std::string text;
    for (const auto& l : m_tail.poll()) text.append(l).append("\n");
    if (!text.empty()) m_liveChunks.push_back(std::make_shared<const std::string>(std::move(text)));
    m_final = true;
    decodeLiveAsync(true);
}

void TraceView::pollFollow() {
    const auto lines = m_tail.poll();
    if (lines.empty()) return;
    std::string text;
    for (const auto& l : lines) text.append(l).append("\n");
    m_liveChunks.push_back(std::make_shared<const std::string>(std::move(text)));
    m_dirty = true;
    if (!m_paused) decodeLiveAsync();
}

void TraceView::decodeLiveAsync(bool final) {
    if (m_decoding) { // one decode at a time; the newest text follows when it is done
        m_decodeAgain = true;
        return;
    }
    m_decodeAgain = false;
    m_dirty = false;
    // Re-decoding from the start keeps TP reassembly and phases exact; it runs off the GUI
    // thread, which receives only the rows it does not have yet.
    Job job;
    job.kind = Job::Live;
    job.generation = m_generation;
    job.path = m_tail.path();
    job.chunks = m_liveChunks; // shared, not copied
    job.final = final || m_final;
    job.shownRows = m_model->rows().size();
    if (job.shownRows > 0) {
        job.lastShownLine = m_model->rows().back().line;
        job.lastShownMessage = m_model->rows().back().message;
    }
    run(std::move(job));
}

void TraceView::showStatus(std::size_t messages, std::size_t reassembled, bool flattened) {
    const std::size_t problems = m_log ? m_log->problems.size() : 0;
    m_status->setText(QString("%1 — %2: %3 frames, %4 messages (%5 reassembled), %6 malformed lines%7%8")
                          .arg(QFileInfo(m_source).fileName(), m_log ? traces::toString(m_log->info.format) : "candump -L")
                          .arg(frameCount())
                          .arg(messages)
                          .arg(reassembled)
                          .arg(problems)
                          .arg(flattened ? " · timestamps flattened: no timing" : "")
                          .arg(m_timer->isActive() ? (m_paused ? " · live (paused)" : " · live") : ""));
}

void TraceView::refresh() {
    // An empty live trace: nothing to decode.
    m_dirty = false;
    freeOffThread(m_model->setRows({}));
    m_messageNames.clear();
    updateMessageChoices(0);
    showStatus(0, 0, false);
}

void TraceView::updateMessageChoices(std::size_t fromRow) {
    if (fromRow == 0) m_messageNames.clear();
    bool changed = fromRow == 0;
    const auto& rows = m_model->rows();
    for (std::size_t i = fromRow; i < rows.size(); ++i) {
        const TraceRow& r = rows[i];
        if (r.tpData || r.message == "TP.CM" || r.message.startsWith("0x")) continue;
        QString n = r.message;
        n.remove(" (TP)");
        if (!m_messageNames.contains(n)) {
            m_messageNames << n;
            changed = true;
        }
    }
    if (!changed) return;
    m_messageNames.sort();
    const QString current = m_message->currentData().toString();
    m_message->blockSignals(true);
    while (m_message->count() > 1) m_message->removeItem(1);
    for (const QString& n : m_messageNames) m_message->addItem(n, n);
    m_message->setCurrentIndex(std::max(0, m_message->findData(current)));
    m_message->blockSignals(false);
}

void TraceView::analyze() {
    if (!m_log) return;
    Job job;
    job.kind = Job::Analyze;
    job.generation = m_generation;
    job.log = m_log;
    run(std::move(job));
}

void TraceView::showFindings() {
    m_findings->clear();
    if (m_log)
        for (const auto& p : m_log->problems) {
            auto* item = new QTreeWidgetItem(m_findings, {"error", "trace", QString::number(p.line), QString::fromStdString(p.message)});
            item->setToolTip(3, QString::fromStdString(p.message));
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
    if (m_log) traces::writeCandump(m_log->frames, out);
    return static_cast<bool>(out);
}

bool TraceView::jumpToLine(qulonglong line) {
    const auto& rows = m_model->rows();
    // Rows are in file order: the first with this line (a TP message spans several lines).
    const auto it = std::lower_bound(rows.begin(), rows.end(), line,
                                     [](const TraceRow& r, qulonglong l) { return r.line < l; });
    if (it == rows.end() || it->line != line) {
        m_status->setText(QString("no frame at line %1 in this trace").arg(line));
        return false;
    }
    const QModelIndex shown = m_filter->mapFromSource(m_model->index(static_cast<int>(it - rows.begin()), 0));
    if (!shown.isValid()) {
        m_status->setText(QString("the frame at line %1 is hidden by the filters (message, direction, TP.DT, search)").arg(line));
        return false;
    }
    m_table->setCurrentIndex(shown);
    m_table->scrollTo(shown, QAbstractItemView::PositionAtCenter);
    return true;
}

qulonglong TraceView::currentLine() const {
    const QModelIndex index = m_filter->mapToSource(m_table->currentIndex());
    return index.isValid() ? m_model->rows()[static_cast<std::size_t>(index.row())].line : 0;
}

int TraceView::topRow() const { return m_table->rowAt(0); }

QString TraceView::matchText() const { return m_matches->text(); }

void TraceView::updateMatches() {
    const int shown = m_filter->rowCount();
    const int all = m_model->rowCount();
    m_matches->setText(shown == all ? QString("%1 rows").arg(all)
                                    : QString("%1 of %2 rows").arg(shown).arg(all));
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
