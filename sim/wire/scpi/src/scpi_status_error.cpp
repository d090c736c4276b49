#include "v2gbench/simwire/scpi/scpi_model.hpp"

namespace v2gbench::simwire::scpi {

std::string standardErrorMessage(int code) {
    switch (code) {
    case 0: return "No error";
    case -100: return "Command error";
    case -102: return "Syntax error";
    case -104: return "Data type error";
    case -108: return "Parameter not allowed";
    case -109: return "Missing parameter";
    case -113: return "Undefined header";
    case -114: return "Header suffix out of range";
    case -151: return "Invalid string data";
    case -200: return "Execution error";
    case -221: return "Settings conflict";
    case -222: return "Data out of range";
    case -223: return "Too much data";
    case -224: return "Illegal parameter value";
    case -300: return "Device-specific error";
    case -350: return "Queue overflow";
    default: return code <= -100 && code > -200 ? "Command error" : code <= -200 && code > -300 ? "Execution error" : "Device-specific error";
    }
}

ScpiStatusError::ScpiStatusError(int code, const std::string& detail)
    : std::runtime_error(standardErrorMessage(code) + (detail.empty() ? "" : "; " + detail)), m_code(code),
      m_text(standardErrorMessage(code) + (detail.empty() ? "" : "; " + detail)) {}

} // namespace v2gbench::simwire::scpi
