#pragma once
// The names a bus_check may match: the 22 GB/T 27930-2015 messages and the J1939 TP frames the
// `can` role reports. The engine does not link the protocol stack; a test keeps this list equal
// to the protocol library's message table.
#include <string>
#include <vector>

namespace v2gbench::bench {

const std::vector<std::string>& busMessageNames();
bool isBusMessage(const std::string& name);

} // namespace v2gbench::bench
