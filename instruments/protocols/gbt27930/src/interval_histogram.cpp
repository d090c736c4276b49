#include "v2gbench/protocols/gbt27930/interval_histogram.hpp"

#include <cmath>

namespace v2gbench::protocols::gbt27930 {

namespace {
constexpr std::size_t kFineBins = IntervalHistogram::kFineLimitUs / IntervalHistogram::kFineBinUs;
constexpr std::size_t kBins =
    kFineBins + (IntervalHistogram::kLimitUs - IntervalHistogram::kFineLimitUs) / IntervalHistogram::kCoarseBinUs;
} // namespace

void IntervalHistogram::add(std::int64_t us) {
    if (us < 0) return;
    if (m_bins.empty()) m_bins.assign(kBins, 0);
    ++m_count;
    if (us > m_maxUs) m_maxUs = us;
    if (us >= kLimitUs) {
        ++m_above;
        return;
    }
    const std::size_t bin = us < kFineLimitUs ? static_cast<std::size_t>(us / kFineBinUs)
                                              : kFineBins + static_cast<std::size_t>((us - kFineLimitUs) / kCoarseBinUs);
    // A bin saturates at 4 G intervals: 13 years of a 10 ms message.
    if (m_bins[bin] != UINT32_MAX) ++m_bins[bin];
}

std::optional<double> IntervalHistogram::quantileMs(double p) const {
    if (m_count == 0) return std::nullopt;
    auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(m_count)));
    if (rank < 1) rank = 1;
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < m_bins.size(); ++b) {
        seen += m_bins[b];
        if (seen >= rank) {
            const double lowUs = b < kFineBins ? static_cast<double>(b) * kFineBinUs
                                               : static_cast<double>(kFineLimitUs) + static_cast<double>(b - kFineBins) * kCoarseBinUs;
            const double width = b < kFineBins ? kFineBinUs : kCoarseBinUs;
            return (lowUs + width / 2) / 1000.0;
        }
    }
    return std::nullopt; // above 30 s
}

} // namespace v2gbench::protocols::gbt27930
