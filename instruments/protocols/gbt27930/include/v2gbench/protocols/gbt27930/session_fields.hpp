#pragma once
// Small helpers the session state machines share for building and reading messages.
#include "v2gbench/protocols/gbt27930/codec.hpp"

#include <string_view>

namespace v2gbench::protocols::gbt27930 {

// Every 2-bit status field of `message` set to 00 (normal) and `active` to 01. GB/T fills
// unsent fields with ones, but BST/CST/BEM/CEM as seen on the wire (digest §1.3) send 00 for
// "normal", and a receiver must not mistake 11 for a stop reason.
FieldValues statusFields(std::string_view message, std::string_view active);

// The physical value of a decoded field (Enum/Status2: the raw value); fallback when absent or
// not available.
double fieldValue(const DecodedMessage& message, std::string_view name, double fallback = 0.0);

// True when the decoded message is `name` (spec present).
bool is(const DecodedMessage& message, std::string_view name);

} // namespace v2gbench::protocols::gbt27930
