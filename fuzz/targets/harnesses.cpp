#include "v2gbench/fuzz/fuzz_targets.hpp"

namespace v2gbench::fuzz {

const std::vector<Harness>& harnesses() {
    static const std::vector<Harness> all{
        {"plan", fuzzPlan},         {"quantity", fuzzQuantity}, {"expression", fuzzExpression},
        {"candump", fuzzCandump},   {"zlg_trace", fuzzZlgTrace}, {"zlg_csv", fuzzZlgCsv},
        {"asc", fuzzAsc},           {"trc", fuzzTrc},           {"blf", fuzzBlf},
        {"gbt27930", fuzzGbtCodec},
        {"scpi", fuzzScpi},         {"iiod", fuzzIiod},         {"modbus_server", fuzzModbusServer},
        {"socketcand", fuzzSocketcand},
    };
    return all;
}

} // namespace v2gbench::fuzz
