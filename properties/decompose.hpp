// Which properties can be proved one PF/VF unit at a time (the all-N proof,
// checker/engines/all_n.hpp; its soundness argument is in docs/design.md).
//
// The proof relates a state of N interchangeable units to N states of the
// one-unit system: each unit's own fields (its pdev and master records, its
// entries in each domain's per-device counters) equal those of its one-unit
// state, each domain's nr_ats_masters is the sum of the one-unit counters, and
// a sticky flag raised in the whole system is raised in some unit's. A
// property "splits" when it holds in the whole system whenever it holds in
// every unit's state. The rules, by the shape of the expression:
//   - a formula that reads no state splits;
//   - `!flag` splits (no unit raised it, so nobody did);
//   - `forall d in DEVICES: body` splits when the body reads only d's unit
//     (fields of d or pf(d), supported(d), required(d), domains);
//   - `forall D in DOMAINS: body` and `a && b` split when their parts do;
//   - `a -> b` splits when b splits and a is kept by every unit's part
//     (quiescent, a forall over devices as above, conjunctions of those);
//   - `x OP y` with OP one of == <= >= < > splits when x and y are sums over
//     units: a domain's nr_ats_masters, a sum or count over devices whose
//     terms read only their device's unit, 0, and + or - of those (the sums
//     then compare unit by unit).
// Anything else (or, exists, !=, a bound other than 0 on a counter, a
// quantifier reading another unit) does not split, and the proof says so.
#pragma once

#include <string>

#include "properties/expr.hpp"

namespace atscheck {

// Empty when the property splits; otherwise why not, with the column.
std::string why_not_split(const Expr& e);

} // namespace atscheck
