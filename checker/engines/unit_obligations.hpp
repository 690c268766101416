// The non-interference obligations of the all-N proof (all_n.hpp; the
// soundness argument is in docs/design.md). They relate a system of several
// alike PF/VF units (cutoff.hpp says how many: three, unless an action reads
// more kinds of facts of other units) to the one-unit system, for every action
// instance of the first unit, with both pre-states otherwise unconstrained (so
// they need no invariant), the first unit's fields equal, and the same choice
// inputs:
//   frame:  the action changes no field of the other units;
//   guard:  when it is enabled beside other units, it is enabled alone (the
//           others may only disable it: the global lock);
//   effect: when enabled in both, it leaves the first unit's fields as in the
//           one-unit system, changes each domain's nr_ats_masters by the same
//           amount there, and raises only flags the one-unit system raises;
// and for the initial states:
//   init:   every counter is 0 and every flag clear, and the first unit starts
//           as the one-unit system does.
// Each obligation is an SMT query that must be unsat.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/obligation_prover.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

// `sys` must have alike units (units.hpp's alike_units); `units` >= 3.
ObligationSet check_non_interference(const System& sys, int units, const RunLimits& limits,
                                     bool emit_smt2);

} // namespace atscheck
