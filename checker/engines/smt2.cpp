#include "checker/engines/smt2.hpp"

namespace atscheck {

Smt2Obligation smt2_obligation(z3::context& ctx, const std::string& name,
                               const z3::expr_vector& facts, const char* expected) {
    z3::solver s(ctx);
    for (const auto& f : facts)
        s.add(f);
    std::string script = "; atscheck obligation: " + name + ", expected " + expected + "\n" +
                         "(set-logic ALL)\n" + s.to_smt2(expected);
    return {name, script, expected};
}

} // namespace atscheck
