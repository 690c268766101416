// The property language: the shipped properties, written as the contract
// (model-spec 5 and model-spec-2 B6) states them, agree with the C++ predicates on every reachable
// state (concretely) and as formulas (symbolically); bad expressions name a column.
#include <catch2/catch.hpp>

#include <set>

#include "checker/traces/state_fields.hpp"
#include "helpers.hpp"
#include "model/symbolic.hpp"
#include "properties/expr_eval.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

// model-spec 5, extended by model-spec-2 B6 (RID and PASID entries, nested
// domains counted at their parent, a third party owning ATS), and B6's new four.
const std::vector<std::pair<std::string, std::string>> kContract = {
    {"nr_ats_masters_consistent",
     "quiescent -> forall D in tracked: domain[D].nr_ats_masters == sum d in "
     "devices where pdev[d].ats_enabled: domain[D].devices[d] + "
     "domain[D].pasid_devices[d]"},
    {"disable_only_when_enabled", "!warn_disable"},
    {"enable_only_when_disabled", "!warn_enable"},
    {"enable_never_fails", "!enable_failed"},
    {"driver_mirrors_device",
     "quiescent -> forall d in devices: master[d].probed && !pdev[d].tp_active "
     "-> master[d].ats_enabled == pdev[d].ats_enabled"},
    {"atc_invalidation_covers_ats",
     "forall d in devices: pdev[d].ats_enabled -> (forall D in domains: "
     "master[d].domain == D && (exists T in tracked: parent(D) == T) -> "
     "domain[parent(D)].ats_invs[d] >= 1) && (forall D in tracked: "
     "master[d].pasid_domain == D -> domain[D].pasid_invs[d] >= 1)"},
    {"counters_nonnegative",
     "forall D in tracked: domain[D].nr_ats_masters >= 0 && forall d in devices: "
     "domain[D].ats_invs[d] >= 0 && domain[D].pasid_invs[d] >= 0"},
    {"probe_succeeds", "!probe_failed"},
    {"prepare_only_when_disabled", "!warn_prepare"},
    {"required_ats_kept",
     "quiescent -> forall d in devices: master[d].probed && required(d) && "
     "!pdev[d].tp_active && !master[d].resetting && ((exists D in tracked: "
     "master[d].domain == D) || (exists D in identity: master[d].domain == D) || "
     "(exists D in nested: master[d].domain == D && !disable_ats(D))) -> "
     "pdev[d].ats_enabled"},
    {"domain_counts_return_to_zero",
     "quiescent -> forall D in tracked: (forall d in devices: "
     "master[d].pasid_domain != D && forall N in domains: parent(N) == D -> "
     "master[d].domain != N) -> domain[D].nr_ats_masters == 0 && forall d in "
     "devices: domain[D].devices[d] == 0 && domain[D].ats_invs[d] == 0 && "
     "domain[D].pasid_devices[d] == 0 && domain[D].pasid_invs[d] == 0"},
    {"reset_blocks_ats", "forall d in devices: master[d].resetting -> !pdev[d].ats_enabled"},
};

// Every reachable state (breadth-first; the pf-vf variants have a few thousand).
std::vector<ConcreteState> reachable_states(const System& sys) {
    std::set<std::vector<int>> seen;
    std::vector<ConcreteState> out;
    for (const auto& init : initial_states(sys))
        if (seen.insert(field_values(init)).second)
            out.push_back(init);
    const auto instances = action_instances(sys);
    for (size_t i = 0; i < out.size(); ++i) {
        ConcreteState cur = out[i], post = out[i];
        for (const auto& a : instances) {
            ConcreteContext guard(cur);
            if (!action_enabled(guard, sys, a))
                continue;
            for_each_outcome(sys, cur, a, post, [&](const ConcreteState& s, const ChoiceScript&) {
                if (seen.insert(field_values(s)).second)
                    out.push_back(s);
            });
        }
    }
    return out;
}

int error_column(const std::string& text) {
    try {
        parse_invariant(text);
    } catch (const ExprError& e) {
        return e.column;
    }
    return 0;
}

} // namespace

// The C++ predicates these replaced agreed with the contract's expressions on
// every reachable state of the pf-vf variants and as Z3 formulas (the test of
// commit 0b2d781); what stays is that the shipped file states the contract.
TEST_CASE("the shipped properties are the contract's expressions") {
    REQUIRE(all_properties().size() >= kContract.size());
    for (size_t i = 0; i < kContract.size(); ++i) {
        const PropertyInfo& p = all_properties()[i];
        CHECK(p.shipped);
        CHECK(p.name == kContract[i].first);
        CHECK(p.expression == kContract[i].second);
    }
}

TEST_CASE("the evaluator agrees between the concrete and the symbolic model") {
    for (const char* scenario : {"pf-vf-faults", "pf-vf-third-party"}) {
        const System sys = shipped_system("merged", scenario);
        z3::context ctx;
        const SymbolicState vars = symbolic_state_vars(ctx, sys, "s.");
        size_t compared = 0;
        for (ConcreteState s : reachable_states(sys)) {
            z3::expr_vector src(ctx), dst(ctx);
            zip_fields(
                [&](const z3::expr& var, const auto& v) {
                    src.push_back(var);
                    dst.push_back(var.is_bool() ? ctx.bool_val(bool(v)) : ctx.int_val(int(v)));
                },
                vars, s);
            for (const auto& p : all_properties()) {
                ConcreteContext cx(s);
                SymbolicState copy = vars;
                SymbolicContext sx(ctx, copy, "");
                const z3::expr sym = expr_holds(sx, sys, p.expr).substitute(src, dst).simplify();
                INFO(p.name);
                REQUIRE(sym.is_true() == expr_holds(cx, sys, p.expr));
                ++compared;
            }
        }
        CHECK(compared > 100);
    }
}

TEST_CASE("bad expressions are errors at their column") {
    CHECK(error_column("pdev[d].ats_enabled") == 6); // unknown variable
    CHECK(error_column("forall d in devices: pdev[d].ats_enabled + 1 > 0") == 22); // Bool + 1
    CHECK(error_column("forall d in gadgets: true") == 13);                        // unknown set
    CHECK(error_column("forall d in devices: pdev[d].ats_enable") == 30);          // unknown field
    CHECK(error_column("!warn_disable_132 &&") == 21);                             // unexpected end
    CHECK(error_column("quiescent -> 3") == 14);                                   // not Boolean
    CHECK(error_column("forall D in paging: domain[D].nr_ats_masters == none") == 46);
    CHECK(error_column("1 + $") == 5);
    CHECK(error_column("forall d in devices: master[d].domain == blocked") == 0);
    CHECK(error_column("forall d in vfs: pdev[d].ats_enabled -> pdev[pf(d)].ats_stu == 12") == 0);
    // A quantifier's body extends as far right as it can: parentheses end it.
    CHECK(error_column("count d in devices: pdev[d].ats_enabled <= 1") == 21);
    CHECK(error_column("(count d in devices: pdev[d].ats_enabled) <= 1") == 0);
    CHECK(error_column("exists d in pfs: master[d].phase == prepared") == 0);
}

TEST_CASE("hostile nesting and length are errors, not a stack overflow") {
    // The expression_reader fuzzer overflowed the stack with "((((...".
    CHECK(error_column(std::string(5000, '(') + "true" + std::string(5000, ')')) == 101);
    CHECK(error_column(std::string(5000, '!') + "true") > 0);
    std::string chain = "1";
    for (int i = 0; i < 5000; ++i)
        chain += " - 1";
    CHECK(error_column(chain + " > 0") > 0);
    CHECK(error_column(std::string(50, '(') + "true" + std::string(50, ')')) == 0);
}

TEST_CASE("a domain constant must name a domain of the scenario") {
    const System sys = shipped_system("merged", "pf-vf");
    CHECK_NOTHROW(check_domain_constants(
        parse_invariant("forall d in devices: master[d].domain != blocked"), sys));
    try {
        check_domain_constants(parse_invariant("forall d in devices: master[d].domain == dmaa"),
                               sys);
        FAIL("no error");
    } catch (const ExprError& e) {
        CHECK(e.column == 42);
        CHECK_THAT(e.what, Catch::Contains("dmaa"));
    }
}
