// Unbounded proofs: k-induction with Houdini's lemmas, PDR through Spacer, the
// portfolio's verdicts, counterexamples to induction, and SMT-LIB obligations
// that another solver (cvc5) re-checks.
#include <catch2/catch.hpp>

#include "checker/engines/kinduction_engine.hpp"
#include "checker/engines/pdr_engine.hpp"
#include "checker/engines/portfolio_engine.hpp"
#include "cvc5.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

std::vector<PropertyId> every_property() {
    std::vector<PropertyId> out;
    for (const auto& p : all_properties())
        out.push_back(p.id);
    return out;
}

} // namespace

TEST_CASE("k-induction proves merged's holding properties on pf-vf at k = 1") {
    const auto sys = shipped_system("merged", "pf-vf");
    KInductionOptions o;
    o.properties = every_property();
    const auto r = check_kinduction(sys, o);
    for (const auto& p : r.properties) {
        INFO(property_info(p.property).name);
        if (p.property == prop("probe_succeeds")) {
            CHECK(p.verdict == Verdict::Violated);
            CHECK(p.depth == 1);
            continue;
        }
        CHECK(p.verdict == Verdict::Proved);
        CHECK_THAT(p.evidence, Catch::StartsWith("k = 1, with"));
        CHECK(std::count(p.lemmas.begin(), p.lemmas.end(), "nr_counts_ats_invs[dma]") == 1);
    }
}

TEST_CASE("a property that is not k-inductive comes back bounded with a counterexample to "
          "induction") {
    const auto sys = shipped_system("baseline", "pf-vf");
    KInductionOptions o;
    o.properties = {prop("nr_ats_masters_consistent")};
    o.max_k = 1; // the violation needs 3 steps, so the base case cannot find it
    const auto r = check_kinduction(sys, o);
    const auto& p = r.properties[0];
    REQUIRE(p.verdict == Verdict::Bounded);
    CHECK(p.bound == 0);
    REQUIRE(p.cti);
    REQUIRE(p.cti->steps.size() == 1);
    const auto before = violated_properties(sys, p.cti->initial);
    const auto after = violated_properties(sys, p.cti->last());
    CHECK(std::count(before.begin(), before.end(), prop("nr_ats_masters_consistent")) == 0);
    CHECK(std::count(after.begin(), after.end(), prop("nr_ats_masters_consistent")) == 1);
}

TEST_CASE("PDR proves alone what k-induction alone cannot, with an invariant over field names") {
    const auto sys = shipped_system("merged", "pf-vf-third-party");
    KInductionOptions ko;
    ko.properties = {prop("disable_only_when_enabled")};
    ko.max_k = 4;
    ko.lemmas = false;
    CHECK(check_kinduction(sys, ko).properties[0].verdict == Verdict::Bounded);

    PdrOptions o;
    o.lemmas = false;
    o.properties = {prop("disable_only_when_enabled"), prop("enable_never_fails")};
    const auto r = check_pdr(sys, o);
    const auto& nr = r.properties[0];
    REQUIRE(nr.verdict == Verdict::Proved);
    CHECK(nr.method == "pdr");
    CHECK_THAT(nr.evidence, Catch::Contains("master[0000:01:00.0]."));
    const auto& enable = r.properties[1];
    REQUIRE(enable.verdict == Verdict::Violated);
    CHECK(enable.depth == 4);
    CHECK_FALSE(replay_trace(sys, *enable.trace).mismatch);
}

TEST_CASE("the portfolio proves, violates or bounds every property, and says how") {
    const auto sys = shipped_system("baseline", "pf-vf");
    PortfolioOptions o;
    o.properties = every_property();
    const auto r = check_portfolio(sys, o);
    CHECK(r.engine == Engine::Auto);
    CHECK(result_for(r, "nr_ats_masters_consistent").verdict == Verdict::Violated);
    CHECK(result_for(r, "nr_ats_masters_consistent").method == "bmc");
    CHECK(result_for(r, "enable_only_when_disabled").verdict == Verdict::Proved);
    CHECK_FALSE(result_for(r, "enable_only_when_disabled").method.empty());
}

TEST_CASE("every SMT-LIB obligation re-checks with cvc5") {
    if (!cvc5_available())
        return;
    const auto dir = fresh_dir("smt2");
    // auto gives BMC queries and k-induction obligations; pdr gives invariant ones.
    for (const char* engine : {"auto", "pdr"}) {
        const auto r = run_cli(std::string("check -r merged -s pf-vf-third-party -e ") + engine +
                               " --emit-smt2 " + (dir / engine).string());
        REQUIRE(r.exit_code == 1);
    }
    std::map<std::string, int> kinds;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file())
            continue;
        const std::string file = e.path().string();
        const std::string header = slurp(e.path()).substr(0, 80);
        const std::string expected =
            header.find("expected unsat") != std::string::npos ? "unsat" : "sat";
        const auto name = e.path().stem().string();
        ++kinds[name.substr(name.rfind('.') + 1)];
        const std::string answer = cvc5_answer(file);
        INFO(file << ": cvc5 said " << answer);
        CHECK(answer == expected);
    }
    for (const char* kind : {"counterexample", "base", "lemmas-initiation", "lemmas-consecution",
                             "initiation", "consecution", "safety"})
        CHECK(kinds[kind] > 0);
}

TEST_CASE("the explicit engine refuses --emit-smt2") {
    const auto r = run_cli("check -r merged -s pf-vf -e explicit --emit-smt2 " +
                           fresh_dir("smt2-explicit").string());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--emit-smt2"));
}
