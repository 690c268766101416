#include "checker/engines/unit_obligations.hpp"

#include <map>

#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_run.hpp"
#include "checker/engines/units.hpp"
#include "checker/internal_error.hpp"
#include "model/symbolic.hpp"

namespace atscheck {

namespace {

// A field's part in the proof: one unit's own, a domain's counter shared by
// the units, or a sticky event flag.
enum class Role { Unit, Counter, Flag };

// The fields of a system of alike units in zip_fields order, each with its
// role, its unit (for Role::Unit) and a key that names the same field in the
// system with another number of units.
struct Layout {
    std::vector<Role> role;
    std::vector<int> unit;
    std::vector<std::string> key;
    std::string unsupported; // a shared field that is neither counter nor flag
};

Layout layout_of(const SymbolicSystem& ts) {
    const auto units = units_of(ts.system().scenario);
    std::vector<int> unit_of(ts.system().num_devices()), local(ts.system().num_devices());
    for (size_t u = 0; u < units.size(); ++u)
        for (size_t k = 0; k < units[u].size(); ++k) {
            unit_of[units[u][k]] = static_cast<int>(u);
            local[units[u][k]] = static_cast<int>(k);
        }
    Layout out;
    for (const auto& f : ts.fields()) {
        const FieldRef& at = f.at;
        const int d = at.device;
        out.key.push_back(std::to_string(static_cast<int>(at.scope)) + at.spec->name + "/" +
                          std::to_string(d < 0 ? -1 : local[d]) + "/" + std::to_string(at.domain));
        out.unit.push_back(d < 0 ? -1 : unit_of[d]);
        if (d >= 0)
            out.role.push_back(Role::Unit);
        else if (at.scope == FieldScope::Flag && f.kind == FieldKind::Bool)
            out.role.push_back(Role::Flag);
        else if (at.scope == FieldScope::Domain && f.kind == FieldKind::Count)
            out.role.push_back(Role::Counter);
        else {
            out.role.push_back(Role::Counter);
            out.unsupported =
                f.name + " is shared by the units and is neither a counter nor a flag";
        }
    }
    return out;
}

class Obligations {
  public:
    Obligations(const System& sys, const RunLimits& limits, bool emit_smt2)
        : three_(with_units(sys, 3)), one_(with_units(sys, 1)), run_(three_, limits),
          unit_(run_.ctx, one_), l3_(layout_of(run_.ts)), l1_(layout_of(unit_)),
          s_(run_.ts.fresh_state("s.")), r_(unit_.fresh_state("r.")), vs_(run_.ts.variables(s_)),
          vr_(unit_.variables(r_)), emit_(emit_smt2) {
        std::map<std::string, int> in_one;
        for (size_t j = 0; j < l1_.key.size(); ++j)
            in_one[l1_.key[j]] = static_cast<int>(j);
        for (size_t i = 0; i < l3_.key.size(); ++i) {
            const bool mapped = l3_.role[i] != Role::Unit || l3_.unit[i] == 0;
            match_.push_back(mapped ? in_one.at(l3_.key[i]) : -1);
        }
    }

    NonInterference check() {
        if (!l3_.unsupported.empty()) {
            out_.failure = l3_.unsupported;
            return out_;
        }
        try {
            if (initial_states())
                for (const auto& a : run_.ts.instances())
                    if (a.device < one_.num_devices() && !action(a)) // the first unit's
                        break;
        } catch (const z3::exception& e) {
            if (!run_.interrupted())
                throw;
            out_.failure = run_.deadline.why();
        }
        return out_;
    }

  private:
    const System three_, one_;
    SymbolicRun run_;
    const SymbolicSystem unit_;
    const Layout l3_, l1_;
    const SymbolicState s_, r_;
    const z3::expr_vector vs_, vr_;
    const bool emit_;
    std::vector<int> match_; // field of the three-unit system -> the one-unit field, or -1
    z3::solver solver_{run_.ctx};
    NonInterference out_;

    // The conjunction of f(i, j) over the three-unit fields i of `role` mapped
    // to one-unit field j (j = -1 for another unit's field).
    template <class F> z3::expr all(Role role, bool first_unit, F&& f) const {
        z3::expr out = run_.ctx.bool_val(true);
        for (size_t i = 0; i < l3_.role.size(); ++i)
            if (l3_.role[i] == role && (role != Role::Unit || (l3_.unit[i] == 0) == first_unit))
                out = out && f(static_cast<int>(i), match_[i]);
        return out;
    }

    z3::expr shared_clear(const z3::expr_vector& v, const Layout& l) const {
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
        const z3::expr init3 = run_.ts.init(s_);
        return prove("ni-init-shared", {init3, !shared_clear(vs_, l3_)},
                     "an initial state has a counter other than 0 or a flag raised") &&
               prove("ni-init-unit",
                     {init3, first_unit_equal(), shared_clear(vr_, l1_), !unit_.init(r_)},
                     "the first unit does not start as the one-unit system does");
    }

    // The same action in the one-unit system: with_units() puts the first
    // unit's devices first, so they keep their indices.
    const ActionInstance& alone(const ActionInstance& a) const {
        for (const auto& b : unit_.instances())
            if (b.kind == a.kind && b.device == a.device && b.domain == a.domain)
                return b;
        throw InternalError("the one-unit system lacks " + action_label(three_, a));
    }

    bool action(const ActionInstance& a) {
        const std::string label = action_label(three_, a);
        // A file name for --emit-smt2 (no user-given names), e.g. attach_prepare-d1-D0.
        const std::string id = std::string(action_name(a.kind)) + "-d" + std::to_string(a.device) +
                               (a.domain == kNoDomain ? "" : "-D" + std::to_string(a.domain));
        const SymbolicStep st3 = symbolic_step(run_.ctx, three_, s_, a, "in.");
        const SymbolicStep st1 = symbolic_step(run_.ctx, one_, r_, alone(a), "in.");
        const z3::expr_vector p3 = run_.ts.variables(st3.post), p1 = unit_.variables(st1.post);
        const z3::expr others_kept =
            all(Role::Unit, false, [&](int i, int) { return p3[i] == vs_[i]; });
        const z3::expr same_effect =
            all(Role::Unit, true, [&](int i, int j) { return p3[i] == p1[j]; }) &&
            all(Role::Counter, true,
                [&](int i, int j) { return p3[i] - vs_[i] == p1[j] - vr_[j]; }) &&
            all(Role::Flag, true,
                [&](int i, int j) { return z3::implies(p3[i], vs_[i] || p1[j]); });
        const z3::expr same = first_unit_equal();
        return prove("ni-frame-" + id, {st3.guard, !others_kept},
                     label + " changes another unit's fields") &&
               prove("ni-guard-" + id, {same, st3.guard, !st1.guard},
                     label + " is enabled beside other units where its unit alone forbids it") &&
               prove("ni-effect-" + id, {same, st3.guard, st1.guard, !same_effect},
                     label + " does not act on its unit, the counters and the flags as it does "
                             "in its unit alone: it reads another unit's fields, a counter or a "
                             "flag");
    }

    // One obligation: the conjunction of `facts` must be unsat.
    bool prove(const std::string& name, std::initializer_list<z3::expr> facts,
               const std::string& failure) {
        z3::expr_vector v(run_.ctx);
        for (const auto& f : facts)
            v.push_back(f);
        if (emit_)
            out_.smt2.push_back(smt2_obligation(run_.ctx, name, v));
        // One incremental solver for all of them: a fresh one per obligation
        // took twice as long (solver set-up dominates these small queries).
        run_.deadline.limit(solver_);
        solver_.push();
        solver_.add(v);
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
        out_.failure =
            "obligation \"" + name + "\" unknown: " + unknown_cause(run_.deadline, solver_);
        return false;
    }
};

} // namespace

NonInterference check_non_interference(const System& sys, const RunLimits& limits, bool emit_smt2) {
    return Obligations(sys, limits, emit_smt2).check();
}

} // namespace atscheck
