// The default engine (--engine auto). Most checks a reviewer runs are small:
// `check -r baseline -s pf-vf` took 1.3 s in the symbolic portfolio, of which
// Z3's start-up and the proof search were nearly all, while the explicit
// engine settled the same check exhaustively in 3 ms (issue 17). So auto
// first searches explicitly within a budget of states; when that exhausts
// the state space every property is settled (shortest counterexamples,
// exhaustive proofs). Otherwise the portfolio (portfolio_engine.hpp) takes
// over the properties the search did not violate, and the violations it found
// keep their shortest traces. With --emit-smt2 the user asked for SMT
// evidence, which only the portfolio gives, so the first pass is skipped.
// Before all that, on a scenario of at least two alike PF/VF units, auto tries
// to prove each property for every number of units (all_n.hpp); what it
// proves there is settled, and the rest carry the reason it was not.
#pragma once

#include "checker/engines/portfolio_engine.hpp"

namespace atscheck {

// About 0.1 s of search on this model (fleet-2's 26 k states take 0.1 s;
// fleet-3's 380 k would take 2 s, more than the portfolio needs).
constexpr uint64_t kAutoExplicitStates = 100000;

CheckResult check_auto(const System& sys, const PortfolioOptions& opts,
                       uint64_t explicit_states = kAutoExplicitStates);

} // namespace atscheck
