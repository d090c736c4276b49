#include "v2gbench/reports/trace_csv.hpp"

#include "text_file.hpp"

#include <charconv>
#include <stdexcept>

namespace v2gbench::reports {

namespace {

std::string_view trimLine(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
        line.remove_prefix(1);
    }
    return line;
}

std::string_view trimField(std::string_view f) {
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) {
        f.remove_prefix(1);
    }
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) {
        f.remove_suffix(1);
    }
    return f;
}

// std::from_chars: locale-independent and fast enough for 10^5-row traces.
bool parseDouble(std::string_view field, double& out) {
    field = trimField(field);
    if (!field.empty() && field.front() == '+') {
        field.remove_prefix(1);
    }
    if (field.empty()) {
        return false;
    }
    const auto result = std::from_chars(field.data(), field.data() + field.size(), out);
    return result.ec == std::errc{} && result.ptr == field.data() + field.size();
}

} // namespace

Trace parseTraceCsv(std::string_view text, const std::string& fileName) {
    Trace trace;
    std::size_t lineNo = 0;
    bool headerSeen = false;
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        pos = 3; // tolerate a UTF-8 BOM from spreadsheet round-trips
    }
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view line = trimLine(text.substr(pos, end - pos));
        pos = end + 1;
        ++lineNo;
        if (line.empty()) {
            continue;
        }
        const auto fail = [&](const std::string& what) {
            throw std::runtime_error(fileName + ":" + std::to_string(lineNo) + ": " + what);
        };
        const std::size_t comma = line.find(',');
        if (comma == std::string_view::npos) {
            fail("expected two comma-separated columns, got '" + std::string(line.substr(0, 60)) + "'");
        }
        const std::string_view first = trimField(line.substr(0, comma));
        std::string_view second = line.substr(comma + 1);
        // Only the first value column is plotted; extra columns are tolerated for forward compatibility.
        if (const std::size_t more = second.find(','); more != std::string_view::npos) {
            second = second.substr(0, more);
        }
        second = trimField(second);
        if (!headerSeen) {
            headerSeen = true;
            if (first != "time_s") {
                fail("expected header 'time_s,<signal>_<unit>', first column is '" + std::string(first) + "'");
            }
            trace.column = std::string(second);
            const std::size_t underscore = trace.column.rfind('_');
            // "analyzer.dc_current_A": the unit is after the last '_', but only if the remainder still
            // looks like a signal name (has a '.'), so "ev.phase" alone keeps an empty unit.
            if (underscore != std::string::npos && underscore + 1 < trace.column.size() &&
                trace.column.find('.') < underscore) {
                trace.signal = trace.column.substr(0, underscore);
                trace.unit = trace.column.substr(underscore + 1);
            } else {
                trace.signal = trace.column;
            }
            continue;
        }
        double t = 0.0;
        double v = 0.0;
        if (!parseDouble(first, t)) {
            fail("time '" + std::string(first) + "' is not a number");
        }
        if (!parseDouble(second, v)) {
            fail("value '" + std::string(second) + "' is not a number");
        }
        trace.timeS.push_back(t);
        trace.values.push_back(v);
    }
    if (!headerSeen) {
        throw std::runtime_error(fileName + ": empty trace file (no header)");
    }
    return trace;
}

Trace readTraceCsv(const std::filesystem::path& file, const core::StopCheck& stop) {
    return parseTraceCsv(readTextFile(file, kTraceCsvMaxBytes, "a trace CSV", stop), file.string());
}

} // namespace v2gbench::reports
