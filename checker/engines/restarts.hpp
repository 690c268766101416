// Z3's run time on one satisfiable query can be heavy-tailed in its random
// seed: the k-induction step case of nr_ats_masters_consistent on fleet-8 at
// k = 2 took 36 s with the default seed and under 0.4 s with seeds 1, 2 and 3.
// So a check runs with a short budget first and, on a timeout, again with the
// next seed and twice the budget (Luby et al.'s geometric restarts): a lucky
// seed is found early, and a query that is hard for every seed costs at most
// about twice its own time.
#pragma once

#include <string>

#include <z3++.h>

#include "checker/limits/deadline.hpp"

namespace atscheck {

inline z3::check_result check_with_restarts(z3::solver& solver, const z3::expr_vector& assumptions,
                                            const Deadline& deadline) {
    double budget = 0.5; // seconds
    for (unsigned seed = 0;; ++seed, budget *= 2) {
        solver.set("random_seed", seed);
        deadline.limit(solver, budget);
        const z3::check_result r = unless_expired(deadline, solver.check(assumptions));
        // Z3 reports its own timeout as "canceled", like an interrupt; only
        // the run's limits interrupt, and they make the deadline expire.
        const std::string why = r == z3::unknown ? solver.reason_unknown() : "";
        if (r != z3::unknown || deadline.expired() || (why != "canceled" && why != "timeout"))
            return r;
    }
}

} // namespace atscheck
