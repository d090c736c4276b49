#include "v2gbench/bench/bus_vocabulary.hpp"

#include <algorithm>

namespace v2gbench::bench {

const std::vector<std::string>& busMessageNames() {
    static const std::vector<std::string> names = {
        "CHM", "BHM", "CRM", "BRM", "BCP", "CTS", "CML", "BRO", "CRO", "BCL", "BCS", "CCS", "BSM", "BMV", "BMT", "BSP",
        "BST", "CST", "BSD", "CSD", "BEM", "CEM", "TP.CM_RTS", "TP.CM_CTS", "TP.CM_EndOfMsgAck", "TP.Conn_Abort", "TP.DT"};
    return names;
}

bool isBusMessage(const std::string& name) {
    const auto& names = busMessageNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<std::uint32_t> busMessagePgn(const std::string& name) {
    static const std::vector<std::pair<std::string, std::uint32_t>> pgns = {
        {"CHM", 0x2600}, {"BHM", 0x2700}, {"CRM", 0x0100}, {"BRM", 0x0200}, {"BCP", 0x0600}, {"CTS", 0x0700},
        {"CML", 0x0800}, {"BRO", 0x0900}, {"CRO", 0x0A00}, {"BCL", 0x1000}, {"BCS", 0x1100}, {"CCS", 0x1200},
        {"BSM", 0x1300}, {"BMV", 0x1500}, {"BMT", 0x1600}, {"BSP", 0x1700}, {"BST", 0x1900}, {"CST", 0x1A00},
        {"BSD", 0x1C00}, {"CSD", 0x1D00}, {"BEM", 0x1E00}, {"CEM", 0x1F00}};
    for (const auto& [n, pgn] : pgns)
        if (n == name) return pgn;
    return std::nullopt;
}

} // namespace v2gbench::bench
