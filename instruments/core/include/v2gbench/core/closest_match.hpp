#pragma once
// "Did you mean": the candidate closest to a mistyped word, for every diagnostic that names a
// known set (keys, actions, signals, units, functions).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::core {

// Levenshtein distance (single-character insertions, deletions, substitutions), byte-wise.
std::size_t editDistance(std::string_view a, std::string_view b);

// Levenshtein-based; empty when no candidate is within 3 edits, or when the nearest shares
// nothing with the word (a short word is "close" to almost anything).
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

} // namespace v2gbench::core
