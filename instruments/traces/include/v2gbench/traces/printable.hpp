#pragma once
// A piece of untrusted input made fit for a message: at most `maxChars` characters, printable
// ASCII and valid UTF-8 kept, every other byte written as \xNN, and "… (N bytes)" when cut.
// A 10 MB binary line becomes one short line of text.
#include <cstddef>
#include <string>
#include <string_view>

namespace v2gbench::traces {

inline constexpr std::size_t kExcerptChars = 200;

std::string printableExcerpt(std::string_view bytes, std::size_t maxChars = kExcerptChars,
                             std::size_t totalBytes = 0 /* the full length when `bytes` is a prefix */);

} // namespace v2gbench::traces
