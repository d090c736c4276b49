#include "v2gbench/transports/scpi_session.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/transports/transport_error.hpp"

namespace v2gbench::transports {

namespace {

// Printable form of a reply for an error message: garbage bytes must not garble the log.
std::string printable(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes.substr(0, 80)) {
        if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
        else {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (bytes.size() > 80) out += "...";
    return out;
}

} // namespace

ScpiSession::ScpiSession(ScpiSessionOptions options) : m_options(std::move(options)) {}

void ScpiSession::record(core::Direction direction, const std::string& payload) noexcept {
    if (m_options.log) m_options.log->record(m_options.instrument, direction, payload);
}

void ScpiSession::fail(std::string_view exchange, const std::string& message) {
    m_stream.close();
    throw core::InstrumentError(m_options.instrument, std::string(exchange), message);
}

void ScpiSession::connect() {
    if (m_stream.isOpen()) return;
    try {
        m_stream = TcpStream::connect(m_options.host, m_options.port, m_options.connectTimeout);
    } catch (const TransportError& e) {
        throw core::InstrumentError(m_options.instrument, "connect " + m_options.host + ":" + std::to_string(m_options.port),
                                    e.what());
    }
}

void ScpiSession::sendRaw(std::string_view message, std::string_view exchange) {
    connect();
    std::string line(message);
    record(core::Direction::ToInstrument, line);
    line += m_options.writeTerminator;
    try {
        m_stream.writeAll(line, m_options.timeout);
    } catch (const TransportError& e) {
        fail(exchange, e.what());
    }
}

std::string ScpiSession::readLine(std::string_view exchange) {
    try {
        std::string line = m_stream.readUntil(m_options.readTerminator, m_options.timeout);
        // A "\n" dialect talking to an instrument that ends with "\r\n": tolerate the '\r'.
        if (!line.empty() && line.back() == '\r') line.pop_back();
        record(core::Direction::FromInstrument, line);
        return line;
    } catch (const TransportError& e) {
        fail(exchange, e.what());
    }
}

void ScpiSession::send(std::string_view message) { sendRaw(message, message); }

void ScpiSession::write(std::string_view message) {
    sendRaw(message, message);
    if (m_options.checkErrors) checkErrors(message);
}

std::string ScpiSession::query(std::string_view message) {
    sendRaw(message, message);
    return readLine(message);
}

double ScpiSession::queryNumber(std::string_view message) {
    const std::string reply = query(message);
    auto v = scpi::parseNumber(reply);
    if (!v) fail(message, "reply '" + printable(reply) + "' is not a number");
    return *v;
}

std::vector<double> ScpiSession::queryNumbers(std::string_view message, char separator) {
    const std::string reply = query(message);
    std::vector<double> values;
    for (const auto& field : scpi::splitList(reply, separator)) {
        auto v = scpi::parseNumber(field);
        if (!v) fail(message, "reply '" + printable(reply) + "' is not a list of numbers");
        values.push_back(*v);
    }
    return values;
}

std::string ScpiSession::queryBlock(std::string_view message) {
    sendRaw(message, message);
    try {
        // Skip whitespace an instrument may put before the block, then read the header.
        std::string head = m_stream.readExactly(2, m_options.timeout);
        while (head[0] == ' ' || head[0] == '\r' || head[0] == '\n') head = head.substr(1) + m_stream.readExactly(1, m_options.timeout);
        std::optional<std::pair<std::size_t, std::size_t>> header;
        try {
            if (!(header = scpi::parseBlockHeader(head))) {
                head += m_stream.readExactly(static_cast<std::size_t>(head[1] - '0'), m_options.timeout);
                header = scpi::parseBlockHeader(head);
            }
        } catch (const std::invalid_argument& e) {
            fail(message, std::string(e.what()) + " (reply starts '" + printable(head) + "')");
        }
        std::string data = m_stream.readExactly(header->second, m_options.timeout);
        // The response message terminator follows the block.
        std::string rest = m_stream.readUntil(m_options.readTerminator, m_options.timeout);
        if (!rest.empty() && rest != "\r") fail(message, "unexpected bytes after the block: '" + printable(rest) + "'");
        record(core::Direction::FromInstrument, head + "<" + std::to_string(data.size()) + " bytes>");
        return data;
    } catch (const TransportError& e) {
        fail(message, e.what());
    }
}

core::InstrumentIdentity ScpiSession::identify() {
    const std::string reply = query("*IDN?");
    auto id = scpi::parseIdentity(reply);
    if (!id) fail("*IDN?", "reply '" + printable(reply) + "' is not an identification (vendor,model,serial,firmware)");
    return *id;
}

std::vector<scpi::ErrorEntry> ScpiSession::drainErrors(std::string_view after) {
    std::vector<scpi::ErrorEntry> errors;
    const std::string exchange = after.empty() ? std::string("SYST:ERR?") : std::string(after) + " / SYST:ERR?";
    for (int i = 0; i < m_options.maxErrorsDrained; ++i) {
        sendRaw("SYST:ERR?", exchange);
        const std::string reply = readLine(exchange);
        auto entry = scpi::parseErrorEntry(reply);
        if (!entry) fail(exchange, "reply '" + printable(reply) + "' is not an error-queue entry");
        if (!entry->isError()) return errors;
        errors.push_back(*entry);
    }
    fail(exchange, "error queue still not empty after " + std::to_string(m_options.maxErrorsDrained) + " reads");
}

void ScpiSession::checkErrors(std::string_view command) {
    auto errors = drainErrors(command);
    if (errors.empty()) return;
    std::string text = "instrument reported ";
    for (std::size_t i = 0; i < errors.size(); ++i) text += (i ? "; " : "") + errors[i].str();
    // The link itself is fine: keep it open.
    throw core::InstrumentError(m_options.instrument, std::string(command), text);
}

void ScpiSession::synchronise() {
    const std::string reply = query("*OPC?");
    auto v = scpi::parseNumber(reply);
    if (!v || *v != 1.0) fail("*OPC?", "reply '" + printable(reply) + "' is not 1");
}

} // namespace v2gbench::transports
