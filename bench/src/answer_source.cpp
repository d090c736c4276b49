#include "v2gbench/bench/answer_source.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace v2gbench::bench {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

ParsedAnswer parseAnswer(AnswerKind kind, const std::string& unit, const std::string& value) {
    ParsedAnswer out;
    const std::string v = trimmed(value);
    switch (kind) {
    case AnswerKind::YesNo: {
        const std::string w = lower(v);
        if (w == "yes" || w == "true") out.text = "yes";
        else if (w == "no" || w == "false") out.text = "no";
        else out.error = "'" + v + "' is not yes or no";
        return out;
    }
    case AnswerKind::Quantity: {
        std::string number = v;
        if (!unit.empty() && v.size() > unit.size() && v.compare(v.size() - unit.size(), unit.size(), unit) == 0)
            number = trimmed(v.substr(0, v.size() - unit.size()));
        double x = 0.0;
        const char* begin = number.data();
        const char* end = number.data() + number.size();
        const auto [ptr, ec] = std::from_chars(begin, end, x);
        if (number.empty() || ec != std::errc() || ptr != end)
            out.error = "'" + v + "' is not a number in " + unit + " (write e.g. '12.3' or '12.3 " + unit + "')";
        else {
            out.number = x;
            out.text = number + " " + unit;
        }
        return out;
    }
    case AnswerKind::Text:
        out.text = v;
        if (v.empty()) out.error = "the answer is empty";
        return out;
    }
    return out;
}

} // namespace v2gbench::bench
