#include "v2gbench/traces/trace_format.hpp"

namespace v2gbench::traces {

const char* toString(TraceFormat format) {
    switch (format) {
    case TraceFormat::CandumpL: return "candump -L";
    case TraceFormat::CandumpPlain: return "candump (no timestamps)";
    case TraceFormat::CandumpAbsolute: return "candump -ta";
    case TraceFormat::CandumpDate: return "candump -tA";
    case TraceFormat::CandumpZero: return "candump -tz";
    case TraceFormat::CandumpDelta: return "candump -td";
    case TraceFormat::ZlgText: return "ZLG CANTest/ZCANPRO text export";
    case TraceFormat::ZlgCsv: return "ZLG CSV export";
    case TraceFormat::VectorAsc: return "Vector ASC";
    case TraceFormat::PcanTrc1: return "PCAN-View TRC 1.x";
    case TraceFormat::PcanTrc2: return "PCAN-View TRC 2.x";
    case TraceFormat::VectorBlf: return "Vector BLF";
    }
    return "?";
}

const char* toString(TextEncoding encoding) {
    switch (encoding) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf8Bom: return "UTF-8 with BOM";
    case TextEncoding::Gbk: return "GBK";
    case TextEncoding::Binary: return "binary";
    }
    return "?";
}

std::string supportedFormats() {
    return "candump -L, candump default / -ta / -tA / -tz / -td, ZLG CANTest/ZCANPRO text exports (tab- or "
           "space-aligned), ZLG CSV exports, Vector ASC, PCAN-View TRC 1.1 and 2.x, Vector BLF; text in UTF-8 "
           "(with or without BOM) or GBK; classic CAN only (no CAN FD)";
}

} // namespace v2gbench::traces
