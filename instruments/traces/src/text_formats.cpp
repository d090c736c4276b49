#include "line_format.hpp"

namespace v2gbench::traces::detail {

std::vector<std::unique_ptr<LineFormat>> makeTextFormats() {
    std::vector<std::unique_ptr<LineFormat>> formats;
    formats.push_back(makeCandumpFormat());
    formats.push_back(makeZlgTextFormat());
    formats.push_back(makeZlgCsvFormat());
    formats.push_back(makeAscFormat());
    formats.push_back(makeTrcFormat());
    return formats;
}

std::unique_ptr<LineFormat> makeTextFormat(TraceFormat format) {
    switch (format) {
    case TraceFormat::CandumpL:
    case TraceFormat::CandumpPlain:
    case TraceFormat::CandumpAbsolute:
    case TraceFormat::CandumpDate:
    case TraceFormat::CandumpZero:
    case TraceFormat::CandumpDelta: return makeCandumpFormat();
    case TraceFormat::ZlgText: return makeZlgTextFormat();
    case TraceFormat::ZlgCsv: return makeZlgCsvFormat();
    case TraceFormat::VectorAsc: return makeAscFormat();
    case TraceFormat::PcanTrc1:
    case TraceFormat::PcanTrc2: return makeTrcFormat();
    case TraceFormat::VectorBlf: break;
    }
    return nullptr;
}

} // namespace v2gbench::traces::detail
