// The engine's list of bus_check message names (it does not link the protocol stack) stays equal
// to the protocol library's message table plus the TP frames BusMessageDecoder names.
#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/bench/offline_judgement.hpp"
#include "v2gbench/bench/role_catalog.hpp"
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

// `judge` finds an EV action in a capture by the message and field it shows on the bus: each must
// be a message of the table with that field, and the action one the role catalogue has.
BOOST_AUTO_TEST_CASE(judge_stimuli_name_real_messages_fields_and_actions) {
    namespace gbt = v2gbench::protocols::gbt27930;
    const auto& catalog = v2gbench::bench::RoleCatalog::builtin();
    for (const auto& s : v2gbench::bench::busStimuli()) {
        BOOST_TEST_CONTEXT(s.action) {
            BOOST_TEST(catalog.action(s.action) != nullptr);
            const gbt::MessageSpec* spec = gbt::findMessage(s.message);
            BOOST_TEST_REQUIRE(spec != nullptr);
            if (!s.field) continue;
            bool found = false;
            for (const auto& f : spec->fields) found = found || std::string(f.name) == s.field;
            BOOST_TEST(found, s.message << " has no field '" << s.field << "'");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
