// The iiod line codec (transports/iio_command): IioCommand::parse on every line, channel masks
// (parseIioMask with 1..4 words, and the iioMaskText round trip), integer reply lines.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/transports/iio_command.hpp"

#include <cctype>

namespace v2gbench::fuzz {

int fuzzIiod(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    for (std::string_view line : splitLines(text)) {
        const transports::IioCommand c = transports::IioCommand::parse(line);
        for (char ch : c.keyword) require(!std::islower(static_cast<unsigned char>(ch)), "IioCommand: keyword not upper-cased");
        if (c.keyword.empty()) require(c.args.empty(), "IioCommand: arguments without a keyword");
        for (const auto& a : c.args) require(!a.empty(), "IioCommand: an empty argument");
        for (std::size_t words = 1; words <= 4; ++words) {
            if (auto mask = transports::parseIioMask(line, words)) {
                require(mask->size() == words, "parseIioMask: wrong word count");
                const std::string shown = transports::iioMaskText(*mask);
                const auto back = transports::parseIioMask(shown, words);
                require(back && *back == *mask, "iioMaskText/parseIioMask round trip");
            }
            for (const auto& a : c.args) (void)transports::parseIioMask(a, words);
        }
    }
    if (size >= sizeof(long)) {
        long v = 0;
        for (std::size_t i = 0; i < sizeof(long); ++i) v = static_cast<long>((static_cast<unsigned long>(v) << 8) | data[i]);
        require(!transports::iioIntegerLine(v).empty(), "iioIntegerLine: empty");
    }
    return 0;
}

} // namespace v2gbench::fuzz
