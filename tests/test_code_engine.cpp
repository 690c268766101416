// check --kernel: the explicit search on a tree's compiled code. Where the
// lockstep found the code and a revision agreeing on every step, the two
// verdict tables are the same; a patch out of the model is checked on its
// own code, its shortest trace told from what the code did.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "smmu_fixture.hpp"

using namespace atscheck::test;
using namespace smmu_fixture;

namespace code_engine_test {

size_t widest_line(const std::string& text) {
    size_t widest = 0, at = 0;
    for (size_t nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1)
        widest = std::max(widest, nl - at);
    return widest;
}

// Each property's verdict and trace length, by name.
std::map<std::string, std::string> verdicts(const std::string& args) {
    const auto r = run_cli("check " + args + " --format json");
    INFO(args << "\n" << r.err);
    REQUIRE(r.exit_code != 2);
    const auto j = nlohmann::json::parse(r.out); // kept: the loop reads into it
    std::map<std::string, std::string> out;
    for (const auto& p : j["properties"])
        out[p["name"]] = p["verdict"].get<std::string>() +
                         (p["depth"].is_null() ? "" : "@" + std::to_string(p["depth"].get<int>()));
    return out;
}

// The revision conform drafts for `top`, written beside it.
fs::path drafted(const fs::path& top) {
    const fs::path revision = top.string() + ".revision.json";
    const auto r = run_cli("conform --kernel " + top.string() + " --emit-revision " +
                           revision.string() + " -s pf-vf");
    INFO(r.out + r.err);
    REQUIRE(r.exit_code == 0);
    return revision;
}

} // namespace code_engine_test

using namespace code_engine_test;

TEST_CASE("check --kernel: the fixture driver's verdicts are its drafted revision's") {
    const auto top = fixture_tree("code-base", {});
    const fs::path revision = drafted(top);
    for (const char* s : {"one-function", "pf-vf", "pf-vf-real", "pf-vf-required", "pf-vf-faults",
                          "pf-vf-third-party"}) {
        INFO(s);
        const auto code = verdicts("--kernel " + top.string() + " -s " + s);
        CHECK(code.size() == 12);
        CHECK(code == verdicts("-r " + revision.string() + " -s " + s));
    }
    fs::remove_all(top);
    fs::remove(revision);
}

TEST_CASE("check --kernel: symmetry on the code keeps every verdict and trace length") {
    const auto top = fixture_tree("code-symmetry", {});
    const fs::path revision = drafted(top);
    // Two alike functions: the units the reduction swaps.
    const fs::path scenario = top.string() + ".two-functions.json";
    write_file(scenario, R"({"name": "two-functions", "smmus": [{"name": "smmu0", "stu": 12}],
        "devices": [{"name": "0000:01:00.0", "ats_cap": true},
                    {"name": "0000:02:00.0", "ats_cap": true}],
        "domains": [{"name": "dma", "kind": "paging"}, {"name": "blocked", "kind": "blocked"}],
        "lock": "global", "probe_order": "pf_first", "faults": {"enable": "injected"}})");
    const std::string code = "--kernel " + top.string() + " -s " + scenario.string();
    const auto reduced = verdicts(code);
    CHECK(reduced.size() == 12);
    CHECK(reduced.at("nr_ats_masters_consistent") == "violated@3");
    CHECK(reduced == verdicts(code + " --no-symmetry"));
    CHECK(reduced == verdicts("-r " + revision.string() + " -s " + scenario.string()));
    // Fewer states, and the proofs say what they rest on.
    auto states = [&](const std::string& args) {
        return nlohmann::json::parse(
                   run_cli("check " + args + " --format json").out)["stats"]["states"]
            .get<int>();
    };
    CHECK(states(code) < states(code + " --no-symmetry"));
    CHECK(run_cli("check " + code).out.find("(up to symmetry: 2 interchangeable devices)") !=
          std::string::npos);
    fs::remove_all(top);
    fs::remove(revision);
    fs::remove(scenario);
}

TEST_CASE("check --kernel: a reordered commit breaks nr_ats_masters_consistent on the code") {
    const auto top =
        fixture_tree("code-reordered", {kOnFailureDevErr, kCommitIgnores, kTailReordered});
    const fs::path out = fresh_dir("code-reordered-traces");
    fs::remove_all(out);
    const auto r =
        run_cli("check --kernel " + top.string() + " -s one-function -o " + out.string());
    INFO(r.out + r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("checked on the code of " + top.string()) != std::string::npos);
    CHECK(r.out.find("nr_ats_masters_consistent violated in 5 steps") != std::string::npos);
    // The story is the code's: attach_commit to blocked leaves dma's count.
    CHECK(r.out.find("5. attach_commit(0000:01:00.0)") != std::string::npos);
    CHECK(r.out.find("the trace does not replay") == std::string::npos);
    // Under a depth bound shorter than the trace: bounded there, exit 3.
    const auto bounded = run_cli("check --kernel " + top.string() +
                                 " -s one-function --depth 3 -p nr_ats_masters_consistent");
    CHECK(bounded.exit_code == 3);
    CHECK(bounded.out.find("bounded@3") != std::string::npos);
    // The same tree unpatched proves it.
    const auto base = fixture_tree("code-unpatched", {});
    CHECK(verdicts("--kernel " + base.string() + " -s one-function")["nr_ats_masters_consistent"] ==
          "proved");
    CHECK(fs::exists(out / "kernel.one-function.nr_ats_masters_consistent.itf.json"));
    fs::remove_all(top);
    fs::remove_all(base);
    fs::remove_all(out);
}

TEST_CASE("check --kernel: bad input is one line and exit 2") {
    const auto top = fixture_tree("code-bad-input", {});
    struct Case {
        std::string args, says;
    };
    const Case cases[] = {
        {"--kernel " + top.string() + " -r baseline -s pf-vf", "--revision excludes --kernel"},
        {"--kernel " + top.string() + " -s nested", "the code engine cannot drive"},
        {"--kernel " + top.string() + " -s pf-vf --engine bmc", "--engine: does not apply"},
        {"--kernel /nonexistent -s pf-vf", "no such directory"},
        {"--kernel " + top.string() + " -s pf-vf --vacuity error", "--vacuity: does not apply"},
        {"--kernel " + top.string() + " -s pf-vf --memory-limit 8", "--memory-limit"},
        {"--kernel " + top.string() + " -s pf-vf --depth -1", "--depth: -1"},
        {"-s pf-vf", "check needs a revision (-r) or a tree (--kernel)"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        const auto r = run_cli("check " + c.args);
        CHECK(r.exit_code == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.err.find(c.says) != std::string::npos);
    }
    fs::remove_all(top);
}

TEST_CASE("check --kernel: Debian's 6.12 proves all twelve on one function, as its revision does") {
    const fs::path top = debian_612();
    if (top.empty())
        return; // not installed: debian_612() warned
    const auto code = verdicts("--kernel " + top.string() + " -s one-function");
    CHECK(code.size() == 12);
    for (const auto& [name, verdict] : code)
        CHECK(verdict == "proved");
    const fs::path revision = drafted(top);
    for (const char* s : {"one-function", "pf-vf", "pf-vf-real", "pasid"}) {
        INFO(s);
        CHECK(verdicts("--kernel " + top.string() + " -s " + s) ==
              verdicts("-r " + revision.string() + " -s " + s));
    }
    fs::remove(revision);
    // master->ats_enabled set before the old domain is left.
    const fs::path patched =
        patched_612(top, "code-reordered",
                    {{"\tarm_smmu_remove_master_domain(master, state->old_domain, state->ssid);\n"
                      "\tmaster->ats_enabled = state->ats_enabled;",
                      "\tmaster->ats_enabled = state->ats_enabled;\n"
                      "\tarm_smmu_remove_master_domain(master, state->old_domain, state->ssid);"}});
    CHECK(verdicts("--kernel " + patched.string() +
                   " -s one-function")["nr_ats_masters_consistent"] == "violated@5");
    fs::remove_all(patched);
}

TEST_CASE("check --kernel: a tree is compiled once, and again when a file it reads changes") {
    const fs::path cache = fresh_dir("code-cache");
    ::setenv("ATSCHECK_CACHE_DIR", cache.c_str(), 1);
    const auto top = fixture_tree("code-cached", {});
    auto entries = [&] {
        return std::distance(fs::directory_iterator(cache / "trees"), fs::directory_iterator{});
    };
    const auto first = verdicts("--kernel " + top.string() + " -s pf-vf-real");
    CHECK(entries() == 1);
    CHECK(verdicts("--kernel " + top.string() + " -s pf-vf-real") == first);
    CHECK(entries() == 1);
    // The reordered commit: another entry, and the code's own verdict.
    const fs::path c = top / kSmmuDir / "arm-smmu-v3.c";
    write_file(c, substitute(slurp(c), kTail, kTailReordered));
    CHECK(verdicts("--kernel " + top.string() + " -s one-function")["nr_ats_masters_consistent"] ==
          "violated@5");
    CHECK(entries() == 2);
    ::unsetenv("ATSCHECK_CACHE_DIR");
    fs::remove_all(top);
    fs::remove_all(cache);
}

namespace code_engine_test {

// A git tree of three commits of the fixture driver: the baseline, the WARN
// patch (v6 4/6's answer to a failed enable), and the reordered commit.
fs::path series_tree() {
    const auto top = fixture_tree("series", {});
    const std::string git = "git -C " + top.string() + " -c user.name=t -c user.email=t@example ";
    auto commit = [&](const std::string& subject) {
        REQUIRE(std::system((git + "add -A").c_str()) == 0);
        REQUIRE(std::system((git + "commit -qm " + atscheck::shell_quoted(subject)).c_str()) == 0);
    };
    REQUIRE(std::system(("git -C " + top.string() + " init -q").c_str()) == 0);
    commit("baseline");
    const fs::path c = top / kSmmuDir / "arm-smmu-v3.c";
    write_file(c, substitute(slurp(c), kOnFailureDevErr, kOnFailureWarn));
    commit("iommu/arm-smmu-v3: WARN when pci_enable_ats() fails");
    write_file(c, substitute(slurp(c), kTail, kTailReordered));
    commit("iommu/arm-smmu-v3: Set ats_enabled before leaving the old domain");
    return top;
}

} // namespace code_engine_test

TEST_CASE("series over a fixture git tree names the commit that breaks a verdict") {
    const auto top = series_tree();
    const std::string series = "series --kernel " + top.string() +
                               " HEAD~2..HEAD -s one-function -p nr_ats_masters_consistent";
    // The text, and the same tables as a page: the breaking commit's cell marked.
    const fs::path html = top.string() + ".series.html";
    const auto r = run_cli(series + " --html " + html.string());
    INFO(r.out + r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("leaves the model  iommu/arm-smmu-v3: Set ats_enabled") != std::string::npos);
    CHECK(r.out.find("(\"iommu/arm-smmu-v3: Set ats_enabled before leaving the old domain\") "
                     "breaks nr_ats_masters_consistent (one-function): proved -> violated@5") !=
          std::string::npos);
    // The WARN patch changes no verdict here, and the JSON says the same.
    CHECK(r.out.find("WARN when pci_enable_ats() fails\") ") == std::string::npos);
    CHECK(slurp(html).find("<td class=\"verdict violated changed\">violated@5</td>") !=
          std::string::npos);
    fs::remove(html);
    const auto j = nlohmann::json::parse(run_cli(series + " --format json").out);
    REQUIRE(j["steps"].size() == 3);
    CHECK(j["steps"][1]["knobs"]["enable_failure"] == "warn");
    CHECK(j["changes"].size() == 1);
    CHECK(j["changes"][0]["what"] == "breaks");
    // For a reply on the list: 72 columns, the commit named.
    const auto mail = run_cli(series + " --format mail");
    CHECK(mail.exit_code == 1);
    CHECK(widest_line(mail.out) <= 72);
    CHECK(mail.out.find("breaks nr_ats_masters_consistent (one-function)") != std::string::npos);
    // A range that names nothing is bad input.
    const auto bad = run_cli("series --kernel " + top.string() + " nosuch..HEAD");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("names no commit") != std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("ci gates on a series: a commit that breaks a verdict, the tip's expectations") {
    const auto top = series_tree();
    const fs::path manifest = top.string() + ".ci.json";
    auto gate = [&](const std::string& range, const std::string& expect) {
        write_file(manifest, R"({"kernel": ")" + top.string() + R"(", "series": {"range": ")" +
                                 range + R"(", "scenarios": ["one-function"], "expect": {)" +
                                 expect + "}}}");
        return run_cli("ci " + manifest.string());
    };
    // Baseline and the WARN patch: nothing breaks, the tip holds.
    const auto pass = gate("HEAD~2..HEAD~1", R"("nr_ats_masters_consistent": "holds")");
    INFO(pass.out + pass.err);
    CHECK(pass.exit_code == 0);
    CHECK(pass.out.find("on 0 cells and a series of 2 commits: 1 met") != std::string::npos);
    // With the reordering, the commit is named and the tip's expectation fails.
    const auto fail = gate("HEAD~2..HEAD", R"("nr_ats_masters_consistent": "holds")");
    INFO(fail.out + fail.err);
    CHECK(fail.exit_code == 1);
    CHECK(fail.out.find("regression: ") != std::string::npos);
    CHECK(fail.out.find("(\"iommu/arm-smmu-v3: Set ats_enabled before leaving the old domain\") "
                        "breaks nr_ats_masters_consistent on scenario one-function: proved -> "
                        "violated@5") != std::string::npos);
    CHECK(fail.out.find("(the series' tip), scenario one-function was expected to hold and is "
                        "violated@5") != std::string::npos);
    CHECK(fail.out.find("-> FAIL") != std::string::npos);
    // Bad input: one line, exit 2, before any build.
    write_file(manifest, R"({"series": {"range": "HEAD~1..HEAD"}})");
    const auto no_tree = run_cli("ci " + manifest.string());
    CHECK(no_tree.exit_code == 2);
    CHECK(no_tree.err.find("$.series: a series needs a kernel tree") != std::string::npos);
    write_file(manifest, R"({"kernel": "x", "series": {"range": "HEAD"}})");
    const auto no_range = run_cli("ci " + manifest.string());
    CHECK(no_range.exit_code == 2);
    CHECK(no_range.err.find("$.series.range: \"HEAD\" is not BASE..TIP") != std::string::npos);
    fs::remove(manifest);
    fs::remove_all(top);
}

TEST_CASE("check and diff in the mail format: 72 columns, the verdicts, the traces with splats") {
    const auto model = run_cli("check -r baseline -s pf-vf --format mail");
    CHECK(model.exit_code == 1);
    CHECK(widest_line(model.out) <= 72);
    CHECK(model.out.find("  nr_ats_masters_consistent     violated@3") != std::string::npos);
    CHECK(model.out.find("The shortest trace to disable_only_when_enabled (4 steps)") !=
          std::string::npos);
    CHECK(model.out.find("WARNING: drivers/pci/ats.c:132 at pci_disable_ats") != std::string::npos);
    // diff: the changed verdicts and their traces, in the same width.
    const auto diff = run_cli("diff baseline merged --scenario pf-vf --format mail");
    CHECK(diff.exit_code == 1);
    CHECK(widest_line(diff.out) <= 72);
    CHECK(diff.out.find("  probe_succeeds                proved        violated@1    broken") !=
          std::string::npos);
    CHECK(diff.out.find("WARNING: drivers/pci/ats.c:132 at pci_disable_ats") != std::string::npos);
    // On a tree's code, the tree's own line.
    const auto top = fixture_tree("code-mail", {});
    const auto code = run_cli("check --kernel " + top.string() + " -s pf-vf --format mail");
    CHECK(code.exit_code == 1);
    CHECK(widest_line(code.out) <= 72);
    CHECK(code.out.find("on the code of " + top.string()) != std::string::npos);
    CHECK(code.out.find("WARNING: drivers/pci/ats.c:") != std::string::npos);
    CHECK(code.out.find("Call trace:") != std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("series over a fixture git tree's patch, applied to a copy of its base") {
    const auto top = series_tree();
    const fs::path patches = fresh_dir("series-patches");
    REQUIRE(
        std::system(("git -C " + top.string() + " format-patch -q -1 HEAD -o " + patches.string())
                        .c_str()) == 0);
    const fs::path patch = fs::directory_iterator(patches)->path();
    // The base is the WARN patch's tree, out of git: the copy is checked, not it.
    REQUIRE(std::system(("git -C " + top.string() + " checkout -q HEAD~1 && rm -rf " +
                         (top / ".git").string())
                            .c_str()) == 0);
    const auto r = run_cli("series --kernel " + top.string() + " --patch " + patch.string() +
                           " -s one-function -p nr_ats_masters_consistent");
    INFO(r.out + r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("breaks nr_ats_masters_consistent (one-function): proved -> violated@5") !=
          std::string::npos);
    // A patch that does not apply: one line naming it, exit 2.
    const fs::path bad = patches / "bad.patch";
    write_file(bad, "not a patch\n");
    const auto b = run_cli("series --kernel " + top.string() + " --patch " + bad.string());
    CHECK(b.exit_code == 2);
    CHECK(b.err.find(bad.string() + ": does not apply") != std::string::npos);
    CHECK(std::count(b.err.begin(), b.err.end(), '\n') == 1);
    fs::remove_all(top);
    fs::remove_all(patches);
}
