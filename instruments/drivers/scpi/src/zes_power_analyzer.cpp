#include "v2gbench/drivers/scpi/zes_power_analyzer.hpp"

#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"

#include <cmath>

namespace v2gbench::drivers::scpi {

namespace {
// Per AC channel, in this order.
constexpr const char* kAcItems[] = {"u.trms", "i.trms", "p", "q", "s", "pf", "f", "i.thd"};
constexpr const char* kDcItems[] = {"u.dc", "i.dc", "p"};
} // namespace

ZesPowerAnalyzer::ZesPowerAnalyzer(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options,
                                   const core::Clock& clock, int acPhases, int dcChannel)
    : m_dialect(dialect), m_session(std::move(options)), m_acPhases(acPhases), m_dcChannel(dcChannel), m_clock(clock) {
    const auto& anyItem = m_dialect.at("p");
    requireRange(m_session.instrument(), "ac_phases", acPhases, 1, 3, "");
    requireRange(m_session.instrument(), "dc_channel", dcChannel, acPhases + 1, anyItem.suffixMax, "");
    m_message = m_dialect.at("measure.init").command();
    for (int ch = 1; ch <= m_acPhases; ++ch)
        for (const char* item : kAcItems) m_message += ";" + m_dialect.at(item).query(ch);
    for (const char* item : kDcItems) m_message += ";" + m_dialect.at(item).query(m_dcChannel);
    m_session.connect();
    m_identity = identifyAs(m_session, m_dialect);
}

core::AnalyzerReading ZesPowerAnalyzer::read() {
    core::AnalyzerReading r;
    r.timestamp = m_clock.now();
    const auto values = m_session.queryNumbers(m_message, ';');
    const std::size_t perAc = std::size(kAcItems);
    const std::size_t expected = perAc * static_cast<std::size_t>(m_acPhases) + std::size(kDcItems);
    if (values.size() != expected)
        m_session.fail(m_message, std::to_string(values.size()) + " values in the reply, expected " + std::to_string(expected));
    double u = 0, i = 0, p = 0, q = 0, s = 0, thd = 0;
    for (int ch = 0; ch < m_acPhases; ++ch) {
        const double* v = &values[static_cast<std::size_t>(ch) * perAc];
        u += v[0];
        i += v[1];
        p += v[2];
        q += v[3];
        s += v[4];
        thd += std::isfinite(v[7]) ? v[7] : 0.0;
    }
    const double n = m_acPhases;
    r.ac.voltage = units::Volts(u / n);
    r.ac.current = units::Amperes(i / n);
    r.ac.activePower = units::Watts(p);
    r.ac.reactivePower = units::Vars(q);
    r.ac.apparentPower = units::Watts(s);
    r.ac.powerFactor = units::Ratio(s > 0 ? std::abs(p) / s : 0.0);
    r.ac.frequency = units::Hertz(values[6]);
    r.ac.currentThd = units::Ratio(thd / n / 100.0);
    const double* dc = &values[perAc * static_cast<std::size_t>(m_acPhases)];
    r.dc.voltage = units::Volts(dc[0]);
    r.dc.current = units::Amperes(dc[1]);
    r.dc.power = units::Watts(dc[2]);
    return r;
}

} // namespace v2gbench::drivers::scpi
