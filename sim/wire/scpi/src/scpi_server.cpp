#include "v2gbench/simwire/scpi/scpi_server.hpp"

#include "v2gbench/core/log.hpp"
#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"

#include <cmath>

namespace v2gbench::simwire::scpi {

using transports::ScpiArgument;
using transports::ScpiHeaderPattern;
namespace codec = transports::scpi;

namespace {

// Replaces the protocol with bytes no SCPI parser accepts (control bytes, no number, no quotes).
constexpr std::string_view kGarbage = "\x15\xfe\x01~garbage~\x7f";

const ScpiHeaderPattern& systErrPattern() {
    static const ScpiHeaderPattern p("SYSTem:ERRor[:NEXT]");
    return p;
}
const ScpiHeaderPattern& systErrCountPattern() {
    static const ScpiHeaderPattern p("SYSTem:ERRor:COUNt");
    return p;
}

std::size_t matchChoice(const transports::ScpiCommandSpec& spec, const std::string& arg) {
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
        if (ScpiHeaderPattern(spec.choices[i]).match({arg})) return i;
    throw ScpiStatusError(-224, "'" + arg + "'");
}

double numberArgument(const transports::ScpiCommandSpec& spec, const std::string& arg) {
    const std::string a = codec::upper(arg);
    std::optional<double> v;
    if (a == "MAX" || a == "MAXIMUM")
        v = spec.max;
    else if (a == "MIN" || a == "MINIMUM")
        v = spec.min;
    else
        v = codec::parseNumber(arg);
    if (!v) throw ScpiStatusError(-104, "'" + arg + "' is not a number");
    if (!std::isfinite(*v) || *v < spec.min || *v > spec.max)
        throw ScpiStatusError(-222, arg + " " + spec.unit + " not in " + codec::formatNumber(spec.min) + ".." +
                                        codec::formatNumber(spec.max));
    return *v;
}

} // namespace

ScpiServer::ScpiServer(std::string serviceName, std::string protocol, const transports::ScpiDialect& dialect,
                       std::unique_ptr<ScpiModel> model, std::shared_ptr<FaultInjector> faults)
    : m_name(std::move(serviceName)), m_protocol(std::move(protocol)), m_dialect(dialect), m_model(std::move(model)),
      m_faults(std::move(faults)), m_server(m_name, *this) {}

ScpiServer::~ScpiServer() { stop(); }

int ScpiServer::start(int port) {
    try {
        const int bound = m_server.listen(port);
        // Delayed replies are released from the tick; 2 ms keeps a delay fault's timing honest.
        m_server.setTickInterval(std::chrono::milliseconds(2));
        m_server.start();
        m_started = true;
        return bound;
    } catch (const std::exception& e) {
        throw std::runtime_error(m_name + ": cannot serve on 127.0.0.1:" + std::to_string(port) + ": " + e.what());
    }
}

void ScpiServer::stop() noexcept {
    try {
        m_server.stop();
    } catch (...) {
    }
}

std::deque<codec::ErrorEntry> ScpiServer::errorQueue() const {
    std::lock_guard lock(m_mutex);
    return m_errors;
}

void ScpiServer::pushError(int code, const std::string& text) {
    if (m_errors.size() >= kErrorQueueSize) {
        // SCPI-99 §21.8: the most recent entry is replaced by -350 when the queue overflows.
        m_errors.back() = {-350, standardErrorMessage(-350)};
        return;
    }
    m_errors.push_back({code, text});
}

std::string ScpiServer::process(std::string_view message) {
    std::lock_guard lock(m_mutex);
    std::string response;
    bool any = false;
    try {
        for (const auto& unit : ScpiMessageParser::parse(message)) {
            std::string reply = unit.common ? executeCommon(unit) : executeUnit(unit);
            if (unit.query) {
                if (any) response += ';'; // IEEE 488.2: responses of one message separated by ';'
                response += reply;
                any = true;
            }
        }
    } catch (const ScpiStatusError& e) {
        // The rest of the message is not executed (IEEE 488.2 §6.1.6.1.1 for command errors;
        // the simulator applies it to every error to keep the plant in a known state).
        pushError(e.code(), e.text());
    } catch (const std::exception& e) {
        pushError(-300, standardErrorMessage(-300) + "; " + e.what());
    }
    return response;
}

std::string ScpiServer::executeCommon(const ScpiProgramUnit& unit) {
    const std::string h = codec::upper(unit.path.front());
    auto noArgs = [&] {
        if (!unit.args.empty()) throw ScpiStatusError(-108, unit.header);
    };
    if (h == "*IDN" && unit.query) return noArgs(), m_model->identification();
    if (h == "*OPC" && unit.query) return noArgs(), "1";
    if (h == "*ESR" && unit.query) return noArgs(), "0";
    if (h == "*STB" && unit.query) return noArgs(), m_errors.empty() ? "0" : "4"; // bit 2: error queue not empty
    if (h == "*TST" && unit.query) return noArgs(), "0";
    if (!unit.query) {
        if (h == "*RST") return noArgs(), m_model->reset(), "";
        if (h == "*CLS") return noArgs(), m_errors.clear(), "";
        if (h == "*OPC" || h == "*WAI") return noArgs(), "";
    }
    throw ScpiStatusError(-113, unit.header);
}

std::string ScpiServer::executeUnit(const ScpiProgramUnit& unit) {
    if (unit.query && systErrPattern().match(unit.path)) {
        if (!unit.args.empty()) throw ScpiStatusError(-108, unit.header);
        if (m_errors.empty()) return codec::ErrorEntry{0, "No error"}.str();
        auto e = m_errors.front();
        m_errors.pop_front();
        return e.str();
    }
    if (unit.query && systErrCountPattern().match(unit.path)) return std::to_string(m_errors.size());

    const transports::ScpiCommandSpec* spec = nullptr;
    ScpiHeaderPattern::Match match;
    for (const auto& c : m_dialect.commands) {
        if (auto m = c.header.match(unit.path)) {
            spec = &c;
            match = *m;
            break;
        }
    }
    if (!spec || (unit.query && !spec->queryable) || (!unit.query && !spec->settable))
        throw ScpiStatusError(-113, unit.header + (unit.query ? "?" : ""));

    ScpiCall call{*spec};
    call.query = unit.query;
    if (!spec->suffixName.empty()) {
        call.suffix = match.suffix < 0 ? 1 : match.suffix;
        if (call.suffix < spec->suffixMin || call.suffix > spec->suffixMax)
            throw ScpiStatusError(-114, spec->suffixName + " " + std::to_string(call.suffix) + " not in " +
                                            std::to_string(spec->suffixMin) + ".." + std::to_string(spec->suffixMax));
    } else if (match.suffix >= 0) {
        throw ScpiStatusError(-114, unit.header);
    }

    if (unit.query) {
        // "VOLT:AC? MAX" / "? MIN": the range from the table.
        if (unit.args.size() == 1 && spec->argument == ScpiArgument::Number) {
            const std::string a = codec::upper(unit.args[0]);
            if (a == "MAX" || a == "MAXIMUM") return codec::formatNumber(spec->max);
            if (a == "MIN" || a == "MINIMUM") return codec::formatNumber(spec->min);
            throw ScpiStatusError(-224, unit.args[0]);
        }
        if (!unit.args.empty()) throw ScpiStatusError(-108, unit.header);
        return m_model->execute(call);
    }

    call.args = unit.args;
    if (m_model->parsesOwnArguments(*spec)) {
        m_model->execute(call);
        return {};
    }
    switch (spec->argument) {
    case ScpiArgument::None:
        if (!unit.args.empty()) throw ScpiStatusError(-108, unit.header);
        break;
    case ScpiArgument::Number: {
        if (unit.args.empty()) throw ScpiStatusError(-109, unit.header);
        if (unit.args.size() > 1) throw ScpiStatusError(-108, unit.header);
        call.number = numberArgument(*spec, unit.args[0]);
        break;
    }
    case ScpiArgument::NumberList:
    case ScpiArgument::ChoiceList: {
        if (unit.args.empty()) throw ScpiStatusError(-109, unit.header);
        if (unit.args.size() > static_cast<std::size_t>(spec->maxItems))
            throw ScpiStatusError(-108, std::to_string(unit.args.size()) + " elements, at most " +
                                            std::to_string(spec->maxItems));
        for (const auto& a : unit.args) {
            if (spec->argument == ScpiArgument::NumberList)
                call.numbers.push_back(numberArgument(*spec, a));
            else
                call.choiceList.push_back(matchChoice(*spec, a));
        }
        break;
    }
    case ScpiArgument::Boolean: {
        if (unit.args.empty()) throw ScpiStatusError(-109, unit.header);
        if (unit.args.size() > 1) throw ScpiStatusError(-108, unit.header);
        auto b = codec::parseBoolean(unit.args[0]);
        if (!b) throw ScpiStatusError(-104, "'" + unit.args[0] + "' is not ON|OFF|1|0");
        call.flag = *b;
        break;
    }
    case ScpiArgument::Choice:
        if (unit.args.empty()) throw ScpiStatusError(-109, unit.header);
        if (unit.args.size() > 1) throw ScpiStatusError(-108, unit.header);
        call.choice = matchChoice(*spec, unit.args[0]);
        break;
    }
    m_model->execute(call);
    return {};
}

void ScpiServer::onData(transports::TcpServer& server, transports::ConnectionId id, std::string_view bytes) {
    auto& splitter = m_input.try_emplace(id, kMaxMessageBytes).first->second;
    splitter.feed(
        bytes, [&](std::string_view line) { return handleLine(server, id, line); },
        [&] {
            std::lock_guard lock(m_mutex);
            pushError(-223, standardErrorMessage(-223) + "; program message longer than " +
                                std::to_string(kMaxMessageBytes) + " bytes, discarded");
            return true;
        });
    std::size_t peak = m_peakInput.load();
    while (splitter.buffered() > peak && !m_peakInput.compare_exchange_weak(peak, splitter.buffered())) {
    }
}

bool ScpiServer::handleLine(transports::TcpServer& server, transports::ConnectionId id, std::string_view line) {
    const auto fault = m_faults ? m_faults->get(m_name) : std::nullopt;
    if (fault && fault->kind == FaultKind::DropConnection) {
        server.close(id, false);
        return false;
    }
    if (fault && fault->kind == FaultKind::StallStream) return true; // a hung instrument: no answer
    if (fault && fault->kind == FaultKind::Garbage) {
        server.send(id, std::string(kGarbage) + m_dialect.terminator);
        return true;
    }
    std::string response = process(line);
    if (response.empty()) return true;
    response += m_dialect.terminator;
    if (fault && fault->kind == FaultKind::DelayReplies && fault->value > 0) {
        hold(server, id, std::chrono::steady_clock::now() + std::chrono::milliseconds(fault->value), std::move(response));
        return true;
    }
    // Keep order behind replies still held by an earlier delay.
    if (!m_delayed.empty()) hold(server, id, m_delayed.back().due, std::move(response));
    else if (!server.send(id, response)) return false;
    return true;
}

void ScpiServer::hold(transports::TcpServer& server, transports::ConnectionId id,
                      std::chrono::steady_clock::time_point due, std::string bytes) {
    // Held replies count towards the connection's output bound, like queued ones.
    auto& held = m_delayedBytes[id];
    if (held + bytes.size() + server.pendingOutput(id) > transports::TcpServer::kMaxPendingOutput) {
        core::log::warning(m_name, "connection " + std::to_string(id) + ": more than " +
                                       std::to_string(transports::TcpServer::kMaxPendingOutput) +
                                       " bytes of delayed replies unread, disconnected");
        server.close(id, false);
        std::erase_if(m_delayed, [id](const Delayed& d) { return d.id == id; });
        m_delayedBytes.erase(id);
        return;
    }
    held += bytes.size();
    m_delayed.push_back({due, id, std::move(bytes)});
}

void ScpiServer::onDisconnect(transports::TcpServer&, transports::ConnectionId id) {
    m_input.erase(id);
    std::erase_if(m_delayed, [id](const Delayed& d) { return d.id == id; });
    m_delayedBytes.erase(id);
}

void ScpiServer::onTick(transports::TcpServer& server) {
    if (m_delayed.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    // Cleared (or changed) fault: what it held goes out at once, in order.
    const auto fault = m_faults ? m_faults->get(m_name) : std::nullopt;
    const bool delaying = fault && fault->kind == FaultKind::DelayReplies;
    while (!m_delayed.empty() && (!delaying || m_delayed.front().due <= now)) {
        auto& d = m_delayed.front();
        if (auto it = m_delayedBytes.find(d.id); it != m_delayedBytes.end()) it->second -= d.bytes.size();
        server.send(d.id, d.bytes);
        m_delayed.pop_front();
    }
}

} // namespace v2gbench::simwire::scpi
