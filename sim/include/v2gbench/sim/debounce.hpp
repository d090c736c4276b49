#pragma once
// A condition that must hold without a break for a reaction time (bench time, s) before a
// protection acts on it: the charger's reaction delays to PE loss, a declared fault, overvoltage.
#include <optional>

namespace v2gbench::sim {

class Debounce {
public:
    // True once `condition` has held at every call since `now - hold`; a false condition restarts it.
    bool held(bool condition, double now, double hold) {
        if (!condition) {
            m_since.reset();
            return false;
        }
        if (!m_since) m_since = now;
        return now - *m_since >= hold;
    }
    void reset() { m_since.reset(); }

private:
    std::optional<double> m_since;
};

} // namespace v2gbench::sim
