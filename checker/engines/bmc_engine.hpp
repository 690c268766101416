// Bounded model checking on Z3: the generic model run on z3::expr gives the
// transition relation; one incremental solver is unrolled a step at a time and
// every open property is checked at every depth (under an assumption literal),
// so the first satisfiable depth is a shortest counterexample. Each model is
// turned into a Trace by re-running the concrete model with the solver's
// choices; the CLI then replays it like any other counterexample.
#pragma once

#include <vector>

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct BmcOptions {
    std::vector<PropertyId> properties;
    RunLimits limits;
    int max_depth = 10;
    bool emit_smt2 = false; // keep each counterexample query (expected sat)
};

CheckResult check_bmc(const System& sys, const BmcOptions& opts);

} // namespace atscheck
