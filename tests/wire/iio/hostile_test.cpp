// Hostile clients against analyzer-iiod (issue 9): a READBUF far beyond the documented maximum is
// refused with a negative errno, and the largest allowed one streams in chunks, so neither a
// client that reads it nor one that never reads makes the service hold it whole; another client
// keeps being answered meanwhile.
#include "../hostile_client.hpp"
#include "iio_rig.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace std::chrono_literals;
using test::IioRig;

namespace {

simwire::iio::IiodServiceOptions fast() {
    simwire::iio::IiodServiceOptions o;
    o.realTime = false; // answered at once: the attack is about size, not time
    return o;
}

std::string line(test::RawClient& c) {
    auto l = c.readUntil("\n", 2000ms);
    return l.substr(0, l.find('\n'));
}

} // namespace

BOOST_AUTO_TEST_SUITE(iiod_hostile_clients)

BOOST_AUTO_TEST_CASE(a_readbuf_beyond_the_maximum_is_refused) {
    IioRig rig(false, fast());
    test::RawClient c(rig.port);
    c.write("OPEN iio:device0 64 00000001\n");
    BOOST_TEST(line(c) == "0");
    const long rssBefore = test::residentKib();
    c.write("READBUF iio:device0 800000000\n"); // 400 M samples of 2 bytes
    BOOST_TEST(line(c) == "-12");               // -ENOMEM, nothing sent
    c.write("READBUF iio:device0 " + std::to_string(simwire::iio::kIiodMaxReadbufBytes + 2) + "\n");
    BOOST_TEST(line(c) == "-12");
    if (test::kResidentSetIsMeaningful) BOOST_TEST(test::residentKib() - rssBefore < 16 * 1024);
    c.write("READBUF iio:device0 32\n");
    BOOST_TEST(line(c) == "32"); // the connection still serves
}

BOOST_AUTO_TEST_CASE(the_largest_readbuf_streams_without_being_held_whole) {
    IioRig rig(false, fast());
    const long rssBefore = test::residentKib();
    const std::size_t bytes = simwire::iio::kIiodMaxReadbufBytes;
    // A client that reads it all gets every byte.
    std::size_t received = 0;
    {
        auto s = transports::TcpStream::connect("127.0.0.1", rig.port, units::Seconds(2));
        s.writeAll("OPEN iio:device0 64 00000001\nREADBUF iio:device0 " + std::to_string(bytes) + "\n", units::Seconds(2));
        BOOST_TEST(s.readUntil("\n", units::Seconds(2)) == "0");
        BOOST_TEST(s.readUntil("\n", units::Seconds(2)) == std::to_string(bytes));
        BOOST_TEST(s.readUntil("\n", units::Seconds(2)) == "00000001");
        while (received < bytes) received += s.readExactly(std::min<std::size_t>(1 << 20, bytes - received), units::Seconds(10)).size();
    }
    BOOST_TEST(received == bytes);
    // Clients that never read: the service queues at most its high-water mark per connection.
    std::vector<std::unique_ptr<test::RawClient>> idle;
    for (int i = 0; i < 4; ++i) {
        idle.push_back(std::make_unique<test::RawClient>(rig.port, 4096));
        idle.back()->write("OPEN iio:device0 64 00000001\nREADBUF iio:device0 " + std::to_string(bytes) + "\n");
    }
    double worst = 0;
    for (int i = 0; i < 20; ++i) worst = std::max(worst, test::roundTrip(rig.port, "VERSION\n"));
    const long grown = test::residentKib() - rssBefore;
    BOOST_TEST_MESSAGE("iiod: 4 idle 16 MiB READBUFs + one read: RSS +" << grown << " KiB, worst VERSION "
                                                                         << worst * 1000 << " ms");
    BOOST_TEST(worst < 2.0);
    if (test::kResidentSetIsMeaningful) BOOST_TEST(grown < 48 * 1024); // 5 x 16 MiB replies held whole would be 80 MiB (and 1.5 GB before)
}

BOOST_AUTO_TEST_CASE(an_endless_line_is_cut_off) {
    IioRig rig(false, fast());
    test::RawClient c(rig.port);
    const std::string junk(1 << 16, 'x');
    bool closed = false;
    for (int i = 0; i < 64 && !closed; ++i) closed = c.write(junk, 500ms) < 0 || c.closedByServer(0ms);
    BOOST_TEST((closed || c.closedByServer(2000ms)));
    BOOST_TEST(test::roundTrip(rig.port, "VERSION\n") < 2.0);
}

BOOST_AUTO_TEST_SUITE_END()
