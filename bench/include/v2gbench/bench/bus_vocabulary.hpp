#pragma once
// The names a bus_check may match: the 22 GB/T 27930-2015 messages and the J1939 TP frames the
// `can` role reports. The engine does not link the protocol stack; a test keeps this list equal
// to the protocol library's message table.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

const std::vector<std::string>& busMessageNames();
bool isBusMessage(const std::string& name);
// The PGN of a GB/T 27930 message (what a daq's CAN trigger matches, any source address);
// nullopt for the TP frames and unknown names. A test keeps it equal to the protocol's table.
std::optional<std::uint32_t> busMessagePgn(const std::string& name);

} // namespace v2gbench::bench
