// The explicit engine and the symbolic portfolio must agree: the same verdict
// per property (proved or violated) and the same shortest counterexample
// length, on every shipped revision and scenario and on seeded random systems.
#include <algorithm>
#include <cstdlib>

#include <catch2/catch.hpp>

#include "checker/engines/portfolio_engine.hpp"
#include "helpers.hpp"
#include "random_systems.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

// Where the state space is infinite (a leak that grows each cycle, as in
// pasid-release), the explicit search stops with bounded verdicts: the
// symbolic engines may then prove the property or find a longer trace, never
// a shorter one.
void require_agreement(const System& sys) {
    const auto expl = explicit_check(sys);
    const bool infinite =
        std::any_of(expl.properties.begin(), expl.properties.end(), [](const PropertyResult& r) {
            return r.reason.find("the state space is infinite") != std::string::npos;
        });
    REQUIRE((expl.stats.exhaustive || infinite));
    PortfolioOptions o;
    for (const auto& p : all_properties())
        o.properties.push_back(p.id);
    const auto sym = check_portfolio(sys, o);
    for (size_t p = 0; p < o.properties.size(); ++p) {
        const auto& e = expl.properties[p];
        const auto& s = sym.properties[p];
        INFO(property_info(e.property).name << ": " << s.method << " " << s.reason);
        if (e.verdict == Verdict::Bounded) {
            CHECK((s.verdict != Verdict::Violated || s.depth > e.bound));
            continue;
        }
        REQUIRE(to_string(s.verdict) == std::string(to_string(e.verdict)));
        if (e.verdict == Verdict::Violated) {
            CHECK(s.depth == e.depth);
            const auto replay = replay_trace(sys, *s.trace);
            CHECK_FALSE(replay.mismatch);
            CHECK(std::count(replay.violated.begin(), replay.violated.end(), e.property) == 1);
        }
    }
}

} // namespace

TEST_CASE("explicit and symbolic engines agree on every shipped revision and scenario") {
    for (const auto& rev : shipped_names("revisions"))
        for (const auto& scen : shipped_names("scenarios")) {
            INFO(rev << " on " << scen);
            require_agreement(shipped_system(rev, scen));
        }
}

// 200 by default; the sanitizer pass of scripts/test.sh sets fewer
// (ATSCHECK_RANDOM_SYSTEMS), since there memory safety, not breadth, is the point.
uint32_t random_system_count() {
    const char* env = std::getenv("ATSCHECK_RANDOM_SYSTEMS");
    return env && *env ? static_cast<uint32_t>(std::stoul(env)) : 200;
}

TEST_CASE("explicit and symbolic engines agree on random systems") {
    for (uint32_t seed = 1; seed <= random_system_count(); ++seed) {
        const System sys = random_system(seed);
        INFO("seed " << seed << ": " << revision_to_json(sys.revision).dump() << " on "
                     << scenario_to_json(sys.scenario).dump());
        require_agreement(sys);
    }
}
