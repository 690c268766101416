// Proofs for every number of PF/VF units (issue 17, part 2): `proved (all N)`.
//
// For a scenario of at least two alike units (units.hpp), a property is proved
// for every number N >= 1 of such units when
//   1. it splits unit by unit (properties/decompose.hpp),
//   2. the units are interchangeable: swapping two of three maps the initial
//      states, every action and the property onto themselves (interchange.hpp),
//   3. what the first unit's actions read of other units is decided by a few
//      of them (cutoff.hpp), and with that many the non-interference
//      obligations hold (unit_obligations.hpp): each unit's actions act on its
//      own fields, the domains' counters and the flags as they do in the
//      one-unit system, whatever the other units do,
//   4. it holds in every reachable state of the one-unit system: an
//      exhaustive explicit search, and with --emit-smt2 also PDR, whose
//      invariant's obligations join the others.
// docs/design.md gives the argument that every run of any number of units is
// matched by one run of the one-unit system per unit, and names the
// obligations behind each step. Where a step fails the property stays open,
// with the reason, and the per-size engines decide it.
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct AllNOptions {
    std::vector<PropertyId> properties;
    RunLimits limits;
    bool emit_smt2 = false;
};

// Empty when the method applies to the system; otherwise why not.
std::string why_all_n_does_not_apply(const System& sys);

// Each property proved for all N (verdict proved, all_n set), or unknown with
// the reason the method could not conclude.
CheckResult check_all_n(const System& sys, const AllNOptions& opts);

} // namespace atscheck
