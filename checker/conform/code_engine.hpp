// The code engine: the explicit search with a tree's compiled SMMU slice and
// its ats.c as the transition function (`atscheck check --kernel DIR`). The
// environment is the scenario's, as for the model: the actions a state
// enables and the outcomes an action may have (an injected enable failure)
// are the model's guards and choices, read on the code's state through the
// one abstraction (checker/conform/code_state.cpp). Each driver step runs
// the tree's code. A state is the code's state as the harness dumps it, with
// the model's sticky flags of its path, one per class of alike units
// (code_symmetry.hpp); the search is breadth first, so a property's first
// violation has a shortest trace, and every trace is run on the code again,
// from a fresh driver, before it is reported.
#pragma once

#include <string>
#include <vector>

#include "checker/conform/smmu_slice.hpp"
#include "checker/engines/result.hpp"

namespace atscheck {

// A search stops short (bounded verdicts) at its depth, at its time or at
// the active MemoryLimit (checker/limits/memory_limit.hpp); the last two are
// checked after each harness run of a few thousand states.
struct CodeSearchLimits {
    int max_depth = 64;   // a path longer than this is not explored
    double seconds = 0;   // 0: none
    bool symmetry = true; // one state per class of alike units (code_symmetry.hpp)
};

// Verdicts of `props` on the code; each trace's states are the abstraction of
// the code's, its `observed` the code's events. `shown_as` names the tree in
// errors.
CheckResult check_on_code(const SmmuSlice& slice, const System& sys,
                          const std::vector<PropertyId>& props, const std::string& shown_as,
                          const CodeSearchLimits& limits = {},
                          const ProgressFn& progress = nullptr);

} // namespace atscheck
