// BMC on Z3 must agree with the explicit engine: the same violated properties,
// with the same shortest counterexample lengths, and traces that replay.
#include <catch2/catch.hpp>

#include "checker/engines/bmc_engine.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

TEST_CASE("BMC and explicit search agree on every shipped revision and pf-vf variant") {
    constexpr int kBound = 7;
    for (const char* rev : {"baseline", "always-on", "v6", "merged", "rollback"})
        for (const char* scen :
             {"pf-vf", "pf-vf-faults", "pf-vf-third-party", "pf-vf-quirk", "pf-vf-nolock"}) {
            INFO(rev << " on " << scen);
            const auto sys = shipped_system(rev, scen);
            const auto expl = explicit_check(sys);
            BmcOptions o;
            for (const auto& p : all_properties())
                o.properties.push_back(p.id);
            o.max_depth = kBound;
            const auto bmc = check_bmc(sys, o);
            for (size_t p = 0; p < o.properties.size(); ++p) {
                const auto& e = expl.properties[p];
                const auto& b = bmc.properties[p];
                INFO(property_info(e.property).name);
                if (e.verdict == Verdict::Violated && e.depth <= kBound) {
                    REQUIRE(b.verdict == Verdict::Violated);
                    CHECK(b.depth == e.depth);
                    const auto replay = replay_trace(sys, *b.trace);
                    CHECK_FALSE(replay.mismatch);
                    CHECK(std::count(replay.violated.begin(), replay.violated.end(), e.property) ==
                          1);
                } else {
                    CHECK(b.verdict == Verdict::Bounded);
                    CHECK(b.bound == kBound);
                    CHECK_THAT(b.reason, Catch::Contains("no violation up to depth 7"));
                }
            }
        }
}
