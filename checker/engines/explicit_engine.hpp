// Exhaustive breadth-first search over the concrete model, every selected
// property checked on every state in one pass. BFS order makes the first
// violating state of a property the end of a shortest counterexample.
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

// What the search saw, for the coverage report: how often each action
// instance fired (indexed like action_instances) and each branch went.
struct ExplicitCoverage {
    std::vector<uint64_t> fires;
    BranchCounts branches;
    std::string stop_reason; // why the search was not exhaustive, when it was not
};

struct ExplicitOptions {
    std::vector<PropertyId> properties;
    RunLimits limits;             // progress: about every 100 ms of work
    std::optional<int> max_depth; // explore at most this many steps
    // Stop once this many states are stored (auto's first pass, auto_engine.hpp).
    std::optional<uint64_t> max_states;
    // When set, the search counts into it and explores everything, not
    // stopping once every property is violated.
    ExplicitCoverage* coverage = nullptr;
    // Store one state per class of states equal up to swapping interchangeable
    // PF/VF units (checker/engines/symmetry.hpp). Coverage counts need every state.
    bool symmetry = true;
    // Threads that expand and check states (0: one per core). The verdicts,
    // traces and state counts do not depend on it.
    unsigned threads = 0;
};

CheckResult check_explicit(const System& sys, const ExplicitOptions& opts);

} // namespace atscheck
