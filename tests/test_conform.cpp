// atscheck conform on fixture trees: an ats.c of atscheck's own writing
// (tests/data/conform/ats.c.in) filled in for each knob combination, one with
// a rule of its own, and trees that do not build.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "checker/conform/c_source.hpp"
#include "checker/conform/shell.hpp"
#include "helpers.hpp"

using namespace atscheck::test;
namespace fs = std::filesystem;

namespace {

struct Fill {
    std::string supported_vf, prepare_vf, disable_check;
};

const std::string kPfAware =
    "\tif (pdev->is_virtfn)\n\t\treturn pci_ats_supported(pci_physfn(pdev));";
const std::string kPrepareNoop = "\tif (pdev->is_virtfn)\n\t\treturn 0;";
const std::string kPrepareValidate =
    "\tif (pdev->is_virtfn)\n\t\treturn pci_physfn(pdev)->ats_stu == ps ? 0 : -EINVAL;";
const std::string kDisableWarns = "\tif (WARN_ON(!pdev->ats_enabled))\n\t\treturn;";

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// A tree holding only drivers/pci/ats.c with `text`; returns its top directory.
fs::path tree_with(const std::string& name, const std::string& text) {
    const fs::path top = fresh_dir("conform-" + name);
    fs::create_directories(top / "drivers/pci");
    write_file(top / "drivers/pci/ats.c", text);
    return top;
}

std::string filled(const Fill& f) {
    std::string s = slurp(fs::path(ATSCHECK_TEST_DATA) / "conform/ats.c.in");
    s = replace(s, "@SUPPORTED_VF@", f.supported_vf);
    s = replace(s, "@PREPARE_VF@", f.prepare_vf);
    return replace(s, "@DISABLE_CHECK@", f.disable_check);
}

// The line of the n-th (0-based) WARN_ON in `text`.
int warn_line(const std::string& text, int n) {
    std::istringstream in(text);
    int line = 0;
    for (std::string l; std::getline(in, l);)
        if (++line, l.find("WARN_ON(") != std::string::npos && n-- == 0)
            return line;
    return 0;
}

} // namespace

TEST_CASE("conform names the PCI knob combination each fixture ats.c implements") {
    struct Want {
        const char* name;
        Fill fill;
        const char* ats_supported;
        const char* prepare_vf;
    };
    const Want wants[] = {
        {"own-noop", {"", kPrepareNoop, kDisableWarns}, "own_cap", "noop"},
        {"own-validate", {"", kPrepareValidate, kDisableWarns}, "own_cap", "validate_stu"},
        {"pfaware-noop", {kPfAware, kPrepareNoop, kDisableWarns}, "pf_aware", "noop"},
        {"pfaware-validate",
         {kPfAware, kPrepareValidate, kDisableWarns},
         "pf_aware",
         "validate_stu"},
    };
    for (const auto& w : wants) {
        INFO(w.name);
        const std::string text = filled(w.fill);
        const auto top = tree_with(w.name, text);
        const auto r = run_cli("conform --kernel " + top.string() + " --format json");
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out)["pci"];
        CHECK(j["conforms"] == true);
        CHECK(j["combinations"][0]["ats_supported"] == w.ats_supported);
        CHECK(j["combinations"][0]["prepare_vf"] == w.prepare_vf);
        // The other three each differ somewhere: the cases tell them apart.
        for (size_t i = 1; i < j["combinations"].size(); ++i)
            CHECK_FALSE(j["combinations"][i]["disagreements"].empty());
        CHECK(j["warn_lines"]["pci_prepare_ats"] == nlohmann::json::array({warn_line(text, 0)}));
        CHECK(j["warn_lines"]["pci_enable_ats"] == nlohmann::json::array({warn_line(text, 1)}));
        CHECK(j["warn_lines"]["pci_disable_ats"] == nlohmann::json::array({warn_line(text, 2)}));
        fs::remove_all(top);
    }
}

TEST_CASE("conform lists the cases where an ats.c with a rule of its own differs, exit 1") {
    // pci_disable_ats() returns quietly on a disabled device: no combination has that.
    const auto top = tree_with(
        "own-rule", filled({kPfAware, kPrepareValidate, "\tif (!pdev->ats_enabled)\n\t\treturn;"}));
    const auto r = run_cli("conform --kernel " + top.string());
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("does not conform") != std::string::npos);
    CHECK(r.out.find("ats_supported pf_aware, prepare_vf validate_stu)") != std::string::npos);
    std::istringstream lines(r.out.substr(r.out.find("differs:\n")));
    std::string line;
    std::getline(lines, line);
    int listed = 0;
    while (std::getline(lines, line) && line.rfind("    pci_", 0) == 0) {
        ++listed;
        INFO(line);
        CHECK(line.rfind("    pci_disable_ats(", 0) == 0);
        CHECK(line.find("kernel ret 0, ats_enabled 0") != std::string::npos);
        CHECK(line.find("model ret 0, WARN, ats_enabled 0") != std::string::npos);
    }
    CHECK(listed > 0);
    fs::remove_all(top);
}

TEST_CASE("conform on a tree it cannot build: one line naming the file, exit 2") {
    SECTION("no ats.c") {
        const auto top = fresh_dir("conform-empty");
        const auto r = run_cli("conform --kernel " + top.string());
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("no drivers/pci/ats.c in this tree") != std::string::npos);
        fs::remove_all(top);
    }
    SECTION("a compile error, reported at the tree's file") {
        const std::string text = filled({kPfAware, kPrepareNoop, kDisableWarns}) +
                                 "\nint broken(void) { return undeclared_thing; }\n";
        const auto top = tree_with("broken", text);
        const auto r = run_cli("conform --kernel " + top.string());
        CHECK(r.exit_code == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.err.find((top / "drivers/pci/ats.c").string() + ": does not compile") !=
              std::string::npos);
        CHECK(r.err.find("undeclared_thing") != std::string::npos);
        // The compiler's error names the tree's file, not atscheck's copy of it.
        CHECK(r.err.find("kernel: " + (top / "drivers/pci/ats.c").string() + ":") !=
              std::string::npos);
        fs::remove_all(top);
    }
    SECTION("a header the stub does not provide") {
        const auto top = tree_with("header", "#include <linux/unheard_of.h>\n" +
                                                 filled({"", kPrepareNoop, kDisableWarns}));
        const auto r = run_cli("conform --kernel " + top.string());
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("linux/unheard_of.h") != std::string::npos);
        fs::remove_all(top);
    }
}

// ---- The SMMU layer: locating, fingerprinting and reading knobs ----

TEST_CASE("the C reader finds definitions, not prototypes, calls or macros") {
    const std::string src = "static int f(int a);\n"
                            "#define f(x) { x }\n"
                            "/* f(1) { in a comment } */\n"
                            "static int g(void) { return f(1); }\n"
                            "static int f(int a)\n"
                            "{\n"
                            "\tconst char *s = \"}\";\n"
                            "\tif (a) { return '}'; }\n"
                            "\treturn 0;\n"
                            "}\n";
    const auto t = atscheck::tokenize_c(src, "x.c");
    const auto f = atscheck::find_function(t, "f");
    REQUIRE(f);
    CHECK(f->first_line == 5);
    CHECK(f->last_line == 10);
    CHECK(atscheck::find_function(t, "g")->first_line == 4);
    CHECK_FALSE(atscheck::find_function(t, "h"));
}

TEST_CASE("a fingerprint ignores comments and layout, and sees any token change") {
    const auto fp = [](const std::string& src) {
        const auto t = atscheck::tokenize_c(src, "x.c");
        return atscheck::fingerprint(t, *atscheck::find_function(t, "f"));
    };
    const std::string base = fp("int f(void)\n{\n\treturn a + b;\n}\n");
    CHECK(fp("int f(void) { /* sum */ return a+b; // done\n}") == base);
    CHECK(fp("int f(void) { return a - b; }") != base);
    CHECK(fp("int f(void) { return a + b + 0; }") != base);
    CHECK(base.size() == 16);
}

TEST_CASE("the C reader names an unterminated comment or literal with its line") {
    CHECK_THROWS_WITH(atscheck::tokenize_c("int a;\n/* open", "x.c"),
                      Catch::Contains("x.c: line 2: unterminated comment"));
    CHECK_THROWS_WITH(atscheck::tokenize_c("int a;\n\nchar *s = \"open\n", "x.c"),
                      Catch::Contains("x.c: line 3: unterminated string literal"));
}

namespace {

struct SmmuFill {
    std::string probe, enable, always_on, helper = "";
};

const std::string kProbeAll = "\tpci_prepare_ats(to_pci_dev(dev), stu);";
const std::string kProbeSupported =
    "\tif (arm_smmu_ats_supported(master))\n\t\tpci_prepare_ats(to_pci_dev(dev), stu);";
const std::string kProbeFails = "\tif (arm_smmu_ats_supported(master)) {\n"
                                "\t\tret = pci_prepare_ats(to_pci_dev(dev), stu);\n"
                                "\t\tif (ret)\n\t\t\tgoto err_free_master;\n\t}";
const std::string kProbeUnguardedCheck =
    "\tret = pci_prepare_ats(to_pci_dev(dev), stu);\n\tif (ret)\n\t\tgoto err_free_master;";
const std::string kEnableDevErr =
    "\tif (pci_enable_ats(pdev, stu))\n"
    "\t\tdev_err(master->dev, \"Failed to enable ATS (STU %zu)\\n\", stu);";
const std::string kEnableWarn = "\tWARN_ON(pci_enable_ats(pdev, stu));";
const std::string kEnableUndo = "\tif (pci_enable_ats(pdev, stu))\n\t\tarm_smmu_undo_ats(master);";
const std::string kAlwaysOn = "\tmaster->ats_always_on = pci_ats_required(to_pci_dev(dev));";
// The series' shape: the probe calls a helper that calls pci_prepare_ats().
const std::string kProbeCallsHelper =
    "\tret = fixture_prepare_ats(master, stu);\n\tif (ret)\n\t\tgoto err_free_master;";
const std::string kHelperIgnores =
    "static int fixture_prepare_ats(struct arm_smmu_master *m, size_t stu)\n"
    "{\n\tif (!arm_smmu_ats_supported(m))\n\t\treturn 0;\n"
    "\tif (fixture_needs_tables(m))\n\t\tgoto prepare;\n"
    "\treturn fixture_alloc_tables(m);\nprepare:\n"
    "\tpci_prepare_ats(to_pci_dev(m->dev), stu);\n\treturn 0;\n}\n";
const std::string kHelperReturns =
    "static int fixture_prepare_ats(struct arm_smmu_master *m, size_t stu)\n"
    "{\n\tif (!arm_smmu_ats_supported(m))\n\t\treturn 0;\n"
    "\treturn pci_prepare_ats(to_pci_dev(m->dev), stu);\n}\n";

// A tree with the fixture ats.c (pf_aware, validate_stu) and arm-smmu-v3.c.
fs::path smmu_tree(const std::string& name, const SmmuFill& f) {
    const auto top = tree_with(name, filled({kPfAware, kPrepareValidate, kDisableWarns}));
    std::string s = slurp(fs::path(ATSCHECK_TEST_DATA) / "conform/arm-smmu-v3.c.in");
    s = replace(s, "@PROBE_PREPARE@", f.probe);
    s = replace(s, "@ENABLE@", f.enable);
    s = replace(s, "@ALWAYS_ON@", f.always_on);
    s = replace(s, "@HELPER@", f.helper);
    fs::create_directories(top / "drivers/iommu/arm/arm-smmu-v3");
    write_file(top / "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c", s);
    return top;
}

std::map<std::string, nlohmann::json> knobs_of(const nlohmann::json& j) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& k : j["smmu"]["knobs"])
        out[k["knob"]] = k["value"];
    return out;
}

} // namespace

TEST_CASE("conform reads the SMMU knobs where the code says so, and says where it cannot") {
    struct Want {
        SmmuFill fill;
        nlohmann::json probe, enable, always_on;
    };
    const nlohmann::json none;
    const Want wants[] = {
        {{kProbeAll, kEnableDevErr, ""}, "all_ignore_result", "dev_err", "off"},
        {{kProbeSupported, kEnableWarn, ""}, "supported_ignore_result", "warn", "off"},
        {{kProbeFails, kEnableWarn, kAlwaysOn}, "supported_fail_probe", "warn", none},
        {{kProbeUnguardedCheck, kEnableUndo, ""}, none, none, "off"},
        {{kProbeCallsHelper, kEnableWarn, "", kHelperIgnores},
         "supported_ignore_result",
         "warn",
         "off"},
        {{kProbeCallsHelper, kEnableWarn, "", kHelperReturns},
         "supported_fail_probe",
         "warn",
         "off"},
        {{"", kEnableWarn, "", kHelperReturns}, none, "warn", "off"}, // the probe never calls it
    };
    int n = 0;
    for (const auto& w : wants) {
        const auto top = smmu_tree("smmu-" + std::to_string(n++), w.fill);
        const auto r = run_cli("conform --kernel " + top.string() + " --format json");
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        const auto knobs = knobs_of(nlohmann::json::parse(r.out));
        CHECK(knobs.at("probe_prepare") == w.probe);
        CHECK(knobs.at("enable_failure") == w.enable);
        CHECK(knobs.at("ats_always_on") == w.always_on);
        fs::remove_all(top);
    }
}

TEST_CASE("conform fingerprints every mirrored function and reports a renamed one, exit 1") {
    const auto top = smmu_tree("smmu-fp", {kProbeFails, kEnableWarn, ""});
    const auto j =
        nlohmann::json::parse(run_cli("conform --kernel " + top.string() + " --format json").out);
    for (const auto& f : j["smmu"]["functions"]) {
        INFO(f.dump());
        const std::string file = f["file"];
        const bool have =
            file == "drivers/pci/ats.c" || file == "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
        CHECK(f["found"] == have); // the fixture tree has no iommufd, SVA or core file
        if (!have)
            CHECK(f["missing"] == "no " + file + " in this tree");
    }
    // Renaming a mirrored function in a file the tree has fails the conformance.
    const fs::path smmu = top / "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
    std::string text = slurp(smmu);
    text =
        replace(text, "static void arm_smmu_attach_commit(", "static void arm_smmu_attach_finish(");
    write_file(smmu, text);
    const auto r = run_cli("conform --kernel " + top.string());
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("arm_smmu_attach_commit          MISSING: not defined in "
                     "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c (removed or renamed?)") !=
          std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("conform --emit-revision drafts a revision that loads once its unrecognised fields are "
          "filled") {
    const auto top = smmu_tree("smmu-draft", {kProbeFails, kEnableWarn, kAlwaysOn});
    const auto out = top / "drafted.json";
    const auto r = run_cli("conform --kernel " + top.string() + " --emit-revision " + out.string());
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("fill in ats_always_on") != std::string::npos);
    auto rev = nlohmann::json::parse(slurp(out));
    CHECK(rev["ats_supported"] == "pf_aware");
    CHECK(rev["prepare_vf"] == "validate_stu");
    CHECK(rev["probe_prepare"] == "supported_fail_probe");
    CHECK(rev["enable_failure"] == "warn");
    CHECK_FALSE(rev.contains("ats_always_on"));
    CHECK(rev["kernel"]["unrecognised"] == nlohmann::json::array({"ats_always_on"}));
    CHECK(rev["kernel"]["fingerprints"].contains("arm_smmu_attach_commit"));
    CHECK(rev["kernel"]["tree"] == "unknown"); // no git, no Makefile
    // As drafted it does not load; filled in, it does.
    const auto check = [&] {
        return run_cli("check -r " + out.string() + " -s pf-vf -e explicit");
    };
    const auto before = check();
    CHECK(before.exit_code == 2);
    CHECK(before.err.find("kernel.unrecognised") != std::string::npos);
    rev["ats_always_on"] = "final";
    rev["kernel"]["unrecognised"] = nlohmann::json::array();
    write_file(out, rev.dump(2));
    CHECK(check().exit_code != 2);
    fs::remove_all(top);
}

TEST_CASE("ci --kernel fails before any engine runs when a fingerprinted body changed") {
    const auto top = smmu_tree("smmu-drift", {kProbeFails, kEnableWarn, ""});
    const auto rev = top / "drafted.json";
    REQUIRE(run_cli("conform --kernel " + top.string() + " --emit-revision " + rev.string())
                .exit_code == 0);
    // A manifest naming the tree; the expectation is the verdict on this tree.
    write_file(top / "manifest.json",
               R"({"kernel": ".", "checks": [{"revision": "drafted.json", "scenario": "pf-vf-real",
                   "expect": {"enable_never_fails": "holds"}}]})");
    const std::string ci = "ci " + (top / "manifest.json").string();
    CHECK(run_cli(ci).exit_code == 0);
    const fs::path smmu = top / "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
    const std::string original = slurp(smmu);
    SECTION("comments and layout are no change") {
        write_file(smmu, replace(original, "\tmaster->ats_enabled = state->ats_enabled;",
                                 "\tmaster->ats_enabled =\n\t\tstate->ats_enabled; /* kept */"));
        CHECK(run_cli(ci).exit_code == 0);
    }
    SECTION("a changed body names the function, the revision and both fingerprints") {
        write_file(smmu, replace(original, "\tmaster->ats_enabled = state->ats_enabled;",
                                 "\tmaster->ats_enabled = true;"));
        const auto sarif = top / "drift.sarif";
        const auto r = run_cli(ci + " --sarif " + sarif.string());
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("no engine was run") != std::string::npos);
        CHECK(r.out.find("arm_smmu_attach_commit changed since revision kernel-unknown was checked "
                         "against it (fingerprint ") != std::string::npos);
        CHECK(r.out.find("): review the model") != std::string::npos);
        CHECK(r.err.find("[1/1]") == std::string::npos); // no cell ran
        const auto j = nlohmann::json::parse(slurp(sarif));
        const auto& loc = j["runs"][0]["results"][0]["locations"][0];
        CHECK(loc["logicalLocations"][0]["name"] == "arm_smmu_attach_commit");
        const std::string before =
            original.substr(0, original.find("arm_smmu_attach_commit(struct"));
        CHECK(loc["physicalLocation"]["region"]["startLine"] ==
              std::count(before.begin(), before.end(), '\n') + 1);
        CHECK(loc["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().find(
                  "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c") != std::string::npos);
    }
    SECTION("a function gone from its file") {
        write_file(smmu, replace(original, "arm_smmu_attach_dev_blocked(", "arm_smmu_block("));
        const auto r = run_cli(ci);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("arm_smmu_attach_dev_blocked is gone from "
                         "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c (removed or renamed?)") !=
              std::string::npos);
    }
    SECTION("--kernel names another tree") {
        const auto other = smmu_tree("smmu-other", {kProbeFails, kEnableDevErr, ""});
        const auto r = run_cli(ci + " --kernel " + other.string());
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("arm_smmu_enable_ats changed") != std::string::npos);
        fs::remove_all(other);
    }
    fs::remove_all(top);
}

TEST_CASE("ci --kernel on a manifest without fingerprints says there is nothing to compare") {
    const auto top = fresh_dir("conform-nofp");
    write_file(top / "manifest.json", R"({"checks": [{"revision": "merged", "scenario": "pf-vf",
                   "expect": {"enable_never_fails": "holds"}}]})");
    const auto r = run_cli("ci " + (top / "manifest.json").string() + " --kernel " + top.string());
    CHECK(r.exit_code == 0); // the gate runs as without --kernel
    CHECK(r.err.rfind("atscheck: ci: no revision of ", 0) == 0);
    CHECK(r.err.find("carries fingerprints") != std::string::npos);
    fs::remove_all(top);
}

TEST_CASE("conform takes a tree whose path has spaces and quotes") {
    const auto top = tree_with("it's a tree", filled({kPfAware, kPrepareValidate, kDisableWarns}));
    const auto r = run_cli("conform --kernel " + atscheck::shell_quoted(top.string()) +
                           " --emit-revision " + atscheck::shell_quoted((top / "r.json").string()));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("this ats.c implements ats_supported pf_aware, prepare_vf validate_stu") !=
          std::string::npos);
    CHECK(fs::exists(top / "r.json"));
    fs::remove_all(top);
}
