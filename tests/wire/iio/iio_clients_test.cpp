// Independent clients (Debian libiio-utils 0.24) against analyzer-iiod running in-process.
#include "iio_rig.hpp"

#include "child_process.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

using namespace v2gbench;
using v2gbench::test::IioRig;
using v2gbench::test::near;

namespace {

// Runs iio_readdev with its raw int16 output redirected to a file (ChildProcess reads text).
std::vector<std::int16_t> readdev(const IioRig& rig, const test::TempDir& dir, const std::string& channel,
                                  int samples) {
    const std::string out = dir.file(channel + ".bin");
    const std::string cmd = "iio_readdev -u " + rig.uri() + " -s " + std::to_string(samples) + " iio:device0 " +
                            channel + " > " + out;
    const auto [code, text] = test::runProgram({"/bin/sh", "-c", cmd}, dir.file(channel + ".err"));
    BOOST_TEST_REQUIRE(code == 0);
    std::ifstream in(out, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::int16_t> values(bytes.size() / 2);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[2 * i]) |
                                                                          (static_cast<unsigned char>(bytes[2 * i + 1]) << 8)));
    return values;
}

double rms(const std::vector<std::int16_t>& v, double scaleMilli) {
    double sum = 0.0;
    for (auto x : v) sum += static_cast<double>(x) * x;
    return std::sqrt(sum / static_cast<double>(v.size())) * scaleMilli / 1000.0;
}

double mean(const std::vector<std::int16_t>& v, double scaleMilli) {
    double sum = 0.0;
    for (auto x : v) sum += x;
    return sum / static_cast<double>(v.size()) * scaleMilli / 1000.0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(iio_independent_clients)

BOOST_AUTO_TEST_CASE(iio_info_lists_the_device_and_its_channels) {
    IioRig rig(true);
    test::TempDir dir("iio-info");
    const auto [code, out] = test::runProgram({"/usr/bin/iio_info", "-u", rig.uri()}, dir.file("stderr"));
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(code == 0);
    BOOST_TEST(out.find("hw_model: AD7606-8 power front-end (simulated)") != std::string::npos);
    BOOST_TEST(out.find("iio:device0: ad7606-8 (buffer capable)") != std::string::npos);
    BOOST_TEST(out.find("9 channels found:") != std::string::npos);
    BOOST_TEST(out.find("voltage0: v_a (input, index: 0, format: le:S16/16>>0)") != std::string::npos);
    BOOST_TEST(out.find("voltage7: i_dc (input, index: 7, format: le:S16/16>>0)") != std::string::npos);
    BOOST_TEST(out.find("timestamp:  (input, index: 8, format: le:S64/64>>0)") != std::string::npos);
    BOOST_TEST(out.find("attr  1: scale value: 15.000000") != std::string::npos);
    BOOST_TEST(out.find("attr  0: sampling_frequency value: 10000") != std::string::npos);
    BOOST_TEST(out.find("No trigger on this device") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(iio_readdev_samples_match_the_plant) {
    IioRig rig(true);
    test::TempDir dir("iio-readdev");
    const auto truth = rig.truth();
    // 2000 samples at 10 kS/s: exactly 10 cycles of 50 Hz.
    const auto va = readdev(rig, dir, "voltage0", 2000);
    BOOST_TEST_REQUIRE(va.size() == 2000u);
    BOOST_TEST(near(rms(va, 15.0), truth.gridVoltage, 0.01));
    const auto ia = readdev(rig, dir, "i_a", 2000);
    BOOST_TEST_REQUIRE(ia.size() == 2000u);
    BOOST_TEST(near(rms(ia, 10.0), truth.lineCurrentRms(), 0.01));
    const auto vdc = readdev(rig, dir, "voltage6", 2000);
    BOOST_TEST_REQUIRE(vdc.size() == 2000u);
    BOOST_TEST(near(mean(vdc, 30.0), truth.dcVoltage, 0.01));
    BOOST_TEST_MESSAGE("iio_readdev: v_a " << rms(va, 15.0) << " V rms (plant " << truth.gridVoltage << "), i_a "
                                           << rms(ia, 10.0) << " A rms (plant " << truth.lineCurrentRms() << "), v_dc "
                                           << mean(vdc, 30.0) << " V (plant " << truth.dcVoltage << ")");
}

BOOST_AUTO_TEST_SUITE_END()
