#pragma once
// One recorded signal against time, with a min/max pyramid so that drawing any time range at a
// given pixel width costs O(width), not O(samples): level k holds the min and max of every block
// of 4^(k+1) consecutive samples and is kept up to date as samples are appended. No Qt: the plot
// widget and the benchmark share it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::gui {

class SignalSeries {
public:
    SignalSeries(std::string name, std::string unit) : m_name(std::move(name)), m_unit(std::move(unit)) {}

    const std::string& name() const { return m_name; }
    const std::string& unit() const { return m_unit; }

    // Times must not decrease; an earlier sample is dropped (returns false).
    bool append(double t, double v);
    void reserve(std::size_t n);
    void clear();

    std::size_t size() const { return m_t.size(); }
    bool empty() const { return m_t.empty(); }
    double time(std::size_t i) const { return m_t[i]; }
    float value(std::size_t i) const { return m_v[i]; }
    double firstTime() const { return m_t.front(); }
    double lastTime() const { return m_t.back(); }

    // Index range [first, last) of the samples inside [t0, t1], widened by one sample each side
    // so lines reach the edges.
    std::pair<std::size_t, std::size_t> range(double t0, double t1) const;

    // The last sample at or before t (what a sample-and-hold readout shows at t); nullopt when t
    // precedes every sample.
    std::optional<std::size_t> indexAtOrBefore(double t) const;

    // Min/max of the samples falling in each of `width` equal columns spanning [t0, t1]. A column
    // without samples gets min > max (min = +inf, max = -inf). Uses the coarsest pyramid level
    // that still gives every column several blocks.
    void columns(double t0, double t1, int width, std::vector<float>& mins, std::vector<float>& maxs) const;

    std::size_t levels() const { return m_levels.size(); }

private:
    struct Level {
        std::size_t block = 0; // samples per entry
        std::vector<float> min, max;
    };
    void addLevel();

    std::string m_name;
    std::string m_unit;
    std::vector<double> m_t;
    std::vector<float> m_v;
    std::vector<Level> m_levels;
};

} // namespace v2gbench::gui
