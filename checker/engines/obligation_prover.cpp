#include "checker/engines/obligation_prover.hpp"

#include "checker/engines/smt2.hpp"

namespace atscheck {

bool ObligationProver::prove(const std::string& name, std::initializer_list<z3::expr> facts,
                             const std::string& failure) {
    z3::expr_vector v(run_.ctx);
    for (const auto& f : facts)
        v.push_back(f);
    return prove(name, v, failure);
}

bool ObligationProver::prove(const std::string& name, const z3::expr_vector& facts,
                             const std::string& failure) {
    if (emit_)
        out_.smt2.push_back(smt2_obligation(run_.ctx, name, facts));
    run_.deadline.limit(solver_);
    solver_.push();
    solver_.add(facts);
    ++out_.solver_calls;
    const z3::check_result result = unless_expired(run_.deadline, solver_.check());
    solver_.pop();
    switch (result) {
    case z3::unsat:
        ++out_.checked;
        return true;
    case z3::sat:
        out_.failure = failure + " (obligation \"" + name + "\" is satisfiable)";
        return false;
    case z3::unknown:
        break;
    }
    out_.failure = "obligation \"" + name + "\" unknown: " + unknown_cause(run_.deadline, solver_);
    out_.decided = false;
    return false;
}

} // namespace atscheck
