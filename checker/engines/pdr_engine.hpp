// PDR / IC3 (Bradley, "SAT-based model checking without unrolling", VMCAI 2011)
// through Z3's Spacer engine (Komuravelli, Gurfinkel, Chaki, CAV 2014).
//
// The system becomes constrained Horn clauses over one predicate Inv(state):
//   init(s)                         => Inv(s)
//   Inv(s) && guard_a(s)            => Inv(post_a(s))   for each action instance a
//   Inv(s) && !property(s)          => false
// A model of the clauses is an inductive invariant that implies the property.
// It is not taken on trust: a fresh solver re-checks initiation, consecution
// and safety before the verdict is `proved`, and --emit-smt2 writes the same
// three obligations for another solver. When the clauses have no model, the
// property is violated; BMC then finds its shortest counterexample.
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct PdrOptions {
    std::vector<PropertyId> properties;
    RunLimits limits;
    bool emit_smt2 = false;
    bool lemmas = true; // strengthen with Houdini's lemmas (off: what the engine finds alone)
};

CheckResult check_pdr(const System& sys, const PdrOptions& opts);

} // namespace atscheck
