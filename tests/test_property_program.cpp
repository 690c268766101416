// The explicit engine checks each property with a program compiled from its
// expression (checker/engines/property_program.hpp); simulation, replay and
// the symbolic engines walk the expression tree. The two must agree on every
// state, reachable or not: here on random byte states of every shipped
// revision and scenario, for the shipped properties, for the expressions of
// the fuzzer's corpus that parse, and for a few that reach every operator
// and a program deeper than the evaluator's own stack.
#include <filesystem>
#include <random>

#include <catch2/catch.hpp>

#include "checker/engines/property_program.hpp"
#include "checker/engines/state_codec.hpp"
#include "checker/traces/state_fields.hpp"
#include "helpers.hpp"
#include "properties/expr_eval.hpp"

using namespace atscheck;
using namespace atscheck::test;
namespace fs = std::filesystem;

namespace {

// A byte state with every field drawn from a little beyond its kind's range.
std::vector<int8_t> random_state(const std::vector<FieldDesc>& fields, int domains,
                                 std::mt19937& rng) {
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(rng); };
    std::vector<int8_t> out;
    for (const FieldDesc& f : fields) {
        int v = 0;
        switch (f.kind) {
        case FieldKind::Bool:
        case FieldKind::Phase:
            v = pick(0, 1);
            break;
        case FieldKind::Count:
            v = pick(-2, 4);
            break;
        case FieldKind::Stu:
            v = pick(0, 1) ? 0 : pick(11, 17);
            break;
        case FieldKind::DomainRef:
            v = pick(kNoDomain, domains - 1);
            break;
        }
        out.push_back(static_cast<int8_t>(v));
    }
    return out;
}

// Both evaluations of each of `exprs` on `states` random states of `sys`.
void require_same_answers(const System& sys, const std::vector<Expr>& exprs, int states,
                          uint32_t seed) {
    std::mt19937 rng(seed);
    const auto fields = describe_fields(sys);
    std::vector<PropertyProgram> programs;
    for (const Expr& e : exprs)
        programs.emplace_back(sys, e);
    auto s = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
    for (int n = 0; n < states; ++n) {
        const auto bytes = random_state(fields, sys.num_domains(), rng);
        unpack_state(bytes.data(), s);
        ConcreteContext x(s);
        for (size_t i = 0; i < exprs.size(); ++i) {
            INFO("expression " << i << ", state " << n);
            REQUIRE(programs[i].holds(bytes.data()) == expr_holds(x, sys, exprs[i]));
        }
    }
}

std::vector<Expr> shipped_exprs() {
    std::vector<Expr> out;
    for (const auto& p : all_properties())
        if (p.shipped)
            out.push_back(p.expr);
    return out;
}

// Expressions that reach what the shipped ones do not: exists, count, sum
// with and without where, subtraction, negative literals, !=, the order
// comparisons, pf(), none, phases, supported(), disable_ats().
const char* const kOperators[] = {
    "exists d in vfs: pf(d) != d && master[pf(d)].probed",
    "(count d in devices: master[d].ats_enabled) <= 1",
    "(sum d in devices where supported(d): master[d].ops) - 1 > -2",
    "forall D in domains: (sum d in devices: domain[D].ats_invs[d]) < 3 || "
    "exists d in devices: master[d].phase == prepared",
    "forall d in devices: required(d) == supported(d) || master[d].domain == none",
    "exists D in nested: disable_ats(D) && parent(D) != D",
    "forall d in pfs: master[d].pending_domain != none -> master[d].phase == idle",
    "quiescent || !quiescent && warn_enable_98 == false",
    "forall d in devices: pdev[d].ats_stu < 13 && pdev[d].ats_stu >= 0 || "
    "pdev[d].ats_stu > 15",
};

// A sum nested to the right `depth` times: its program holds more values at
// once than PropertyProgram::holds keeps on its own stack.
std::string deep_sum(int depth) {
    std::string e = "master[d].ops";
    for (int i = 0; i < depth; ++i)
        e = "master[d].ops + (" + e + ")";
    return "forall d in devices: " + e + " >= -1000";
}

// The fuzzer's kept expressions that parse and name only domains `sys` has.
std::vector<Expr> corpus_exprs(const System& sys) {
    std::vector<Expr> out;
    const fs::path dir =
        fs::path(ATSCHECK_EXAMPLES_DIR).parent_path() / "fuzz" / "corpus" / "expression_reader";
    for (const auto& f : fs::directory_iterator(dir)) {
        try {
            Expr e = parse_invariant(slurp(f.path()));
            check_domain_constants(e, sys);
            out.push_back(std::move(e));
        } catch (const ExprError&) {
        }
    }
    return out;
}

} // namespace

TEST_CASE("a compiled property answers as the expression tree does, on every shipped cell") {
    const auto exprs = shipped_exprs();
    uint32_t seed = 1;
    for (const auto& scenario : shipped_names("scenarios"))
        for (const auto& revision : shipped_names("revisions")) {
            INFO(revision << " on " << scenario);
            require_same_answers(shipped_system(revision, scenario), exprs, 200, seed++);
        }
}

TEST_CASE("a compiled expression answers as the tree does, for every operator and the corpus") {
    for (const char* scenario : {"pf-vf", "nested", "pasid", "fleet-2"})
        for (const char* revision : {"baseline", "v6"}) {
            INFO(revision << " on " << scenario);
            const System sys = shipped_system(revision, scenario);
            std::vector<Expr> exprs = corpus_exprs(sys);
            REQUIRE(exprs.size() >= 20);
            for (const char* spec : kOperators)
                exprs.push_back(parse_invariant(spec));
            exprs.push_back(parse_invariant(deep_sum(70)));
            require_same_answers(sys, exprs, 100, 7);
        }
}
