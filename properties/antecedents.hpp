// The antecedents of a property's implications, for vacuity: a property
// proved while one of its antecedents never holds in a reachable state (as
// `forall d in vfs: pdev[d].ats_enabled -> ...` on a scenario where no VF
// ever gets ATS) says nothing there, and the reports say so. Each
// antecedent comes with its witness invariant, the antecedent negated under
// a `forall` for each variable bound around it: the invariant is violated
// exactly when the antecedent holds somewhere, for some values of them.
#pragma once

#include <string>
#include <vector>

#include "properties/properties.hpp"

namespace atscheck {

struct Antecedent {
    std::string text;    // as written, e.g. "pdev[d].ats_enabled"
    std::string witness; // e.g. "forall d in vfs: !(pdev[d].ats_enabled)"
    // A conjunction's parts, each with its own witness: the one that never
    // holds says more than the whole (empty for a single part).
    std::vector<Antecedent> parts;
};

// Every implication's left side, outermost first.
std::vector<Antecedent> antecedents_of(const PropertyInfo& p);

} // namespace atscheck
