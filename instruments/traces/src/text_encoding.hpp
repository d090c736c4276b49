#pragma once
// The text encoding of a trace, recognised from its first bytes, and GBK → UTF-8 conversion
// through glibc's iconv(3) (Chinese Windows writes CANTest/ZCANPRO exports in GBK).
#include "v2gbench/traces/trace_format.hpp"

#include <iconv.h>

#include <string>
#include <string_view>

namespace v2gbench::traces::detail {

struct EncodingGuess {
    TextEncoding encoding = TextEncoding::Utf8;
    std::string reason; // for Binary: what gave it away ("12 NUL bytes in the first 65536")
};

// `prefix` is the start of the file; `complete` when it is the whole file (a multi-byte character
// cut at the end of an incomplete prefix is not an error).
EncodingGuess guessEncoding(std::string_view prefix, bool complete);

bool validUtf8(std::string_view text, bool allowCutEnd);

class GbkToUtf8 {
public:
    GbkToUtf8();
    ~GbkToUtf8();
    GbkToUtf8(const GbkToUtf8&) = delete;
    GbkToUtf8& operator=(const GbkToUtf8&) = delete;
    // False when `in` is not GBK text (`out` then undefined).
    bool convert(std::string_view in, std::string& out);

private:
    iconv_t m_cd;
};

} // namespace v2gbench::traces::detail
