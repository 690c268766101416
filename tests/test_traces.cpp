// ITF traces: structure, round trip through the reader, the CLI's replay, the
// text view, and tampered traces.
#include <catch2/catch.hpp>

#include "checker/input/itf.hpp"
#include "checker/reports/story.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;
using nlohmann::json;

namespace {
Trace baseline_warn_trace(const System& sys) {
    return *result_for(explicit_check(sys), "disable_only_when_enabled").trace;
}
} // namespace

TEST_CASE("an ITF trace has the format's structure and Quint's mbt fields") {
    const auto sys = shipped_system("baseline", "pf-vf");
    const json j =
        trace_to_itf(sys, baseline_warn_trace(sys), {"disable_only_when_enabled", "explicit", ""});
    CHECK(j["#meta"]["format"] == "ITF");
    CHECK(j["#meta"]["revision"] == "baseline");
    CHECK(j["#meta"]["scenario"] == "pf-vf");
    CHECK(j["#meta"]["property"] == "disable_only_when_enabled");
    CHECK(j["#meta"]["engine"] == "explicit");
    CHECK(j["#meta"]["tool"].get<std::string>().rfind("atscheck ", 0) == 0);
    REQUIRE(j["states"].size() == 5);
    for (size_t i = 0; i < j["states"].size(); ++i) {
        const json& s = j["states"][i];
        CHECK(s["#meta"]["index"] == i);
        for (const auto& var : j["vars"])
            CHECK(s.contains(var.get<std::string>()));
    }
    const json& last = j["states"][4];
    CHECK(last["mbt::actionTaken"] == "attach_prepare");
    CHECK(last["#meta"]["label"] == "attach_prepare(0000:01:00.1, blocked)");
    CHECK(last["mbt::nondetPicks"]["device"]["value"] == "0000:01:00.1");
    CHECK(last["mbt::nondetPicks"]["domain"]["value"] == "blocked");
    CHECK(last["warn_disable"] == true);
    const json& dma = last["domain"]["#map"][0];
    CHECK(dma[0] == "dma");
    CHECK(dma[1]["nr_ats_masters"] == json{{"#bigint", "1"}});
}

TEST_CASE("an ITF trace reads back to the same trace, and replays") {
    const auto sys = shipped_system("merged", "pf-vf-faults");
    const auto r = explicit_check(sys);
    int checked = 0;
    for (const auto& p : r.properties) {
        if (p.verdict != Verdict::Violated)
            continue;
        const json j =
            trace_to_itf(sys, *p.trace, {property_info(p.property).name, "explicit", ""});
        const ItfTrace back = trace_from_itf("mem.itf.json", json::parse(j.dump()));
        REQUIRE(back.trace.steps.size() == p.trace->steps.size());
        CHECK(trace_to_itf(back.system, back.trace, back.meta) == j);
        CHECK_FALSE(replay_trace(back.system, back.trace).mismatch);
        ++checked;
    }
    CHECK(checked >= 3);
}

TEST_CASE("a trace stored under the WARN flags' old names reads back, and replays") {
    const auto sys = shipped_system("baseline", "pf-vf");
    const auto r = explicit_check(sys);
    const auto& p = r.properties.at(1); // disable_only_when_enabled: warn_disable set
    REQUIRE(p.verdict == Verdict::Violated);
    json j = trace_to_itf(sys, *p.trace, {property_info(p.property).name, "explicit", ""});
    std::string text = j.dump();
    for (const auto& a : kFlagAliases) // as atscheck wrote them before the rename
        for (size_t at; (at = text.find("\"" + std::string(a.name) + "\"")) != std::string::npos;)
            text.replace(at + 1, a.name.size(), a.old_name);
    REQUIRE(text.find("\"warn_disable_132\"") != std::string::npos);
    const ItfTrace back = trace_from_itf("old.itf.json", json::parse(text));
    CHECK(back.trace.steps.back().state.flags.warn_disable);
    CHECK_FALSE(replay_trace(back.system, back.trace).mismatch);
    CHECK(trace_to_itf(back.system, back.trace, back.meta) == j); // written under the new names
}

TEST_CASE("the text view tells the story in kernel terms with the kernel's splat") {
    const auto sys = shipped_system("baseline", "pf-vf");
    const std::string story = render_story(sys, baseline_warn_trace(sys));
    CHECK_THAT(story,
               Catch::Contains("3. attach_commit(0000:01:00.1): pci_enable_ats() = -EINVAL"));
    CHECK_THAT(story, Catch::Contains("WARNING: drivers/pci/ats.c:132 at pci_disable_ats"));
    CHECK_THAT(story, Catch::Contains(" pci_disable_ats\n      "
                                      " arm_smmu_attach_prepare\n      "
                                      " arm_smmu_attach_dev_ste\n      "
                                      " arm_smmu_attach_dev_blocked\n"));
    const auto merged = shipped_system("merged", "pf-vf-faults");
    const auto t = *result_for(explicit_check(merged), "disable_only_when_enabled").trace;
    CHECK_THAT(render_story(merged, t),
               Catch::Contains("WARNING: drivers/pci/ats.c:139 at pci_disable_ats"));
    CHECK_THAT(render_story(merged, t), Catch::Contains("[enable_fails=true]"));
}

TEST_CASE("check --out writes traces that replay names") {
    const auto dir = fresh_dir("traces");
    const auto r = run_cli("check --revision baseline --scenario pf-vf --out " + dir.string());
    CHECK(r.exit_code == 1);
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        ++files;
        const auto rr = run_cli("replay " + e.path().string());
        INFO(rr.err);
        CHECK(rr.exit_code == 1);
        const std::string property = json::parse(slurp(e.path()))["#meta"]["property"];
        CHECK_THAT(rr.out, Catch::Contains("violates:") && Catch::Contains(property));
    }
    CHECK(files == 4);
}

TEST_CASE("check --format json prints one object with a verdict per property") {
    const auto dir = fresh_dir("json");
    const auto r = run_cli("check -r merged -s pf-vf --format json --out " + dir.string());
    CHECK(r.exit_code == 1);
    const json j = json::parse(r.out);
    CHECK(j["revision"] == "merged");
    CHECK(j["scenario"] == "pf-vf");
    CHECK(j["engine"] == "auto");
    REQUIRE(j["properties"].size() == shipped_property_count());
    for (const auto& p : j["properties"]) {
        const bool violated = p["name"] == "probe_succeeds";
        CHECK(p["verdict"] == (violated ? "violated" : "proved"));
        CHECK(p["trace"].is_null() == !violated);
        if (violated)
            CHECK(p["depth"] == 1);
    }
}

TEST_CASE("a tampered trace is rejected with the state it breaks at, exit 2") {
    const auto sys = shipped_system("baseline", "pf-vf");
    json j =
        trace_to_itf(sys, baseline_warn_trace(sys), {"disable_only_when_enabled", "explicit", ""});
    const auto dir = fresh_dir("tamper");
    SECTION("a recorded state the model does not reach") {
        j["states"][3]["master"]["#map"][1][1]["ats_enabled"] = false;
        write_file(dir / "t.itf.json", j.dump());
        const auto r = run_cli("replay " + (dir / "t.itf.json").string());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("$.states[3]") &&
                              Catch::Contains("master[0000:01:00.1].ats_enabled"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    SECTION("a step that is not enabled") {
        j["states"].erase(1); // drop the probe: attach_prepare needs a probed master
        for (size_t i = 0; i < j["states"].size(); ++i)
            j["states"][i]["#meta"]["index"] = i;
        write_file(dir / "t.itf.json", j.dump());
        const auto r = run_cli("replay " + (dir / "t.itf.json").string());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("$.states[1]") && Catch::Contains("not enabled"));
    }
    SECTION("a trace that does not violate the property it names") {
        j["states"].erase(4);
        write_file(dir / "t.itf.json", j.dump());
        const auto r = run_cli("replay " + (dir / "t.itf.json").string());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("does not violate \"disable_only_when_enabled\""));
    }
}
