#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace v2gbench::drivers::scpi {

namespace codec = transports::scpi;

int intOption(const core::DriverRequest& request, const std::string& who, const std::string& key, int fallback) {
    auto it = request.options.find(key);
    if (it == request.options.end()) return fallback;
    int v = 0;
    const auto& t = it->second;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || v < 0)
        throw std::invalid_argument(who + ": option " + key + " = '" + t + "' is not a non-negative integer");
    return v;
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
    o.timeout = units::Seconds(intOption(request, who, "timeout_ms", 2000) / 1000.0);
    o.connectTimeout = units::Seconds(intOption(request, who, "connect_timeout_ms", 3000) / 1000.0);
    if (auto it = request.options.find("check_errors"); it != request.options.end()) {
        auto b = codec::parseBoolean(it->second == "true" ? "1" : it->second == "false" ? "0" : it->second);
        if (!b) throw std::invalid_argument(who + ": option check_errors = '" + it->second + "' is not true or false");
        o.checkErrors = *b;
    }
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
