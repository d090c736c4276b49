// Hostile clients against a SCPI service (issue 9): huge compound messages, a 100 MB line, a
// client that never reads its replies, and the stall/delay faults. Each attack must leave the
// service's buffers within their bounds and another client answered within the drivers' timeout.
#include "../hostile_client.hpp"
#include "scpi_fixture.hpp"
#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"
#include "v2gbench/simwire/scpi/scpi_model.hpp"
#include "v2gbench/simwire/scpi/scpi_server.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using simwire::scpi::ScpiMessageParser;
using simwire::scpi::ScpiServer;
using test::RawClient;
using namespace std::chrono_literals;

namespace {

struct HostileFixture : test::ScpiLabFixture {
    ScpiServer& grid() {
        for (auto& s : services)
            if (s->name() == "grid-scpi") return dynamic_cast<ScpiServer&>(*s);
        throw std::logic_error("no grid-scpi");
    }
    int port() const { return ports.at("grid-scpi"); }
    // The worst round trip of *IDN? on fresh connections while `running` holds.
    template <class Running>
    double worstIdnWhile(Running running, std::chrono::seconds limit = 60s) {
        double worst = 0;
        const auto deadline = test::SteadyClock::now() + limit;
        int probes = 0;
        while ((running() || probes < 3) && test::SteadyClock::now() < deadline) {
            worst = std::max(worst, test::roundTrip(port(), "*IDN?\n"));
            ++probes;
        }
        return worst;
    }
};

int errorCode(const std::string& entry) { return std::stoi(entry.substr(0, entry.find(','))); }

std::string repeat(const std::string& unit, std::size_t n) {
    std::string out;
    out.reserve(unit.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += unit;
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(scpi_hostile_clients)

BOOST_AUTO_TEST_CASE(compound_messages_are_bounded_and_linear) {
    // Up to the bound, absolute headers parse as before.
    BOOST_TEST(ScpiMessageParser::parse(repeat(":VOLT:AC 10;", ScpiMessageParser::kMaxUnits)).size() ==
               ScpiMessageParser::kMaxUnits);
    try {
        ScpiMessageParser::parse(repeat(":VOLT:AC 10;", ScpiMessageParser::kMaxUnits + 1));
        BOOST_FAIL("more than kMaxUnits units parsed");
    } catch (const simwire::scpi::ScpiStatusError& e) {
        BOOST_TEST(e.code() == -223);
    }
    // Relative compound headers nest one node deeper each: refused at the depth bound.
    try {
        ScpiMessageParser::parse(repeat("VOLT:AC 10;", 1000));
        BOOST_FAIL("a path deeper than kMaxHeaderDepth parsed");
    } catch (const simwire::scpi::ScpiStatusError& e) {
        BOOST_TEST(e.code() == -113);
    }

    HostileFixture f;
    const long rssBefore = test::residentKib();
    const std::string line = repeat("VOLT:AC 10;", 10'000) + "\n";
    std::atomic<bool> done{false};
    test::Attack attack([&](std::atomic<bool>& stop) {
        RawClient c(f.port());
        for (int i = 0; i < 50 && !stop; ++i)
            if (c.write(line, 2000ms) < 0) break;
        done = true;
    });
    const double worst = f.worstIdnWhile([&] { return !done.load(); });
    attack.stop();
    const long grown = test::residentKib() - rssBefore;
    BOOST_TEST_MESSAGE("compound attack: worst *IDN? " << worst * 1000 << " ms, RSS +" << grown << " KiB");
    BOOST_TEST(worst < 2.0);
    if (test::kResidentSetIsMeaningful) BOOST_TEST(grown < 64 * 1024); // was +2.5 GB
    const auto errors = f.grid().errorQueue();
    BOOST_TEST_REQUIRE(!errors.empty());
    BOOST_TEST(errors.front().code == -223);
}

BOOST_AUTO_TEST_CASE(a_100_MB_line_is_refused_in_linear_time) {
    HostileFixture f;
    const long rssBefore = test::residentKib();
    std::atomic<bool> done{false};
    std::string errorReply;
    double seconds = 0;
    test::Attack attack([&](std::atomic<bool>& stop) {
        RawClient c(f.port());
        const std::string chunk(1 << 20, 'A');
        const auto t0 = test::SteadyClock::now();
        std::size_t sent = 0;
        while (sent < 100u * chunk.size() && !stop) {
            const long n = c.write(chunk, 1000ms);
            if (n < 0) break;
            sent += static_cast<std::size_t>(n);
        }
        c.write("\nSYST:ERR?\n", 2000ms);
        errorReply = c.readUntil("\n", 10'000ms);
        seconds = std::chrono::duration<double>(test::SteadyClock::now() - t0).count();
        done = true;
    });
    const double worst = f.worstIdnWhile([&] { return !done.load(); });
    attack.stop();
    const long grown = test::residentKib() - rssBefore;
    BOOST_TEST_MESSAGE("100 MB line: " << seconds << " s, worst *IDN? " << worst * 1000 << " ms, RSS +" << grown
                                       << " KiB");
    BOOST_TEST_REQUIRE(!errorReply.empty());
    BOOST_TEST(errorCode(errorReply) == -223, errorReply);
    BOOST_TEST(seconds < 30.0); // was 347 s
    BOOST_TEST(worst < 2.0);
    BOOST_TEST(f.grid().peakBufferedInput() <= ScpiServer::kMaxMessageBytes);
    if (test::kResidentSetIsMeaningful) BOOST_TEST(grown < 64 * 1024);
}

BOOST_AUTO_TEST_CASE(a_client_that_never_reads_is_disconnected_at_the_output_bound) {
    HostileFixture f;
    std::atomic<bool> done{false};
    bool disconnected = false;
    test::Attack attack([&](std::atomic<bool>& stop) {
        RawClient c(f.port(), 4096);
        const std::string burst = repeat("*IDN?\n", 4096);
        const auto deadline = test::SteadyClock::now() + 30s;
        while (!stop && test::SteadyClock::now() < deadline)
            if (c.write(burst, 200ms) < 0 || f.grid().tcp().overflowDisconnects() > 0) break;
        disconnected = c.closedByServer(5000ms);
        done = true;
    });
    const double worst = f.worstIdnWhile([&] { return !done.load(); });
    attack.stop();
    BOOST_TEST_MESSAGE("unread replies: peak pending " << f.grid().tcp().peakPendingOutput() << " bytes, worst *IDN? "
                                                       << worst * 1000 << " ms");
    BOOST_TEST(disconnected);
    BOOST_TEST(f.grid().tcp().overflowDisconnects() == 1u);
    BOOST_TEST(f.grid().tcp().peakPendingOutput() <= transports::TcpServer::kMaxPendingOutput);
    BOOST_TEST(worst < 2.0);
}

BOOST_AUTO_TEST_CASE(stall_stops_answers_until_clear) {
    HostileFixture f;
    f.context.faults->set("analyzer-scpi", {simwire::FaultKind::StallStream, 0});
    RawClient c(f.ports.at("analyzer-scpi"));
    c.write("*IDN?\n");
    BOOST_TEST(c.readUntil("\n", 300ms).empty()); // stalled: no answer (requests are discarded)
    f.context.faults->clear("analyzer-scpi");
    c.write("*IDN?\n");
    BOOST_TEST(c.readUntil("\n", 2000ms).find("LMG600") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clear_releases_delayed_replies_at_once) {
    HostileFixture f;
    f.context.faults->set("grid-scpi", {simwire::FaultKind::DelayReplies, 600'000});
    RawClient c(f.port());
    c.write("*IDN?\n");
    BOOST_TEST(c.readUntil("\n", 100ms).empty());
    const auto t0 = test::SteadyClock::now();
    f.context.faults->clear("grid-scpi");
    BOOST_TEST(c.readUntil("\n", 2000ms).find("Chroma") != std::string::npos);
    BOOST_TEST(std::chrono::duration<double>(test::SteadyClock::now() - t0).count() < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
