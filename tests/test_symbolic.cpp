// The generic model run on z3::expr must agree with the concrete interpreter:
// for reachable states of several scenarios, every action instance's symbolic
// guard and successor, evaluated at the concrete state, equal the concrete ones.
#include <catch2/catch.hpp>

#include <random>

#include "helpers.hpp"
#include "model/symbolic.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

// Substitutes concrete values for the state variables and choice inputs.
z3::expr evaluate(z3::context& ctx, const z3::expr& e, const SymbolicState& vars,
                  const ConcreteState& values, const SymbolicStep& step, bool pick) {
    z3::expr_vector src(ctx), dst(ctx);
    zip_fields(
        [&](const z3::expr& var, const auto& v) {
            src.push_back(var);
            dst.push_back(var.is_bool() ? ctx.bool_val(bool(v)) : ctx.int_val(int(v)));
        },
        vars, values);
    for (const auto& [name, input] : step.inputs) {
        src.push_back(input);
        dst.push_back(ctx.bool_val(pick));
    }
    return z3::expr(e).substitute(src, dst).simplify();
}

void check_agreement(const System& sys, int walks, int length) {
    z3::context ctx;
    const SymbolicState vars = symbolic_state_vars(ctx, sys, "s.");
    const auto instances = action_instances(sys);
    std::vector<SymbolicStep> steps;
    for (const auto& a : instances)
        steps.push_back(symbolic_step(ctx, sys, vars, a, "in."));
    std::mt19937 rng(42);
    int compared = 0;
    for (int w = 0; w < walks; ++w) {
        ConcreteState cur = initial_states(sys)[rng() % initial_states(sys).size()];
        for (int k = 0; k < length; ++k) {
            std::vector<ConcreteState> successors;
            for (size_t i = 0; i < instances.size(); ++i) {
                ConcreteContext x(cur);
                const bool enabled = action_enabled(x, sys, instances[i]);
                INFO(action_label(sys, instances[i]));
                REQUIRE(evaluate(ctx, steps[i].guard, vars, cur, steps[i], false).is_true() ==
                        enabled);
                if (!enabled)
                    continue;
                ConcreteState post = cur;
                for_each_outcome(sys, cur, instances[i], post,
                                 [&](const ConcreteState& s, const ChoiceScript& c) {
                                     const bool pick = !c.values.empty() && c.values[0];
                                     zip_fields(
                                         [&](const z3::expr& sym, const auto& conc) {
                                             const z3::expr v =
                                                 evaluate(ctx, sym, vars, cur, steps[i], pick);
                                             if (v.is_bool())
                                                 REQUIRE(v.is_true() == bool(conc));
                                             else
                                                 REQUIRE(v.get_numeral_int() == int(conc));
                                         },
                                         steps[i].post, s);
                                     successors.push_back(s);
                                     ++compared;
                                 });
            }
            if (successors.empty())
                break;
            cur = successors[rng() % successors.size()];
        }
    }
    CHECK(compared > 100);
}

} // namespace

TEST_CASE("symbolic and concrete interpretations agree on every step") {
    for (const char* rev : {"baseline", "always-on", "merged", "rollback"})
        for (const char* scen :
             {"pf-vf-faults", "pf-vf-third-party", "pf-vf-quirk", "pf-vf-nolock"}) {
            INFO(rev << " on " << scen);
            check_agreement(shipped_system(rev, scen), 6, 12);
        }
}
