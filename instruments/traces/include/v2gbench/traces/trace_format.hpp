#pragma once
// The trace formats and text encodings v2g_traces reads, with the names messages use.
#include <string>

namespace v2gbench::traces {

enum class TraceFormat {
    CandumpL,        // candump -L / -l:   (1700000000.123456) can0 1CEC56F4#1122
    CandumpPlain,    // candump default:   can0  1CEC56F4   [2]  11 22        (no time)
    CandumpAbsolute, // candump -ta:       (1700000000.123456)  can0  1CEC56F4   [2]  11 22
    CandumpDate,     // candump -tA:       (2023-11-14 22:13:20.123456)  can0  ...
    CandumpZero,     // candump -tz:       (000.123456)  can0  ...   (since the first frame)
    CandumpDelta,    // candump -td:       (000.000123)  can0  ...   (since the previous frame)
    ZlgText,         // ZLG CANTest / ZCANPRO text export, tab- or space-aligned columns
    ZlgCsv,          // ZLG CSV export: 序号,帧ID,时间标识,类型,报文描述,报文内容,长度,数据(Hex)
    VectorAsc,       // Vector ASC (CANoe/CANalyzer ASCII log)
    PcanTrc1,        // PCAN-View TRC 1.x (1.1; 1.0 without a $FILEVERSION line)
    PcanTrc2,        // PCAN-View TRC 2.x (2.0, 2.1; columns from $COLUMNS)
    VectorBlf,       // Vector BLF (binary, zlib-compressed LOG_CONTAINER objects)
};
const char* toString(TraceFormat format); // "candump -L", "ZLG CSV export", "Vector BLF", ...

enum class TextEncoding { Utf8, Utf8Bom, Gbk, Binary };
const char* toString(TextEncoding encoding); // "UTF-8", "UTF-8 with BOM", "GBK", "binary"

// One line naming every supported format and encoding, for the message about a file we cannot read.
std::string supportedFormats();

} // namespace v2gbench::traces
