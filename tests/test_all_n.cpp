// Proofs for every number of PF/VF units (checker/engines/all_n.hpp): what
// they prove, that no fleet size contradicts them, that a fault needing three
// pairs and one that treats alike units apart are not proved, that cvc5 agrees
// with the obligations, and that a property outside the shapes that split is
// left open with the reason.
#include <catch2/catch.hpp>

#include "checker/engines/all_n.hpp"
#include "checker/engines/cutoff.hpp"
#include "checker/engines/interchange.hpp"
#include "checker/engines/unit_obligations.hpp"
#include "checker/engines/units.hpp"
#include "checker/sweeps/revision_diff.hpp"
#include "cvc5.hpp"
#include "helpers.hpp"
#include "properties/decompose.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

CheckResult all_n(const System& sys, bool emit_smt2 = false) {
    AllNOptions o{.emit_smt2 = emit_smt2};
    for (const auto& p : all_properties())
        if (p.shipped)
            o.properties.push_back(p.id);
    return check_all_n(sys, o);
}

CheckResult explicit_to(const System& sys, std::optional<int> depth) {
    ExplicitOptions o{.max_depth = depth};
    for (const auto& p : all_properties())
        if (p.shipped)
            o.properties.push_back(p.id);
    return check_explicit(sys, o);
}

std::vector<std::string> proved_for_all_n(const CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.properties)
        if (p.all_n)
            out.push_back(property_info(p.property).name);
    return out;
}

} // namespace

TEST_CASE("every holding property of rollback and merged on fleet is proved for all N") {
    const std::map<std::string, size_t> holding{{"rollback", 10}, {"merged", 7}};
    for (const auto& [revision, count] : holding) {
        INFO(revision);
        const CheckResult r = all_n(shipped_system(revision, "fleet"));
        const CheckResult per_size = explicit_check(shipped_system(revision, "fleet"));
        CHECK(proved_for_all_n(r).size() == count);
        for (size_t p = 0; p < r.properties.size(); ++p) {
            const PropertyResult& a = r.properties[p];
            INFO(property_info(a.property).name << ": " << a.reason);
            CHECK(a.all_n == (per_size.properties[p].verdict == Verdict::Proved));
            if (a.all_n) {
                CHECK(a.verdict == Verdict::Proved);
                CHECK(a.evidence.find("non-interference obligations") != std::string::npos);
            } else {
                CHECK(a.verdict == Verdict::Unknown);
                CHECK(a.reason.find("all N: not concluded: one unit alone violates it") == 0);
            }
        }
    }
}

TEST_CASE("no fleet size from one to six pairs contradicts a proof for all N") {
    for (const auto& revision : shipped_names("revisions")) {
        const auto proved = proved_for_all_n(all_n(shipped_system(revision, "fleet")));
        for (int pairs = 1; pairs <= 6; ++pairs) {
            INFO(revision << " on fleet-" << pairs);
            // Exhaustive to two pairs; beyond, every run of up to 11 steps
            // (the fault that needs three pairs shows in 7).
            const bool whole = pairs <= 2;
            const CheckResult r =
                explicit_to(shipped_system(revision, "fleet-" + std::to_string(pairs)),
                            whole ? std::nullopt : std::optional<int>(11));
            for (const auto& name : proved) {
                INFO(name);
                const Verdict v = result_for(r, name).verdict;
                CHECK(v != Verdict::Violated);
                CHECK((!whole || v == Verdict::Proved));
            }
        }
    }
}

TEST_CASE("a fault that needs three pairs is not proved for all N") {
    System sys = shipped_system("rollback", "fleet");
    sys.mutant = Mutant::InvsCappedAtFour;
    const CheckResult r = all_n(sys);
    CHECK(proved_for_all_n(r).empty());
    const std::string& why = result_for(r, "atc_invalidation_covers_ats").reason;
    INFO(why);
    // The cutoff sees the count, whatever it is compared with ...
    CHECK(why.find("all N: not concluded: no cutoff: attach_prepare(") == 0);
    CHECK(why.find("combines facts of two other units by +") != std::string::npos);
    // ... and the effect obligation, with two other units, sees this one.
    const ObligationSet ni = check_non_interference(sys, 3, {}, false);
    CHECK(ni.failure.find("ni-effect-attach_prepare") != std::string::npos);
    // What the per-size engines see: two pairs hide it, three show it.
    CHECK(result_for(explicit_check(sys), "atc_invalidation_covers_ats").verdict ==
          Verdict::Proved);
    System three = shipped_system("rollback", "fleet-3");
    three.mutant = Mutant::InvsCappedAtFour;
    CHECK(result_for(explicit_to(three, 11), "atc_invalidation_covers_ats").verdict ==
          Verdict::Violated);
}

TEST_CASE("the real model reads one fact of other units, so three units suffice") {
    const Cutoff c = unit_cutoff(shipped_system("rollback", "fleet"));
    INFO(c.why_not);
    CHECK(c.why_not.empty());
    CHECK(c.folds == 1); // guards::lock_free: no other master mid-attach
    CHECK(c.units == 3);
}

// leave_ats_reads_first_master reads the first PF/VF unit's master from every
// unit: the first unit reads itself, so the one-unit system and the first
// unit's non-interference obligations are as in the real model, and only the
// interchangeability obligations can tell.
TEST_CASE("a fault that treats alike units apart is not proved for all N") {
    System sys = shipped_system("rollback", "fleet");
    sys.mutant = Mutant::LeaveAtsReadsFirstMaster;
    CHECK(check_non_interference(sys, 3, {}, false).failure.empty());
    const auto alone = explicit_check(with_units(sys, 1));
    CHECK(result_for(alone, "disable_only_when_enabled").verdict == Verdict::Proved);
    const CheckResult r = all_n(sys);
    CHECK(proved_for_all_n(r).empty());
    const std::string& why = result_for(r, "disable_only_when_enabled").reason;
    INFO(why);
    CHECK(why.find("all N: not concluded: the units are not interchangeable: swapping the first "
                   "unit with unit 2 of three does not map attach_prepare(") == 0);
    CHECK(why.find("(obligation \"sym-step-attach_prepare-") != std::string::npos);
    const auto cli = run_cli("check -r rollback -s fleet -e all-n --mutant "
                             "leave_ats_reads_first_master -p disable_only_when_enabled");
    CHECK(cli.exit_code == 3); // left open, with the reason
    CHECK(cli.out.find("revision rollback+leave_ats_reads_first_master") != std::string::npos);
    CHECK(cli.out.find("proved (all N") == std::string::npos);
    CHECK(cli.out.find("the units are not interchangeable") != std::string::npos);
    // Why: two units, and three, violate what one unit alone proves (the
    // search reaches it in 5 steps; no symmetry reduction under this fault).
    for (const char* fleet : {"fleet", "fleet-3"}) {
        INFO(fleet);
        System per_size = shipped_system("rollback", fleet);
        per_size.mutant = Mutant::LeaveAtsReadsFirstMaster;
        const CheckResult checked = explicit_to(per_size, 5);
        const PropertyResult& r = result_for(checked, "disable_only_when_enabled");
        CHECK(r.verdict == Verdict::Violated);
        CHECK(r.depth == 5);
    }
}

// The symmetry reduction trusts the mark; the obligations check it (over
// every mutant: a breadth test, left out of the sanitizer pass).
TEST_CASE("the interchangeability obligations fail exactly under the mutants marked so") {
    const System real = shipped_system("rollback", "fleet");
    CHECK(check_swapped_steps(real, {}, false).failure.empty());
    for (const auto& m : kMutants) {
        INFO(m.name);
        System sys = real;
        sys.mutant = m.id;
        CHECK(check_swapped_steps(sys, {}, false).failure.empty() == !m.breaks_symmetry);
    }
}

TEST_CASE("the obligations of a proof for all N re-check with cvc5") {
    if (!cvc5_available())
        return;
    const auto dir = fresh_dir("smt2-all-n");
    const auto r = run_cli("check -r rollback -s fleet -e all-n -p atc_invalidation_covers_ats "
                           "--emit-smt2 " +
                           dir.string());
    REQUIRE(r.exit_code == 0);
    std::map<std::string, int> kinds;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string name = e.path().stem().string();
        const std::string kind = name.substr(name.rfind('.') + 1);
        ++kinds[kind.substr(0, kind.find('-', kind.find('-') + 1))];
        const std::string answer = cvc5_answer(e.path().string());
        INFO(name << ": cvc5 said " << answer);
        CHECK(answer == "unsat");
    }
    for (const char* kind : {"sym-init", "sym-step", "sym-prop", "ni-init", "ni-frame", "ni-guard",
                             "ni-effect", "initiation", "consecution", "safety"})
        CHECK(kinds[kind] > 0);
}

TEST_CASE("a property that does not split unit by unit is left open, with the reason") {
    const std::map<std::string, std::string> open{
        {"exists d in devices: pdev[d].ats_enabled", "column 1: or, exists"},
        {"forall D in tracked: domain[D].nr_ats_masters <= 12",
         "this comparison is not between sums over units"},
        {"forall d in devices: forall e in devices: pdev[d].ats_enabled == pdev[e].ats_enabled",
         "column 1: this quantifier's body reads beyond its device's PF/VF unit"},
        {"!quiescent -> !warn_disable_132", "the left of this -> is not kept"}};
    for (const auto& [text, why] : open) {
        INFO(text);
        CHECK(why_not_split(parse_invariant(text)).find(why) != std::string::npos);
    }
    for (const auto& p : all_properties())
        if (p.shipped) {
            INFO(p.name);
            CHECK(why_not_split(p.expr).empty());
        }
    const auto r = run_cli("check -r rollback -s fleet --invariant "
                           "'bounded: forall D in tracked: domain[D].nr_ats_masters <= 12'");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("proved (all N)") == std::string::npos);
    CHECK(r.out.find("not proved for all N (decided for this size above):\n  bounded") !=
          std::string::npos);
    const auto j = run_cli("check -r rollback -s fleet --format json --invariant "
                           "'bounded: forall D in tracked: domain[D].nr_ats_masters <= 12'");
    CHECK(j.out.find("\"all_n_why_not\": \"all N: does not split unit by unit: column") !=
          std::string::npos);
}

TEST_CASE("all N applies only to at least two alike units") {
    const CheckResult one = all_n(shipped_system("merged", "pf-vf"));
    CHECK(proved_for_all_n(one).empty());
    CHECK(one.properties[0].reason == "all N: does not apply: the scenario has one PF/VF unit");
    // auto on pf-vf does not try it: its latency is the explicit engine's.
    const auto r = run_cli("check -r merged -s pf-vf --format json");
    CHECK(r.out.find("all_n") == std::string::npos);
}

namespace {

size_t proved_index(const CheckResult& r) {
    for (size_t p = 0; p < r.properties.size(); ++p)
        if (r.properties[p].all_n)
            return p;
    throw std::runtime_error("nothing proved for all N");
}

} // namespace

// diff compares verdicts, not how far a proof reaches: proved for all N on one
// side and for this size on the other is no change (a broken one still is).
TEST_CASE("diff does not count a proof for all N against one for this size") {
    const System sys = shipped_system("rollback", "fleet");
    CheckedSystem a{sys, all_n(sys)}, b = a;
    REQUIRE(proved_for_all_n(a.result).size() == 10);
    for (PropertyResult& p : b.result.properties)
        p.all_n = false; // proved for this size only
    CHECK(diff_verdicts(a, b).empty());
    PropertyResult& fixed = b.result.properties[proved_index(a.result)];
    fixed.verdict = Verdict::Violated;
    fixed.depth = 3;
    CHECK(diff_verdicts(a, b).size() == 1);
}

// A shard's JSON carries `all_n`, so a merged matrix says what an unsharded one does.
TEST_CASE("shards of an auto sweep keep their proofs for all N through a merge") {
    const std::string sweep = "matrix --revisions rollback,merged --scenarios fleet-2,pf-vf";
    const auto dir = fresh_dir("shards-all-n");
    std::string files;
    for (int i = 1; i <= 2; ++i) {
        const auto file = dir / ("shard" + std::to_string(i) + ".json");
        write_file(file, run_cli(sweep + " --shard " + std::to_string(i) + "/2 --format json").out);
        files += " " + file.string();
    }
    const auto whole = run_cli(sweep);
    REQUIRE(whole.out.find("proved (all N)") != std::string::npos);
    CHECK(run_cli("merge" + files).out == whole.out);
}
