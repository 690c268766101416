// k-induction (Sheeran, Singh, Stalmarck, "Checking safety properties using
// induction and a SAT-solver", FMCAD 2000) on the symbolic transition system.
//
// For k = 1, 2, ...: the base case is BMC at depth k-1 (a satisfiable query is
// a shortest counterexample); the step case asks whether a loop-free path of k+1
// states whose first k states satisfy the properties can end in a violation. If
// not, the properties hold at every depth. Open properties are proved together:
// each may assume the others, so a property whose step fails is dropped from the
// assumptions and the rest are re-checked (a fixpoint, as in Houdini).
//
// Deadlocks need no special case: the base case covers every depth below k, not
// only depth k-1, so a violation reachable in fewer than k steps is never missed
// because its path cannot be extended.
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct KInductionOptions {
    std::vector<PropertyId> properties;
    RunLimits limits; // with `settled`: report each proof as it is found
    int max_k = 12;
    bool emit_smt2 = false; // keep the base and step obligations of each proof
    bool lemmas = true;     // strengthen with Houdini's lemmas (off: what the engine finds alone)
};

// Proved (method "k-induction", evidence "k = K"), violated with a shortest
// trace, or bounded at max_k - 1 with the last counterexample to induction.
CheckResult check_kinduction(const System& sys, const KInductionOptions& opts);

} // namespace atscheck
