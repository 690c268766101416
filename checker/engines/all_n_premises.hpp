// The premises of a proof for all N (all_n.hpp) that belong to the system, not
// to a property: the units are interchangeable action by action
// (interchange.hpp), what an action reads of other units has a cutoff
// (cutoff.hpp), and the non-interference obligations hold with the cutoff's
// number of units (unit_obligations.hpp).
#pragma once

#include "checker/engines/cutoff.hpp"
#include "checker/engines/obligation_prover.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct SystemPremises {
    ObligationSet swaps; // sym-init, sym-step
    Cutoff cutoff;
    ObligationSet ni;    // ni-*
    std::string failure; // the first premise that fails, in words; empty when all hold

    std::vector<Smt2Obligation> smt2() const;
    uint64_t solver_calls() const { return swaps.solver_calls + ni.solver_calls; }
};

// `sys` must have alike units (units.hpp's alike_units). A process computes
// them once per system (revision, scenario and seeded fault): a check's
// vacuity witnesses and a ci gate's cells ask again, and they cost a fleet
// check most of its time (bench/compare-issue28.md). An answer a limit cut
// short is not kept, nor one without the SMT-LIB scripts when they are asked
// for.
SystemPremises premises_of(const System& sys, const RunLimits& limits, bool emit_smt2);

} // namespace atscheck
