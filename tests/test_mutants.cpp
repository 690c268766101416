// atscheck mutate: the shipped property set kills every seeded fault of the
// model (mutation score 100%), and a survivor is reported with exit 1.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;
using nlohmann::json;

TEST_CASE("every seeded mutant is killed by the shipped properties") {
    const auto r = run_cli("mutate --format json");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const json j = json::parse(r.out);
    CHECK(j.at("total") == kMutants.size());
    CHECK(j.at("killed") == kMutants.size());
    for (const auto& m : j.at("mutants")) {
        INFO(m.at("mutant"));
        CHECK(m.at("status") == "killed");
        CHECK(!m.at("killed_by").empty());
    }
}

TEST_CASE("a mutant whose counter grows without bound stops the explicit engine cleanly") {
    System mutated = shipped_system("merged", "pf-vf");
    mutated.mutant = Mutant::DropDecrement;
    const auto r = explicit_check(mutated);
    CHECK(!r.stats.exhaustive);
    CHECK(result_for(r, "counters_nonnegative").reason.find("the state space is infinite") !=
          std::string::npos);
}

TEST_CASE("a mutant that no selected property notices survives: exit 1, named") {
    const auto r = run_cli("mutate -m double_increment -p probe_succeeds -e auto --revisions "
                           "merged --scenarios pf-vf");
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("survived: double_increment (nr_ats_masters is incremented twice)") !=
          std::string::npos);
    CHECK(r.out.find("mutation score: 0/1 killed (0%)") != std::string::npos);
}

TEST_CASE("mutate rejects an unknown mutant with exit 2") {
    const auto r = run_cli("mutate -m drop_everything");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--mutant: drop_everything: unknown mutant; known: drop_decrement") !=
          std::string::npos);
}

// check --mutant: the fault is named wherever the revision is, and a trace
// records it, so that replay runs the same faulty model.
TEST_CASE("check --mutant names the fault, and its trace replays with it") {
    const auto dir = fresh_dir("mutant-trace");
    const auto r = run_cli("check -r rollback -s fleet -e explicit --depth 5 --mutant "
                           "leave_ats_reads_first_master -p disable_only_when_enabled -o " +
                           dir.string());
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("revision rollback+leave_ats_reads_first_master") != std::string::npos);
    const auto trace =
        dir / "rollback+leave_ats_reads_first_master.fleet.disable_only_when_enabled.itf.json";
    REQUIRE(std::filesystem::exists(trace));
    const auto replay = run_cli("replay " + trace.string());
    CHECK(replay.exit_code == 1);
    CHECK(replay.out.find("violates: disable_only_when_enabled") != std::string::npos);
    const auto bad = run_cli("check -r rollback -s fleet --mutant drop_everything");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--mutant: drop_everything: unknown mutant") != std::string::npos);
}
