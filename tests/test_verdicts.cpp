// The expected verdicts of model-spec section 6, and a replay of every
// counterexample of every shipped revision on every shipped scenario.
#include <catch2/catch.hpp>

#include "checker/engines/simulation.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {
const char* const kRevisions[] = {"baseline", "always-on", "v6", "merged", "rollback"};
const char* const kScenarios[] = {"pf-vf",       "pf-vf-faults", "pf-vf-third-party",
                                  "pf-vf-quirk", "pf-vf-nolock", "fleet"};
} // namespace

TEST_CASE("baseline on pf-vf: the four violations with their shortest lengths") {
    const auto r = explicit_check(shipped_system("baseline", "pf-vf"));
    CHECK(r.stats.exhaustive);
    CHECK(result_for(r, "nr_ats_masters_consistent").verdict == Verdict::Violated);
    CHECK(result_for(r, "nr_ats_masters_consistent").depth == 3);
    CHECK(result_for(r, "disable_only_when_enabled").verdict == Verdict::Violated);
    CHECK(result_for(r, "disable_only_when_enabled").depth == 4);
    CHECK(result_for(r, "driver_mirrors_device").verdict == Verdict::Violated);
    CHECK(result_for(r, "enable_never_fails").verdict == Verdict::Violated);
    for (const char* holds : {"enable_only_when_disabled", "atc_invalidation_covers_ats",
                              "counters_nonnegative", "probe_succeeds"})
        CHECK(result_for(r, holds).verdict == Verdict::Proved);
}

TEST_CASE("v6, merged and rollback on pf-vf: everything holds but probe_succeeds") {
    for (const char* rev : {"v6", "merged", "rollback"}) {
        INFO(rev);
        const auto r = explicit_check(shipped_system(rev, "pf-vf"));
        for (const auto& p : r.properties) {
            INFO(property_info(p.property).name);
            if (p.property == prop("probe_succeeds"))
                CHECK(p.verdict == Verdict::Violated);
            else
                CHECK(p.verdict == Verdict::Proved);
        }
    }
}

TEST_CASE("the WARN at ats.c:132 needs the VF's failed enable first") {
    const auto sys = shipped_system("baseline", "pf-vf");
    const auto result = explicit_check(sys);
    const Trace& t = *result_for(result, "disable_only_when_enabled").trace;
    REQUIRE(t.steps.size() == 4);
    CHECK(action_label(sys, t.steps[0].action) == "probe(0000:01:00.1)");
    CHECK(action_label(sys, t.steps[1].action) == "attach_prepare(0000:01:00.1, dma)");
    CHECK(action_label(sys, t.steps[2].action) == "attach_commit(0000:01:00.1)");
    CHECK(action_label(sys, t.steps[3].action) == "attach_prepare(0000:01:00.1, blocked)");
    CHECK_FALSE(t.initial.pdev[0].ats_cap); // the PF has no ATS capability
}

TEST_CASE("injected enable faults still break the merged bookkeeping, and rollback repairs it") {
    const auto merged = explicit_check(shipped_system("merged", "pf-vf-faults"));
    CHECK(result_for(merged, "nr_ats_masters_consistent").verdict == Verdict::Violated);
    CHECK(result_for(merged, "disable_only_when_enabled").verdict == Verdict::Violated);
    const auto rollback = explicit_check(shipped_system("rollback", "pf-vf-faults"));
    CHECK(result_for(rollback, "nr_ats_masters_consistent").verdict == Verdict::Proved);
    CHECK(result_for(rollback, "disable_only_when_enabled").verdict == Verdict::Proved);
    CHECK(result_for(rollback, "enable_never_fails").verdict == Verdict::Violated);
}

TEST_CASE("every counterexample of every shipped revision and scenario replays") {
    for (const char* scen : kScenarios)
        for (const char* rev : kRevisions) {
            INFO(rev << " on " << scen);
            const auto sys = shipped_system(rev, scen);
            const auto r = explicit_check(sys);
            for (const auto& p : r.properties) {
                if (p.verdict != Verdict::Violated)
                    continue;
                INFO(property_info(p.property).name);
                REQUIRE(p.trace);
                CHECK(static_cast<int>(p.trace->steps.size()) == p.depth);
                const auto replay = replay_trace(sys, *p.trace);
                CHECK_FALSE(replay.mismatch);
                CHECK(std::count(replay.violated.begin(), replay.violated.end(), p.property) == 1);
            }
        }
}

TEST_CASE("a depth bound below the shortest counterexample gives bounded, not proved") {
    const auto sys = shipped_system("baseline", "pf-vf");
    ExplicitOptions o;
    o.properties = {prop("disable_only_when_enabled"), prop("nr_ats_masters_consistent")};
    o.max_depth = 3;
    const auto r = check_explicit(sys, o);
    CHECK_FALSE(r.stats.exhaustive);
    CHECK(r.properties[0].verdict == Verdict::Bounded);
    CHECK(r.properties[0].bound == 3);
    CHECK_THAT(r.properties[0].reason, Catch::Contains("depth bound reached"));
    CHECK(r.properties[1].verdict == Verdict::Violated);
    CHECK(r.properties[1].depth == 3);
}

TEST_CASE("random simulation finds the baseline WARN, never shorter than the BFS trace") {
    const auto sys = shipped_system("baseline", "pf-vf");
    SimulationOptions o;
    o.properties = {prop("disable_only_when_enabled"), prop("counters_nonnegative")};
    o.seed = 7;
    o.runs = 500;
    const auto r = check_simulation(sys, o);
    REQUIRE(r.properties[0].verdict == Verdict::Violated);
    CHECK(r.properties[0].depth >= 4);
    CHECK_FALSE(replay_trace(sys, *r.properties[0].trace).mismatch);
    CHECK(r.properties[1].verdict == Verdict::Unknown);
    const auto again = check_simulation(sys, o);
    CHECK(again.properties[0].depth == r.properties[0].depth); // seeded: reproducible
}

TEST_CASE("fleet-N generates N PF/VF pairs on buses 01..N") {
    const auto sys = shipped_system("merged", "fleet-3");
    CHECK(sys.scenario.name == "fleet-3");
    REQUIRE(sys.num_devices() == 6);
    CHECK(sys.scenario.devices[4].name == "0000:03:00.0");
    CHECK(sys.scenario.devices[5].name == "0000:03:00.1");
    CHECK(sys.scenario.devices[5].pf == 4);
    CHECK(sys.num_domains() == 3);
    CHECK(sys.scenario.inject_enable_faults);
}
