// Bad input: one line on stderr naming the file and the place, exit 2, and no
// output written.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace atscheck::test;

namespace {

const char* const kGoodScenario = R"({
  "name": "s",
  "smmus": [{"name": "smmu0", "stu": 12}],
  "devices": [
    {"name": "0000:01:00.0", "ats_cap": "any"},
    {"name": "0000:01:00.1", "pf": "0000:01:00.0"}
  ],
  "domains": [{"name": "dma", "kind": "paging"}, {"name": "blocked", "kind": "blocked"}]
})";

// Runs check with a scenario file whose text is `scenario`; returns the result
// and checks that nothing was written to the output directory.
RunResult check_scenario_text(const std::string& scenario, bool bad = true) {
    const auto dir = fresh_dir("bad");
    write_file(dir / "scenario.json", scenario);
    const auto out = dir / "out";
    auto r = run_cli("check -r baseline -s " + (dir / "scenario.json").string() + " --out " +
                     out.string());
    if (bad)
        CHECK_FALSE(std::filesystem::exists(out));
    return r;
}

void expect_one_line_error(const RunResult& r, const std::string& place, const std::string& what) {
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains(place) && Catch::Contains(what));
    CHECK(r.out.empty());
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("the good scenario used below is accepted") {
    CHECK(check_scenario_text(kGoodScenario, false).exit_code == 1);
}

TEST_CASE("malformed JSON names the line and column") {
    const auto r =
        check_scenario_text(replace(kGoodScenario, "\"kind\": \"paging\"}", "\"kind\": paging}"));
    expect_one_line_error(r, "scenario.json: line 8, column 39", "malformed JSON");
}

TEST_CASE("an unknown field value names its JSON path") {
    const auto r = check_scenario_text(replace(kGoodScenario, "\"paging\"", "\"pageing\""));
    expect_one_line_error(r, "$.domains[0].kind", "unknown value \"pageing\"");
}

TEST_CASE("an unknown key is rejected") {
    const auto r = check_scenario_text(
        replace(kGoodScenario, "\"name\": \"s\"", "\"name\": \"s\", \"lokc\": 1"));
    expect_one_line_error(r, "$.lokc", "unknown field");
}

TEST_CASE("a VF whose PF does not exist") {
    const auto r = check_scenario_text(
        replace(kGoodScenario, "\"pf\": \"0000:01:00.0\"", "\"pf\": \"0000:02:00.0\""));
    expect_one_line_error(r, "$.devices[1].pf", "is not a device of this scenario");
}

TEST_CASE("a VF whose PF is itself a VF") {
    const auto r = check_scenario_text(replace(
        kGoodScenario, "\"pf\": \"0000:01:00.0\"}",
        "\"pf\": \"0000:01:00.0\"}, {\"name\": \"0000:01:00.2\", \"pf\": \"0000:01:00.1\"}"));
    expect_one_line_error(r, "$.devices[2].pf", "is itself a VF");
}

TEST_CASE("ats_required on a VF: the requirement is its PF's (pci_physfn())") {
    const auto r =
        check_scenario_text(replace(kGoodScenario, "\"pf\": \"0000:01:00.0\"}",
                                    "\"pf\": \"0000:01:00.0\", \"ats_required\": true}"));
    expect_one_line_error(r, "$.devices[1].ats_required", "set \"ats_required\" on the PF");
}

TEST_CASE("duplicate names") {
    const auto r =
        check_scenario_text(replace(kGoodScenario, "\"name\": \"blocked\"", "\"name\": \"dma\""));
    expect_one_line_error(r, "$.domains[1].name", "duplicate domain name");
    const auto d = check_scenario_text(
        replace(kGoodScenario, "\"name\": \"0000:01:00.1\"", "\"name\": \"0000:01:00.0\""));
    expect_one_line_error(d, "$.devices[1].name", "duplicate device name");
}

TEST_CASE("an STU below PCI_ATS_MIN_STU") {
    const auto r = check_scenario_text(replace(kGoodScenario, "\"stu\": 12", "\"stu\": 11"));
    expect_one_line_error(r, "$.smmus[0].stu", "PCI_ATS_MIN_STU");
}

TEST_CASE("a kernel environment the kernel cannot have: a late quirk after a late SMMU, a third "
          "party's STU below PCI_ATS_MIN_STU, an unknown timing") {
    const std::string domains =
        R"("domains": [{"name": "dma", "kind": "paging"}, {"name": "blocked", "kind": "blocked"}])";
    const auto with = [&](const std::string& extra) {
        return check_scenario_text(replace(kGoodScenario, domains, domains + ", " + extra));
    };
    expect_one_line_error(
        with(R"("probe_order": "late_smmu", "environment": {"quirk_clear_ats_cap": true})"),
        "$.environment.quirk_clear_ats_cap", "needs probe_order pf_first");
    expect_one_line_error(with(R"("environment": {"third_party_stu": 11})"),
                          "$.environment.third_party_stu", "out of range [12, 31]");
    expect_one_line_error(with(R"("environment": {"timing": "eventually"})"),
                          "$.environment.timing", "expected one of kernel, adversarial");
    expect_one_line_error(with(R"("probe_order": "vf_first")"), "$.probe_order",
                          "expected one of pf_first, late_smmu");
}

TEST_CASE("an empty device list") {
    auto text = std::string(kGoodScenario);
    const auto from = text.find("\"devices\": [");
    const auto to = text.find("],", from);
    text.replace(from, to - from + 1, "\"devices\": []");
    expect_one_line_error(check_scenario_text(text), "$.devices", "at least one device");
}

TEST_CASE("a negative or absurd depth, an unknown property, revision or scenario") {
    expect_one_line_error(run_cli("check -r baseline -s pf-vf --depth -1"), "--depth", ">= 0");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf --depth 99999999"), "--depth",
                          "absurd");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf -p nr_ats_master"), "--property",
                          "unknown property");
    expect_one_line_error(run_cli("check -r basline -s pf-vf"), "--revision: basline",
                          "no such revision");
    expect_one_line_error(run_cli("check -r baseline -s fleet-0"), "--scenario: fleet-0",
                          "fleet size");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf --engine magic"), "--engine",
                          "magic");
}

TEST_CASE("a malformed revision file") {
    const auto dir = fresh_dir("badrev");
    write_file(dir / "rev.json", R"({"name": "x", "sources": [], "ats_supported": "own_cap",
        "prepare_vf": "noop", "probe_prepare": "all_ignore_result", "enable_failure": 3})");
    expect_one_line_error(run_cli("check -r " + (dir / "rev.json").string() + " -s pf-vf"),
                          "rev.json: $.enable_failure", "expected a string");
}

TEST_CASE("atscheck --help documents the exit codes, and no subcommand is a usage error") {
    const auto h = run_cli("check --help");
    CHECK(h.exit_code == 0);
    CHECK_THAT(h.out, Catch::Contains("2  bad input or usage"));
    CHECK(run_cli("").exit_code == 2);
}

TEST_CASE("list names every shipped revision, scenario and property") {
    const auto r = run_cli("list");
    CHECK(r.exit_code == 0);
    for (const char* name : {"baseline", "always-on", "v6", "merged", "rollback", "pf-vf",
                             "pf-vf-faults", "pf-vf-third-party", "pf-vf-quirk", "pf-vf-nolock",
                             "fleet", "nr_ats_masters_consistent", "probe_succeeds"})
        CHECK_THAT(r.out, Catch::Contains(std::string("  ") + name + ":"));
}

TEST_CASE("simulation leaves unviolated properties unknown: exit 3") {
    const auto r =
        run_cli("check -r merged -s pf-vf -p counters_nonnegative --engine simulate --runs 50");
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.out, Catch::Contains("simulation proves nothing"));
}

TEST_CASE("an --out path that cannot be a directory fails before any work") {
    const auto dir = fresh_dir("outfile");
    write_file(dir / "plain-file", "");
    expect_one_line_error(
        run_cli("check -r baseline -s pf-vf --out " + (dir / "plain-file").string()), "--out",
        "cannot create the directory");
}

TEST_CASE("too many \"any\" initial values (each doubles the initial states)") {
    std::string devices;
    for (int i = 0; i < 7; ++i)
        devices += std::string(i ? ", " : "") + R"({"name": "d)" + std::to_string(i) +
                   R"(", "ats_cap": "any", "untrusted": "any"})";
    const auto r = check_scenario_text(replace(kGoodScenario,
                                               R"({"name": "0000:01:00.0", "ats_cap": "any"},
    {"name": "0000:01:00.1", "pf": "0000:01:00.0"})",
                                               devices));
    expect_one_line_error(r, "$.devices[6]", "more than 12 initial values are \"any\"");
}

TEST_CASE("a number too large for JSON's doubles (found by fuzzing)") {
    const auto dir = fresh_dir("overflow");
    write_file(dir / "r.json", "{\"name\":\n 1e999}");
    const auto r = run_cli("check -r " + (dir / "r.json").string() + " -s pf-vf");
    expect_one_line_error(r, "r.json: line 2, column 2", "number overflow parsing '1e999'");
}

TEST_CASE("a wrong type, a missing field, bad bounds, a truncated trace") {
    expect_one_line_error(
        check_scenario_text(replace(kGoodScenario, R"("stu": 12)", R"("stu": "12")")),
        "$.smmus[0].stu", "expected an integer");
    expect_one_line_error(check_scenario_text(replace(
                              kGoodScenario, R"("smmus": [{"name": "smmu0", "stu": 12}],)", "")),
                          "$", "missing required field \"smmus\"");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf --timeout -1"), "--timeout: -1.0",
                          "between 0 and a week");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf --timeout 1e9"), "--timeout",
                          "between 0 and a week");
    expect_one_line_error(run_cli("check -r baseline -s pf-vf -e simulate --runs 0"), "--runs: 0",
                          "between 1 and");

    const auto dir = fresh_dir("truncated");
    REQUIRE(run_cli("check -r baseline -s pf-vf -p disable_only_when_enabled -o " + dir.string())
                .exit_code == 1);
    const auto trace = dir / "baseline.pf-vf.disable_only_when_enabled.itf.json";
    const std::string text = slurp(trace);
    write_file(dir / "cut.json", text.substr(0, text.size() / 2));
    expect_one_line_error(run_cli("replay " + (dir / "cut.json").string()), "cut.json: line",
                          "malformed JSON");
}
