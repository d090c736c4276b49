#include "v2gbench/results/results_url.hpp"

#include <filesystem>

namespace v2gbench::results {

namespace {

constexpr std::string_view kExpected = "; expected sqlite:///ABS/PATH or postgresql://[user@]host[:port]/database";

[[noreturn]] void refuse(const std::string& url, const std::string& what) {
    throw ResultsUrlError("results URL '" + url + "': " + what + std::string(kExpected));
}

bool startsWith(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

} // namespace

std::string ResultsUrl::redacted() const {
    if (kind != Kind::Postgresql) return text;
    const auto scheme = text.find("://");
    const auto at = text.find('@', scheme + 3);
    if (scheme == std::string::npos || at == std::string::npos) return text;
    const auto colon = text.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return text;
    return text.substr(0, colon + 1) + "***" + text.substr(at);
}

ResultsUrl parseResultsUrl(const std::string& url) {
    if (url.empty()) refuse(url, "empty");
    ResultsUrl parsed;
    parsed.text = url;
    if (startsWith(url, "sqlite://")) {
        parsed.kind = ResultsUrl::Kind::Sqlite;
        const std::string path = url.substr(std::string_view("sqlite://").size());
        if (path.empty() || path.front() != '/') refuse(url, "the SQLite path must be absolute (three slashes)");
        if (path.back() == '/') refuse(url, "the SQLite path names a folder, not a file");
        parsed.sqlitePath = path;
        return parsed;
    }
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (!startsWith(url, scheme)) continue;
        parsed.kind = ResultsUrl::Kind::Postgresql;
        std::string rest = url.substr(scheme.size());
        const auto at = rest.rfind('@', rest.find('/'));
        const std::string hostPart = rest.substr(at == std::string::npos ? 0 : at + 1);
        const auto slash = hostPart.find('/');
        if (slash == 0 || hostPart.empty()) refuse(url, "no host");
        if (slash == std::string::npos || slash + 1 >= hostPart.size() || hostPart[slash + 1] == '?')
            refuse(url, "no database name");
        return parsed;
    }
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) refuse(url, "no scheme");
    refuse(url, "unknown scheme '" + url.substr(0, scheme) + "'");
}

ResultsUrl sqliteUrlFor(const std::string& path) {
    return parseResultsUrl("sqlite://" + std::filesystem::absolute(path).lexically_normal().string());
}

} // namespace v2gbench::results
