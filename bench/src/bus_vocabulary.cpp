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

} // namespace v2gbench::bench
