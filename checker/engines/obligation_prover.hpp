// SMT obligations checked one after another on one incremental solver, each
// one a conjunction of facts that must be unsat. The all-N proof's premises
// (interchange.hpp, cutoff.hpp) and its non-interference obligations
// (unit_obligations.hpp) are checked this way; with emit_smt2 each is kept as
// an SMT-LIB script for --emit-smt2 and the second solver.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/result.hpp"
#include "checker/engines/symbolic_run.hpp"

namespace atscheck {

struct ObligationSet {
    int checked = 0;                  // obligations found unsat
    std::vector<Smt2Obligation> smt2; // with emit_smt2: every obligation
    std::string failure;              // empty when all hold; else the first, in words
    bool decided = true;              // false when a limit or the solver left one open
    uint64_t solver_calls = 0;
};

class ObligationProver {
  public:
    ObligationProver(SymbolicRun& run, bool emit_smt2) : run_(run), emit_(emit_smt2) {}

    // True when the conjunction of `facts` is unsat; otherwise records
    // `failure` (or why the solver could not tell) and returns false.
    bool prove(const std::string& name, const z3::expr_vector& facts, const std::string& failure);
    bool prove(const std::string& name, std::initializer_list<z3::expr> facts,
               const std::string& failure);

    // Runs `body` (a sequence of prove() calls), ending it like an expired
    // deadline when a limit interrupts the context mid-call.
    template <class F> ObligationSet run(F&& body) {
        try {
            body();
        } catch (const z3::exception&) {
            if (!run_.interrupted())
                throw;
            out_.failure = run_.deadline.why();
            out_.decided = false;
        }
        return out_;
    }

  private:
    SymbolicRun& run_;
    const bool emit_;
    // One incremental solver for all of them: a fresh one per obligation took
    // twice as long (solver set-up dominates these small queries).
    z3::solver solver_{run_.ctx};
    ObligationSet out_;
};

} // namespace atscheck
