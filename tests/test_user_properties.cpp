// Users' own properties, end to end through the command line: every engine
// gives a verdict, a violation's trace replays in a process that was never
// told the property, and files, manifests and shards carry them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;

namespace {

// The issue's question: does a VF with ATS on find its PF's STU programmed?
const std::string kVfFollowsPf = "--invariant 'vf_follows_pf: forall d in vfs: pdev[d].ats_enabled "
                                 "-> pdev[pf(d)].ats_stu == 12'";
// Can a VF have ATS on while its PF's ATS is off? (It can: the PF need not be attached.)
// Nothing on stderr but progress lines, which a run past one second prints
// (a sanitizer build on a busy machine gets there).
bool only_progress(const std::string& err) {
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("atscheck: merged on pf-vf: ", 0) != 0)
            return false;
    return true;
}

const std::string kVfNeedsPfAts = "--invariant 'vf_needs_pf_ats: forall d in vfs: "
                                  "pdev[d].ats_enabled -> pdev[pf(d)].ats_enabled'";

} // namespace

TEST_CASE("an --invariant gets a verdict from every engine") {
    for (const char* engine : {"auto", "explicit", "bmc", "kind", "pdr", "simulate"}) {
        INFO(engine);
        const auto r = run_cli("check -r merged -s pf-vf --format json -e " + std::string(engine) +
                               " " + kVfFollowsPf);
        REQUIRE(only_progress(r.err));
        const json j = json::parse(r.out);
        REQUIRE(j["properties"].size() == 1);
        CHECK(j["properties"][0]["name"] == "vf_follows_pf");
        const std::string verdict = j["properties"][0]["verdict"];
        const bool proves = std::string(engine) != "bmc" && std::string(engine) != "simulate";
        CHECK(verdict == (proves                         ? "proved"
                          : std::string(engine) == "bmc" ? "bounded"
                                                         : "unknown"));
        CHECK(r.exit_code == (proves ? 0 : 3));
    }
}

TEST_CASE("a violated user property: the same shortest trace from every engine, replayable alone") {
    const auto dir = fresh_dir("user-props");
    for (const char* engine : {"explicit", "auto", "kind", "pdr"}) {
        INFO(engine);
        const auto r =
            run_cli("check -r baseline -s pf-vf --format json -e " + std::string(engine) + " " +
                    kVfNeedsPfAts + " --out " + (dir / engine).string());
        CHECK(r.exit_code == 1);
        const json p = json::parse(r.out)["properties"][0];
        CHECK(p["verdict"] == "violated");
        CHECK(p["depth"] == 4);
        // The trace carries the property, so replay needs no --invariant.
        const auto replay = run_cli("replay " + p["trace"].get<std::string>());
        CHECK(replay.exit_code == 1);
        CHECK_THAT(replay.out, Catch::Contains("violates: vf_needs_pf_ats"));
    }
}

TEST_CASE("a properties file: matrix, shards and a manifest use it") {
    const auto dir = fresh_dir("user-props-file");
    write_file(dir / "props.json", R"({"properties": [
        {"name": "vf_needs_pf_ats", "meaning": "a VF's ATS needs its PF's",
         "expression": "forall d in vfs: pdev[d].ats_enabled -> pdev[pf(d)].ats_enabled"},
        {"name": "one_ats_master", "meaning": "at most one master believes ATS is on",
         "symptom": "none: a question", "expression": "(count d in devices: master[d].ats_enabled) <= 1"}]})");
    const std::string props = " --properties " + (dir / "props.json").string();
    const std::string sweep =
        "matrix -e explicit --revisions baseline,merged --scenarios pf-vf,fleet-2" + props;
    const auto whole = run_cli(sweep);
    CHECK(whole.exit_code == 1);
    CHECK_THAT(whole.out, Catch::Contains("| vf_needs_pf_ats | one_ats_master |"));
    // Shards merge without being told the properties: the shard files carry them.
    std::string files;
    for (int i = 1; i <= 2; ++i) {
        const auto file = dir / ("s" + std::to_string(i) + ".json");
        write_file(file, run_cli(sweep + " --format json --shard " + std::to_string(i) + "/2").out);
        files += " " + file.string();
    }
    CHECK(run_cli("merge" + files).out == whole.out);
    // A manifest names the file relative to itself.
    write_file(dir / "manifest.json",
               R"({"properties": "props.json", "engine": {"name": "explicit"},
        "checks": [{"revision": "merged", "scenario": "pf-vf",
                    "expect": {"vf_needs_pf_ats": "violated@4", "one_ats_master": "violated@6"}}]})");
    const auto ci = run_cli("ci " + (dir / "manifest.json").string());
    CHECK(ci.exit_code == 0);
    CHECK_THAT(ci.out, Catch::Contains("2 met"));
}

TEST_CASE("bad properties are one line naming the place, exit 2, nothing written") {
    const auto dir = fresh_dir("user-props-bad");
    write_file(dir / "syntax.json",
               R"({"properties": [{"name": "x", "meaning": "m", "expression": "true &&"}]})");
    write_file(dir / "twice.json", R"({"properties": [
        {"name": "x", "meaning": "m", "expression": "true"},
        {"name": "x", "meaning": "m", "expression": "false"}]})");
    const struct {
        std::string args, place;
    } rows[] = {
        {"--properties " + (dir / "syntax.json").string(),
         "syntax.json: $.properties[0].expression (column 8)"},
        {"--properties " + (dir / "twice.json").string(), "twice.json: $.properties[1].name"},
        {"--invariant 'x: pdev[d].ats_enabled + 1 > 0'", "(column 9)"},
        {"--invariant 'x: forall d in devices: pdev[d].ats_enabled + 1 > 0'", "(column 25)"},
        {"--invariant 'x: forall d in devices: master[d].domain == nowhere'", "(column 45)"},
        {"--invariant 'x: forall d in pets: true'", "(column 16)"},
        {"--invariant 'probe_succeeds: true'", "exists already"},
    };
    for (const auto& row : rows) {
        INFO(row.args);
        const auto out = dir / "out";
        const auto r = run_cli("check -r merged -s pf-vf --out " + out.string() + " " + row.args);
        CHECK(r.exit_code == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_THAT(r.err, Catch::Contains(row.place));
        CHECK_FALSE(std::filesystem::exists(out));
    }
}
