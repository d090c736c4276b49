// The iio-daq driver against v2gbench-sim's DAQ device (iio:device1 of analyzer-iiod) over
// loopback: channels and capabilities, refusals, trigger kinds, and a capture's timing checked
// against the plant's own step at which the edge or the frame happened.
#include "iio_rig.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/iio/iio_daq.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

using namespace v2gbench;
using drivers::iio::IioDaq;
using drivers::iio::IioDaqOptions;
using test::IioRig;

namespace {

IioDaqOptions daqOptions(const IioRig& rig) {
    IioDaqOptions o;
    o.uri = rig.uri();
    return o;
}

// Waits (bounded, polling the driver as the executor does) for the capture; fails the test when
// none comes in `limit` of real time.
core::DaqCapture waitForCapture(IioDaq& daq, double limit = 5.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit);
    while (std::chrono::steady_clock::now() < until) {
        if (auto c = daq.fetch()) return *c;
        std::this_thread::yield();
    }
    BOOST_FAIL("no capture within " << limit << " s");
    return {};
}

// Lab time minus bench time (the rig's real clock is the bench clock here).
double labMinusBench(IioRig& rig) { return rig.lab->now().value - rig.clock->now().value; }

// Records, with a step observer, the first plant time at which pred(plant) holds after arming.
struct EdgeWatch {
    std::mutex mutex;
    bool armed = false;
    std::optional<double> time;
};

} // namespace

BOOST_AUTO_TEST_SUITE(iio_daq_driver)

BOOST_AUTO_TEST_CASE(offers_the_daq_vocabulary_with_can_trigger_and_the_plant_step_as_resolution) {
    IioRig rig;
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    BOOST_TEST(daq.channels().size() == core::daqChannels().size());
    BOOST_TEST(daq.capabilities().has(core::capability::daqCanTrigger));
    BOOST_TEST(daq.resolution().value == 1e-3);
    BOOST_TEST(daq.identity().model == "v2gbench-daq");
}

BOOST_AUTO_TEST_CASE(read_gives_the_plant_on_the_bench_time_base) {
    IioRig rig; // charging at 100 A
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    const auto sample = daq.read();
    const auto names = daq.channels();
    const auto at = [&](const std::string& n) {
        return sample.values.at(static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin()));
    };
    BOOST_TEST(at("output_current") == rig.truth().dcCurrent, boost::test_tools::tolerance(0.01));
    BOOST_TEST(at("output_voltage") == rig.truth().dcVoltage, boost::test_tools::tolerance(0.01));
    // Hardware time, on the bench clock: not in the future, and recent.
    const double now = rig.clock->now().value;
    BOOST_TEST(sample.time <= now + 1e-3);
    BOOST_TEST(sample.time > now - 0.5);
}

BOOST_AUTO_TEST_CASE(falling_edge_capture_is_timed_at_the_plant_step_of_the_crossing) {
    IioRig rig;
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    EdgeWatch watch;
    const auto observer = rig.lab->addStepObserver([&](const sim::Plant& p) {
        std::lock_guard lock(watch.mutex);
        if (watch.armed && !watch.time && p.dcCurrent().value <= 50.0) watch.time = p.time().value;
    });
    core::DaqCaptureRequest request;
    request.channels = {"output_current", "output_voltage"};
    request.preTrigger = units::Seconds(0.05);
    request.postTrigger = units::Seconds(0.2);
    request.trigger.kind = core::DaqTriggerKind::Falling;
    request.trigger.channel = "output_current";
    request.trigger.level = 50.0;
    daq.arm(request);
    {
        std::lock_guard lock(watch.mutex);
        watch.armed = true;
    }
    rig.lab->withPlant([](sim::Plant& p) { p.evStop(); });
    const auto capture = waitForCapture(daq);
    rig.lab->removeStepObserver(observer);
    const double offset = labMinusBench(rig);
    std::optional<double> truth;
    {
        std::lock_guard lock(watch.mutex);
        truth = watch.time;
    }
    BOOST_REQUIRE(truth);
    // The edge's own sample: the plant step at which the current crossed, on the bench time base.
    BOOST_TEST(std::abs(capture.triggerTime - (*truth - offset)) < 0.5e-3);
    BOOST_TEST(capture.resolution.value == 1e-3);
    BOOST_TEST(capture.channels == request.channels, boost::test_tools::per_element());
    // 50 ms before to 200 ms after at 1 ms: 251 samples, evenly spaced by the sample clock.
    BOOST_TEST(capture.samples.size() == 251u);
    for (std::size_t i = 1; i < capture.samples.size(); ++i)
        BOOST_TEST(std::abs(capture.samples[i].time - capture.samples[i - 1].time - 1e-3) < 1e-6);
    const auto trigger = std::find_if(capture.samples.begin(), capture.samples.end(),
                                      [&](const core::DaqSample& s) { return std::abs(s.time - capture.triggerTime) < 1e-6; });
    BOOST_REQUIRE(trigger != capture.samples.end());
    BOOST_TEST(trigger->values[0] <= 50.0);
    BOOST_TEST((trigger - 1)->values[0] > 50.0);
    for (auto s = capture.samples.begin(); s != trigger; ++s)
        BOOST_TEST(s->values[0] > 50.0); // pre-trigger: above the level
}

BOOST_AUTO_TEST_CASE(can_frame_trigger_is_the_frame_time_from_the_device_can_input) {
    IioRig rig; // charging: the EV sends BCL (PGN 0x1000) every 50 ms
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    std::mutex mutex;
    std::vector<double> bclTimes;
    const auto listener = rig.lab->withPlant([&](sim::Plant& p) {
        return p.bus().addListener([&](const transports::CanFrame& f, sim::SimCanBus::NodeId, double time) {
            if (((f.id >> 16) & 0xFF) == 0x10) {
                std::lock_guard lock(mutex);
                bclTimes.push_back(time);
            }
        });
    });
    core::DaqCaptureRequest request;
    request.channels = {"output_current"};
    request.preTrigger = units::Seconds(0.01);
    request.postTrigger = units::Seconds(0.05);
    request.trigger.kind = core::DaqTriggerKind::CanFrame;
    request.trigger.pgn = 0x1000;
    const double armedAt = rig.clock->now().value;
    daq.arm(request);
    const auto capture = waitForCapture(daq);
    rig.lab->withPlant([&](sim::Plant& p) { p.bus().removeListener(listener); });
    const double offset = labMinusBench(rig);
    std::lock_guard lock(mutex);
    const bool match = std::any_of(bclTimes.begin(), bclTimes.end(),
                                   [&](double t) { return std::abs(t - offset - capture.triggerTime) < 0.5e-3; });
    BOOST_TEST(match);
    BOOST_TEST(capture.triggerTime >= armedAt - 1e-3);
    BOOST_TEST(capture.triggerTime < armedAt + 0.2); // the first BCL after arming, within one period
    BOOST_TEST(capture.samples.size() == 61u);
}

BOOST_AUTO_TEST_CASE(immediate_capture_with_a_decimated_period) {
    IioRig rig;
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    core::DaqCaptureRequest request;
    request.channels = {"cc1_voltage", "output_current"};
    request.samplePeriod = units::Seconds(5e-3);
    request.postTrigger = units::Seconds(0.1);
    const double armedAt = rig.clock->now().value;
    daq.arm(request);
    const auto capture = waitForCapture(daq);
    BOOST_TEST(capture.resolution.value == 5e-3, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(capture.triggerTime >= armedAt - 1e-3);
    BOOST_TEST(capture.samples.size() == 21u);
    for (std::size_t i = 1; i < capture.samples.size(); ++i)
        BOOST_TEST(std::abs(capture.samples[i].time - capture.samples[i - 1].time - 5e-3) < 1e-6);
    BOOST_TEST(capture.samples.back().values[1] == rig.truth().dcCurrent, boost::test_tools::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(refuses_what_the_unit_cannot_do_before_anything_changes) {
    IioRig rig(false);
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    core::DaqCaptureRequest request;
    request.channels = {"no_such_channel"};
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
    request.channels = {"output_current"};
    request.samplePeriod = units::Seconds(0.7e-3); // 1428.57 Hz: not a whole number of Hz
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
    request.samplePeriod = units::Seconds(0.5e-3); // 2 kHz: faster than the plant step, the device refuses
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
    BOOST_TEST(daq.resolution().value == 1e-3); // nothing changed
    request.samplePeriod = units::Seconds(1e-3);
    request.trigger.kind = core::DaqTriggerKind::Rising;
    request.trigger.channel = "no_such_channel";
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
    request.trigger.channel = "output_current";
    request.postTrigger = units::Seconds(60.0); // beyond the 10 s history
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
    BOOST_TEST(!daq.fetch());
}

BOOST_AUTO_TEST_CASE(a_sample_clock_the_device_runs_is_written_and_used) {
    IioRig rig(false);
    IioDaq daq("daq", daqOptions(rig), nullptr, *rig.clock);
    core::DaqCaptureRequest request;
    request.channels = {"output_voltage"};
    request.samplePeriod = units::Seconds(0.004); // a whole multiple of 1 ms: decimated
    request.postTrigger = units::Seconds(0.04);
    daq.arm(request);
    const auto capture = waitForCapture(daq);
    BOOST_TEST(capture.resolution.value == 4e-3, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_device_without_can_input_refuses_the_can_trigger) {
    IioRig rig(false);
    IioDaqOptions o = daqOptions(rig);
    o.device = "ad7606-8";
    o.channelMap = drivers::iio::parseDaqChannelMap("output_voltage=v_dc, output_current=i_dc");
    IioDaq daq("daq", o, nullptr, *rig.clock);
    BOOST_TEST(daq.channels() == (std::vector<std::string>{"output_voltage", "output_current"}), boost::test_tools::per_element());
    BOOST_TEST(!daq.capabilities().has(core::capability::daqCanTrigger));
    core::DaqCaptureRequest request;
    request.channels = {"output_voltage"};
    request.samplePeriod = units::Seconds(1e-4); // the ADC runs 10 kHz
    request.trigger.kind = core::DaqTriggerKind::CanFrame;
    request.trigger.pgn = 0x1900;
    BOOST_CHECK_THROW(daq.arm(request), core::CapabilityError);
}

BOOST_AUTO_TEST_CASE(channel_map_errors_name_the_entry) {
    using drivers::iio::parseDaqChannelMap;
    BOOST_TEST(parseDaqChannelMap("").empty());
    BOOST_TEST(parseDaqChannelMap(" k1k2_closed = digital0 ,").at("k1k2_closed") == "digital0");
    const auto message = [](const std::string& text) {
        try {
            parseDaqChannelMap(text);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(message("k1k2_closed") == "channel map entry 'k1k2_closed' is not <daq channel>=<IIO channel>");
    BOOST_TEST(message("k1k2=digital0").find("'k1k2' is not a daq channel") != std::string::npos);
    BOOST_TEST(message("cc1_voltage=a, cc1_voltage=b") == "channel map names 'cc1_voltage' twice");
    IioRig rig(false);
    IioDaqOptions o = daqOptions(rig);
    o.channelMap = parseDaqChannelMap("cc1_voltage=voltage99");
    BOOST_CHECK_THROW(IioDaq("daq", o, nullptr, *rig.clock), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
