#pragma once
// The fuzz harnesses, one per parser. Each takes arbitrary bytes, feeds them to the parser and
// returns 0. The parsers' own error reports (core::ConfigError, std::invalid_argument, ...) are
// expected and caught inside; what escapes — a crash, a sanitizer report, an uncaught exception, a
// hang, unbounded memory — is a finding. libFuzzer mains (fuzz/CMakeLists.txt) and the regression
// replay (tests/unit/fuzz_corpus) call the same functions.
//
// One line per harness, V2G_FUZZ_TARGET(<harness>, <function>): fuzz/CMakeLists.txt reads them to
// make fuzz_<harness>, scripts/fuzz.sh and the replay test use the same names
// (fuzz/regressions/<harness>/, fuzz/seeds/<harness>/).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace v2gbench::fuzz {

int fuzzPlan(const std::uint8_t* data, std::size_t size);
int fuzzQuantity(const std::uint8_t* data, std::size_t size);
int fuzzExpression(const std::uint8_t* data, std::size_t size);
int fuzzCandump(const std::uint8_t* data, std::size_t size);
int fuzzZlgTrace(const std::uint8_t* data, std::size_t size);
int fuzzZlgCsv(const std::uint8_t* data, std::size_t size);
int fuzzAsc(const std::uint8_t* data, std::size_t size);
int fuzzTrc(const std::uint8_t* data, std::size_t size);
int fuzzBlf(const std::uint8_t* data, std::size_t size);
int fuzzGbtCodec(const std::uint8_t* data, std::size_t size);
int fuzzScpi(const std::uint8_t* data, std::size_t size);
int fuzzIiod(const std::uint8_t* data, std::size_t size);
int fuzzModbusServer(const std::uint8_t* data, std::size_t size);
int fuzzSocketcand(const std::uint8_t* data, std::size_t size);

struct Harness {
    std::string_view name;
    int (*function)(const std::uint8_t*, std::size_t);
};
// Every harness, in the order of the list below.
const std::vector<Harness>& harnesses();

} // namespace v2gbench::fuzz

#define V2G_FUZZ_TARGET(harness, function)
V2G_FUZZ_TARGET(plan, fuzzPlan)
V2G_FUZZ_TARGET(quantity, fuzzQuantity)
V2G_FUZZ_TARGET(expression, fuzzExpression)
V2G_FUZZ_TARGET(candump, fuzzCandump)
V2G_FUZZ_TARGET(zlg_trace, fuzzZlgTrace)
V2G_FUZZ_TARGET(zlg_csv, fuzzZlgCsv)
V2G_FUZZ_TARGET(asc, fuzzAsc)
V2G_FUZZ_TARGET(trc, fuzzTrc)
V2G_FUZZ_TARGET(blf, fuzzBlf)
V2G_FUZZ_TARGET(gbt27930, fuzzGbtCodec)
V2G_FUZZ_TARGET(scpi, fuzzScpi)
V2G_FUZZ_TARGET(iiod, fuzzIiod)
V2G_FUZZ_TARGET(modbus_server, fuzzModbusServer)
V2G_FUZZ_TARGET(socketcand, fuzzSocketcand)
#undef V2G_FUZZ_TARGET
