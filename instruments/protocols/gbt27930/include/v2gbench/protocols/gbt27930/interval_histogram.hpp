#pragma once
// Bounded estimator of the period statistics `analyze` prints (median, p95, max) for traces of
// any length: intervals are counted in fixed bins of 0.1 ms below 1 s and of 1 ms from 1 s to
// 30 s (39,000 counters, 156 KiB per message); longer intervals are counted above the range. The
// maximum is exact. A quantile is the nearest rank (the smallest interval with at least p of all
// at or below it), reported as the middle of its bin: within ±0.05 ms below 1 s, ±0.5 ms above.
#include <cstdint>
#include <optional>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

class IntervalHistogram {
public:
    static constexpr std::int64_t kFineBinUs = 100, kFineLimitUs = 1'000'000;
    static constexpr std::int64_t kCoarseBinUs = 1000, kLimitUs = 30'000'000;

    // `us` >= 0 (a negative interval is time going backwards, reported elsewhere).
    void add(std::int64_t us);
    std::uint64_t count() const { return m_count; }
    double maxMs() const { return static_cast<double>(m_maxUs) / 1000.0; }
    // nullopt when there is no interval, or the quantile lies above the range (> 30 s).
    std::optional<double> quantileMs(double p) const;

private:
    std::vector<std::uint32_t> m_bins; // allocated at the first interval
    std::uint64_t m_count = 0, m_above = 0;
    std::int64_t m_maxUs = 0;
};

} // namespace v2gbench::protocols::gbt27930
