// core::parseQuantity / lookupUnit: never throw; a result is either a quantity or an error whose
// offset lies inside the text; a parsed quantity can be formatted.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/core/quantity.hpp"

namespace v2gbench::fuzz {

int fuzzQuantity(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    const core::QuantityParseResult r = core::parseQuantity(text);
    require(r.quantity.has_value() == r.error.empty(), "parseQuantity: quantity and error both set or both empty");
    require(r.errorOffset <= text.size(), "parseQuantity: error offset beyond the text");
    if (r.quantity) {
        // formatQuantity's text is for people; it does not always parse back ("3.5 MV", "2 s^-2":
        // parseQuantity has no MV/MHz and no s^-2). Noted for the core owner, not a finding here.
        (void)core::formatQuantity(r.quantity->value, r.quantity->dimension);
    }
    (void)core::lookupUnit(text);
    return 0;
}

} // namespace v2gbench::fuzz
