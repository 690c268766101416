// The scenario as a symbolic transition system for one z3::context: state
// variables named after the model's fields, the initial-state constraint, the
// transition relation (a selector input picks one enabled action instance; each
// instance's choices are Boolean inputs), the properties, and the way back from
// a solver model to a concrete trace. BMC, k-induction and PDR all build on it,
// so there is one encoding of the generic model, not one per engine.
#pragma once

#include <string>
#include <vector>

#include <z3++.h>

#include "checker/limits/memory_limit.hpp"

#include "checker/traces/state_fields.hpp"
#include "checker/traces/trace.hpp"
#include "model/symbolic.hpp"

namespace atscheck {

// The inputs of one step: which instance fired and the choice each instance made.
struct StepInputs {
    z3::expr selector;
    std::vector<z3::expr> choices; // per instance; false for an instance without choice
};

class SymbolicSystem {
  public:
    SymbolicSystem(z3::context& ctx, const System& sys);

    z3::context& ctx() const { return ctx_; }
    const System& system() const { return sys_; }
    const std::vector<ActionInstance>& instances() const { return instances_; }
    const std::vector<FieldDesc>& fields() const { return fields_; }

    // Fresh state variables named prefix + field name, e.g. "s3.master[...].probed".
    SymbolicState fresh_state(const std::string& prefix) const;
    // The state's variables in zip_fields order.
    z3::expr_vector variables(const SymbolicState& s) const;

    // Every field as in initial_states(); the scenario's "any" values stay free.
    z3::expr init(const SymbolicState& s) const;
    z3::expr holds(const SymbolicState& s, PropertyId id) const;
    z3::expr equal(const SymbolicState& a, const SymbolicState& b) const;
    // Integers within the values the model can give them (see range_of).
    z3::expr in_range(const SymbolicState& s) const;

    // The transition from `pre` to `post`; `tag` keeps the step's inputs apart.
    z3::expr transition(const SymbolicState& pre, const SymbolicState& post, const std::string& tag,
                        StepInputs* inputs = nullptr) const;
    // The state after one step from `pre`, as terms over `pre` and the step's
    // inputs; `enabled` is set to the constraint that the selected instance's
    // guard holds. No post-state variables, so nothing for the solver to
    // eliminate (Z3 does not in incremental mode).
    SymbolicState next(const SymbolicState& pre, const std::string& tag, z3::expr& enabled,
                       StepInputs* inputs = nullptr) const;
    // The same relation as one disjunct per instance (for Horn clauses): the
    // guard and the successor, with the choice inputs left free.
    std::vector<SymbolicStep> successors(const SymbolicState& pre, const std::string& tag) const;

    // Reads a state from a model, with model completion.
    ConcreteState read_state(const z3::model& m, const SymbolicState& s) const;
    // The trace through states[0..steps.size()], by re-running the concrete model
    // with the selected instances and the solver's choices.
    Trace read_trace(const z3::model& m, const std::vector<SymbolicState>& states,
                     const std::vector<StepInputs>& steps) const;

  private:
    z3::context& ctx_;
    InterruptOnMemoryLimit memory_watch_{ctx_}; // every symbolic engine builds one
    const System& sys_;
    std::vector<ActionInstance> instances_;
    std::vector<FieldDesc> fields_;
};

} // namespace atscheck
