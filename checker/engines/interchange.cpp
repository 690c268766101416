#include "checker/engines/interchange.hpp"

#include "checker/engines/unit_layout.hpp"
#include "checker/engines/units.hpp"
#include "checker/internal_error.hpp"
#include "model/symbolic.hpp"
#include "properties/properties.hpp"

namespace atscheck {

namespace {

class Swaps {
  public:
    Swaps(const System& sys, const RunLimits& limits, bool emit_smt2)
        : three_(with_units(sys, 3)), run_(three_, limits), layout_(unit_layout(run_.ts)),
          s_(run_.ts.fresh_state("s.")), emit_(emit_smt2) {}

    ObligationSet steps() {
        ObligationProver prover(run_, emit_);
        return prover.run([&] {
            // Each instance's step from s, once: the image's step from the
            // swapped state is the same terms over swapped variables, and
            // building a step (the model run symbolically, each branch merged
            // and simplified) costs far more than renaming it.
            for (const auto& a : run_.ts.instances())
                from_s_.push_back(symbolic_step(run_.ctx, three_, s_, a, "in."));
            for (int v = 1; v < 3; ++v) {
                const std::vector<int> perm = swap_fields(layout_, 0, v);
                if (!initial(prover, v, perm))
                    return;
                for (size_t i = 0; i < from_s_.size(); ++i)
                    if (!step(prover, v, perm, i))
                        return;
            }
        });
    }

    ObligationSet property(PropertyId p) {
        ObligationProver prover(run_, emit_);
        return prover.run([&] {
            for (int v = 1; v < 3; ++v) {
                const SymbolicState t = swapped(s_, swap_fields(layout_, 0, v));
                const std::string name = property_info(p).name;
                if (!prover.prove("sym-prop-" + name + "-u" + std::to_string(v),
                                  {run_.ts.holds(s_, p) != run_.ts.holds(t, p)},
                                  name + " reads the units apart: " + swap_words(v) +
                                      " does not map it onto itself"))
                    return;
            }
        });
    }

  private:
    const System three_;
    SymbolicRun run_;
    const UnitLayout layout_;
    const SymbolicState s_;
    const bool emit_;
    std::vector<SymbolicStep> from_s_; // per instance
    // Placeholders for another step's guard and successor (see step()).
    const z3::expr g_ = run_.ctx.bool_const("g.enabled");
    const SymbolicState y_ = run_.ts.fresh_state("y.");

    static std::string swap_words(int v) {
        return "swapping the first unit with unit " + std::to_string(v + 1) + " of three";
    }

    // The state whose field i is st's field perm[i].
    SymbolicState swapped(const SymbolicState& st, const std::vector<int>& perm) const {
        const z3::expr_vector vars = run_.ts.variables(st);
        SymbolicState out = st;
        size_t f = 0;
        zip_fields([&](z3::expr& x) { x = vars[perm[f++]]; }, out);
        return out;
    }

    bool initial(ObligationProver& prover, int v, const std::vector<int>& perm) {
        return prover.prove("sym-init-u" + std::to_string(v),
                            {run_.ts.init(s_), !run_.ts.init(swapped(s_, perm))},
                            swap_words(v) + " does not map the initial states onto themselves");
    }

    // The index of the instance that takes instance i's place under the swap.
    size_t image(size_t i, int v) const {
        const auto& all = run_.ts.instances();
        const ActionInstance& a = all[i];
        const int d = swap_device(layout_, a.device, 0, v);
        for (size_t j = 0; j < all.size(); ++j)
            if (all[j].kind == a.kind && all[j].device == d && all[j].domain == a.domain)
                return j;
        throw InternalError("the swapped system lacks the image of " + action_label(three_, a));
    }

    // Whether instance j, from state s, agrees with placeholders for another
    // step: enabled exactly when g, and then with the successor y.
    z3::expr agrees_with_placeholders(size_t j) const {
        const SymbolicStep& b = from_s_[j];
        return (g_ == b.guard) && z3::implies(g_, run_.ts.equal(b.post, y_));
    }

    bool step(ObligationProver& prover, int v, const std::vector<int>& perm, size_t i) {
        const size_t j = image(i, v);
        // The image from the swapped state, against instance i from s: one
        // renaming of the whole formula (renaming field by field repeats the
        // work on the terms the fields share, and took twice as long).
        const z3::expr_vector vars = run_.ts.variables(s_), ys = run_.ts.variables(y_),
                              post = run_.ts.variables(from_s_[i].post);
        z3::expr_vector from(run_.ctx), to(run_.ctx);
        for (size_t f = 0; f < perm.size(); ++f) {
            from.push_back(vars[f]);
            to.push_back(vars[perm[f]]);
            from.push_back(ys[f]);
            to.push_back(post[perm[f]]);
        }
        from.push_back(g_);
        to.push_back(from_s_[i].guard);
        z3::expr agree = agrees_with_placeholders(j);
        agree = agree.substitute(from, to);
        const ActionInstance& a = run_.ts.instances()[i];
        const std::string id = std::string(action_name(a.kind)) + "-d" + std::to_string(a.device) +
                               (a.domain == kNoDomain ? "" : "-D" + std::to_string(a.domain)) +
                               "-u" + std::to_string(v);
        return prover.prove("sym-step-" + id, {!agree},
                            swap_words(v) + " does not map " + action_label(three_, a) + " onto " +
                                action_label(three_, run_.ts.instances()[j]));
    }
};

} // namespace

ObligationSet check_swapped_steps(const System& sys, const RunLimits& limits, bool emit_smt2) {
    return Swaps(sys, limits, emit_smt2).steps();
}

std::map<PropertyId, ObligationSet>
check_swapped_properties(const System& sys, const std::vector<PropertyId>& properties,
                         const RunLimits& limits, bool emit_smt2) {
    Swaps swaps(sys, limits, emit_smt2);
    std::map<PropertyId, ObligationSet> out;
    for (const PropertyId p : properties)
        out[p] = swaps.property(p);
    return out;
}

} // namespace atscheck
