// core::parseQuantity / lookupUnit: never throw; an error names an offset inside the text; a
// parsed quantity formats and parses back to the same dimension.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/core/quantity.hpp"

#include <cmath>

namespace v2gbench::fuzz {

int fuzzQuantity(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    const core::QuantityParseResult r = core::parseQuantity(text);
    require(r.quantity.has_value() == r.error.empty(), "parseQuantity: quantity and error both set or both empty");
    require(r.errorOffset <= text.size(), "parseQuantity: error offset beyond the text");
    if (r.quantity) {
        const core::Quantity q = *r.quantity;
        const std::string shown = core::formatQuantity(q.value, q.dimension);
        if (std::isfinite(q.value) && !q.percent) {
            const core::QuantityParseResult back = core::parseQuantity(shown);
            require(back.quantity.has_value(), "parseQuantity: formatQuantity's text '" + shown + "' does not parse back: " +
                                                   back.error);
            require(back.quantity->dimension == q.dimension,
                    "parseQuantity: '" + shown + "' parses back with another dimension");
        }
    }
    (void)core::lookupUnit(text);
    return 0;
}

} // namespace v2gbench::fuzz
