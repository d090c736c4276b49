#include "v2gbench/core/connection_uri.hpp"

#include <stdexcept>
#include <vector>

namespace v2gbench::core {

namespace {

int parsePort(const std::string& text, const std::string& whole) {
    if (text.empty()) throw std::invalid_argument("'" + whole + "': empty port number");
    int port = 0;
    for (char c : text) {
        if (c < '0' || c > '9') throw std::invalid_argument("'" + whole + "': port '" + text + "' is not a number");
        port = port * 10 + (c - '0');
        if (port > 65535) throw std::invalid_argument("'" + whole + "': port " + text + " is above 65535");
    }
    return port;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto pos = s.find(sep, start);
        parts.push_back(s.substr(start, pos - start));
        if (pos == std::string::npos) break;
        start = pos + sep.size();
    }
    return parts;
}

} // namespace

ConnectionUri ConnectionUri::parse(const std::string& text) {
    ConnectionUri uri;
    uri.text = text;
    if (text.empty()) throw std::invalid_argument("empty connection string");

    // VISA raw socket: TCPIP[board]::host::port::SOCKET
    if (text.rfind("TCPIP", 0) == 0 && text.find("::") != std::string::npos) {
        auto parts = split(text, "::");
        if (parts.size() != 4 || parts[3] != "SOCKET")
            throw std::invalid_argument("'" + text + "': only VISA raw sockets (TCPIP0::host::port::SOCKET) are supported");
        uri.scheme = "tcp";
        uri.host = parts[1];
        uri.port = parsePort(parts[2], text);
        return uri;
    }
    // libiio network context: ip:host[:port]
    if (text.rfind("ip:", 0) == 0) {
        uri.scheme = "iio";
        std::string rest = text.substr(3);
        auto colon = rest.rfind(':');
        if (colon != std::string::npos && rest.find(']') == std::string::npos) {
            uri.host = rest.substr(0, colon);
            uri.port = parsePort(rest.substr(colon + 1), text);
        } else {
            uri.host = rest;
        }
        return uri;
    }

    auto schemeEnd = text.find("://");
    if (schemeEnd == std::string::npos || schemeEnd == 0)
        throw std::invalid_argument("'" + text + "': expected scheme://host[:port][/path][?key=value]");
    uri.scheme = text.substr(0, schemeEnd);
    std::string rest = text.substr(schemeEnd + 3);
    auto queryPos = rest.find('?');
    if (queryPos != std::string::npos) {
        for (const auto& pair : split(rest.substr(queryPos + 1), "&")) {
            if (pair.empty()) continue;
            auto eq = pair.find('=');
            if (eq == std::string::npos) uri.query[pair] = "";
            else uri.query[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
        rest = rest.substr(0, queryPos);
    }
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos) uri.path = rest.substr(slash + 1);
    auto colon = authority.rfind(':');
    if (colon != std::string::npos) {
        uri.host = authority.substr(0, colon);
        uri.port = parsePort(authority.substr(colon + 1), text);
    } else {
        uri.host = authority;
    }
    return uri;
}

} // namespace v2gbench::core
