// SCPI reply parsing (transports/scpi_codec) and header matching (ScpiHeaderPattern), line by
// line, with the round trips the codec promises: quote/unquote, formatNumber/parseNumber,
// makeDefiniteBlock/parseDefiniteBlock. parseDefiniteBlock's std::invalid_argument is the
// expected answer to a malformed block header.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/scpi_header_pattern.hpp"

#include <cmath>
#include <stdexcept>

namespace v2gbench::fuzz {

namespace {

namespace scpi = transports::scpi;

const std::vector<transports::ScpiHeaderPattern>& patterns() {
    static const std::vector<transports::ScpiHeaderPattern> all{
        transports::ScpiHeaderPattern("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]:AC"),
        transports::ScpiHeaderPattern("UTRMS#"),
        transports::ScpiHeaderPattern("MEASure[:SCALar]:CURRent[:DC]"),
        transports::ScpiHeaderPattern("OUTPut[:STATe]"),
        transports::ScpiHeaderPattern("SYSTem:ERRor[:NEXT]"),
    };
    return all;
}

void checkNumber(double v, const std::string& line) {
    const std::string text = scpi::formatNumber(v);
    const auto back = scpi::parseNumber(text);
    require(back.has_value(), "formatNumber(" + line + ") = '" + text + "' does not parse back");
    require((std::isnan(v) && std::isnan(*back)) || *back == v,
            "formatNumber/parseNumber: '" + line + "' -> '" + text + "' changes the value");
}

} // namespace

int fuzzScpi(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    try {
        if (auto b = scpi::parseDefiniteBlock(text)) {
            require(b->consumed <= text.size() && b->data.size() < b->consumed, "parseDefiniteBlock: sizes beyond the input");
            const std::string again = scpi::makeDefiniteBlock(b->data);
            const auto back = scpi::parseDefiniteBlock(again);
            require(back && back->data == b->data && back->consumed == again.size(), "makeDefiniteBlock round trip");
        }
        (void)scpi::parseBlockHeader(text);
    } catch (const std::invalid_argument&) {
    }
    for (std::string_view line : splitLines(text)) {
        const std::string l(line);
        if (auto v = scpi::parseNumber(line)) checkNumber(*v, l);
        (void)scpi::parseBoolean(line);
        for (const auto& element : scpi::splitList(line)) (void)scpi::unquote(element);
        (void)scpi::splitList(line, ';');
        const std::string quoted = scpi::quote(line);
        const auto unquoted = scpi::unquote(quoted);
        require(unquoted && *unquoted == l, "quote/unquote round trip");
        if (auto id = scpi::parseIdentity(line)) require(!id->manufacturer.empty() && !id->model.empty(), "parseIdentity: empty names");
        if (auto e = scpi::parseErrorEntry(line)) (void)e->str();
        (void)scpi::formatFixed(scpi::parseNumber(line).value_or(0.0), static_cast<int>(size % 12));
        const std::string up = scpi::upper(line);
        std::vector<std::string> typed;
        for (const auto& node : scpi::splitList(up, ':')) typed.push_back(node);
        for (const auto& p : patterns()) (void)p.match(typed);
    }
    return 0;
}

} // namespace v2gbench::fuzz
