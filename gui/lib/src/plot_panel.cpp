#include "v2gbench/gui/plot_panel.hpp"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>

#include <fstream>

namespace v2gbench::gui {

namespace {
const QColor kPalette[] = {QColor("#1f77b4"), QColor("#d62728"), QColor("#2ca02c"), QColor("#9467bd"),
                           QColor("#ff7f0e"), QColor("#17becf"), QColor("#8c564b"), QColor("#e377c2")};

// Limits of a measure check as the journal writes them: "10 A ± 0.3 A", "400 V ± 1 %".
std::optional<PlotLimits> parseLimits(const QString& text) {
    static const QRegularExpression band(R"(^\s*([-+0-9.eE]+)\s*(\S*)\s*±\s*([0-9.eE+]+)\s*(\S*)\s*$)");
    const auto m = band.match(text);
    if (!m.hasMatch()) return std::nullopt;
    const double nominal = m.captured(1).toDouble();
    double tol = m.captured(3).toDouble();
    if (m.captured(4) == "%") tol = std::abs(nominal) * tol / 100.0;
    return PlotLimits{nominal - tol, nominal + tol, 0, 0};
}
} // namespace

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel("Signals"));
    m_list = new QListWidget(left);
    m_list->setObjectName("plot.signals");
    leftLayout->addWidget(m_list);
    auto* hint = new QLabel("wheel: zoom time · Ctrl+wheel: zoom values\ndrag: pan · double-click: follow\n"
                            "right-click: cursors A/B, export",
                            left);
    hint->setStyleSheet("color: #777");
    hint->setWordWrap(true); // the hint must not set the list's width (the plot's, on a laptop)
    leftLayout->addWidget(hint);
    m_plot = new PlotWidget(splitter);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({190, 800});
    connect(m_list, &QListWidget::itemChanged, this, [this] { rebuildLanes(); });
    // Samples arrive at up to 10 Hz per signal: repaint at most 10 times a second.
    m_repaint = new QTimer(this);
    m_repaint->setInterval(100);
    connect(m_repaint, &QTimer::timeout, this, [this] {
        if (!m_dirty) return;
        m_dirty = false;
        m_plot->update();
    });
    m_repaint->start();
}

PlotPanel::Entry& PlotPanel::entry(const std::string& name, const std::string& unit) {
    auto it = m_entries.find(name);
    if (it != m_entries.end()) return it->second;
    Entry e;
    e.series = std::make_unique<SignalSeries>(name, unit);
    e.color = kPalette[m_entries.size() % std::size(kPalette)];
    m_list->blockSignals(true);
    e.item = new QListWidgetItem(QString::fromStdString(name), m_list);
    e.item->setFlags(e.item->flags() | Qt::ItemIsUserCheckable);
    e.item->setCheckState(Qt::Unchecked);
    e.item->setForeground(e.color.darker(120));
    m_list->blockSignals(false);
    return m_entries.emplace(name, std::move(e)).first->second;
}

void PlotPanel::clear() {
    m_entries.clear();
    m_list->clear();
    m_autoShown = 0;
    m_liveDefaults = false;
    rebuildLanes();
    m_plot->resetView(); // a new run starts unzoomed, without the last run's cursors
}

void PlotPanel::appendSample(const std::string& name, const std::string& unit, double t, double v) {
    const bool fresh = m_entries.find(name) == m_entries.end();
    entry(name, unit).series->append(t, v);
    if (fresh) showIfLiveDefault(name);
    m_dirty = true;
}

void PlotPanel::showIfLiveDefault(const std::string& name) {
    // Live readings (the session's "live/", a run's "run/"): show what an engineer watches first —
    // DC output against demand, grid power.
    const auto slash = name.find('/');
    if (slash == std::string::npos) return;
    const std::string prefix = name.substr(0, slash + 1);
    if (prefix != "live/" && prefix != "run/") return;
    const std::string signal = name.substr(slash + 1);
    if (signal != "analyzer.dc_voltage" && signal != "analyzer.dc_current" && signal != "ev.demand_current" &&
        signal != "analyzer.ac_power")
        return;
    bool anyShown = false;
    for (const auto& [n, e] : m_entries) anyShown |= e.item->checkState() == Qt::Checked && n != name;
    if (anyShown && !m_liveDefaults) return;
    m_liveDefaults = true; // a live default set is being shown: complete it
    showSignal(name);
}

void PlotPanel::appendFrames(const std::vector<bench::SignalFrame>& frames, const std::string& prefix) {
    std::string key;
    for (const auto& f : frames)
        for (const auto& r : f.readings) {
            key.assign(prefix).append(r.name);
            auto it = m_entries.find(key);
            if (it == m_entries.end()) {
                appendSample(key, r.unit, f.benchTime, r.value); // a new signal: its entry, maybe shown
                continue;
            }
            it->second.series->append(f.benchTime, r.value);
        }
    if (!frames.empty()) m_dirty = true;
}

void PlotPanel::addCheckStart(const bench::CheckStart& check, const std::string& prefix) {
    const std::string name = prefix + check.signal;
    auto it = m_entries.find(name);
    if (it == m_entries.end()) return; // not a streamed signal (a bus message, a daq channel)
    it->second.windows.push_back({check.tStart, check.tEnd, QString::fromStdString(check.name)});
    // A measure check's limits are on its signal; the others' on their metric (a time, a rate).
    if (check.kind == "measure" && (check.low || check.high))
        it->second.limits.push_back({check.low, check.high, check.tStart, check.tEnd});
    // The check's signal is shown while the lanes stay readable (four at most, as the live defaults).
    int shown = 0;
    for (const auto& [n, e] : m_entries) shown += e.item->checkState() == Qt::Checked ? 1 : 0;
    if (it->second.item->checkState() != Qt::Checked && shown < 4) showSignal(name); // itemChanged → rebuildLanes
    else rebuildLanes();
}

std::size_t PlotPanel::loadTrace(const QString& csvPath, std::string* signalOut) {
    std::ifstream in(csvPath.toStdString());
    std::string header;
    if (!in || !std::getline(in, header)) return 0;
    // "time_s,analyzer.dc_current_A": the signal name, then its unit after the last '_'.
    const auto comma = header.find(',');
    if (comma == std::string::npos) return 0;
    std::string column = header.substr(comma + 1);
    std::string unit;
    if (const auto us = column.rfind('_'); us != std::string::npos) {
        unit = column.substr(us + 1);
        column = column.substr(0, us);
    }
    if (signalOut) *signalOut = column;
    Entry& e = entry(column, unit);
    std::size_t n = 0;
    std::string line;
    while (std::getline(in, line)) {
        const auto c = line.find(',');
        if (c == std::string::npos) continue;
        n += e.series->append(std::strtod(line.c_str(), nullptr), std::strtod(line.c_str() + c + 1, nullptr)) ? 1 : 0;
    }
    if (m_autoShown < 3 && e.item->checkState() != Qt::Checked) {
        ++m_autoShown;
        showSignal(column);
    }
    m_dirty = true;
    return n;
}

void PlotPanel::addWindow(const std::string& signal, double t0, double t1, const QString& label) {
    auto it = m_entries.find(signal);
    if (it == m_entries.end()) return;
    it->second.windows.push_back({t0, t1, label});
    rebuildLanes();
}

void PlotPanel::addLimits(const std::string& signal, PlotLimits limits) {
    auto it = m_entries.find(signal);
    if (it == m_entries.end()) return;
    it->second.limits.push_back(limits);
    rebuildLanes();
}

void PlotPanel::applyRunEvent(const nlohmann::json& e, const QString& runDir) {
    if (e.value("event", "") != "check") return;
    const std::string trace = e.value("trace", "");
    if (trace.empty()) return;
    std::string signal;
    const QString path = runDir + "/" + QString::fromStdString(trace);
    if (loadTrace(path, &signal) == 0) return;
    // The trace spans the check's observation: draw it as the measurement window.
    std::ifstream in(path.toStdString());
    std::string line, first, last;
    std::getline(in, line);
    while (std::getline(in, line))
        if (!line.empty()) (first.empty() ? first : last) = line;
    double t0 = 0, t1 = 0;
    if (!first.empty()) {
        t0 = std::strtod(first.c_str(), nullptr);
        t1 = last.empty() ? t0 : std::strtod(last.c_str(), nullptr);
        m_entries.at(signal).windows.push_back({t0, t1, QString::fromStdString(e.value("name", ""))});
    }
    if (e.value("kind", "") == "measure")
        if (auto l = parseLimits(QString::fromStdString(e.value("limits", "")))) {
            l->t0 = t0;
            l->t1 = t1;
            m_entries.at(signal).limits.push_back(*l);
        }
    rebuildLanes();
}

void PlotPanel::applySummary(const QString& runDir) {
    std::ifstream in((runDir + "/summary.json").toStdString());
    if (!in) return;
    nlohmann::json summary;
    try {
        summary = nlohmann::json::parse(in);
    } catch (const std::exception&) {
        return;
    }
    for (auto& [name, e] : m_entries) {
        (void)name;
        e.limits.clear();
        e.windows.clear();
    }
    for (const auto& plan : summary.value("plans", nlohmann::json::array()))
        for (const auto& c : plan.value("cases", nlohmann::json::array()))
            for (const auto& check : c.value("checks", nlohmann::json::array())) {
                const std::string signal = check.value("signal", "");
                auto it = m_entries.find(signal);
                if (it == m_entries.end()) continue;
                const auto num = [&](const char* k) -> std::optional<double> {
                    auto v = check.find(k);
                    return v != check.end() && v->is_number() ? std::optional<double>(v->get<double>()) : std::nullopt;
                };
                const auto t0 = num("t_start_s"), t1 = num("t_end_s");
                if (t0 && t1) it->second.windows.push_back({*t0, *t1, QString::fromStdString(check.value("name", ""))});
                // Limits of a measure check apply to the signal; a response check's to its metric.
                if (check.value("kind", "") == "measure" && (num("low") || num("high")))
                    it->second.limits.push_back({num("low"), num("high"), t0.value_or(0), t1.value_or(0)});
            }
    rebuildLanes();
}

void PlotPanel::showSignal(const std::string& name, bool shown) {
    auto it = m_entries.find(name);
    if (it == m_entries.end()) return;
    it->second.item->setCheckState(shown ? Qt::Checked : Qt::Unchecked); // itemChanged → rebuildLanes
}

QStringList PlotPanel::signalNames() const {
    QStringList out;
    for (const auto& [name, e] : m_entries) out << QString::fromStdString(name);
    return out;
}

const SignalSeries* PlotPanel::series(const std::string& name) const {
    auto it = m_entries.find(name);
    return it == m_entries.end() ? nullptr : it->second.series.get();
}

std::vector<PlotWindow> PlotPanel::windows(const std::string& name) const {
    auto it = m_entries.find(name);
    return it == m_entries.end() ? std::vector<PlotWindow>{} : it->second.windows;
}

std::vector<PlotLimits> PlotPanel::limits(const std::string& name) const {
    auto it = m_entries.find(name);
    return it == m_entries.end() ? std::vector<PlotLimits>{} : it->second.limits;
}

void PlotPanel::rebuildLanes() {
    std::vector<PlotWidget::Lane> lanes;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        if (item->checkState() != Qt::Checked) continue;
        auto it = m_entries.find(item->text().toStdString());
        if (it == m_entries.end()) continue;
        lanes.push_back({it->second.series.get(), it->second.color, it->second.limits, it->second.windows});
    }
    m_plot->setLanes(std::move(lanes));
}

} // namespace v2gbench::gui
