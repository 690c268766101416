// The first premise of the all-N proof (docs/design.md): alike PF/VF units are
// interchangeable. The non-interference obligations (unit_obligations.hpp) are
// proved for the first unit; they hold for every other unit only if swapping
// two units maps the system onto itself. On the three-unit system, for the
// swaps of the first unit with each other one (together they generate every
// permutation of the three), these obligations must be unsat:
//   sym-init:   an initial state whose swap is not initial;
//   sym-step:   for every action instance a, a pre-state where a and its image
//               (the same action on the swapped device) disagree on being
//               enabled, or, both enabled with the same choices, lead to
//               states that are not each other's swap;
//   sym-prop:   for every property, a state where it and its swap disagree.
// Every action instance is checked, not only the swapped units' own: an
// action of a third unit that reads "the lowest-numbered other VF" maps to
// itself but reads a different unit after the swap (the seeded fault
// leave_ats_reads_first_master, model/mutants.hpp, is of this kind).
#pragma once

#include <map>

#include "checker/engines/obligation_prover.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

// sym-init and sym-step. `sys` must have alike units (units.hpp's alike_units).
ObligationSet check_swapped_steps(const System& sys, const RunLimits& limits, bool emit_smt2);

// sym-prop, per property: a property whose obligation fails is not claimed
// for all N, the others may be.
std::map<PropertyId, ObligationSet>
check_swapped_properties(const System& sys, const std::vector<PropertyId>& properties,
                         const RunLimits& limits, bool emit_smt2);

} // namespace atscheck
