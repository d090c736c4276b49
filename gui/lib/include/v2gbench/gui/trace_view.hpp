#pragma once
// The protocol trace: the GB/T 27930 bus decoded, either live (following the running run's
// can.log) or from a capture file (candump -L or ZLG CANTest), with filters, search, pause,
// export to candump -L, and the `analyze` findings of the trace.
#include "v2gbench/gui/file_tail.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include "v2gbench/gui/trace_model.hpp"

#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;
class QTreeWidget;

namespace v2gbench::gui {

class TraceModel;
class TraceFilter;

class TraceView : public QWidget {
    Q_OBJECT
public:
    explicit TraceView(QWidget* parent = nullptr);
    ~TraceView() override;

    // Opens a capture: read, decoded and analysed on a worker thread, then shown. False (with
    // `error`) when the file cannot be read at all; a file that turns out not to be a trace is
    // reported by captureFailed().
    bool openCapture(const QString& path, QString* error = nullptr);
    // Follows a growing candump -L file (a run's can.log); empty path stops following.
    void follow(const QString& canLogPath);
    void setPaused(bool paused);
    // The followed file is complete (the run ended): read its end, stop following, analyse it.
    void finishFollow();
    bool exportCandump(const QString& path, QString* error = nullptr) const;
    // Runs the `analyze` checks on the shown trace (on the worker thread).
    void analyze();

    TraceModel* model() const { return m_model; }
    TraceFilter* filter() const { return m_filter; }
    const protocols::gbt27930::AnalysisReport& analysis() const { return m_analysis; }
    int frameCount() const { return m_log ? static_cast<int>(m_log->frames.size()) : 0; }
    QString source() const { return m_source; }
    // True while an opened capture file is shown (live following would replace it).
    bool showsCapture() const { return m_capture; }
    // A capture is being read, or a decode or analysis is still due.
    bool isBusy() const { return m_decoding || m_pending.has_value() || m_decodeAgain; }
    // Selects and shows the frame of file line `line` (a finding's line). False, with the reason in
    // the status line, when no frame has that line or the filters hide it.
    bool jumpToLine(qulonglong line);
    // The file line of the selected frame; 0 when none is selected.
    qulonglong currentLine() const;
    // The first row visible at the top of the table (0 when the view shows the start).
    int topRow() const;
    // "1 234 of 56 789 rows" (filters or search active) or "56 789 rows".
    QString matchText() const;

Q_SIGNALS:
    void captureFailed(const QString& path, const QString& error);

private:
    // One job for the worker thread: a capture file, the followed text (its chunks), or an
    // analysis of the shown log.
    struct Job {
        enum Kind { Capture, Live, Analyze } kind = Live;
        unsigned generation = 0;
        std::string path;
        std::vector<std::shared_ptr<const std::string>> chunks;
        bool final = false;
        std::size_t shownRows = 0;   // rows the view has: a live decode sends only the ones after
        qulonglong lastShownLine = 0;
        QString lastShownMessage;
        std::shared_ptr<const traces::TraceCapture> log; // Analyze
    };
    struct Result;
    void refresh();
    void pollFollow();
    void decodeLiveAsync(bool final = false);
    void run(Job job);
    void show(Result& result);
    void showFindings();
    void showStatus(std::size_t messages, std::size_t reassembled, bool flattened);
    void showDetail();
    void updateMessageChoices(std::size_t fromRow);
    void updateMatches();

    std::shared_ptr<const traces::TraceCapture> m_log; // every frame shown (issue 16 revisits this)
    protocols::gbt27930::AnalysisReport m_analysis;
    std::vector<std::shared_ptr<const std::string>> m_liveChunks; // the followed file's complete lines
    FileTail m_tail;
    bool m_paused = false;
    bool m_capture = false;
    bool m_dirty = false;
    bool m_final = false;
    QString m_source;
    QStringList m_messageNames;
    TraceModel* m_model;
    TraceFilter* m_filter;
    QTableView* m_table;
    QComboBox* m_message;
    QComboBox* m_direction;
    QCheckBox* m_hideTp;
    QLineEdit* m_search;
    QPushButton* m_pause;
    QLabel* m_status;
    QLabel* m_matches;
    QPlainTextEdit* m_detail;
    QTreeWidget* m_findings;
    QTimer* m_timer;
    std::thread m_decoder;
    bool m_decoding = false;
    bool m_decodeAgain = false;
    std::optional<Job> m_pending; // runs once the current job is done
    unsigned m_generation = 0;
};

} // namespace v2gbench::gui
