// Codec: every 2015 message round-trips through physical values, with byte vectors from the real
// captures and the digest's worked examples.
#include "v2gbench/protocols/gbt27930/codec.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <vector>

using namespace v2gbench::protocols::gbt27930;

namespace {

std::vector<std::uint8_t> hex(const std::string& s) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
    return out;
}

DecodedMessage decodeHex(const Codec& codec, const char* name, const std::string& payload) {
    const MessageSpec* spec = findMessage(name);
    BOOST_REQUIRE(spec);
    auto bytes = hex(payload);
    return codec.decode(*spec, bytes, nominalId(*spec));
}

// Decoded physical values -> encode -> the same bytes.
void roundTrip(const char* name, const std::string& payload) {
    Codec codec(Profile::Tolerant);
    DecodedMessage m = decodeHex(codec, name, payload);
    FieldValues values;
    for (const auto& f : m.fields) {
        if (!f.present || !f.available) continue;
        switch (f.spec->kind) {
        case FieldKind::Number:
        case FieldKind::Enum:
        case FieldKind::Status2:
        case FieldKind::Bcd: values.set(f.name(), f.value); break;
        case FieldKind::Ascii:
            if (hex(payload).size() >= f.spec->endByte()) values.set(f.name(), f.text);
            break;
        default: values.set(f.name(), f.text); break;
        }
    }
    auto encoded = codec.encode(name, values, hex(payload).size());
    BOOST_TEST(encoded == hex(payload), name << " round trip of " << payload);
}

} // namespace

BOOST_AUTO_TEST_SUITE(codec)

BOOST_AUTO_TEST_CASE(table_has_the_22_messages_with_their_ids) {
    BOOST_TEST(messageTable().size() == 22u);
    BOOST_TEST(nominalId(*findMessage("BCL")).toCanId() == 0x181056F4u);
    BOOST_TEST(nominalId(*findMessage("CCS")).toCanId() == 0x1812F456u);
    BOOST_TEST(nominalId(*findMessage("BEM")).toCanId() == 0x081E56F4u);
    BOOST_TEST(nominalId(*findMessage("CEM")).toCanId() == 0x081FF456u);
    BOOST_TEST(nominalId(*findMessage("BST")).toCanId() == 0x101956F4u);
    BOOST_TEST(nominalId(*findMessage("CHM")).toCanId() == 0x1826F456u);
    auto id = J1939Id::fromCanId(0x1CEC56F4);
    BOOST_TEST(id.pgn == 0xEC00u);
    BOOST_TEST(id.priority == 7);
    BOOST_TEST(id.source == kBmsAddress);
    BOOST_TEST(id.destination == kChargerAddress);
    BOOST_TEST((id.direction() == Direction::BmsToCharger));
    BOOST_TEST(id.toCanId() == 0x1CEC56F4u);
}

BOOST_AUTO_TEST_CASE(round_trip_every_message) {
    roundTrip("CHM", "010100");
    roundTrip("BHM", "A510");
    roundTrip("CRM", "AA00000000554120");
    roundTrip("BRM", "0101000608078A0D4341544C" + std::string(98 - 24, 'F'));
    roundTrip("BCP", "9E01B80B4E008E176ECA032413");
    roundTrip("CTS", "00000809071520");
    roundTrip("CML", "1C257C01DC05A00F");
    roundTrip("BRO", "AA");
    roundTrip("CRO", "00");
    roundTrip("BCL", "A510D80E02");
    roundTrip("BCS", "920DA00F6A71225802");
    roundTrip("CCS", "240BA00F0000FDFF");
    roundTrip("BSM", "494F034D1A00D0");
    roundTrip("BMV", "6A716B716C71");
    roundTrip("BMT", "4D4E4F");
    roundTrip("BSP", "0102FF");
    roundTrip("BST", "400000F0"); // the captures send 00 in the fill of byte 4 (reported as a fill warning)
    roundTrip("CST", "0400F0F0");
    roundTrip("BSD", "4D4D014E013536");
    roundTrip("CSD", "0A00E803FFFFFFFF");
    roundTrip("BEM", "F4F0F0FC");
    roundTrip("CEM", "FCF0C4FC");
}

BOOST_AUTO_TEST_CASE(current_offset_and_bench_sign) {
    Codec codec;
    auto bcl = decodeHex(codec, "BCL", "A510D80E02");
    BOOST_TEST(bcl.field("voltage demand")->value == 426.1, boost::test_tools::tolerance(1e-9));
    // 0x0ED8 * 0.1 - 400 = -20 A in GB/T (charge), +20 A in the bench convention.
    BOOST_TEST(bcl.field("current demand")->value == 20.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcl.field("current demand")->amperes()->value == 20.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcl.field("mode")->label == std::string("constant current"));
    auto cml = decodeHex(codec, "CML", "1C257C01DC05A00F");
    BOOST_TEST(cml.field("max output voltage")->value == 950.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml.field("min output voltage")->value == 38.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml.field("max output current")->value == 250.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml.field("min output current")->value == 0.0);
    // A discharge current (V2G) is negative on the bench and above the offset on the wire.
    auto bytes = codec.encode("BCL", FieldValues().set("voltage demand", 400.0).set("current demand", -30.0).set("mode", 2.0));
    BOOST_TEST(bytes == hex("A00FCC1002"));
    BOOST_CHECK_THROW(codec.encode("BCL", FieldValues().set("current demand", 500.0)), std::invalid_argument);
    BOOST_CHECK_THROW(codec.encode("BCL", FieldValues().set("no such field", 1.0)), std::invalid_argument);
    auto bcp = decodeHex(codec, "BCP", "9E01B80B4E008E176ECA032413");
    BOOST_TEST(bcp.field("max cell charge voltage")->value == 4.14, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcp.field("max charge current")->value == 100.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcp.field("nominal energy")->value == 7.8, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcp.field("max temperature")->value == 60.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcp.field("SOC")->value == 97.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bcp.field("battery voltage")->value == 490.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(status_bits_and_fill) {
    Codec codec;
    auto bem = decodeHex(codec, "BEM", "F4F0F0FC");
    BOOST_TEST(bem.field("CRM 0xAA timeout")->raw == 1u);
    BOOST_TEST(bem.field("CRM 0xAA timeout")->label == std::string("timeout"));
    BOOST_TEST(bem.field("CRM 0x00 timeout")->raw == 0u);
    BOOST_TEST(bem.field("CCS timeout")->raw == 0u);
    BOOST_TEST(bem.issues.empty());
    auto ccsBem = decodeHex(codec, "BEM", "F0F0F1FC");
    BOOST_TEST(ccsBem.field("CCS timeout")->raw == 1u);
    auto cst = decodeHex(codec, "CST", "0400F0F0");
    BOOST_TEST(cst.field("manual stop")->raw == 1u);
    BOOST_TEST(cst.field("fault stop")->raw == 0u);
    auto bst = decodeHex(codec, "BST", "40000000");
    BOOST_TEST(bst.field("stopped by charger")->raw == 1u);
    auto bsm = decodeHex(codec, "BSM", "494F034D1A00D0");
    BOOST_TEST(bsm.field("charge permitted")->label == std::string("permitted"));
    BOOST_TEST(bsm.field("highest temperature")->value == 29.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bsm.field("highest cell voltage number")->value == 74.0, boost::test_tools::tolerance(1e-9));
    auto pause = decodeHex(codec, "BSM", "494F034D1A00C0");
    BOOST_TEST(pause.field("charge permitted")->raw == 0u);
    // Unused bits must be 1 (§7.9): a zero in CST's fill is reported.
    auto badFill = decodeHex(codec, "CST", "04000000");
    BOOST_TEST(!badFill.issues.empty());
    BOOST_TEST((badFill.issues.front().severity == Severity::Warning));
    // Unset fields are sent as all ones.
    BOOST_TEST(codec.encode("BEM", FieldValues().set("CRM 0xAA timeout", 1.0).set("CRM 0x00 timeout", 0.0)
                                       .set("CTS/CML timeout", 0.0).set("CRO timeout", 0.0).set("CCS timeout", 0.0)
                                       .set("CST timeout", 0.0).set("CSD timeout", 0.0)) == hex("F4F0F0FC"));
    BOOST_TEST(codec.encode("CHM", FieldValues().set("protocol version", "V1.1")) == hex("010100"));
}

BOOST_AUTO_TEST_CASE(strict_and_tolerant_2011_profiles) {
    Codec strict(Profile::Strict2015), tolerant(Profile::Tolerant);
    const std::string brm2011 = "010100030807" "8A0D4341544CFFFFFFFF" + std::string(50, 'F');
    BOOST_REQUIRE(hex(brm2011).size() == 41u);
    auto t = decodeHex(tolerant, "BRM", brm2011);
    BOOST_TEST((t.layout == Layout::Gbt2011));
    BOOST_TEST(t.ok());
    BOOST_TEST(!t.field("BMS software version")->present);
    BOOST_TEST(t.field("battery type")->label == std::string("LFP"));
    auto s = decodeHex(strict, "BRM", brm2011);
    BOOST_TEST((s.layout == Layout::Gbt2011));
    BOOST_TEST(!s.ok());
    auto cml6 = decodeHex(strict, "CML", "1C257C01DC05");
    BOOST_TEST(!cml6.ok());
    BOOST_TEST(decodeHex(tolerant, "CML", "1C257C01DC05").ok());
    BOOST_TEST(decodeHex(tolerant, "CML", "1C257C01DC05").field("max output current")->value == 250.0,
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(!decodeHex(strict, "CCS", "240BA00F0000").ok());
    // CCS with DLC 7 carries every 2015 field: a warning in strict, a note when tolerant.
    auto ccs7 = decodeHex(strict, "CCS", "240BA00F0000FD");
    BOOST_TEST(ccs7.ok());
    BOOST_TEST(ccs7.issues.size() == 1u);
    BOOST_TEST(ccs7.field("output voltage")->value == 285.2, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(ccs7.field("charging permitted")->raw == 1u);
    // A truncated message is an error in both profiles.
    BOOST_TEST(!decodeHex(tolerant, "BCL", "A510D8").ok());
    BOOST_TEST(!decodeHex(tolerant, "BCL", "A510D8").field("mode")->present);
}

BOOST_AUTO_TEST_CASE(frames_and_variable_messages) {
    Codec codec;
    auto frame = codec.encodeFrame("BHM", FieldValues().set("max charge voltage", 426.1));
    BOOST_TEST(frame.id == 0x182756F4u);
    BOOST_TEST(frame.extended);
    BOOST_TEST(frame.dlc == 2);
    auto m = codec.decode(frame);
    BOOST_REQUIRE(m.has_value());
    BOOST_TEST(m->field("max charge voltage")->volts()->value == 426.1, boost::test_tools::tolerance(1e-9));
    BOOST_CHECK_THROW(codec.encodeFrame("BCP", FieldValues()), std::invalid_argument);
    auto bmv = decodeHex(codec, "BMV", "6A716B71");
    BOOST_TEST(bmv.fields.size() == 4u);
    BOOST_TEST(bmv.field("cell 2 voltage")->value == 3.63, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(bmv.field("cell 2 group")->value == 7.0);
    auto bytes = codec.encode("BMT", FieldValues().set("probe 2 temperature", 25.0), 3);
    BOOST_TEST(bytes == hex("FF4BFF"));
}

// The trace decoder's hot path decodes every frame into one reused message: the result must be
// the same as a fresh decode, whatever the previous message left in the buffers (more fields, a
// repeated group, issues).
BOOST_AUTO_TEST_CASE(decode_into_a_reused_message_equals_a_fresh_decode) {
    Codec codec(Profile::Strict2015);
    DecodedMessage reused;
    const std::vector<std::pair<const char*, std::string>> sequence{
        {"BCS", "920DA00F6A71225802"}, {"BMV", "6A716B716C71"}, {"BHM", "A510"},
        {"CCS", "240BA00F0000"},       {"BST", "400000F0"},     {"BMV", ""},
        {"BCL", "A510D80E02"},         {"BRM", "010100"}};
    for (const auto& [name, payload] : sequence) {
        BOOST_TEST_CONTEXT(name) {
            const MessageSpec* spec = findMessage(name);
            BOOST_REQUIRE(spec);
            const auto bytes = hex(payload);
            codec.decodeInto(*spec, bytes, nominalId(*spec), reused);
            const DecodedMessage fresh = codec.decode(*spec, bytes, nominalId(*spec));
            BOOST_TEST(reused.spec == fresh.spec);
            BOOST_TEST(reused.length == fresh.length);
            BOOST_TEST((reused.layout == fresh.layout));
            BOOST_REQUIRE_EQUAL(reused.fields.size(), fresh.fields.size());
            for (std::size_t i = 0; i < fresh.fields.size(); ++i) {
                BOOST_TEST(reused.fields[i].name() == fresh.fields[i].name());
                BOOST_TEST(reused.fields[i].formatValue() == fresh.fields[i].formatValue());
            }
            BOOST_REQUIRE_EQUAL(reused.issues.size(), fresh.issues.size());
            for (std::size_t i = 0; i < fresh.issues.size(); ++i) BOOST_TEST(reused.issues[i].text == fresh.issues[i].text);
        }
    }
    // A frame that is not a single-frame GB/T message is refused.
    v2gbench::transports::CanFrame foreign;
    foreign.id = 0x123;
    BOOST_TEST(!codec.decodeInto(foreign, reused));
}

// Numbers are printed through integers on decode's hot path; the text must be printf's "%.*f"
// (decimals from the resolution) for every value, including halfway cases, negative values that
// print as zero, and magnitudes the integer path leaves to the library.
BOOST_AUTO_TEST_CASE(numbers_print_as_printf_does) {
    struct Case {
        double resolution;
        int decimals;
    };
    const Case cases[] = {{1.0, 0}, {0.5, 1}, {0.1, 1}, {0.05, 2}, {0.01, 2}, {0.001, 3}};
    std::vector<double> values{0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.0625, 1.0005, 2.675, -0.04, -0.0004,
                               -400.0, 426.1, 3942.3, 1e15, -1e15, 1e300, 4503599627370495.5, 1234567.8901};
    for (std::uint64_t raw = 0; raw < 70000; raw += 7) {
        values.push_back(static_cast<double>(raw) * 0.1 - 400.0);
        values.push_back(static_cast<double>(raw) * 0.01);
        values.push_back(static_cast<double>(raw) * 0.001 - 50.0);
        values.push_back(static_cast<double>(raw) * 0.05);
    }
    for (const auto& c : cases) {
        FieldSpec spec{"value", 0, 16, FieldKind::Number, c.resolution, 0.0, Unit::None};
        DecodedField field;
        field.spec = &spec;
        for (double v : values) {
            field.value = v;
            char expected[400];
            std::snprintf(expected, sizeof expected, "%.*f", c.decimals, v);
            BOOST_TEST_CONTEXT("resolution " << c.resolution << ", value " << v) {
                BOOST_TEST(field.formatValue() == expected);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
