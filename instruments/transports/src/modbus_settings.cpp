#include "v2gbench/transports/modbus_settings.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

namespace v2gbench::transports {

namespace {

int parseInt(const core::ConnectionUri& uri, const std::string& key, const std::string& text, int lo, int hi) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < lo || value > hi)
        throw std::invalid_argument("'" + uri.text + "': " + key + "=" + text + " is not an integer in " +
                                    std::to_string(lo) + ".." + std::to_string(hi));
    return value;
}

} // namespace

ModbusSettings ModbusSettings::fromUri(const core::ConnectionUri& uri) {
    ModbusSettings s;
    std::set<std::string> allowed{"unit", "timeout_ms", "byte_timeout_ms"};
    if (uri.scheme == "modbus-tcp") {
        s.mode = Mode::Tcp;
        if (uri.host.empty()) throw std::invalid_argument("'" + uri.text + "': modbus-tcp needs a host");
        s.host = uri.host;
        s.port = uri.port.value_or(502);
        if (!uri.path.empty()) throw std::invalid_argument("'" + uri.text + "': modbus-tcp takes no path");
    } else if (uri.scheme == "modbus-rtu") {
        s.mode = Mode::Rtu;
        // modbus-rtu:///dev/ttyUSB0: empty host, path "dev/ttyUSB0".
        if (!uri.host.empty() || uri.path.empty())
            throw std::invalid_argument("'" + uri.text + "': expected modbus-rtu:///dev/<serial device>");
        s.device = "/" + uri.path;
        allowed.insert({"baud", "parity", "data_bits", "stop_bits"});
    } else {
        throw std::invalid_argument("'" + uri.text + "': scheme '" + uri.scheme +
                                    "' is not Modbus (expected modbus-tcp or modbus-rtu)");
    }
    for (const auto& [key, value] : uri.query) {
        if (!allowed.count(key)) throw std::invalid_argument("'" + uri.text + "': unknown option '" + key + "'");
        if (key == "unit") s.unit = parseInt(uri, key, value, 0, 255);
        else if (key == "timeout_ms") s.responseTimeout = units::Seconds(parseInt(uri, key, value, 1, 600000) * 1e-3);
        else if (key == "byte_timeout_ms") s.byteTimeout = units::Seconds(parseInt(uri, key, value, 1, 600000) * 1e-3);
        else if (key == "baud") s.baud = parseInt(uri, key, value, 50, 4000000);
        else if (key == "data_bits") s.dataBits = parseInt(uri, key, value, 5, 8);
        else if (key == "stop_bits") s.stopBits = parseInt(uri, key, value, 1, 2);
        else if (key == "parity") {
            if (value != "N" && value != "E" && value != "O")
                throw std::invalid_argument("'" + uri.text + "': parity=" + value + " (expected N, E or O)");
            s.parity = value[0];
        }
    }
    // The byte timeout defaults to the response timeout unless given.
    if (!uri.query.count("byte_timeout_ms")) s.byteTimeout = s.responseTimeout;
    if (s.mode == Mode::Rtu && (s.unit < 1 || s.unit > 247))
        throw std::invalid_argument("'" + uri.text + "': RTU unit must be 1..247");
    return s;
}

std::string ModbusSettings::describe() const {
    if (mode == Mode::Tcp) return "modbus-tcp://" + host + ":" + std::to_string(port) + " unit " + std::to_string(unit);
    return "modbus-rtu://" + device + " " + std::to_string(baud) + " " + std::to_string(dataBits) + parity +
           std::to_string(stopBits) + " unit " + std::to_string(unit);
}

} // namespace v2gbench::transports
