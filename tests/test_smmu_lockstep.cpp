// The SMMU lockstep of atscheck conform: a fixture driver of atscheck's own
// writing (tests/data/conform/smmu/) in the variants a patch series makes,
// each run on the model's graph; and, where Debian's linux-source-6.12 is
// installed, the real 6.12 tree and the same tree with its commit reordered.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "checker/conform/shell.hpp"
#include "helpers.hpp"
#include "smmu_fixture.hpp"

using namespace atscheck::test;
using namespace smmu_fixture;
namespace fs = std::filesystem;

namespace smmu_lockstep_test {

nlohmann::json conform_json(const fs::path& top, const std::string& scenarios, int want_exit) {
    const auto r = run_cli("conform --kernel " + top.string() + " " + scenarios + " --format json");
    INFO(r.err);
    REQUIRE(r.exit_code == want_exit);
    return nlohmann::json::parse(r.out)["lockstep"];
}

std::string knob(const nlohmann::json& lockstep, const std::string& name) {
    for (const auto& k : lockstep["knobs"])
        if (k["knob"] == name)
            return k["value"].is_null() ? "" : k["value"].get<std::string>();
    return "";
}

std::vector<std::string> behaviour(const nlohmann::json& lockstep, const std::string& name) {
    for (const auto& k : lockstep["knobs"])
        if (k["knob"] == name)
            return k["behaviour"].get<std::vector<std::string>>();
    return {};
}

} // namespace smmu_lockstep_test

using namespace smmu_lockstep_test;

TEST_CASE("lockstep: the fixture driver agrees on every step, its knobs read from behaviour") {
    const auto top = fixture_tree("base", {});
    const auto l = conform_json(top, "-s pf-vf -s pf-vf-real", 0);
    CHECK(behaviour(l, "enable_failure") == std::vector<std::string>{"dev_err"});
    CHECK(knob(l, "enable_failure") == "dev_err");
    CHECK(knob(l, "probe_prepare") == "all_ignore_result");
    // What ran from the tree and what was stubbed, with why.
    bool commit_from_tree = false, sync_stubbed = false;
    for (const auto& f : l["functions"]) {
        commit_from_tree |= f["function"] == "arm_smmu_attach_commit" && f["from_tree"] == true;
        sync_stubbed |= f["function"] == "arm_smmu_sync_ste" && f["from_tree"] == false &&
                        !f["why"].get<std::string>().empty();
    }
    CHECK(commit_from_tree);
    CHECK(sync_stubbed);
    for (const auto& s : l["scenarios"])
        CHECK(s["paths"].get<int>() > 10);
    fs::remove_all(top);
}

TEST_CASE("lockstep: a scenario that relaxes the lock is told so, with the steps that needed it") {
    const auto top = fixture_tree("nolock", {});
    const auto r = run_cli("conform --kernel " + top.string() + " -s pf-vf-nolock");
    INFO(r.out + r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("arm_smmu_asid_lock taken while held on ") != std::string::npos);
    CHECK(r.out.find("the scenario relaxes the kernel's locking") != std::string::npos);
    // Under the kernel's lock, a release while another attach is paused still
    // takes the lock the paused attach holds: the model's interleaving, labelled so.
    const auto locked = run_cli("conform --kernel " + top.string() + " -s pf-vf");
    CHECK(locked.out.find("the model interleaves there what the kernel serializes") !=
          std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("lockstep: a series' answers to a failed enable are told apart by behaviour") {
    struct Want {
        const char* name;
        Variant v;
        const char* enable_failure;
    };
    const Want wants[] = {
        {"warn", {kOnFailureWarn, kCommitIgnores, kTail, kProbeIgnores}, "warn"},
        {"rollback", {kOnFailureReturn, kCommitRollsBack, kTail, kProbeIgnores}, "rollback"},
    };
    for (const auto& w : wants) {
        INFO(w.name);
        const auto top = fixture_tree(w.name, w.v);
        const auto l = conform_json(top, "-s pf-vf", 0);
        CHECK(behaviour(l, "enable_failure") == std::vector<std::string>{w.enable_failure});
        CHECK(knob(l, "enable_failure") == w.enable_failure);
        fs::remove_all(top);
    }
}

TEST_CASE("lockstep: a fatal probe-time prepare is read from behaviour") {
    const auto top =
        fixture_tree("fatal-probe", {kOnFailureDevErr, kCommitIgnores, kTail, kProbeFatal});
    const auto l = conform_json(top, "-s pf-vf-third-party", 0);
    CHECK(behaviour(l, "probe_prepare") == std::vector<std::string>{"supported_fail_probe"});
    CHECK(knob(l, "probe_prepare") == "supported_fail_probe");
    fs::remove_all(top);
}

TEST_CASE("lockstep: a reordered commit leaves the model, exit 1 with the step in kernel terms") {
    const auto top = fixture_tree(
        "reordered", {kOnFailureDevErr, kCommitIgnores, kTailReordered, kProbeIgnores});
    const fs::path itf = top / "divergence.itf.json";
    const auto r = run_cli("conform --kernel " + top.string() + " -s pf-vf --itf " + itf.string());
    INFO(r.out + r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("no knob combination agrees on every step") != std::string::npos);
    CHECK(r.out.find("attach_commit(0000:01:00.0), in arm_smmu_attach_commit") !=
          std::string::npos);
    CHECK(r.out.find("domain[dma].nr_ats_masters: the model 0, the code 1") != std::string::npos);
    // The count the commit failed to drop was set by the prepare of an earlier step.
    CHECK(r.out.find("set by arm_smmu_attach_prepare (" + std::string(kSmmuDir) +
                     "/arm-smmu-v3.c:") != std::string::npos);
    // The path replays on the model: the model's side of the divergence.
    const auto replay = run_cli("replay " + itf.string());
    CHECK(replay.exit_code == 0);
    fs::remove_all(top);
}

TEST_CASE(
    "lockstep: code that crashes on one path is a divergence at that step, the others still run") {
    Variant v;
    v.enable = substitute(kOnFailureDevErr, "\t\treturn -EIO;",
                          "\t\t*(volatile int *)0 = 0;\n\t\treturn -EIO;");
    const auto top = fixture_tree("crashes", v);
    const auto r = run_cli("conform --kernel " + top.string() + " -s pf-vf");
    INFO(r.out + r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("step 3:    attach_commit(0000:01:00.1), in arm_smmu_attach_commit") !=
          std::string::npos);
    CHECK(r.out.find("the code died of signal 11 where the model's step returns") !=
          std::string::npos);
    // The paths that never fail an enable still ran and agreed up to there.
    CHECK(r.out.find("(up to 0 steps") == std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("lockstep: a driver without the harness's entry points is bad input, exit 2") {
    const auto top = fixture_tree("no-release", {});
    std::string c = slurp(top / kSmmuDir / "arm-smmu-v3.c");
    c = substitute(c, "arm_smmu_release_device(struct device *dev)\n{",
                   "arm_smmu_release_device_gone(struct device *dev)\n{");
    write_file(top / kSmmuDir / "arm-smmu-v3.c", c);
    const auto r = run_cli("conform --kernel " + top.string() + " -s pf-vf");
    CHECK(r.exit_code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("defines no arm_smmu_release_device()") != std::string::npos);
    fs::remove_all(top);
}

namespace smmu_lockstep_test {

// A tree of the invalidation-array era's fixture driver, with `unref` as the
// commit's handling of the old domain's ATS entry.
fs::path invs_tree(const std::string& name, const std::string& unref) {
    const fs::path top = fixture_tree(name, {});
    write_file(top / kSmmuDir / "arm-smmu-v3.h", slurp(kData / "smmu-invs/arm-smmu-v3.h.in"));
    write_file(top / kSmmuDir / "arm-smmu-v3.c",
               substitute(slurp(kData / "smmu-invs/arm-smmu-v3.c.in"), "@UNREF@", unref));
    return top;
}

} // namespace smmu_lockstep_test

TEST_CASE("lockstep: the invalidation-array era, its ATS entries read from the arrays") {
    const auto good = invs_tree("invs", "\tif (inv)\n\t\tinv->users--;");
    const auto l = conform_json(good, "-s pf-vf -s pf-vf-real", 0);
    CHECK(l["era"].get<std::string>().find("invalidation arrays") != std::string::npos);
    CHECK(knob(l, "enable_failure") == "dev_err");
    fs::remove_all(good);

    // A commit that keeps the old domain's ATS entry: the count and the list
    // are right, the array is not.
    const auto leak = invs_tree("invs-leak", "\t(void)inv;");
    const auto r = run_cli("conform --kernel " + leak.string() + " -s pf-vf");
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("domain[dma].ats_invs[0000:01:00.0]: the model 0, the code 1") !=
          std::string::npos);
    // The entry's users were last set by the prepare that merged it.
    CHECK(r.out.find("set by arm_smmu_attach_prepare_invs (" + std::string(kSmmuDir) +
                     "/arm-smmu-v3.c:") != std::string::npos);
    fs::remove_all(leak);
}

TEST_CASE("lockstep: Debian's 6.12 tree conforms, and its reordered commit does not") {
    const fs::path top = debian_612();
    if (top.empty())
        return; // not installed: debian_612() warned
    const fs::path revision = fs::path(ATSCHECK_TEST_BUILD) / "kernel-6.12.json";
    const auto r = run_cli("conform --kernel " + top.string() + " --emit-revision " +
                           revision.string() + " --format json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto l = nlohmann::json::parse(r.out)["lockstep"];
    CHECK(behaviour(l, "enable_failure") == std::vector<std::string>{"dev_err"});
    CHECK(behaviour(l, "ats_always_on") == std::vector<std::string>{"off"});
    const auto drafted = nlohmann::json::parse(slurp(revision));
    CHECK(drafted["enable_failure"] == "dev_err");
    CHECK(drafted["probe_prepare"] == "all_ignore_result");
    CHECK(drafted["ats_supported"] == "pf_aware");
    CHECK(drafted["prepare_vf"] == "noop");
    CHECK(drafted["kernel"]["unavailable"].contains("reset_prepare"));
    // 6.12 detaches a PASID through arm_smmu_remove_dev_pasid: not unavailable.
    CHECK_FALSE(drafted["kernel"]["unavailable"].contains("pasid_detach"));
    CHECK(drafted["kernel"]["unrecognised"].empty());
    // PASIDs run from the tree, the SVA domain's from arm-smmu-v3-sva.c, and
    // every combination agrees on every step of the pasid scenario.
    auto runs_from_tree = [&](const std::string& name, const std::string& file) {
        for (const auto& f : l["functions"])
            if (f["function"] == name)
                return f["from_tree"].get<bool>() &&
                       f["file"] == std::string(kSmmuDir) + "/" + file;
        return false;
    };
    CHECK(runs_from_tree("arm_smmu_set_pasid", "arm-smmu-v3.c"));
    CHECK(runs_from_tree("arm_smmu_remove_dev_pasid", "arm-smmu-v3.c"));
    CHECK(runs_from_tree("arm_smmu_sva_set_dev_pasid", "arm-smmu-v3-sva.c"));
    bool pasid_replayed = false;
    for (const auto& s : l["scenarios"])
        if (s["scenario"] == "pasid") {
            pasid_replayed = s["verdicts"].size() == 27 && s["narrowed"] == "";
            for (const auto& v : s["verdicts"])
                CHECK((v["divergence"].is_null() && v["steps"].get<int>() > 0));
        }
    CHECK(pasid_replayed);
    // The drafted revision loads and checks.
    CHECK(run_cli("check -r " + revision.string() + " -s pf-vf").exit_code == 1);

    // master->ats_enabled set before the old domain is left: the old
    // domain's count leaks whenever ATS goes off.
    const fs::path patched = fresh_dir("lockstep-612-reordered");
    fs::copy(top, patched, fs::copy_options::recursive);
    const fs::path c = patched / kSmmuDir / "arm-smmu-v3.c";
    write_file(c, substitute(slurp(c),
                             "\tarm_smmu_remove_master_domain(master, state->old_domain, "
                             "state->ssid);\n\tmaster->ats_enabled = state->ats_enabled;",
                             "\tmaster->ats_enabled = state->ats_enabled;\n"
                             "\tarm_smmu_remove_master_domain(master, state->old_domain, "
                             "state->ssid);"));
    const auto bad = run_cli("conform --kernel " + patched.string() + " -s pf-vf");
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find("in arm_smmu_attach_commit") != std::string::npos);
    CHECK(bad.out.find("domain[dma].nr_ats_masters: the model 0, the code 1") != std::string::npos);
    fs::remove_all(patched);
}

TEST_CASE("lockstep: Debian's 6.12 PASID detach without its STE downgrade leaves the model") {
    const fs::path top = debian_612();
    if (top.empty())
        return; // not installed: debian_612() warned
    // Once the last SSID is gone, 6.12 re-attaches an identity or blocked RID
    // domain (612c:3004-3013), which turns ATS off: without it ATS stays on.
    const fs::path patched = fresh_dir("lockstep-612-no-downgrade");
    fs::copy(top, patched, fs::copy_options::recursive);
    const fs::path c = patched / kSmmuDir / "arm-smmu-v3.c";
    write_file(c, substitute(slurp(c), "\t\t\tsid_domain->ops->attach_dev(sid_domain, dev);\n",
                             "\t\t\t;\n"));
    const auto r = run_cli("conform --kernel " + patched.string() + " -s pasid");
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("step 5:    pasid_detach(0000:02:00.0)") != std::string::npos);
    CHECK(r.out.find("pdev[0000:02:00.0].ats_enabled: the model false, the code true") !=
          std::string::npos);
    fs::remove_all(patched);
}

TEST_CASE("lockstep: Debian's 6.12 tree with a series' hunks, each knob drafted from behaviour") {
    const fs::path top = debian_612();
    if (top.empty())
        return; // not installed: debian_612() warned
    const std::string enable_err =
        "\tif (pci_enable_ats(pdev, stu))\n"
        "\t\tdev_err(master->dev, \"Failed to enable ATS (STU %zu)\\n\", stu);";
    struct Want {
        const char* name;
        std::vector<std::pair<std::string, std::string>> hunks;
        const char* scenario;
        const char* knob;
        const char* value;
    };
    const Want wants[] = {
        // v6 4/6: a failed enable WARNs
        {"warn",
         {{enable_err, "\tWARN_ON(pci_enable_ats(pdev, stu));"}},
         "pf-vf",
         "enable_failure",
         "warn"},
        // the probe fails when a supported device's prepare does (unwinding the master)
        {"fatal-probe",
         {{"\tif (dev_is_pci(dev)) {\n\t\tunsigned int stu = __ffs(smmu->pgsize_bitmap);\n\n"
           "\t\tpci_prepare_ats(to_pci_dev(dev), stu);\n\t}",
           "\tif (dev_is_pci(dev) && arm_smmu_ats_supported(master)) {\n"
           "\t\tunsigned int stu = __ffs(smmu->pgsize_bitmap);\n\n"
           "\t\tret = pci_prepare_ats(to_pci_dev(dev), stu);\n"
           "\t\tif (ret)\n\t\t\tgoto err_remove_master;\n\t}"},
          {"\treturn &smmu->iommu;\n\nerr_free_master:",
           "\treturn &smmu->iommu;\n\nerr_remove_master:\n\tarm_smmu_disable_pasid(master);\n"
           "\tarm_smmu_remove_master(master);\nerr_free_master:"}},
         "pf-vf-third-party",
         "probe_prepare",
         "supported_fail_probe"},
        // the fix: commit takes back prepare's count when the enable fails
        {"rollback",
         {{"static void arm_smmu_enable_ats(struct arm_smmu_master *master)\n{",
           "static int arm_smmu_enable_ats(struct arm_smmu_master *master)\n{"},
          {enable_err + "\n}", "\treturn pci_enable_ats(pdev, stu);\n}"},
          {"\t/* Resulting state */\n\tbool ats_enabled;\n};",
           "\t/* Resulting state */\n\tbool ats_enabled;\n"
           "\tstruct arm_smmu_domain *new_smmu_domain;\n};"},
          {"\tif (smmu_domain || state->cd_needs_ats) {",
           "\tstate->new_smmu_domain = smmu_domain;\n\tif (smmu_domain || state->cd_needs_ats) {"},
          {"\tif (state->ats_enabled && !master->ats_enabled) {\n\t\tarm_smmu_enable_ats(master);",
           "\tif (state->ats_enabled && !master->ats_enabled) {\n"
           "\t\tif (arm_smmu_enable_ats(master)) {\n"
           "\t\t\tif (state->new_smmu_domain)\n"
           "\t\t\t\tatomic_dec(&state->new_smmu_domain->nr_ats_masters);\n"
           "\t\t\tstate->ats_enabled = false;\n\t\t}"}},
         "pf-vf",
         "enable_failure",
         "rollback"},
    };
    for (const auto& w : wants) {
        INFO(w.name);
        const fs::path tree = patched_612(top, w.name, w.hunks);
        const auto l = conform_json(tree, std::string("-s ") + w.scenario, 0);
        CHECK(behaviour(l, w.knob) == std::vector<std::string>{w.value});
        CHECK(knob(l, w.knob) == w.value);
        fs::remove_all(tree);
    }
}
