#include "v2gbench/gui/signal_series.hpp"

#include <algorithm>
#include <limits>

namespace v2gbench::gui {

namespace {
constexpr std::size_t kFanout = 4;
}

bool SignalSeries::append(double t, double v) {
    if (!m_t.empty() && t < m_t.back()) return false;
    const std::size_t i = m_t.size();
    m_t.push_back(t);
    const float f = static_cast<float>(v);
    m_v.push_back(f);
    for (auto& level : m_levels) {
        const std::size_t j = i / level.block;
        if (j == level.min.size()) {
            level.min.push_back(f);
            level.max.push_back(f);
        } else {
            level.min[j] = std::min(level.min[j], f);
            level.max[j] = std::max(level.max[j], f);
        }
    }
    const std::size_t nextBlock = m_levels.empty() ? kFanout : m_levels.back().block * kFanout;
    if (m_t.size() >= nextBlock * kFanout) addLevel();
    return true;
}

void SignalSeries::addLevel() {
    Level level;
    level.block = m_levels.empty() ? kFanout : m_levels.back().block * kFanout;
    const std::size_t n = (m_t.size() + level.block - 1) / level.block;
    level.min.assign(n, std::numeric_limits<float>::infinity());
    level.max.assign(n, -std::numeric_limits<float>::infinity());
    if (m_levels.empty()) {
        for (std::size_t i = 0; i < m_v.size(); ++i) {
            level.min[i / kFanout] = std::min(level.min[i / kFanout], m_v[i]);
            level.max[i / kFanout] = std::max(level.max[i / kFanout], m_v[i]);
        }
    } else {
        const Level& finer = m_levels.back();
        for (std::size_t i = 0; i < finer.min.size(); ++i) {
            level.min[i / kFanout] = std::min(level.min[i / kFanout], finer.min[i]);
            level.max[i / kFanout] = std::max(level.max[i / kFanout], finer.max[i]);
        }
    }
    m_levels.push_back(std::move(level));
}

void SignalSeries::reserve(std::size_t n) {
    m_t.reserve(n);
    m_v.reserve(n);
}

void SignalSeries::clear() {
    m_t.clear();
    m_v.clear();
    m_levels.clear();
}

std::pair<std::size_t, std::size_t> SignalSeries::range(double t0, double t1) const {
    auto first = static_cast<std::size_t>(std::lower_bound(m_t.begin(), m_t.end(), t0) - m_t.begin());
    auto last = static_cast<std::size_t>(std::upper_bound(m_t.begin(), m_t.end(), t1) - m_t.begin());
    if (first > 0) --first;
    if (last < m_t.size()) ++last;
    return {first, last};
}

std::optional<std::size_t> SignalSeries::indexAtOrBefore(double t) const {
    const auto after = std::upper_bound(m_t.begin(), m_t.end(), t);
    if (after == m_t.begin()) return std::nullopt;
    return static_cast<std::size_t>(after - m_t.begin()) - 1;
}

void SignalSeries::columns(double t0, double t1, int width, std::vector<float>& mins,
                           std::vector<float>& maxs) const {
    const auto w = static_cast<std::size_t>(std::max(width, 1));
    mins.assign(w, std::numeric_limits<float>::infinity());
    maxs.assign(w, -std::numeric_limits<float>::infinity());
    if (m_t.empty() || t1 <= t0) return;
    const auto [first, last] = range(t0, t1);
    const double scale = static_cast<double>(w) / (t1 - t0);
    auto column = [&](double t) -> std::size_t {
        const double c = (t - t0) * scale;
        if (c <= 0) return 0;
        const auto i = static_cast<std::size_t>(c);
        return i >= w ? w - 1 : i;
    };
    // The coarsest level still giving each column at least 4 blocks: the error at column edges
    // stays under a quarter column.
    const std::size_t n = last - first;
    const Level* use = nullptr;
    for (const auto& level : m_levels)
        if (n / level.block >= 4 * w) use = &level;
    if (!use) {
        for (std::size_t i = first; i < last; ++i) {
            const std::size_t c = column(m_t[i]);
            mins[c] = std::min(mins[c], m_v[i]);
            maxs[c] = std::max(maxs[c], m_v[i]);
        }
        return;
    }
    const std::size_t b = use->block;
    for (std::size_t j = first / b, end = (last - 1) / b; j <= end; ++j) {
        const std::size_t c = column(m_t[j * b]);
        mins[c] = std::min(mins[c], use->min[j]);
        maxs[c] = std::max(maxs[c], use->max[j]);
    }
}

} // namespace v2gbench::gui
