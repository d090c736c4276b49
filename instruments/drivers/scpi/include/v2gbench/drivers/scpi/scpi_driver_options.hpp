#pragma once
// Turns a DriverRequest (URI, bench-profile options, session) into the options of a SCPI
// session, and the range check every SCPI driver applies before it sends anything.
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <string>

namespace v2gbench::drivers::scpi {

// Throws std::invalid_argument naming the instrument for a scheme other than "tcp", a missing
// host or a malformed option.
transports::ScpiSessionOptions sessionOptions(const core::DriverRequest& request, const transports::ScpiDialect& dialect);

// Integer option with a default; throws std::invalid_argument naming the instrument and key.
int intOption(const core::DriverRequest& request, const std::string& who, const std::string& key, int fallback);

// Throws core::CapabilityError "<who>: <what> <value> <unit> is outside <lo>..<hi> <unit>".
void requireRange(const std::string& who, const std::string& what, double value, double lo, double hi,
                  const std::string& unit);

// *IDN? and a check that the instrument is of the dialect's make; throws InstrumentError.
core::InstrumentIdentity identifyAs(transports::ScpiSession& session, const transports::ScpiDialect& dialect);

} // namespace v2gbench::drivers::scpi
