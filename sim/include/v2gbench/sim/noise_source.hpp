#pragma once
// Seeded Gaussian noise with a fixed algorithm (splitmix64 + Box-Muller), so that the same seed
// gives the same readings on every platform and standard library.
#include <cmath>
#include <cstdint>

namespace v2gbench::sim {

class NoiseSource {
public:
    explicit NoiseSource(std::uint64_t seed = 1) : m_state(seed) {}

    // Uniform in (0, 1).
    double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }

    // Normal with mean 0 and the given standard deviation.
    double gaussian(double sigma) {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare * sigma;
        }
        const double u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 6.283185307179586 * u2;
        m_spare = r * std::sin(a);
        m_hasSpare = true;
        return r * std::cos(a) * sigma;
    }

private:
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

} // namespace v2gbench::sim
