#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

GridScpiModel::GridScpiModel(const transports::ScpiDialect& dialect, std::shared_ptr<sim::SimLab> lab, std::string idn)
    : m_dialect(dialect), m_lab(std::move(lab)), m_idn(std::move(idn)) {}

void GridScpiModel::reset() {
    m_allPhases = true;
    m_selected = 1;
    m_voltage = {};
    m_angle = {0.0, 120.0, 240.0};
    m_frequency = 50.0;
    m_slew = 0.0;
    m_output = false;
    m_lists.clear();
    m_listModes.clear();
    m_listCount = 1;
    m_lab->withPlant([](sim::Plant& p) { p.gridOff(); });
}

void GridScpiModel::pushToPlant() {
    if (!m_output) return;
    const double mean = (m_voltage[0] + m_voltage[1] + m_voltage[2]) / 3.0;
    m_lab->withPlant([&](sim::Plant& p) { p.gridApply(units::Volts(mean), units::Hertz(m_frequency)); });
}

std::string GridScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "phase.mode") {
        if (call.query) return codec::upper(call.spec.choices[m_allPhases ? 0 : 1]);
        m_allPhases = call.choice == 0;
        return {};
    }
    if (op == "phase.select") {
        if (call.query) return std::to_string(m_selected);
        if (call.number != static_cast<int>(call.number)) throw ScpiStatusError(-224, "phase must be 1, 2 or 3");
        m_selected = static_cast<int>(call.number);
        return {};
    }
    if (op == "voltage") {
        if (call.query) return codec::formatNumber(m_voltage[static_cast<std::size_t>(phaseIndex())]);
        if (m_allPhases) m_voltage.fill(call.number);
        else m_voltage[static_cast<std::size_t>(m_selected - 1)] = call.number;
        pushToPlant();
        return {};
    }
    if (op == "frequency") {
        if (call.query) return codec::formatNumber(m_frequency);
        m_frequency = call.number;
        pushToPlant();
        return {};
    }
    if (op == "phase.angle") {
        const auto i = static_cast<std::size_t>(phaseIndex());
        if (call.query) return codec::formatNumber(m_angle[i]);
        if (i == 0 && call.number != 0.0) throw ScpiStatusError(-221, "phase 1 is the reference (0 deg)");
        m_angle[i] = call.number;
        return {};
    }
    if (op == "phase.angle.p12" || op == "phase.angle.p13") {
        const std::size_t i = op == "phase.angle.p12" ? 1 : 2;
        if (call.query) return codec::formatNumber(m_angle[i]);
        m_angle[i] = call.number;
        return {};
    }
    if (op == "slew.voltage") {
        if (call.query) return codec::formatNumber(m_slew);
        m_slew = call.number;
        return {};
    }
    if (op == "abort") { // AMETEK: stops a running transient list, the output keeps its present value
        m_lab->withPlant([](sim::Plant& p) { p.gridStopSchedule(); });
        return {};
    }
    if (op.rfind("list.", 0) == 0 || op.find(".mode") != std::string::npos || op == "initiate" ||
        op.rfind("trigger.", 0) == 0)
        return executeList(call);
    if (op == "output") {
        if (call.query) return m_output ? "1" : "0";
        m_output = call.flag;
        if (m_output) pushToPlant();
        else m_lab->withPlant([](sim::Plant& p) { p.gridOff(); });
        return {};
    }
    if (op.rfind("measure.", 0) == 0) {
        const auto r = m_lab->withPlant([](sim::Plant& p) { return p.measure(); });
        const double mean = (m_voltage[0] + m_voltage[1] + m_voltage[2]) / 3.0;
        const double share = m_allPhases ? 1.0 : 1.0 / 3.0; // coupled: totals; per phase: a third
        double v = 0.0;
        if (op == "measure.voltage")
            v = mean > 0 ? r.ac.voltage.value * m_voltage[static_cast<std::size_t>(phaseIndex())] / mean : r.ac.voltage.value;
        else if (op == "measure.current") v = r.ac.current.value;
        else if (op == "measure.power") v = r.ac.activePower.value * share;
        else if (op == "measure.apparent") v = r.ac.apparentPower.value * share;
        else if (op == "measure.pfactor") v = r.ac.powerFactor.value;
        else if (op == "measure.frequency") v = r.ac.frequency.value;
        return codec::formatNumber(v);
    }
    throw ScpiStatusError(-113, op);
}

namespace {

const std::vector<double>& listOf(const std::map<std::string, std::vector<double>>& lists, const std::string& op) {
    static const std::vector<double> empty;
    auto it = lists.find(op);
    return it == lists.end() ? empty : it->second;
}

} // namespace

bool GridScpiModel::listRunning() {
    return m_lab->withPlant([](sim::Plant& p) { return p.gridScheduleRunning(); });
}

std::string GridScpiModel::executeList(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "phase.mode") return {}; // not reached: handled by execute()
    if (call.spec.argument == transports::ScpiArgument::NumberList) {
        m_lists[op] = call.numbers;
        return {};
    }
    if (call.spec.argument == transports::ScpiArgument::ChoiceList) {
        // Only sine waveforms are simulated: Chroma shape A, AMETEK SINE (choice 0).
        for (auto c : call.choiceList)
            if (c != 0) throw ScpiStatusError(-221, "only " + call.spec.choices[0] + " is simulated");
        m_lists[op] = std::vector<double>(call.choiceList.size(), 0.0);
        return {};
    }
    if (op == "list.count") {
        if (call.query) return std::to_string(m_listCount);
        if (call.number != static_cast<int>(call.number)) throw ScpiStatusError(-224, "count must be an integer");
        m_listCount = static_cast<int>(call.number);
        return {};
    }
    if (op == "list.base") {
        if (call.query) return "TIME";
        if (call.choice != 0) throw ScpiStatusError(-221, "only LIST:BASE TIME is simulated");
        return {};
    }
    if (op == "output.mode" || op.find(".mode") != std::string::npos) {
        const bool list =
            codec::upper(call.spec.choices.back()) == "LIST" && call.choice == call.spec.choices.size() - 1;
        if (call.query) return m_listModes[op] ? "LIST" : "FIX";
        m_listModes[op] = list;
        if (op == "output.mode" && !list) {
            // Chroma back to FIXED: the list stops and the fixed setpoint returns.
            m_lab->withPlant([](sim::Plant& p) { p.gridStopSchedule(); });
            pushToPlant();
        }
        return {};
    }
    if (op == "list.run") { // Chroma TRIG ON|OFF
        if (call.query) return listRunning() ? "1" : "0";
        if (call.flag)
            startChromaList();
        else
            m_lab->withPlant([](sim::Plant& p) { p.gridStopSchedule(); });
        return {};
    }
    if (op == "initiate") { // AMETEK INIT
        startAmetekList();
        return {};
    }
    if (op == "list.state") return listRunning() ? "BUSY" : "IDLE";
    // Stored settings the simulation does not act on: LIST:COUP, LIST:TRIG, LIST:STEP,
    // TRIG:TRAN:SOUR, TRIG:SYNC:SOUR (everything runs coupled, at once, on its own).
    if (call.query)
        return call.spec.argument == transports::ScpiArgument::Choice ? codec::upper(call.spec.choices[0]) : "0";
    return {};
}

void GridScpiModel::startChromaList() {
    if (!m_listModes["output.mode"]) throw ScpiStatusError(-221, "TRIG ON needs OUTP:MODE LIST");
    if (!m_output) throw ScpiStatusError(-221, "TRIG ON needs the output on");
    const auto& dwell = listOf(m_lists, "list.dwell");
    const auto& vs = listOf(m_lists, "list.voltage.start");
    const auto& ve = listOf(m_lists, "list.voltage.end");
    const auto& fs = listOf(m_lists, "list.frequency.start");
    const auto& fe = listOf(m_lists, "list.frequency.end");
    const std::size_t n = dwell.size();
    if (n == 0 || vs.size() != n || ve.size() != n || fs.size() != n || fe.size() != n)
        throw ScpiStatusError(-221, "LIST:DWEL, :VOLT:AC:STAR/END and :FREQ:STAR/END must have the same length");
    std::vector<sim::GridSegment> segments;
    for (std::size_t i = 0; i < n; ++i)
        segments.push_back({dwell[i], vs[i], ve[i], fs[i], fe[i]});
    m_lab->withPlant([&](sim::Plant& p) { p.gridRunSchedule(std::move(segments), m_listCount); });
}

void GridScpiModel::startAmetekList() {
    const bool vList = m_listModes["voltage.mode"], fList = m_listModes["frequency.mode"];
    if (!vList && !fList) throw ScpiStatusError(-221, "INIT needs VOLT:MODE LIST or FREQ:MODE LIST");
    if (!m_output) throw ScpiStatusError(-221, "INIT needs the output on");
    const auto& dwell = listOf(m_lists, "list.dwell");
    const std::size_t n = dwell.size();
    auto need = [&](const char* op, bool used) -> const std::vector<double>& {
        const auto& l = listOf(m_lists, op);
        if (used && l.size() != n)
            throw ScpiStatusError(-221, std::string(op) + " has " + std::to_string(l.size()) + " points, LIST:DWEL " +
                                            std::to_string(n));
        return l;
    };
    const auto& volts = need("list.voltage", vList);
    const auto& freqs = need("list.frequency", fList);
    const bool vSlewList = vList && m_listModes["voltage.slew.mode"],
               fSlewList = fList && m_listModes["frequency.slew.mode"];
    const auto& vSlew = need("list.voltage.slew", vSlewList);
    const auto& fSlew = need("list.frequency.slew", fSlewList);
    if (n == 0) throw ScpiStatusError(-221, "empty LIST:DWEL");
    const double vInstant = m_dialect.at("list.voltage.slew").max, fInstant = m_dialect.at("list.frequency.slew").max;
    // Each step slews from the previous value towards its target at its rate, then holds; the
    // dwell includes the slew [K]. Piecewise linear: cut the step where either slew ends.
    const auto now = m_lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    double v = now.outputOn ? now.voltage.value : 0.0, f = now.frequency.value;
    std::vector<sim::GridSegment> segments;
    for (std::size_t i = 0; i < n; ++i) {
        const double vt = vList ? volts[i] : v, ft = fList ? freqs[i] : f;
        const double vr = vSlewList && vSlew[i] < vInstant ? vSlew[i] : 0.0; // 0: jump
        const double fr = fSlewList && fSlew[i] < fInstant ? fSlew[i] : 0.0;
        const double tv = vr > 0.0 ? std::min(dwell[i], std::abs(vt - v) / vr) : 0.0;
        const double tf = fr > 0.0 ? std::min(dwell[i], std::abs(ft - f) / fr) : 0.0;
        auto vAt = [&](double t) { return tv > 0.0 && t < tv ? v + (vt - v) * t / tv : vt; };
        auto fAt = [&](double t) { return tf > 0.0 && t < tf ? f + (ft - f) * t / tf : ft; };
        std::vector<double> cuts{0.0, tv, tf, dwell[i]};
        std::sort(cuts.begin(), cuts.end());
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            const double a = cuts[k], b = cuts[k + 1];
            if (b <= a) continue;
            // Values at the segment's ends; at a ramp's start the jump of a non-ramped quantity applies.
            const double vA = a == 0.0 && tv > 0.0 ? v : vAt(a), fA = a == 0.0 && tf > 0.0 ? f : fAt(a);
            segments.push_back({b - a, vA, vAt(b), fA, fAt(b)});
        }
        v = vt;
        f = ft;
    }
    m_lab->withPlant([&](sim::Plant& p) { p.gridRunSchedule(std::move(segments), m_listCount); });
}

} // namespace v2gbench::simwire::scpi
