// Exhaustive breadth-first search over the concrete model, every selected
// property checked on every state in one pass. BFS order makes the first
// violating state of a property the end of a shortest counterexample.
#pragma once

#include "checker/result.hpp"

namespace atscheck {

struct ExplicitOptions {
    std::vector<PropertyId> properties;
    std::optional<int> max_depth;  // explore at most this many steps
    std::optional<double> timeout; // seconds
    ProgressFn progress;           // called about every 100 ms of work
};

CheckResult check_explicit(const System& sys, const ExplicitOptions& opts);

} // namespace atscheck
