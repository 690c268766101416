// The symbolic interpretation: the same model code run on z3::expr values.
// `when` runs the branch on a copy of the state and merges the two outcomes
// field by field with ite; a nondeterministic choice is a fresh Boolean input.
// The symbolic engines (BMC, k-induction, PDR) build on symbolic_step().
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <z3++.h>

#include "model/actions.hpp"

namespace atscheck {

struct Symbolic {
    using Bool = z3::expr;
    using Int = z3::expr;
};
using SymbolicState = State<Symbolic>;

class SymbolicContext {
  public:
    using Bool = z3::expr;
    using Int = z3::expr;

    SymbolicState& s;

    // Choice inputs are named "<prefix><choice>#<n>".
    SymbolicContext(z3::context& ctx, SymbolicState& state, std::string input_prefix)
        : s(state), ctx_(ctx), prefix_(std::move(input_prefix)) {}

    Bool lit(bool b) const { return ctx_.bool_val(b); }
    Int num(int v) const { return ctx_.int_val(v); }
    Int ite(const Bool& c, const Int& a, const Int& b) const { return z3::ite(c, a, b); }

    template <class F> void when(const Bool& c, F&& f) {
        SymbolicState saved = s;
        f();
        merge(c, saved);
    }
    template <class F> Int call_if(const Bool& c, F&& f, const Int& otherwise) {
        SymbolicState saved = s;
        Int r = f();
        merge(c, saved);
        return z3::ite(c, r, otherwise);
    }

    // Only `guard && input` can be true, as in the concrete interpretation.
    Bool choose(const char* name, const Bool& guard) {
        z3::expr input =
            ctx_.bool_const((prefix_ + name + "#" + std::to_string(inputs_.size())).c_str());
        inputs_.push_back({name, input});
        return guard && input;
    }

    // Records which branch points exist for this system (see branch_sites).
    Bool branch(Branch b, const Bool& c) {
        if (sites_)
            (*sites_)[static_cast<size_t>(b)] = true;
        return c;
    }
    void record_sites(std::array<bool, kBranches.size()>* sites) { sites_ = sites; }

    const char* reason(std::initializer_list<std::pair<Bool, const char*>>) const {
        return nullptr;
    }
    struct Frame {
        ~Frame() {} // non-trivial, like the concrete frame, so scoped frames are "used"
    };
    Frame enter(const KernelFunction*) const { return {}; }
    void warn(const WarnSite&) const {}
    void log_call(const KernelFunction&, const Int&, const char*) const {}
    void log_void(const KernelFunction&) const {}
    void config_write(const char*) const {}
    template <class F> void log_message(F&&) const {}

    const std::vector<std::pair<std::string, z3::expr>>& inputs() const { return inputs_; }

  private:
    // s := c ? s : saved, field by field.
    void merge(const Bool& c, const SymbolicState& saved) {
        SymbolicState taken = s;
        zip_fields([&](z3::expr& out, const z3::expr& t,
                       const z3::expr& e) { out = z3::ite(c, t, e).simplify(); },
                   s, taken, saved);
    }

    z3::context& ctx_;
    std::string prefix_;
    std::vector<std::pair<std::string, z3::expr>> inputs_;
    std::array<bool, kBranches.size()>* sites_ = nullptr;
};

// State variables named "<prefix>pdev.<i>.ats_cap" etc., one per field.
SymbolicState symbolic_state_vars(z3::context& ctx, const System& sys, const std::string& prefix);

// One action instance as a transition: its guard over `pre`, the state after it,
// and the choice inputs it introduced.
struct SymbolicStep {
    z3::expr guard;
    SymbolicState post;
    std::vector<std::pair<std::string, z3::expr>> inputs;
};
// The branch points the code of this revision and scenario has: the symbolic
// interpretation runs both sides of every branch, so a site it never meets is
// not in the code (e.g. the rollback path of a revision that only WARNs).
std::array<bool, kBranches.size()> branch_sites(const System& sys);

SymbolicStep symbolic_step(z3::context& ctx, const System& sys, const SymbolicState& pre,
                           const ActionInstance& a, const std::string& input_prefix);

} // namespace atscheck
