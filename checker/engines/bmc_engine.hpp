// Bounded model checking on Z3: the generic model run on z3::expr gives the
// transition relation; one incremental solver is unrolled a step at a time and
// every open property is checked at every depth (under an assumption literal),
// so the first satisfiable depth is a shortest counterexample. Each model is
// turned into a Trace by re-running the concrete model with the solver's
// choices; the CLI then replays it like any other counterexample.
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/settled_flags.hpp"

namespace atscheck {

struct BmcOptions {
    std::vector<PropertyId> properties;
    int max_depth = 10;
    std::optional<double> timeout; // seconds
    ProgressFn progress;
    bool emit_smt2 = false;          // keep each counterexample query (expected sat)
    SettledFlags* settled = nullptr; // in a portfolio: skip what another engine settled
};

CheckResult check_bmc(const System& sys, const BmcOptions& opts);

} // namespace atscheck
