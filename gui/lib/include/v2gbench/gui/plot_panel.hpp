#pragma once
// Live plots: the list of known signals (tick to show; each ticked signal gets a lane on the
// shared time axis) and the plot. Signals come from the open bench's polls (grid V/f, battery
// V/I/SoC, demand vs charger output, analyzer AC/DC) and from a run's recorded check traces
// (signals/NNNN.csv), with each check's measurement window and limits drawn; during a run, from
// the engine's live stream as "run/<signal>" (kept apart from the manual session's "live/…",
// whose bench clock is another session's, and from the recorded traces under the plain name).
#include "v2gbench/bench/run_stream.hpp"
#include "v2gbench/gui/plot_widget.hpp"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <map>
#include <memory>
#include <string>

class QListWidget;
class QListWidgetItem;
class QTimer;

namespace v2gbench::gui {

class PlotPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlotPanel(QWidget* parent = nullptr);

    void clear();
    void appendSample(const std::string& name, const std::string& unit, double t, double v);
    // A run's live frames, each reading as "<prefix><signal>" (one map lookup per reading).
    void appendFrames(const std::vector<bench::SignalFrame>& frames, const std::string& prefix);
    // A check starting: its window (and a measure check's limits) on "<prefix><signal>", shown.
    void addCheckStart(const bench::CheckStart& check, const std::string& prefix);
    // Appends a recorded trace (header "time_s,<signal>_<unit>"); returns the samples read.
    std::size_t loadTrace(const QString& csvPath, std::string* signal = nullptr);
    void addWindow(const std::string& signal, double t0, double t1, const QString& label);
    void addLimits(const std::string& signal, PlotLimits limits);
    // A run's journal event (check → its trace, window and limits).
    void applyRunEvent(const nlohmann::json& event, const QString& runDir);
    // After a run: exact limits and windows from summary.json replace the journal's.
    void applySummary(const QString& runDir);

    void showSignal(const std::string& name, bool shown = true);
    QStringList signalNames() const;
    const SignalSeries* series(const std::string& name) const;
    // The measurement windows and limits drawn on a signal (empty for an unknown one).
    std::vector<PlotWindow> windows(const std::string& name) const;
    std::vector<PlotLimits> limits(const std::string& name) const;
    PlotWidget* plot() const { return m_plot; }

private:
    struct Entry {
        std::unique_ptr<SignalSeries> series;
        std::vector<PlotLimits> limits;
        std::vector<PlotWindow> windows;
        QColor color;
        QListWidgetItem* item = nullptr;
    };
    Entry& entry(const std::string& name, const std::string& unit);
    void rebuildLanes();
    void showIfLiveDefault(const std::string& name);

    std::map<std::string, Entry> m_entries;
    QListWidget* m_list;
    PlotWidget* m_plot;
    QTimer* m_repaint;
    bool m_dirty = false;
    int m_autoShown = 0;
    bool m_liveDefaults = false;
};

} // namespace v2gbench::gui
