// The coverage report and --vacuity: actions that never fire are flagged,
// branch counts come from the exploration, and the branch sites the symbolic
// interpretation finds cover every branch the concrete model evaluates.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "checker/trust/coverage.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;
using nlohmann::json;

namespace {

const std::string kNoAtsQuirk =
    std::string(ATSCHECK_TEST_DATA) + "/scenarios/quirk-without-ats.json";

const json& branch(const json& report, const std::string& function, const std::string& prefix) {
    for (const auto& b : report.at("branches"))
        if (b.at("function") == function &&
            b.at("condition").get<std::string>().rfind(prefix, 0) == 0)
            return b;
    throw std::runtime_error("no branch " + function + ": " + prefix);
}

} // namespace

TEST_CASE("coverage flags an action that cannot fire in the scenario") {
    const auto warn = run_cli("coverage -r merged -s " + kNoAtsQuirk);
    CHECK(warn.exit_code == 0);
    CHECK(warn.out.find("quirk_clear_ats_cap(0000:01:00.0)") != std::string::npos);
    CHECK(warn.out.find("vacuity: quirk_clear_ats_cap never fires on revision merged, scenario "
                        "quirk-without-ats (in any reachable state)") != std::string::npos);

    const auto error = run_cli("coverage -r merged -s " + kNoAtsQuirk + " --vacuity error");
    CHECK(error.exit_code == 5);

    const json j = json::parse(run_cli("coverage -r merged -s " + kNoAtsQuirk + " -f json").out);
    CHECK(j.at("exhaustive") == true);
    CHECK(j.at("dead_actions") == json::array({"quirk_clear_ats_cap"}));
    // Without an ATS capability nothing ever enables ATS: the report shows it.
    CHECK(branch(j, "arm_smmu_attach_commit", "state->ats_enabled").at("flag") == "never taken");
}

TEST_CASE("coverage of pf-vf: every action fires, and branch counts follow the scenario") {
    const auto r = run_cli("coverage -r merged -s pf-vf --vacuity error -f json");
    REQUIRE(r.exit_code == 0);
    const json j = json::parse(r.out);
    CHECK(j.at("dead_actions").empty());
    for (const auto& a : j.at("actions"))
        CHECK(a.at("fires").get<uint64_t>() > 0);
    CHECK(branch(j, "pci_enable_ats", "Enable bit set").at("taken").get<uint64_t>() > 0);
    // pf-vf injects no enable faults; pf-vf-faults does, and they are taken.
    CHECK(branch(j, "pci_enable_ats", "injected fault").at("in_code") == false);
    const json faults = json::parse(run_cli("coverage -r merged -s pf-vf-faults -f json").out);
    CHECK(branch(faults, "pci_enable_ats", "injected fault").at("taken").get<uint64_t>() > 0);
    CHECK(branch(faults, "arm_smmu_attach_commit", "pci_enable_ats() != 0").at("flag") == "");
}

TEST_CASE("check --vacuity error fails a run whose properties all hold (exit 5)") {
    const auto off = run_cli("check -r merged -s " + kNoAtsQuirk + " -p nr_ats_masters_consistent");
    CHECK(off.exit_code == 0);
    CHECK(off.out.find("vacuity:") == std::string::npos);
    const auto error = run_cli("check -r merged -s " + kNoAtsQuirk +
                               " -p nr_ats_masters_consistent --vacuity error");
    CHECK(error.exit_code == 5);
    CHECK(error.out.find("vacuity: quirk_clear_ats_cap never fires") != std::string::npos);
    const json j = json::parse(run_cli("check -r merged -s " + kNoAtsQuirk +
                                       " -p nr_ats_masters_consistent --vacuity warn -f json")
                                   .out);
    CHECK(j.at("coverage").at("dead_actions") == json::array({"quirk_clear_ats_cap"}));
}

TEST_CASE("a cut-short exploration cannot call an action dead: exit 3, not 5") {
    const auto r = run_cli("coverage -r merged -s pf-vf --depth 1 --vacuity error");
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("NOT exhaustive: depth bound reached (--depth 1)") != std::string::npos);
    CHECK(r.out.find("in the explored part; depth bound reached") != std::string::npos);
}

TEST_CASE("every branch the concrete model takes is a site of the symbolic interpretation") {
    for (const char* revision : {"baseline", "v6", "merged", "rollback", "always-on"})
        for (const char* scenario :
             {"pf-vf", "pf-vf-faults", "pf-vf-quirk", "pf-vf-third-party", "pf-vf-nolock"}) {
            CAPTURE(revision, scenario);
            const CoverageReport r = measure_coverage(shipped_system(revision, scenario), {});
            REQUIRE(r.stats.exhaustive);
            for (const auto& b : r.branches)
                if (b.taken + b.not_taken > 0)
                    CHECK(b.in_code);
        }
}
