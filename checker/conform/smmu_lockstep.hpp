// The lockstep: every edge of the model's reachable graph replayed on a
// tree's compiled SMMU slice (checker/conform/smmu_slice.hpp), each model
// action driving the kernel entry point it mirrors, and the code's state read
// back through the one abstraction (checker/conform/code_state.hpp) and
// compared with the model's successor, under every combination of the SMMU
// revision knobs. docs/conformance.md describes what is compared.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/conform/divergence.hpp"
#include "checker/conform/smmu_slice.hpp"
#include "model/actions.hpp"

namespace atscheck {

struct SmmuKnobs {
    ProbePrepare probe_prepare = ProbePrepare::AllIgnoreResult;
    EnableFailure enable_failure = EnableFailure::DevErr;
    AtsAlwaysOn ats_always_on = AtsAlwaysOn::Off;
    bool operator==(const SmmuKnobs&) const = default;
};
std::string describe(const SmmuKnobs& k);

struct KnobVerdict {
    SmmuKnobs knobs;
    int edges = 0; // the model's edges replayed
    std::optional<Divergence> divergence;
};

struct ScenarioLockstep {
    std::string scenario;
    std::string not_driven; // why the lockstep does not run it, or empty
    std::string narrowed;   // what of it the tree cannot run, left out, or empty
    // The model's graph is unbounded (more than the cap's states): the
    // depth from which on edges were not all replayed, or -1.
    int bounded_depth = -1;
    std::vector<KnobVerdict> verdicts; // fewest-step divergences last
    int scripts = 0;                   // paths run on the code
    // The code's steps that took a lock already held, by lock: what a
    // scenario that relaxes the kernel's locking (lock: none) exercises.
    std::map<std::string, int> locks_taken_twice;
    bool relaxes_lock = false; // the scenario drops the kernel's lock on purpose (lock: none)
    int max_states = 0, max_depth = 0; // the caps on each knob combination's graph
};

struct SmmuLockstep {
    std::string not_run; // why there is no lockstep (the tree lacks the driver), or empty
    SmmuSlice slice;
    std::vector<ScenarioLockstep> scenarios;
    // Whether any scenario was replayed on the code.
    bool replayed() const;
    // The combinations under which every replayed step of every driven
    // scenario agrees (none when nothing was replayed).
    std::vector<SmmuKnobs> agreeing() const;
    // Where the code leaves the model under the combination that follows it
    // longest (the most edges replayed before a divergence), or nullptr.
    const KnobVerdict* closest(const ScenarioLockstep** in) const;
};

// `base` carries the PCI knobs and WARN lines conform read from the tree's
// ats.c; the lockstep varies the SMMU knobs over it. A tree without the
// driver's .c and .h gets no lockstep (not_run says so); for one with them,
// `slice` builds the slice (or takes it from the cache), and a slice that
// does not compile is an InputError.
SmmuLockstep smmu_lockstep(SourceTree& tree, const Revision& base,
                           const std::vector<std::string>& scenarios,
                           const std::function<SmmuSlice()>& slice);

// Why the harness cannot drive the scenario on this tree (its actions, its
// domains, its sizes), or empty.
std::string why_not_driven(const System& sys, const SmmuSlice& slice);

// The shipped scenarios the lockstep runs by default.
std::vector<std::string> default_lockstep_scenarios();

} // namespace atscheck
