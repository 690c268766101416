// atscheck conform on fixture trees: an ats.c of atscheck's own writing
// (tests/data/conform/ats.c.in) filled in for each knob combination, one with
// a rule of its own, and trees that do not build.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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
        const auto j = nlohmann::json::parse(r.out);
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
    while (std::getline(lines, line) && line.rfind("  pci_", 0) == 0) {
        ++listed;
        INFO(line);
        CHECK(line.rfind("  pci_disable_ats(", 0) == 0);
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
