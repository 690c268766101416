#include "checker/engines/unit_obligations.hpp"

#include <map>

#include "checker/engines/obligation_prover.hpp"
#include "checker/engines/unit_layout.hpp"
#include "checker/engines/units.hpp"
#include "checker/internal_error.hpp"
#include "model/symbolic.hpp"

namespace atscheck {

namespace {

class Obligations {
  public:
    Obligations(const System& sys, int units, const RunLimits& limits, bool emit_smt2)
        : many_(with_units(sys, units)), one_(with_units(sys, 1)), run_(many_, limits),
          unit_(run_.ctx, one_), lm_(unit_layout(run_.ts)), l1_(unit_layout(unit_)),
          s_(run_.ts.fresh_state("s.")), r_(unit_.fresh_state("r.")), vs_(run_.ts.variables(s_)),
          vr_(unit_.variables(r_)), prover_(run_, emit_smt2) {
        std::map<std::string, int> in_one;
        for (size_t j = 0; j < l1_.key.size(); ++j)
            in_one[l1_.key[j]] = static_cast<int>(j);
        for (size_t i = 0; i < lm_.key.size(); ++i) {
            const bool mapped = lm_.role[i] != Role::Unit || lm_.unit[i] == 0;
            match_.push_back(mapped ? in_one.at(lm_.key[i]) : -1);
        }
    }

    ObligationSet check() {
        if (!lm_.unsupported.empty()) {
            ObligationSet out;
            out.failure = lm_.unsupported;
            return out;
        }
        return prover_.run([&] {
            if (initial_states())
                for (const auto& a : run_.ts.instances())
                    if (a.device < one_.num_devices() && !action(a)) // the first unit's
                        break;
        });
    }

  private:
    const System many_, one_;
    SymbolicRun run_;
    const SymbolicSystem unit_;
    const UnitLayout lm_, l1_;
    const SymbolicState s_, r_;
    const z3::expr_vector vs_, vr_;
    ObligationProver prover_;
    std::vector<int> match_; // field of the many-unit system -> the one-unit field, or -1

    // The conjunction of f(i, j) over the many-unit fields i of `role` mapped
    // to one-unit field j (j = -1 for another unit's field).
    template <class F> z3::expr all(Role role, bool first_unit, F&& f) const {
        z3::expr out = run_.ctx.bool_val(true);
        for (size_t i = 0; i < lm_.role.size(); ++i)
            if (lm_.role[i] == role && (role != Role::Unit || (lm_.unit[i] == 0) == first_unit))
                out = out && f(static_cast<int>(i), match_[i]);
        return out;
    }

    z3::expr shared_clear(const z3::expr_vector& v, const UnitLayout& l) const {
        z3::expr out = run_.ctx.bool_val(true);
        for (size_t i = 0; i < l.role.size(); ++i)
            if (l.role[i] == Role::Counter)
                out = out && v[static_cast<int>(i)] == 0;
            else if (l.role[i] == Role::Flag)
                out = out && !v[static_cast<int>(i)];
        return out;
    }

    z3::expr first_unit_equal() const {
        return all(Role::Unit, true, [&](int i, int j) { return vs_[i] == vr_[j]; });
    }

    bool initial_states() {
        const z3::expr init_many = run_.ts.init(s_);
        return prover_.prove("ni-init-shared", {init_many, !shared_clear(vs_, lm_)},
                             "an initial state has a counter other than 0 or a flag raised") &&
               prover_.prove(
                   "ni-init-unit",
                   {init_many, first_unit_equal(), shared_clear(vr_, l1_), !unit_.init(r_)},
                   "the first unit does not start as the one-unit system does");
    }

    // The same action in the one-unit system: with_units() puts the first
    // unit's devices first, so they keep their indices.
    const ActionInstance& alone(const ActionInstance& a) const {
        for (const auto& b : unit_.instances())
            if (b.kind == a.kind && b.device == a.device && b.domain == a.domain)
                return b;
        throw InternalError("the one-unit system lacks " + action_label(many_, a));
    }

    bool action(const ActionInstance& a) {
        const std::string label = action_label(many_, a);
        // A file name for --emit-smt2 (no user-given names), e.g. attach_prepare-d1-D0.
        const std::string id = std::string(action_name(a.kind)) + "-d" + std::to_string(a.device) +
                               (a.domain == kNoDomain ? "" : "-D" + std::to_string(a.domain));
        const SymbolicStep st_many = symbolic_step(run_.ctx, many_, s_, a, "in.");
        const SymbolicStep st1 = symbolic_step(run_.ctx, one_, r_, alone(a), "in.");
        const z3::expr_vector p_many = run_.ts.variables(st_many.post),
                              p1 = unit_.variables(st1.post);
        const z3::expr others_kept =
            all(Role::Unit, false, [&](int i, int) { return p_many[i] == vs_[i]; });
        const z3::expr same_effect =
            all(Role::Unit, true, [&](int i, int j) { return p_many[i] == p1[j]; }) &&
            all(Role::Counter, true,
                [&](int i, int j) { return p_many[i] - vs_[i] == p1[j] - vr_[j]; }) &&
            all(Role::Flag, true,
                [&](int i, int j) { return z3::implies(p_many[i], vs_[i] || p1[j]); });
        const z3::expr same = first_unit_equal();
        return prover_.prove("ni-frame-" + id, {st_many.guard, !others_kept},
                             label + " changes another unit's fields") &&
               prover_.prove(
                   "ni-guard-" + id, {same, st_many.guard, !st1.guard},
                   label + " is enabled beside other units where its unit alone forbids it") &&
               prover_.prove("ni-effect-" + id, {same, st_many.guard, st1.guard, !same_effect},
                             label + " does not act on its unit, the counters and the flags as it "
                                     "does in its unit alone: it reads another unit's fields, a "
                                     "counter or a flag");
    }
};

} // namespace

ObligationSet check_non_interference(const System& sys, int units, const RunLimits& limits,
                                     bool emit_smt2) {
    return Obligations(sys, units, limits, emit_smt2).check();
}

} // namespace atscheck
