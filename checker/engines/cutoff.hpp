// The second premise of the all-N proof (docs/design.md): what an action reads
// of other units, it reads the same way for any number of them, so that the
// non-interference obligations (unit_obligations.hpp), checked with a few other
// units, hold with any number.
//
// The model's code reads other units by loops over every device that fold one
// per-device term (guards::lock_free in model/actions.hpp: "no other master is
// mid-attach"). A fold with && or || is a "for all" or "there is" over the
// other units, and one unit witnesses its value: when an obligation fails with
// N units, it fails with the first unit and one witness per fold, since
// dropping the other units, or repeating one, changes no fold. One more
// witnesses a frame failure (another unit's field changed). So with f folds
// the obligations need f + 1 other units; three units (two others) when f <= 1.
// A fold with + is a count compared with something, and no fixed number of
// units decides it.
//
// unit_cutoff reads the encoding of the first unit's actions in the
// three-unit system, term by term: a term that combines facts of two other
// units must be a Boolean connective of Boolean facts (and, or, not, =>, ite);
// anything else (a sum, a comparison, an equality between units) is a count or
// a relation, and the premise is not established. The folds are the distinct
// maximal facts of one other unit, once renamed to the same unit. That the
// code folds over every device, and never branches on an index or on the
// number of devices, is the part read from the code, not checked: an index is
// caught by the first premise (interchange.hpp), a number of devices is not.
#pragma once

#include <string>

#include "model/system.hpp"

namespace atscheck {

struct Cutoff {
    int folds = 0;       // distinct facts of other units the first unit's actions read
    int units = 0;       // how many units the obligations need (at least 3)
    std::string why_not; // empty when established
};

// `sys` must have alike units (units.hpp's alike_units).
Cutoff unit_cutoff(const System& sys);

} // namespace atscheck
