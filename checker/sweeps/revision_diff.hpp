// `atscheck diff A B`: the properties whose verdict differs between two
// revisions on one scenario, each with the counterexample that shows it and
// what that run does on the other revision.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/result.hpp"

namespace atscheck {

// fixed: violated on A, proved on B. broken: proved on A, violated on B.
// changed: violated on both, at different lengths. inconclusive: decided on
// one side only (the other is bounded or unknown).
enum class VerdictChange { Fixed, Broken, Changed, Inconclusive };
const char* to_string(VerdictChange c);

struct PropertyDiff {
    size_t property; // index into both results' properties
    VerdictChange change;
    std::string a_cell, b_cell; // "violated@3", "proved", ...
    // The counterexample's run replayed on the other revision: where it
    // diverges, or which properties it violates there. Empty without one.
    std::string a_trace_on_b, b_trace_on_a;
};

// `a` and `b` must check the same properties, in the same order, on the same scenario.
std::vector<PropertyDiff> diff_verdicts(const CheckedSystem& a, const CheckedSystem& b);

} // namespace atscheck
