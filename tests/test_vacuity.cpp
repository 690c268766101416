// Vacuous proofs: a property proved while an antecedent of one of its
// implications never holds reads "proved (vacuous: A never holds)" in every
// report, --vacuity error fails on it, and coverage --invariant lists which
// antecedents and failures are reachable.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "properties/antecedents.hpp"

using namespace atscheck;
using namespace atscheck::test;
using nlohmann::json;

namespace {

const std::string kVfWithoutAts =
    std::string(ATSCHECK_TEST_DATA) + "/scenarios/vf-without-ats.json";
const std::string kVfFollowsPf =
    " --invariant 'vf_follows_pf: forall d in vfs: pdev[d].ats_enabled -> "
    "pdev[pf(d)].ats_enabled'";

} // namespace

TEST_CASE("an antecedent is read as written, under its binders, and split at its top-level &&") {
    const auto id = add_invariant("antecedent_shapes: forall D in tracked: forall d in devices: "
                                  "((master[d].probed && (pdev[d].ats_enabled || quiescent))) -> "
                                  "(quiescent -> domain[D].nr_ats_masters >= 0)");
    const auto a = antecedents_of(property_info(id));
    REQUIRE(a.size() == 2);
    CHECK(a[0].text == "((master[d].probed && (pdev[d].ats_enabled || quiescent)))");
    CHECK(a[0].witness == "forall D in tracked: forall d in devices: !(((master[d].probed && "
                          "(pdev[d].ats_enabled || quiescent))))");
    REQUIRE(a[0].parts.size() == 2);
    CHECK(a[0].parts[0].text == "master[d].probed");
    CHECK(a[0].parts[1].text == "(pdev[d].ats_enabled || quiescent)");
    CHECK(a[1].text == "quiescent");
    CHECK(a[1].witness == "forall D in tracked: forall d in devices: !(quiescent)");
    CHECK(a[1].parts.empty());
}

TEST_CASE("a property about VFs with ATS, on a scenario where none gets it, is proved vacuously") {
    const auto r = run_cli("check -r merged -s " + kVfWithoutAts + kVfFollowsPf);
    INFO(r.out + r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("vf_follows_pf                 proved (vacuous: pdev[d].ats_enabled never "
                     "holds)") != std::string::npos);
    const json j =
        json::parse(run_cli("check -r merged -s " + kVfWithoutAts + kVfFollowsPf + " -f json").out);
    CHECK(j.at("properties").at(0).at("vacuous") == "pdev[d].ats_enabled");
    // --vacuity error fails on it as on a dead action; the witness names stay out of sight.
    const auto error =
        run_cli("check -r merged -s " + kVfWithoutAts + kVfFollowsPf + " --vacuity error");
    CHECK(error.exit_code == 5);
    CHECK(run_cli("list").out.find("__antecedent") == std::string::npos);
    // Where a VF does get ATS, the same property is not vacuous.
    const json real =
        json::parse(run_cli("check -r merged -s pf-vf-real" + kVfFollowsPf + " -f json").out);
    CHECK_FALSE(real.at("properties").at(0).contains("vacuous"));
}

TEST_CASE("a vacuous conjunction names the part that never holds") {
    // pf-vf has no ATS-required function: required_ats_kept's antecedent is a
    // conjunction, and required(d) is the part that never holds.
    const json j = json::parse(
        run_cli("check -r baseline -s pf-vf -p required_ats_kept -p probe_succeeds -f json").out);
    CHECK(j.at("properties").at(0).at("vacuous") == "required(d)");
    CHECK_FALSE(j.at("properties").at(1).contains("vacuous")); // no implication
    // The matrix's cells and the gate's JSON say it too.
    const auto m = run_cli("matrix --revisions baseline --scenarios pf-vf -p required_ats_kept");
    CHECK(m.out.find("| proved (vacuous: required(d) never holds) |") != std::string::npos);
}

TEST_CASE("coverage --invariant: each property's failure and antecedents, reachable or not") {
    const std::string props =
        kVfFollowsPf + " --invariant 'quiet_disable: quiescent -> !warn_disable'";
    const auto r = run_cli("coverage -r merged -s " + kVfWithoutAts + props);
    INFO(r.out + r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("vf_follows_pf: never fails (vacuously: pdev[d].ats_enabled never holds)") !=
          std::string::npos);
    CHECK(r.out.find("antecedent pdev[d].ats_enabled: never holds") != std::string::npos);
    CHECK(r.out.find("antecedent quiescent: holds after 0 steps") != std::string::npos);
    // On baseline pf-vf a VF does get ATS, and the WARN is reachable.
    const json j =
        json::parse(run_cli("coverage -r baseline -s pf-vf -f json" + props).out).at("properties");
    CHECK(j.at(0).at("antecedents").at(0).at("holds") == true);
    CHECK(j.at(1).at("failure") ==
          "violated@5"); // the WARN in a prepare, quiescent after its commit
    CHECK(
        run_cli("coverage -r merged -s " + kVfWithoutAts + props + " --vacuity error").exit_code ==
        5);
}
