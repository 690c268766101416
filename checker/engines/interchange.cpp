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
            for (int v = 1; v < 3; ++v) {
                const std::vector<int> perm = swap_fields(layout_, 0, v);
                if (!initial(prover, v, perm))
                    return;
                for (const auto& a : run_.ts.instances())
                    if (!step(prover, v, perm, a))
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
                                  name + " reads the units apart: it " + swap_words(v) +
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

    const ActionInstance& image(const ActionInstance& a, int v) const {
        const int d = swap_device(layout_, a.device, 0, v);
        for (const auto& b : run_.ts.instances())
            if (b.kind == a.kind && b.device == d && b.domain == a.domain)
                return b;
        throw InternalError("the swapped system lacks the image of " + action_label(three_, a));
    }

    bool step(ObligationProver& prover, int v, const std::vector<int>& perm,
              const ActionInstance& a) {
        const ActionInstance& b = image(a, v);
        const SymbolicState t = swapped(s_, perm);
        const SymbolicStep from_s = symbolic_step(run_.ctx, three_, s_, a, "in.");
        const SymbolicStep from_t = symbolic_step(run_.ctx, three_, t, b, "in.");
        const z3::expr agree =
            from_s.guard == from_t.guard &&
            z3::implies(from_s.guard, run_.ts.equal(from_t.post, swapped(from_s.post, perm)));
        const std::string id = std::string(action_name(a.kind)) + "-d" + std::to_string(a.device) +
                               (a.domain == kNoDomain ? "" : "-D" + std::to_string(a.domain)) +
                               "-u" + std::to_string(v);
        return prover.prove("sym-step-" + id, {!agree},
                            swap_words(v) + " does not map " + action_label(three_, a) + " onto " +
                                action_label(three_, b));
    }
};

} // namespace

Interchange check_interchange(const System& sys, const std::vector<PropertyId>& properties,
                              const RunLimits& limits, bool emit_smt2) {
    Swaps swaps(sys, limits, emit_smt2);
    Interchange out{swaps.steps(), {}};
    for (const PropertyId p : properties)
        out.properties[p] = swaps.property(p);
    return out;
}

} // namespace atscheck
