// Files no one here wrote: python-can's own writers (Debian python3-can) produce candump -L, Vector
// ASC, PCAN-View TRC 2.1 and Vector BLF from one list of frames (write_with_python_can.py); every
// one must read back as the same frames: ids, extended flag, remote/error flags, DLC, data, and
// times within what the format keeps.
#include "child_process.hpp"
#include "test_paths.hpp"

#include "v2gbench/traces/trace_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace v2gbench;

namespace {

struct Expected {
    std::string formats;
    std::uint32_t id = 0;
    bool extended = false, remote = false, error = false;
    unsigned dlc = 0;
    std::string data; // hex, "-" when empty
    long long us = 0;
};

std::vector<Expected> readExpected(const std::string& path) {
    std::vector<Expected> all;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        Expected e;
        std::string id;
        int ext = 0, rem = 0, err = 0;
        words >> e.formats >> id >> ext >> rem >> err >> e.dlc >> e.data >> e.us;
        e.id = static_cast<std::uint32_t>(std::stoul(id, nullptr, 16));
        e.extended = ext, e.remote = rem, e.error = err;
        all.push_back(e);
    }
    return all;
}

std::string hex(const transports::CanFrame& f) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (unsigned i = 0; i < f.dlc && !f.remote; ++i) {
        s += digits[f.data[i] >> 4];
        s += digits[f.data[i] & 15];
    }
    return s.empty() ? "-" : s;
}

struct Written {
    test::TempDir dir{"python-can"};
    std::vector<Expected> expected;
    Written() {
        auto [code, out] = test::runProgram({"/usr/bin/env", "TZ=UTC", "/usr/bin/python3",
                                             test::sourcePath("tests/unit/traces/write_with_python_can.py"), dir.path().string()},
                                            dir.file("python.err"));
        BOOST_TEST_REQUIRE(code == 0, "python-can could not write the traces: " << out);
        expected = readExpected(dir.file("expected.txt"));
        BOOST_TEST_REQUIRE(expected.size() == 60u);
    }
};

// `absoluteUs`: how far the absolute times may be off (what the format's start time keeps);
// relative times (from the first frame) must match to 1 µs (python formats float seconds).
void check(const Written& w, const std::string& file, const std::string& key, traces::TraceFormat format, long long absoluteUs) {
    BOOST_TEST_CONTEXT(file) {
        const auto capture = traces::readCapture(traces::openFileSource(w.dir.file(file)));
        BOOST_TEST((capture.info.format == format), traces::toString(capture.info.format));
        for (const auto& p : capture.problems) BOOST_TEST_MESSAGE(p.message);
        BOOST_TEST(capture.problems.empty());
        std::vector<Expected> wanted;
        for (const auto& e : w.expected)
            if (e.formats.find(key) != std::string::npos) wanted.push_back(e);
        BOOST_TEST_REQUIRE(capture.frames.size() == wanted.size());
        const long long t0 = capture.frames.front().frame.timestamp.count();
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            const auto& f = capture.frames[i].frame;
            const auto& e = wanted[i];
            BOOST_TEST_CONTEXT("frame " << i + 1) {
                BOOST_TEST(f.error == e.error);
                const long long relative = f.timestamp.count() - t0, expectedRelative = e.us - wanted.front().us;
                BOOST_TEST(std::llabs(relative - expectedRelative) <= 1, relative << " vs " << expectedRelative);
                BOOST_TEST(std::llabs(f.timestamp.count() - e.us) <= absoluteUs);
                if (e.error) continue; // an error frame's id is its error class, in each format's own way
                BOOST_TEST(f.id == e.id);
                BOOST_TEST(f.extended == e.extended);
                BOOST_TEST(f.remote == e.remote);
                BOOST_TEST(unsigned(f.dlc) == e.dlc);
                BOOST_TEST(hex(f) == e.data);
            }
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(traces_python_can)

BOOST_AUTO_TEST_CASE(candump_asc_trc_blf_written_by_python_can_read_back_the_same) {
    const Written w;
    check(w, "python-can.log", "log", traces::TraceFormat::CandumpL, 1);
    // ASC: the trigger block's date keeps milliseconds.
    check(w, "python-can.asc", "asc", traces::TraceFormat::VectorAsc, 1000);
    // BLF: the header's SYSTEMTIME keeps milliseconds.
    check(w, "python-can.blf", "blf", traces::TraceFormat::VectorBlf, 1000);
    // TRC: python-can 4.1 writes $STARTTIME as "now + the first timestamp" in days, not the
    // capture's start: only the offsets can be checked.
    check(w, "python-can.trc", "trc", traces::TraceFormat::PcanTrc2, std::numeric_limits<long long>::max());
}

BOOST_AUTO_TEST_SUITE_END()
