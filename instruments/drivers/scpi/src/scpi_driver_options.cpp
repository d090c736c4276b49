#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

#include <cmath>
#include <stdexcept>

namespace v2gbench::drivers::scpi {

namespace codec = transports::scpi;

const core::OptionDeclaration& sessionOptionDeclaration() {
    static const core::OptionDeclaration declaration{
        core::option::duration("timeout", "2 s", "1 ms", "10 min", "bound on every write and every reply"),
        core::option::duration("connect_timeout", "3 s", "1 ms", "10 min", "bound on opening the connection"),
        core::option::boolean("check_errors", true, "drain SYST:ERR? after every command (commissioning mode)"),
    };
    return declaration;
}

transports::ScpiSessionOptions sessionOptions(const core::DriverRequest& request, const transports::ScpiDialect& dialect) {
    const std::string who = request.instrumentName + " (" + dialect.name + ")";
    if (request.uri.scheme != "tcp")
        throw std::invalid_argument(who + ": connection URI '" + request.uri.text + "' has scheme '" + request.uri.scheme +
                                    "'; SCPI instruments accept TCPIP0::host::port::SOCKET or tcp://host:port");
    if (request.uri.host.empty()) throw std::invalid_argument(who + ": connection URI '" + request.uri.text + "' has no host");
    transports::ScpiSessionOptions o;
    o.instrument = who;
    o.host = request.uri.host;
    o.port = request.uri.port.value_or(dialect.defaultPort);
    o.writeTerminator = dialect.terminator;
    o.readTerminator = dialect.terminator;
    o.timeout = request.options.duration("timeout");
    o.connectTimeout = request.options.duration("connect_timeout");
    o.checkErrors = request.options.boolean("check_errors");
    o.log = request.session.exchanges;
    return o;
}

void requireRange(const std::string& who, const std::string& what, double value, double lo, double hi,
                  const std::string& unit) {
    if (std::isfinite(value) && value >= lo && value <= hi) return;
    const std::string u = unit.empty() ? "" : " " + unit;
    throw core::CapabilityError(who + ": " + what + " " + codec::formatNumber(value) + u + " is outside " +
                                codec::formatNumber(lo) + ".." + codec::formatNumber(hi) + u);
}

core::InstrumentIdentity identifyAs(transports::ScpiSession& session, const transports::ScpiDialect& dialect) {
    auto id = session.identify();
    if (codec::upper(id.manufacturer).find(codec::upper(dialect.manufacturer)) == std::string::npos)
        session.fail("*IDN?", "instrument identifies as '" + id.manufacturer + " " + id.model + "', expected a " +
                                  dialect.manufacturer + " instrument for driver " + dialect.name);
    return id;
}

} // namespace v2gbench::drivers::scpi
