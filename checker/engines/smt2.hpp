// SMT-LIB 2 scripts of proof obligations, for re-checking by another solver.
#pragma once

#include <initializer_list>
#include <string>

#include <z3++.h>

#include "checker/engines/result.hpp"

namespace atscheck {

// A copy of `v`: z3::expr_vector copies share one vector, so pushing onto a
// plain copy would change the original too.
inline z3::expr_vector copy_of(const z3::expr_vector& v) {
    z3::expr_vector out(v.ctx());
    for (const auto& e : v)
        out.push_back(e);
    return out;
}

// A self-contained script asserting the conjunction of `facts`.
Smt2Obligation smt2_obligation(z3::context& ctx, const std::string& name,
                               const z3::expr_vector& facts, const char* expected = "unsat");

} // namespace atscheck
