// matrix, ci and diff through the binary, as a user runs them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;

namespace {

// A manifest of `checks` (JSON text) in a fresh directory; returns its path.
std::string manifest(const std::string& name, const std::string& checks,
                     const std::string& extra = "") {
    const auto dir = fresh_dir(name);
    const auto path = dir / "expectations.json";
    write_file(path, "{" + extra + "\"checks\": [" + checks + "]}");
    return path.string();
}

const char* kBaselineExpected = R"({"revision": "baseline", "scenario": "pf-vf", "expect": {
    "nr_ats_masters_consistent": "violated@3", "disable_only_when_enabled": "violated@4",
    "enable_only_when_disabled": "holds", "probe_succeeds": "holds"}})";

} // namespace

TEST_CASE("matrix prints revisions as rows and properties as columns, and progress per cell") {
    const auto r = run_cli("matrix --revisions baseline,merged --scenarios pf-vf");
    CHECK(r.exit_code == 1); // baseline violates properties
    CHECK(r.out.find("| revision | nr_ats_masters_consistent |") != std::string::npos);
    // pf-vf has no PASID, no required ATS and no reset: the properties about
    // them hold there only vacuously, and the cells say which antecedent.
    const std::string pasid = "proved (vacuous: master[d].pasid_domain == D never holds)",
                      required = "proved (vacuous: required(d) never holds)",
                      reset = "proved (vacuous: master[d].resetting never holds)";
    CHECK(r.out.find("| baseline | violated@3 | violated@4 | proved | violated@3 | violated@3 | " +
                     pasid + " | proved | proved | proved | " + required + " | proved | " + reset +
                     " |") != std::string::npos);
    CHECK(r.out.find("| merged | proved | proved | proved | proved | proved | " + pasid +
                     " | proved | violated@1 | proved | " + required + " | proved | " + reset +
                     " |") != std::string::npos);
    CHECK(r.err.find("[1/2] baseline on pf-vf: 8 proved, 4 violated") != std::string::npos);
    CHECK(r.err.find("[2/2] merged on pf-vf: 11 proved, 1 violated") != std::string::npos);
}

TEST_CASE("matrix as JSON has one cell per revision x scenario") {
    const auto r = run_cli("matrix --revisions v6 --scenarios pf-vf,pf-vf-faults -p "
                           "enable_never_fails -f json");
    const json j = json::parse(r.out);
    REQUIRE(j["cells"].size() == 2);
    CHECK(j["cells"][0]["scenario"] == "pf-vf");
    CHECK(j["cells"][0]["properties"][0]["verdict"] == "proved");
    CHECK(j["cells"][1]["properties"][0]["verdict"] == "violated");
    CHECK(j["cells"][1]["properties"][0]["depth"] == 3);
}

TEST_CASE("matrix takes a directory of revisions") {
    const auto dir = fresh_dir("matrix-dir");
    std::filesystem::copy(std::string(ATSCHECK_EXAMPLES_DIR) + "/revisions/merged.json",
                          dir / "merged.json");
    const auto r =
        run_cli("matrix --revisions " + dir.string() + " --scenarios pf-vf -p probe_succeeds");
    CHECK(r.out.find("| merged | violated@1 |") != std::string::npos);
    const auto empty = fresh_dir("matrix-empty");
    const auto bad = run_cli("matrix --revisions " + empty.string());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("holds no .json file") != std::string::npos);
}

TEST_CASE("ci passes when every verdict is as expected") {
    const auto r = run_cli("ci " + manifest("ci-pass", kBaselineExpected));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("4 expectations on 1 cells: 4 met") != std::string::npos);
    CHECK(r.out.find("-> pass") != std::string::npos);
}

TEST_CASE("ci names a regression with its trace, a stale expectation and a changed length") {
    const auto m = manifest("ci-fail", R"(
      {"revision": "baseline", "scenario": "pf-vf", "expect": {
        "nr_ats_masters_consistent": "holds", "disable_only_when_enabled": "violated@6"}},
      {"revision": "merged", "scenario": "pf-vf", "expect": {
        "disable_only_when_enabled": "violated", "probe_succeeds": "violated"}})");
    const auto r = run_cli("ci " + m);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("regression: nr_ats_masters_consistent on revision baseline, scenario pf-vf "
                     "was expected to hold and is violated@3") != std::string::npos);
    CHECK(r.out.find("attach_commit(0000:01:00.1): pci_enable_ats() = -EINVAL") !=
          std::string::npos);
    CHECK(r.out.find("changed counterexample: disable_only_when_enabled on revision baseline, "
                     "scenario pf-vf was expected violated@6 and is violated@4") !=
          std::string::npos);
    CHECK(r.out.find("stale expectation: disable_only_when_enabled on revision merged, scenario "
                     "pf-vf was expected to be violated and now holds") != std::string::npos);
    CHECK(r.out.find("1 met, 1 regression(s), 1 stale, 1 changed") != std::string::npos);
    CHECK(r.out.find("-> FAIL") != std::string::npos);
}

TEST_CASE("ci is inconclusive (exit 3) when an expectation is neither met nor refuted") {
    const auto m = manifest("ci-bounded",
                            R"({"revision": "merged", "scenario": "pf-vf", "expect": {
                                 "nr_ats_masters_consistent": "holds"}})",
                            R"("engine": {"name": "bmc", "depth": 2},)");
    const auto r = run_cli("ci " + m);
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("inconclusive: nr_ats_masters_consistent on revision merged, scenario pf-vf "
                     "was expected holds and is bounded@2") != std::string::npos);
}

TEST_CASE("ci resolves revision files against the manifest's directory") {
    const auto dir = fresh_dir("ci-relative");
    std::filesystem::create_directories(dir / "revs");
    std::filesystem::copy(std::string(ATSCHECK_EXAMPLES_DIR) + "/revisions/v6.json",
                          dir / "revs" / "mine.json");
    write_file(dir / "m.json", R"({"checks": [{"revision": "revs/mine.json", "scenario": "pf-vf",
                                   "expect": {"probe_succeeds": "violated@1"}}]})");
    const auto r = run_cli("ci " + (dir / "m.json").string());
    CHECK(r.exit_code == 0);
}

TEST_CASE("bad manifests: one line naming the file and the JSON path, exit 2") {
    struct Case {
        std::string checks, extra, message;
    };
    const std::vector<Case> cases{
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"no_such": "holds"}})", "",
         "$.checks[0].expect.no_such: unknown property"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "ok"}})", "",
         "$.checks[0].expect.probe_succeeds: \"ok\" is not"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": 1}})", "",
         "$.checks[0].expect.probe_succeeds: expected \"holds\""},
        {R"({"revision": "baseline", "scenario": "pf-vf"})", "",
         "$.checks[0].expect: missing field"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {}})", "",
         "$.checks[0].expect: names no property"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"},
             "colour": 1})",
         "", "$.checks[0].colour: unknown field"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}},
            {"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}})",
         "", "$.checks[1]: a second check"},
        {"", "", "$.checks: lists no check"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}})",
         R"("engine": {"name": "auto", "depth": -1},)", "$.engine.depth: -1 is out of range"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}})",
         R"("engine": {"name": "magic"},)", "$.engine.name"},
        {R"({"revision": "baseline", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}})",
         R"("engine": {"memory_limit": 8},)", "$.engine.memory_limit: a memory limit below 64 MB"},
        {R"({"revision": "nope", "scenario": "pf-vf", "expect": {"probe_succeeds": "holds"}})", "",
         "nope: no such revision"},
    };
    for (size_t i = 0; i < cases.size(); ++i) {
        CAPTURE(i);
        const auto m = manifest("ci-bad-" + std::to_string(i), cases[i].checks, cases[i].extra);
        const auto r = run_cli("ci " + m + " --junit " + m + ".xml");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(cases[i].message) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.out.empty());
        CHECK(!std::filesystem::exists(m + ".xml"));
    }
    const auto bad = fresh_dir("ci-syntax") / "m.json";
    write_file(bad, "{\"checks\": [\n  {,}\n]}");
    const auto r = run_cli("ci " + bad.string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("line 2") != std::string::npos);
}

TEST_CASE("a report path in a missing directory fails before any work") {
    const auto r = run_cli("ci " + manifest("ci-report-path", kBaselineExpected) +
                           " --sarif /nonexistent/dir/s.sarif");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--sarif: /nonexistent/dir/s.sarif: its directory does not exist") !=
          std::string::npos);
    CHECK(r.err.find("[1/1]") == std::string::npos);
}

TEST_CASE("diff baseline merged lists the properties the series fixed, with traces") {
    const auto r = run_cli("diff baseline merged --scenario pf-vf");
    CHECK(r.exit_code == 1); // merged makes probe_succeeds fail on purpose: a break
    for (const char* fixed : {"nr_ats_masters_consistent", "disable_only_when_enabled",
                              "enable_never_fails", "driver_mirrors_device"}) {
        CAPTURE(fixed);
        const auto line = r.out.find(std::string("  ") + fixed);
        REQUIRE(line != std::string::npos);
        const auto end = r.out.find('\n', line);
        CHECK(r.out.substr(line, end - line).ends_with("proved        fixed"));
    }
    CHECK(r.out.find("probe_succeeds                proved        violated@1    broken") !=
          std::string::npos);
    CHECK(r.out.find("unchanged: enable_only_when_disabled (proved)") != std::string::npos);
    // Which shortest trace the solver picks varies; each must diverge on merged.
    CHECK(r.out.find("on merged the run diverges at step ") != std::string::npos);
    CHECK(r.out.find("WARNING: drivers/pci/ats.c:132 at pci_disable_ats") != std::string::npos);
}

TEST_CASE("diff as JSON, and with nothing changed") {
    const auto r = run_cli("diff v6 merged --scenario pf-vf -f json");
    CHECK(r.exit_code == 0);
    CHECK(json::parse(r.out)["changes"].empty());
    const auto t = run_cli("diff v6 merged --scenario pf-vf");
    CHECK(t.out.find("No property changes its verdict.") != std::string::npos);
    const auto j = json::parse(
        run_cli("diff baseline rollback --scenario pf-vf-faults -p enable_never_fails -f json")
            .out);
    CHECK(j["changes"].empty()); // violated@3 on both
    const auto self = run_cli("diff merged merged --scenario pf-vf");
    CHECK(self.exit_code == 2);
}
