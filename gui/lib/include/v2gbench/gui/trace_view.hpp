#pragma once
// The protocol trace: the GB/T 27930 bus decoded, either live (following the running run's
// can.log) or from a capture file (candump -L or ZLG CANTest), with filters, search, pause,
// export to candump -L, and the `analyze` findings of the trace.
#include "v2gbench/gui/file_tail.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"

#include "v2gbench/gui/trace_model.hpp"

#include <QWidget>

#include <thread>

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

    // Opens a capture; false with `error` set when it cannot be read.
    bool openCapture(const QString& path, QString* error = nullptr);
    // Follows a growing candump -L file (a run's can.log); empty path stops following.
    void follow(const QString& canLogPath);
    void setPaused(bool paused);
    // The followed file is complete (the run ended): read its end and stop following.
    void finishFollow();
    bool exportCandump(const QString& path, QString* error = nullptr) const;
    void analyze();

    TraceModel* model() const { return m_model; }
    TraceFilter* filter() const { return m_filter; }
    const protocols::gbt27930::AnalysisReport& analysis() const { return m_analysis; }
    int frameCount() const { return static_cast<int>(m_log.frames.size()); }
    QString source() const { return m_source; }
    // True while an opened capture file is shown (live following would replace it).
    bool showsCapture() const { return m_capture; }

private:
    void refresh();
    void pollFollow();
    // Live: parse and decode the followed text on a worker thread, then show it (GUI thread).
    void decodeLiveAsync();
    void showDecoded(protocols::gbt27930::TraceLog log, const protocols::gbt27930::DecodeReport& report,
                     std::vector<TraceRow> rows);
    void showDetail();
    void updateMessageChoices();

    protocols::gbt27930::TraceLog m_log;
    protocols::gbt27930::AnalysisReport m_analysis;
    std::string m_liveText; // the followed file's complete lines so far
    FileTail m_tail;
    bool m_paused = false;
    bool m_capture = false;
    bool m_dirty = false;
    QString m_source;
    TraceModel* m_model;
    TraceFilter* m_filter;
    QTableView* m_table;
    QComboBox* m_message;
    QComboBox* m_direction;
    QCheckBox* m_hideTp;
    QLineEdit* m_search;
    QPushButton* m_pause;
    QLabel* m_status;
    QPlainTextEdit* m_detail;
    QTreeWidget* m_findings;
    QTimer* m_timer;
    std::thread m_decoder;
    bool m_decoding = false;
    bool m_decodeAgain = false;
    unsigned m_generation = 0;
};

} // namespace v2gbench::gui
