#include "v2gbench/core/closest_match.hpp"

#include <algorithm>
#include <cstddef>

namespace v2gbench::core {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t bestDistance = 4; // suggestions further than 3 edits away are noise
    for (const auto& c : candidates) {
        if (c == word) continue;
        const std::size_t d = editDistance(word, c);
        // A short word is "close" to almost anything; demand that some of it survives.
        if (d < bestDistance && d < std::max(word.size(), c.size())) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

} // namespace v2gbench::core
