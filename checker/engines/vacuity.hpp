// Vacuous proofs: a property proved while one of its implications' left
// sides never holds in a reachable state (properties/antecedents.hpp). Each
// antecedent's witness invariant is checked by the same engine choice: a
// violation is a reachable state where the antecedent holds (replayed, as
// every counterexample); a proof means it never holds, and the property's
// proof is vacuous there. Bounded or unknown says neither.
#pragma once

#include "checker/engines/run.hpp"

namespace atscheck {

// Sets PropertyResult::vacuous on the proved properties of `c` whose
// antecedent never holds (the first such, as written).
void mark_vacuous(CheckedSystem& c, const EngineChoice& e);

// For coverage: whether each antecedent of `property` holds in some
// reachable state, as the verdict of its witness invariant (violated@N: it
// holds after N steps; proved: never; bounded or unknown: not decided).
struct AntecedentReach {
    std::string text;
    PropertyResult witness;
};
std::vector<AntecedentReach> antecedent_reach(const System& sys, const EngineChoice& e,
                                              PropertyId property);

} // namespace atscheck
