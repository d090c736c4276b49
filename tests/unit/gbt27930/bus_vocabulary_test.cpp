// The engine's list of bus_check message names (it does not link the protocol stack) stays equal
// to the protocol library's message table plus the TP frames BusMessageDecoder names.
#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

BOOST_AUTO_TEST_SUITE(gbt27930_bus_vocabulary)

BOOST_AUTO_TEST_CASE(engine_names_equal_the_message_table) {
    namespace gbt = v2gbench::protocols::gbt27930;
    std::set<std::string> table;
    for (const auto& m : gbt::messageTable()) table.insert(m.name);
    for (const char* tp : {"TP.CM_RTS", "TP.CM_CTS", "TP.CM_EndOfMsgAck", "TP.Conn_Abort", "TP.DT"}) table.insert(tp);
    const auto& engine = v2gbench::bench::busMessageNames();
    const std::set<std::string> engineSet(engine.begin(), engine.end());
    BOOST_TEST(engineSet == table, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(engine_pgns_equal_the_message_table) {
    namespace gbt = v2gbench::protocols::gbt27930;
    for (const auto& m : gbt::messageTable()) {
        const auto pgn = v2gbench::bench::busMessagePgn(m.name);
        BOOST_TEST_REQUIRE(pgn.has_value(), m.name);
        BOOST_TEST(*pgn == m.pgn, m.name);
    }
    BOOST_TEST(!v2gbench::bench::busMessagePgn("TP.DT"));
    BOOST_TEST(!v2gbench::bench::busMessagePgn("XYZ"));
}

BOOST_AUTO_TEST_SUITE_END()
