// What every engine's options embed besides the properties and the engine's
// own bounds: how long it may run, whom it tells of its progress and, in a
// portfolio, which properties another engine has settled already.
// (The memory limit is process-wide: checker/limits/memory_limit.hpp.)
#pragma once

#include <optional>

#include "checker/engines/result.hpp"

namespace atscheck {

class SettledFlags;

struct RunLimits {
    std::optional<double> timeout;   // seconds for the whole run; unset: none
    ProgressFn progress;             // told after each step of the engine's work
    SettledFlags* settled = nullptr; // in a portfolio: skip what another engine settled

    // The same limits for a run that starts `spent` seconds into this one.
    RunLimits after(double spent, double at_least = 0) const {
        RunLimits out = *this;
        if (timeout)
            out.timeout = std::max(at_least, *timeout - spent);
        return out;
    }
};

} // namespace atscheck
