// Houdini (Flanagan, Leino, "Houdini, an annotation assistant for ESC/Java",
// FME 2001): from a set of candidate invariants, repeatedly drop every candidate
// that fails initially or after one transition from a state satisfying all the
// survivors. What remains holds initially and is preserved together, so it is
// an invariant of the system: the proofs may assume it in every state.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "checker/engines/symbolic_system.hpp"
#include "checker/limits/deadline.hpp"

namespace atscheck {

struct Candidate {
    std::string name;
    std::function<z3::expr(const SymbolicState&)> at; // the candidate over a state
};

// The model's candidates: the range constraints, fields that keep their
// initial value, and (unless `ranges_only`) the lemmas of properties/lemmas.hpp.
// Ranges are always wanted: the concrete model cannot run from a state with a
// domain index out of range, so a counterexample to induction must not have one.
std::vector<Candidate> model_candidates(const SymbolicSystem& ts, bool ranges_only = false);

struct HoudiniResult {
    std::vector<Candidate> invariants; // the survivors, jointly inductive
    size_t dropped = 0;
    bool complete = true; // false when the solver gave up; then `invariants` is empty
};

// With `orbits`, a failed candidate takes its images under swaps of
// interchangeable PF/VF units along (checker/engines/symmetry.hpp): the same survivors
// in fewer rounds. Without, a round drops only what its model falsifies (the
// tests compare the two).
HoudiniResult houdini(const SymbolicSystem& ts, std::vector<Candidate> candidates,
                      const Deadline& deadline, uint64_t& solver_calls, bool orbits = true);

// The conjunction of `invariants` over state `s`.
z3::expr conjunction(const SymbolicSystem& ts, const std::vector<Candidate>& invariants,
                     const SymbolicState& s);

} // namespace atscheck
