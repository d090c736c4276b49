#pragma once
// The options every SCPI driver declares, turning a DriverRequest (URI, typed bench-profile
// options, session) into the options of a SCPI session, and the range check every SCPI driver
// applies before it sends anything.
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <string>

namespace v2gbench::drivers::scpi {

// timeout, connect_timeout (durations) and check_errors (true or false).
const core::OptionDeclaration& sessionOptionDeclaration();

// Throws std::invalid_argument naming the instrument for a scheme other than "tcp" or a missing
// host. request.options are resolved against a declaration that includes sessionOptionDeclaration().
transports::ScpiSessionOptions sessionOptions(const core::DriverRequest& request, const transports::ScpiDialect& dialect);

// Throws core::CapabilityError "<who>: <what> <value> <unit> is outside <lo>..<hi> <unit>".
void requireRange(const std::string& who, const std::string& what, double value, double lo, double hi,
                  const std::string& unit);

// *IDN? and a check that the instrument is of the dialect's make; throws InstrumentError.
core::InstrumentIdentity identifyAs(transports::ScpiSession& session, const transports::ScpiDialect& dialect);

} // namespace v2gbench::drivers::scpi
