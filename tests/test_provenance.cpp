// Provenance: every scenario is labelled realistic, adversarial or
// hypothetical from its knobs, every counterexample by the relaxations it
// uses, and every report carries the label next to the verdicts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "model/provenance.hpp"

using namespace atscheck;
using namespace atscheck::test;
using nlohmann::json;

TEST_CASE("each shipped scenario's label follows from the kernel rules it relaxes") {
    const std::map<std::string, Provenance> expected{
        {"pf-vf", Provenance::Realistic},
        {"pf-vf-faults", Provenance::Hypothetical},     // -EIO that pci_enable_ats cannot return
        {"fleet", Provenance::Hypothetical},            // the same injected faults
        {"pf-vf-nolock", Provenance::Hypothetical},     // no arm_smmu_asid_lock
        {"pf-vf-third-party", Provenance::Adversarial}, // not the proposed callers' timing
        {"pf-vf-quirk", Provenance::Adversarial},       // a FINAL fixup inside an attach
        {"pf-vf-tp64k", Provenance::Realistic},         // the helpers on the kernel's timing
        {"reset-quirk", Provenance::Realistic},         // the fixup in its kernel window
        {"pasid-quirk", Provenance::Adversarial},       // the fixup at any time
        {"pasid-release", Provenance::Hypothetical},    // release with a PASID attached
        {"one-function", Provenance::Realistic},        // the smallest system, kernel timing
    };
    for (const auto& [scenario, label] : expected) {
        INFO(scenario);
        const auto p = provenance_of(shipped_system("merged", scenario).scenario);
        CHECK(p.label == label);
        CHECK(p.relaxes.empty() == (label == Provenance::Realistic));
    }
}

namespace {

// The label of the shortest counterexample to `property`, which must exist.
Provenance label_of(const System& sys, const CheckResult& r, const std::string& property) {
    const auto& result = result_for(r, property);
    REQUIRE(result.trace);
    return trace_provenance(sys, *result.trace).label;
}

} // namespace

TEST_CASE("a counterexample is labelled by the relaxations it uses") {
    const System sys = shipped_system("merged", "pf-vf-faults");
    const CheckResult r = explicit_check(sys);
    // merged's WARN on pf-vf-faults needs an injected -EIO ...
    CHECK(label_of(sys, r, "disable_only_when_enabled") == Provenance::Hypothetical);
    // ... its failed probe (a VF probed before its PF) does not.
    CHECK(label_of(sys, r, "probe_succeeds") == Provenance::Realistic);
}

TEST_CASE("a release with a PASID attached labels its trace hypothetical") {
    const System sys = shipped_system("merged", "pasid-release");
    CHECK(label_of(sys, explicit_check(sys), "domain_counts_return_to_zero") ==
          Provenance::Hypothetical);
}

TEST_CASE("every report carries the provenance next to the verdicts") {
    const auto dir = fresh_dir("provenance");
    const auto text = run_cli("check -r merged -s pf-vf-faults -p disable_only_when_enabled");
    CHECK_THAT(text.out, Catch::Contains("scenario: hypothetical: faults.enable injected") &&
                             Catch::Contains("this trace is hypothetical"));
    const json j = json::parse(
        run_cli("check -r merged -s pf-vf-faults -p disable_only_when_enabled --format json").out);
    CHECK(j["provenance"]["label"] == "hypothetical");
    CHECK(j["properties"][0]["trace_provenance"]["label"] == "hypothetical");
    const auto md = run_cli("matrix --revisions merged --scenarios pf-vf,pf-vf-quirk -e explicit "
                            "--sarif " +
                            (dir / "s.sarif").string() + " --junit " + (dir / "j.xml").string() +
                            " --html " + (dir / "r.html").string());
    CHECK_THAT(md.out,
               Catch::Contains("Scenario `pf-vf` (realistic)") &&
                   Catch::Contains("Scenario `pf-vf-quirk` (adversarial: timing adversarial: "
                                   "quirk_clear_ats_cap"));
    const json sarif = json::parse(slurp(dir / "s.sarif"));
    bool tagged = false;
    for (const auto& res : sarif["runs"][0]["results"])
        if (res["properties"]["scenario"] == "pf-vf-quirk" &&
            res["properties"]["provenance"].get<std::string>().rfind("adversarial", 0) == 0)
            tagged = res["message"]["text"].get<std::string>().rfind("[adversarial] ", 0) == 0;
    CHECK(tagged);
    CHECK_THAT(slurp(dir / "j.xml"), Catch::Contains("name=\"provenance\" value=\"adversarial"));
    CHECK_THAT(slurp(dir / "r.html"), Catch::Contains("this trace is adversarial"));
}
