// The non-interference obligations of the all-N proof (all_n.hpp; the
// soundness argument is in docs/design.md). They relate a system of three
// alike PF/VF units to the one-unit system, for every action instance of the
// first unit, with both pre-states otherwise unconstrained (so they need no
// invariant), the first unit's fields equal, and the same choice inputs:
//   frame:  the action changes no field of the other two units;
//   guard:  when it is enabled with three units, it is enabled with one (the
//           others may only disable it: the global lock);
//   effect: when enabled in both, it leaves the first unit's fields as in the
//           one-unit system, changes each domain's nr_ats_masters by the same
//           amount there, and raises only flags the one-unit system raises;
// and for the initial states:
//   init:   every counter is 0 and every flag clear, and the first unit starts
//           as the one-unit system does.
// Two other units, not one, so that an action reading "another unit" or a
// count of others is caught (a mutant that needs two others to misbehave is
// in tests/test_all_n.cpp). Each obligation is an SMT query that must be unsat.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct NonInterference {
    int checked = 0;                  // obligations found unsat
    std::vector<Smt2Obligation> smt2; // with emit_smt2: every obligation
    std::string failure;              // empty when all hold; else the first, in words
    uint64_t solver_calls = 0;
};

// `sys` must have alike units (units.hpp's alike_units).
NonInterference check_non_interference(const System& sys, const RunLimits& limits, bool emit_smt2);

} // namespace atscheck
