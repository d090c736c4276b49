#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/text_format.hpp"
#include "v2gbench/reports/trace_csv.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

using namespace v2gbench::reports;

BOOST_AUTO_TEST_SUITE(text_format)

BOOST_AUTO_TEST_CASE(numbers) {
    BOOST_TEST(formatNumber(10.02) == "10.02");
    BOOST_TEST(formatNumber(0.1 + 0.2) == "0.3");
    BOOST_TEST(formatNumber(-0.0) == "0");
    BOOST_TEST(formatNumber(1e6) == "1e+06");
    BOOST_TEST(formatNumber(123456789.0, 9) == "123456789");
    BOOST_TEST(formatNumber(std::numeric_limits<double>::quiet_NaN()) == "nan");
    BOOST_TEST(formatNumber(-std::numeric_limits<double>::infinity()) == "-inf");
}

BOOST_AUTO_TEST_CASE(si_prefixes) {
    BOOST_TEST(formatQuantity(10.02, "A") == "10.02 A");
    BOOST_TEST(formatQuantity(0.02, "A") == "20 mA");
    BOOST_TEST(formatQuantity(412500.0, "W") == "412.5 kW");
    BOOST_TEST(formatQuantity(-7000.0, "W") == "-7 kW");
    BOOST_TEST(formatQuantity(0.0015, "s") == "1.5 ms");
    BOOST_TEST(formatQuantity(1200.0, "s") == "1200 s"); // no kiloseconds
    BOOST_TEST(formatQuantity(2500.0, "A/s") == "2.5 kA/s");
    BOOST_TEST(formatQuantity(3.5e-6, "V") == "3.5 µV");
    BOOST_TEST(formatQuantity(50.0, "%") == "50 %");
    BOOST_TEST(formatQuantity(0.98, "") == "0.98");
    BOOST_TEST(formatQuantity(0.0, "V") == "0 V");
    BOOST_TEST(formatQuantity(999.5, "V") == "999.5 V");
    BOOST_TEST(formatQuantity(999.9999, "V") == "1 kV"); // the printed (rounded) value picks the prefix
    BOOST_TEST(!unitTakesPrefix("V/m"));
}

BOOST_AUTO_TEST_CASE(escaping) {
    BOOST_TEST(escapeXml("<a & \"b\">'") == "&lt;a &amp; &quot;b&quot;&gt;&#39;");
    BOOST_TEST(escapeXml("tab\tok") == "tab\tok");
    BOOST_TEST(escapeXml(std::string("x\x01y")) == "x\xEF\xBF\xBDy");
    BOOST_TEST(escapeXml("µ ± ≤") == "µ ± ≤");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(svg_plot)

BOOST_AUTO_TEST_CASE(nice_ticks) {
    const AxisTicks a = niceTicks(0.0, 9.3, 6);
    BOOST_TEST(a.step == 2.0);
    BOOST_TEST(a.first == 0.0);
    BOOST_TEST(a.last == 10.0);
    BOOST_TEST(a.values.size() == 6u);

    const AxisTicks b = niceTicks(-0.3, 0.7, 6);
    BOOST_TEST(b.step == 0.2, boost::test_tools::tolerance(1e-12));
    bool hasExactZero = false;
    for (const double v : b.values) {
        hasExactZero = hasExactZero || v == 0.0;
    }
    BOOST_TEST(hasExactZero);

    const AxisTicks flat = niceTicks(400.0, 400.0, 6);
    BOOST_TEST(flat.first < 400.0);
    BOOST_TEST(flat.last > 400.0);

    const AxisTicks big = niceTicks(0.0, 7300.0, 6);
    BOOST_TEST(big.step == 2000.0);
    BOOST_TEST(big.last == 8000.0);

    const AxisTicks quarter = niceTicks(-5.0, 105.0, 6);
    BOOST_TEST(quarter.step == 25.0);
    BOOST_TEST(quarter.first == -25.0);
    BOOST_TEST(quarter.last == 125.0);
}

BOOST_AUTO_TEST_CASE(plot_has_axes_limits_and_window) {
    Trace t;
    t.column = "battery.voltage_V";
    t.signal = "battery.voltage";
    t.unit = "V";
    for (int i = 0; i <= 100; ++i) {
        t.timeS.push_back(100.0 + i * 0.01);
        t.values.push_back(i < 50 ? 400.0 : 410.0);
    }
    PlotOptions o;
    o.title = "voltage <step>";
    o.low = 395.0;
    o.high = 415.0;
    o.windowStartS = 100.5;
    o.windowEndS = 101.0;
    const std::string svg = renderSvgPlot(t, o);
    BOOST_TEST(svg.find("<title>voltage &lt;step&gt;</title>") != std::string::npos);
    BOOST_TEST(svg.find("class=\"limit limit-low\"") != std::string::npos);
    BOOST_TEST(svg.find("class=\"limit limit-high\"") != std::string::npos);
    BOOST_TEST(svg.find("high 415 V") != std::string::npos);
    BOOST_TEST(svg.find("class=\"window\"") != std::string::npos);
    BOOST_TEST(svg.find("battery.voltage [V]") != std::string::npos);
    BOOST_TEST(svg.find("time [s] from t = 100 s") != std::string::npos);
    BOOST_TEST(svg.find(">400<") != std::string::npos);
    BOOST_TEST(svg.find("class=\"trace\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(large_values_get_a_prefixed_axis) {
    Trace t;
    t.column = "analyzer.ac_power_W";
    t.signal = "analyzer.ac_power";
    t.unit = "W";
    t.timeS = {0.0, 1.0, 2.0};
    t.values = {-7000.0, -7100.0, -6900.0};
    const std::string svg = renderSvgPlot(t, PlotOptions{});
    BOOST_TEST(svg.find("analyzer.ac_power [kW]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(short_time_span_uses_milliseconds) {
    Trace t;
    t.column = "a.b_A";
    t.unit = "A";
    t.timeS = {7.0, 7.02, 7.04};
    t.values = {1.0, 2.0, 3.0};
    const std::string svg = renderSvgPlot(t, PlotOptions{});
    BOOST_TEST(svg.find("time [ms] from t = 7 s") != std::string::npos);
    BOOST_TEST(svg.find(">40<") != std::string::npos); // 40 ms tick
}

BOOST_AUTO_TEST_CASE(empty_trace_still_renders) {
    Trace t;
    t.column = "x.y_A";
    const std::string svg = renderSvgPlot(t, PlotOptions{});
    BOOST_TEST(svg.find("no samples recorded") != std::string::npos);
    BOOST_TEST(svg.find("</svg>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(trace_csv)

BOOST_AUTO_TEST_CASE(parses_header_and_rows) {
    const Trace t = parseTraceCsv("time_s,analyzer.dc_current_A\r\n0,1.5\r\n0.001,-2e-3\r\n\r\n", "t.csv");
    BOOST_TEST(t.signal == "analyzer.dc_current");
    BOOST_TEST(t.unit == "A");
    BOOST_REQUIRE_EQUAL(t.values.size(), 2u);
    BOOST_TEST(t.timeS[1] == 0.001);
    BOOST_TEST(t.values[1] == -0.002);
}

BOOST_AUTO_TEST_CASE(errors_name_file_and_line) {
    try {
        parseTraceCsv("time_s,a.b_V\n0,1\n0.1,one\n", "signals/0007.csv");
        BOOST_FAIL("expected an error");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("signals/0007.csv:3: value 'one' is not a number") == 0u, e.what());
    }
    BOOST_CHECK_THROW(parseTraceCsv("t,a.b_V\n0,1\n", "x.csv"), std::runtime_error);
    BOOST_CHECK_THROW(parseTraceCsv("", "x.csv"), std::runtime_error);
    BOOST_CHECK_THROW(readTraceCsv("/nonexistent/v2g/trace.csv"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
