// Declared driver options (core): how values are parsed with their units, bounds and defaults,
// what a driver reads back, and the registry's and the session store's checks.
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/core/option_values.hpp"
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/core/session_context.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using core::OptionError;
namespace option = core::option;

namespace {

const core::OptionDeclaration& example() {
    static const core::OptionDeclaration declaration{
        option::duration("timeout", "2 s", "1 ms", "10 min", "reply bound"),
        option::number("sample_rate", core::Dimension::frequency(), std::nullopt, "1 Hz", "100 kHz", "rate"),
        option::integer("phases", 3, 1, 3, "phases"),
        option::text("device", "iio:device0", "device"),
        option::choice("mode", {"fast", "exact"}, "exact", "mode"),
        option::boolean("check_errors", true, "check"),
    };
    return declaration;
}

// The message of the OptionError resolving `given` throws, or "accepted".
std::string refusal(const std::map<std::string, std::string>& given) {
    try {
        core::resolveOptions("drv", example(), given);
    } catch (const OptionError& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

BOOST_AUTO_TEST_SUITE(driver_options)

BOOST_AUTO_TEST_CASE(defaults_apply_and_given_values_are_typed_with_their_units) {
    const auto defaults = core::resolveOptions("drv", example(), {});
    BOOST_TEST(defaults.owner() == "drv");
    BOOST_TEST(defaults.duration("timeout").value == 2.0);
    BOOST_TEST(!defaults.given("timeout"));
    BOOST_TEST(!defaults.has("sample_rate")); // no default: unset
    BOOST_TEST(defaults.integer("phases") == 3);
    BOOST_TEST(defaults.text("device") == "iio:device0");
    BOOST_TEST(defaults.text("mode") == "exact");
    BOOST_TEST(defaults.boolean("check_errors"));

    const auto given = core::resolveOptions(
        "drv", example(),
        {{"timeout", "500 ms"}, {"sample_rate", "20 kHz"}, {"phases", "1"}, {"mode", "fast"}, {"check_errors", "false"}});
    BOOST_TEST(given.duration("timeout").value == 0.5);
    BOOST_TEST(given.given("timeout"));
    BOOST_TEST(given.number("sample_rate") == 20000.0);
    BOOST_TEST(given.integer("phases") == 1);
    BOOST_TEST(given.text("mode") == "fast");
    BOOST_TEST(!given.boolean("check_errors"));
    BOOST_TEST(core::resolveOptions("drv", example(), {{"timeout", "2 min"}}).duration("timeout").value == 120.0);
    const auto text = defaults.asText();
    BOOST_TEST(given.asText().at("timeout") == "500 ms");
    BOOST_TEST(text.at("timeout") == "2 s");
    BOOST_TEST(text.at("device") == "iio:device0");
    BOOST_TEST(!text.count("sample_rate")); // unset options have no text
}

BOOST_AUTO_TEST_CASE(unknown_names_wrong_units_and_out_of_bounds_values_are_refused) {
    BOOST_TEST(refusal({{"timeout_ms", "500"}}) ==
               "drv has no option 'timeout_ms' (did you mean 'timeout'?); its options: timeout (duration), "
               "sample_rate (frequency (Hz)), phases (whole number), device (string), mode (one of: fast, exact), "
               "check_errors (true or false)");
    BOOST_TEST(refusal({{"timeout", "500"}}) ==
               "drv: option 'timeout': expected a duration with its unit, e.g. '2 s'; found a number without a unit ('500')");
    BOOST_TEST(refusal({{"timeout", "5 V"}}) ==
               "drv: option 'timeout': expected a duration with its unit, e.g. '2 s'; found a voltage (V) ('5 V')");
    BOOST_TEST(refusal({{"timeout", "5 parsecs"}}) == "drv: option 'timeout': unknown unit 'parsecs'");
    BOOST_TEST(refusal({{"timeout", "20 min"}}) == "drv: option 'timeout': '20 min' is outside 1 ms..10 min");
    BOOST_TEST(refusal({{"timeout", "0 s"}}) == "drv: option 'timeout': '0 s' is outside 1 ms..10 min");
    BOOST_TEST(refusal({{"timeout", "-1 s"}}) == "drv: option 'timeout': '-1 s' is outside 1 ms..10 min");
    BOOST_TEST(refusal({{"sample_rate", "200 kHz"}}) == "drv: option 'sample_rate': '200 kHz' is outside 1 Hz..100 kHz");
    BOOST_TEST(refusal({{"phases", "2.5"}}) == "drv: option 'phases': expected a whole number, found '2.5'");
    BOOST_TEST(refusal({{"phases", "4"}}) == "drv: option 'phases': '4' is outside 1..3");
    BOOST_TEST(refusal({{"mode", "slow"}}) == "drv: option 'mode': 'slow' is not one of: fast, exact");
    BOOST_TEST(refusal({{"check_errors", "maybe"}}) == "drv: option 'check_errors': expected true or false, found 'maybe'");
    BOOST_TEST(refusal({{"device", ""}}) == "drv: option 'device': expected a non-empty string");
    BOOST_TEST(refusal({{"colour", "red"}}).find("drv has no option 'colour'; its options: timeout") == 0u);

    // Where the problem is: the name, or a character of the value.
    try {
        core::resolveOptions("drv", example(), {{"timeout", "5 parsecs"}});
        BOOST_FAIL("accepted");
    } catch (const OptionError& e) {
        BOOST_TEST(e.option() == "timeout");
        BOOST_TEST((e.part() == OptionError::Part::Value));
        BOOST_TEST(e.valueOffset() == 2u);
    }
    try {
        core::resolveOptions("drv", example(), {{"timeout_s", "5 s"}});
        BOOST_FAIL("accepted");
    } catch (const OptionError& e) {
        BOOST_TEST((e.part() == OptionError::Part::Name));
    }
    try {
        core::resolveOptions("sim-grid", core::OptionDeclaration{}, {{"timeout", "1 s"}});
        BOOST_FAIL("accepted");
    } catch (const OptionError& e) {
        BOOST_TEST(std::string(e.what()) == "sim-grid takes no options (found 'timeout')");
    }
}

BOOST_AUTO_TEST_CASE(reading_an_option_the_declaration_does_not_have_is_a_programming_error) {
    const auto values = core::resolveOptions("drv", example(), {});
    BOOST_CHECK_THROW(values.duration("timeout_ms"), std::logic_error); // not declared
    BOOST_CHECK_THROW(values.integer("timeout"), std::logic_error);     // another type
    BOOST_CHECK_THROW(values.number("sample_rate"), std::logic_error);  // unset: check has() first
    BOOST_CHECK_THROW(core::OptionValues{}.duration("timeout"), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_declaration_that_contradicts_itself_fails_when_it_is_made) {
    BOOST_CHECK_THROW((core::OptionDeclaration{option::duration("t", "20 min", "1 ms", "10 min", "")}), std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::duration("t", "2", "1 ms", "10 min", "")}), std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::duration("t", "2 s", "1 V", "10 min", "")}), std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::duration("t", "2 s", "10 min", "1 ms", "")}), std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::integer("n", 1, 0, 9, ""), option::integer("n", 1, 0, 9, "")}),
                      std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::choice("c", {}, std::nullopt, "")}), std::logic_error);
    BOOST_CHECK_THROW((core::OptionDeclaration{option::choice("c", {"a"}, "b", "")}), std::logic_error);
    BOOST_CHECK_THROW(example().plus({option::text("device", std::nullopt, "")}), std::logic_error);
}

BOOST_AUTO_TEST_CASE(each_option_lists_on_one_line) {
    BOOST_TEST(core::describeOption(*example().find("timeout")) == "timeout: duration 1 ms..10 min, default 2 s — reply bound");
    BOOST_TEST(core::describeOption(*example().find("sample_rate")) ==
               "sample_rate: frequency (Hz) 1 Hz..100 kHz, unset by default — rate");
    BOOST_TEST(core::describeOption(*example().find("mode")) == "mode: one of: fast, exact, default exact — mode");
    BOOST_TEST(core::OptionDeclaration{}.summary() == "none");
}

BOOST_AUTO_TEST_CASE(the_registry_resolves_options_for_one_driver_only) {
    core::DriverRegistry registry;
    int created = 0;
    auto factory = [&created](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
        ++created;
        BOOST_TEST(request.options.duration("timeout").value == 2.0); // defaults when none were given
        return nullptr;
    };
    registry.addDriver({"a", "grid", "", example()}, factory);
    registry.addDriver({"b", "grid", "", example()}, factory);
    core::SessionContext session;
    const core::RealClock clock;
    core::DriverRequest defaults{"grid", core::ConnectionUri::parse("tcp://127.0.0.1:1"), {}, session, clock};
    registry.createDriver("a", defaults);
    BOOST_TEST(created == 1);
    core::DriverRequest foreign{"grid", core::ConnectionUri::parse("tcp://127.0.0.1:1"), registry.driverOptions("b", {}),
                                session, clock};
    BOOST_CHECK_THROW(registry.createDriver("a", foreign), std::logic_error);
    BOOST_TEST(created == 1);
    BOOST_CHECK_THROW(registry.driverOptions("c", {}), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(session_store)

BOOST_AUTO_TEST_CASE(one_resource_per_key_and_the_wrong_type_is_a_clear_error) {
    struct Plant {
        int id = 7;
    };
    struct Hub {};
    core::SessionContext session;
    int made = 0;
    auto make = [&made] {
        ++made;
        return std::make_shared<Plant>();
    };
    const auto first = session.shared<Plant>("sim.lab", make);
    const auto again = session.shared<Plant>("sim.lab", make);
    BOOST_TEST(first.get() == again.get());
    BOOST_TEST(made == 1);
    try {
        session.shared<Hub>("sim.lab", [] { return std::make_shared<Hub>(); });
        BOOST_FAIL("a Plant was handed out as a Hub");
    } catch (const std::logic_error& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("session resource 'sim.lab' holds a ") == 0u, message);
        BOOST_TEST(message.find("Plant, asked for as a ") != std::string::npos, message);
        BOOST_TEST(message.find("Hub") != std::string::npos, message);
    }
    BOOST_CHECK_THROW(session.shared<Hub>("hub", [] { return std::shared_ptr<Hub>(); }), std::logic_error);
    BOOST_TEST(session.shared<Plant>("sim.lab", make)->id == 7); // the store is unchanged
}

BOOST_AUTO_TEST_SUITE_END()
