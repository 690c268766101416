// --timeout and --memory-limit as a user meets them: the properties a limit
// cuts short become bounded/unknown with the reason, the others keep their
// verdicts, the counterexamples found are written, and the exit code is 3
// (or 1 when a violation was found before the limit).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;

namespace {

const json& verdict_of(const json& report, const std::string& property) {
    for (const auto& p : report.at("properties"))
        if (p.at("name") == property)
            return p;
    throw std::runtime_error("no verdict for " + property);
}

} // namespace

TEST_CASE("a time limit makes the explicit engine's open properties bounded, exit 3") {
    const auto r =
        run_cli("check -r merged -s fleet-3 -e explicit -p counters_nonnegative --timeout 0.3");
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("bounded@") != std::string::npos);
    CHECK(r.out.find("time limit reached") != std::string::npos);
}

TEST_CASE("a time limit stops the symbolic engines mid-proof with the reason, exit 3") {
    // fleet-8 needs seconds of Houdini and induction: a 1 s limit cuts it short,
    // and an interrupted solver call must not pass for a result.
    for (const char* engine : {"kind", "pdr"}) {
        CAPTURE(engine);
        const auto r = run_cli(std::string("check -r merged -s fleet-8 -p counters_nonnegative "
                                           "--timeout 1 -e ") +
                               engine);
        CHECK(r.exit_code == 3);
        CHECK(r.out.find("time limit reached") != std::string::npos);
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}

TEST_CASE("a memory limit keeps the violations found and writes their traces") {
    const auto dir = fresh_dir("memory-limit-out");
    const auto r = run_cli("check -r merged -s fleet-4 -e explicit --no-symmetry "
                           "-p nr_ats_masters_consistent "
                           "-p counters_nonnegative --memory-limit 64 --format json -o " +
                           dir.string());
    REQUIRE(r.exit_code == 1); // a violation outranks an inconclusive verdict
    const json report = json::parse(r.out);
    CHECK(verdict_of(report, "nr_ats_masters_consistent").at("verdict") == "violated");
    const json& cut = verdict_of(report, "counters_nonnegative");
    CHECK(cut.at("verdict") == "bounded");
    CHECK(cut.at("reason").get<std::string>().find("memory limit of 64 MB reached") !=
          std::string::npos);
    CHECK(std::filesystem::exists(dir / "merged.fleet-4.nr_ats_masters_consistent.itf.json"));
}

TEST_CASE("a memory limit interrupts Z3: BMC stops with the reason, exit 3") {
    const auto r = run_cli("check -r merged -s fleet-6 -e bmc -k 40 -p counters_nonnegative "
                           "--memory-limit 80");
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("memory limit of 80 MB reached") != std::string::npos);
}

TEST_CASE("a memory limit stops both portfolio threads without an internal error") {
    // A bound on a counter does not split unit by unit, so no proof for all N
    // settles it first (all_n.hpp), and fleet-6 is too large for auto's
    // explicit pass: the portfolio runs until the limit.
    const auto r = run_cli("check -r merged -s fleet-6 --memory-limit 80 --invariant "
                           "'counts_bounded: forall D in tracked: domain[D].nr_ats_masters <= 12'");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("internal error") == std::string::npos);
    CHECK(r.out.find("memory limit of 80 MB reached") != std::string::npos);
}

TEST_CASE("absurd memory limits are rejected with exit 2") {
    for (const char* bad : {"8", "2000000"}) {
        CAPTURE(bad);
        const auto r = run_cli(std::string("check -r merged -s pf-vf --memory-limit ") + bad);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--memory-limit") != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    CHECK(run_cli("check -r merged -s pf-vf --memory-limit lots").exit_code == 2);
}
