// Engines and exit codes are enums with one table of names each: every name
// reads back to its enum, and each engine's report says what that engine did.
#include <catch2/catch.hpp>

#include "checker/engines/engine.hpp"
#include "checker/exit_code.hpp"
#include "checker/reports/check_report.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

TEST_CASE("every engine name reads back to its engine") {
    for (const auto& info : kEngines) {
        CHECK(engine_from_cli(info.cli) == info.engine);
        CHECK(engine_from_result(info.result) == info.engine);
        CHECK(std::string(cli_name(info.engine)) == info.cli);
    }
    CHECK(!engine_from_cli("k-induction"));
    CHECK(!engine_from_result("kind"));
}

TEST_CASE("the text report's summary line names the engine that ran") {
    const System sys = shipped_system("merged", "pf-vf");
    const std::map<Engine, std::string> expected{
        {Engine::Auto, "BMC to depth"},      {Engine::Explicit, "explored"},
        {Engine::Bmc, "BMC to depth"},       {Engine::KInduction, "induction to k ="},
        {Engine::Pdr, "PDR (Spacer)"},       {Engine::Simulate, "random runs"},
        {Engine::AllN, "unit decomposition"}};
    REQUIRE(expected.size() == kEngines.size());
    for (const auto& [engine, words] : expected) {
        // One property left open: auto then says the portfolio ran.
        const CheckResult r = CheckResult::open(engine, {PropertyId{0}});
        const std::string text = render_text(CheckedSystem{sys, r}, false);
        const std::string summary = text.substr(text.find('\n') + 1);
        INFO(cli_name(engine) << ": " << summary.substr(0, summary.find('\n')));
        CHECK(summary.substr(0, summary.find('\n')).find(words) != std::string::npos);
    }
}

TEST_CASE("check -e pdr reports as PDR, not as BMC") {
    const auto r = run_cli("check -r merged -s pf-vf -e pdr -p nr_ats_masters_consistent");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("engine pdr\nPDR (Spacer), ") != std::string::npos);
    CHECK(r.out.find("BMC") == std::string::npos);
}

TEST_CASE("exit codes: one table, in order, and a violation outranks the rest") {
    const std::string help = exit_codes_help();
    size_t at = 0;
    for (int code = 0; code <= 5; ++code) {
        const size_t next = help.find("\n  " + std::to_string(code) + "  ", at);
        REQUIRE(next != std::string::npos);
        at = next;
    }
    CHECK(most_severe(ExitCode::Vacuous, ExitCode::Violated) == ExitCode::Violated);
    CHECK(most_severe(ExitCode::Inconclusive, ExitCode::Vacuous) == ExitCode::Vacuous);
    CHECK(most_severe(ExitCode::Ok, ExitCode::Inconclusive) == ExitCode::Inconclusive);
    CHECK(most_severe(ExitCode::Ok, ExitCode::Ok) == ExitCode::Ok);
}

TEST_CASE("a WARN symptom names the revision's own line of ats.c") {
    const auto& disable = property_info(prop("disable_only_when_enabled"));
    const auto& prepare = property_info(prop("prepare_only_when_disabled"));
    const auto& mirrors = property_info(prop("driver_mirrors_device"));
    const Revision baseline = load_revision("baseline"), merged = load_revision("merged");
    CHECK(symptom_on(disable, baseline) == "WARNING: drivers/pci/ats.c:132 at pci_disable_ats");
    CHECK(symptom_on(disable, merged) == "WARNING: drivers/pci/ats.c:139 at pci_disable_ats");
    CHECK(symptom_on(prepare, merged) == "WARNING: drivers/pci/ats.c:70 at pci_prepare_ats");
    CHECK(symptom_on(mirrors, merged) == mirrors.symptom); // no WARN site: as written
}
