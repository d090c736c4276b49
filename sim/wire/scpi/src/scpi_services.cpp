#include "v2gbench/simwire/scpi/scpi_services.hpp"

#include "scpi_models.hpp"
#include "v2gbench/simwire/scpi/scpi_server.hpp"
#include "v2gbench/transports/scpi_dialects.hpp"

#include <stdexcept>

namespace v2gbench::simwire::scpi {

namespace dialects = transports::scpi;

std::vector<ScpiServiceInfo> scpiServices() {
    return {
        {"grid-scpi", "chroma-61800", 2101, "SCPI over TCP (Chroma 61800 dialect)"},
        {"grid-ametek-scpi", "ametek-mx", 5025, "SCPI over TCP (AMETEK / California Instruments MX dialect)"},
        {"battery-scpi", "itech-it6000c", 30000, "SCPI over TCP (ITECH IT6000C)"},
        {"analyzer-scpi", "zes-lmg600", 5026, "SCPI over TCP (ZES LMG600 short language)"},
        {"ev-scpi", "v2gbench-ev-scpi", 5027, "SCPI over TCP (v2gbench EV emulator)"},
    };
}

std::unique_ptr<WireService> makeScpiService(const std::string& serviceName, WireContext& context) {
    if (!context.lab) throw std::invalid_argument(serviceName + ": the wire context has no simulated lab");
    for (const auto& info : scpiServices()) {
        if (info.name != serviceName) continue;
        const auto& d = dialects::dialect(info.dialect);
        const std::string idn = d.manufacturer + "," + d.model + ",SIM-" + info.name + ",1.0-sim";
        std::unique_ptr<ScpiModel> model;
        if (d.role == "grid") model = std::make_unique<GridScpiModel>(d, context.lab, idn);
        else if (d.role == "battery") model = std::make_unique<BatteryScpiModel>(context.lab, idn);
        else if (d.role == "analyzer") model = std::make_unique<AnalyzerScpiModel>(context.lab, context.ratings.acPhases, idn);
        else model = std::make_unique<EvScpiModel>(context.lab, idn);
        return std::make_unique<ScpiServer>(info.name, info.protocol, d, std::move(model), context.faults);
    }
    throw std::invalid_argument("no SCPI service named '" + serviceName +
                                "' (grid-scpi, grid-ametek-scpi, battery-scpi, analyzer-scpi, ev-scpi)");
}

} // namespace v2gbench::simwire::scpi
