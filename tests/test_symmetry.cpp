// Symmetry reduction in the explicit engine: the same verdicts and shortest
// counterexample lengths as the full search, fewer states, and counterexamples
// that are real runs of the model (check_system replays each one). And in
// Houdini: the same lemmas when failed candidates take their orbits along.
#include <catch2/catch.hpp>

#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/houdini.hpp"
#include "checker/engines/run.hpp"
#include "checker/engines/symmetry.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

CheckResult explicit_run(const System& sys, bool symmetry) {
    ExplicitOptions o;
    for (const auto& p : all_properties())
        o.properties.push_back(p.id);
    o.symmetry = symmetry;
    CheckedSystem c{sys, check_explicit(sys, o)};
    recheck_counterexamples(c); // throws when a rebuilt trace is not a run
    return c.result;
}

} // namespace

TEST_CASE("interchangeable units are found only where devices are configured alike") {
    CHECK(Symmetry(shipped_system("merged", "fleet-3")).describe() ==
          "3 interchangeable PF/VF units");
    CHECK(Symmetry(shipped_system("merged", "pf-vf")).trivial());
}

TEST_CASE("symmetry reduction keeps every verdict and shortest length, with fewer states") {
    for (const char* revision : {"baseline", "v6", "merged", "rollback", "always-on"}) {
        CAPTURE(revision);
        const System sys = shipped_system(revision, "fleet-2");
        const CheckResult full = explicit_run(sys, false), reduced = explicit_run(sys, true);
        CHECK(reduced.stats.exhaustive == full.stats.exhaustive);
        for (size_t p = 0; p < full.properties.size(); ++p) {
            CAPTURE(property_info(full.properties[p].property).name);
            CHECK(reduced.properties[p].verdict == full.properties[p].verdict);
            CHECK(reduced.properties[p].depth == full.properties[p].depth);
        }
        if (full.stats.exhaustive)
            CHECK(reduced.stats.states < full.stats.states);
    }
}

TEST_CASE("a fleet with one odd pair is reduced only over the alike pairs") {
    const auto dir = fresh_dir("symmetry-odd");
    write_file(dir / "odd.json", R"({
      "name": "odd", "smmus": [{"name": "a", "stu": 12}, {"name": "b", "stu": 13}],
      "devices": [
        {"name": "0000:01:00.0", "smmu": "a"}, {"name": "0000:01:00.1", "pf": "0000:01:00.0", "smmu": "a"},
        {"name": "0000:02:00.0", "smmu": "a"}, {"name": "0000:02:00.1", "pf": "0000:02:00.0", "smmu": "a"},
        {"name": "0000:03:00.0", "smmu": "a"}, {"name": "0000:03:00.1", "pf": "0000:03:00.0", "smmu": "b"}],
      "domains": [{"name": "dma", "kind": "paging"}, {"name": "blocked", "kind": "blocked"}],
      "faults": {"enable": "injected"}})");
    const System sys{load_revision("merged"), load_scenario((dir / "odd.json").string())};
    CHECK(Symmetry(sys).describe() == "2 interchangeable PF/VF units");
    const CheckResult full = explicit_run(sys, false), reduced = explicit_run(sys, true);
    for (size_t p = 0; p < full.properties.size(); ++p) {
        CHECK(reduced.properties[p].verdict == full.properties[p].verdict);
        CHECK(reduced.properties[p].depth == full.properties[p].depth);
    }
}

TEST_CASE("Houdini keeps the same lemmas when a failed candidate takes its orbit along") {
    for (const char* revision : {"baseline", "merged", "rollback"}) {
        CAPTURE(revision);
        const System sys = shipped_system(revision, "fleet-3");
        z3::context ctx;
        const SymbolicSystem ts(ctx, sys);
        const Deadline unlimited(std::nullopt);
        uint64_t plain_calls = 0, orbit_calls = 0;
        const auto plain = houdini(ts, model_candidates(ts), unlimited, plain_calls, false);
        const auto orbits = houdini(ts, model_candidates(ts), unlimited, orbit_calls, true);
        REQUIRE(plain.complete);
        REQUIRE(orbits.complete);
        std::vector<std::string> a, b;
        for (const auto& c : plain.invariants)
            a.push_back(c.name);
        for (const auto& c : orbits.invariants)
            b.push_back(c.name);
        CHECK(a == b);
        CHECK(orbits.dropped == plain.dropped);
        CHECK(orbit_calls < plain_calls);
    }
}
