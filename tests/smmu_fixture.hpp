// The trees the SMMU tests run atscheck on: a fixture driver of atscheck's
// own writing (tests/data/conform/smmu/) in the variants a patch series
// makes, and Debian's linux-source-6.12, where it is installed, unpacked once
// into the build tree (copies of it patched by exact hunks).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "checker/conform/shell.hpp"
#include "helpers.hpp"

namespace smmu_fixture {

namespace fs = std::filesystem;
using namespace atscheck::test;

inline const fs::path kData = fs::path(ATSCHECK_TEST_DATA) / "conform";
inline constexpr const char* kSmmuDir = "drivers/iommu/arm/arm-smmu-v3";

inline std::string substitute(std::string s, const std::string& from, const std::string& to) {
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// The answers to a failed pci_enable_ats() a series might give.
inline const std::string kOnFailureDevErr =
    "\tif (pci_enable_ats(pdev, stu)) {\n"
    "\t\tdev_err(master->dev, \"Failed to enable ATS\\n\");\n"
    "\t\treturn -EIO;\n\t}\n\treturn 0;";
inline const std::string kOnFailureWarn = "\tif (WARN_ON(pci_enable_ats(pdev, stu)))\n"
                                          "\t\treturn -EIO;\n\treturn 0;";
inline const std::string kOnFailureReturn = "\treturn pci_enable_ats(pdev, stu);";
inline const std::string kCommitIgnores = "\t\tarm_smmu_enable_ats(master);";
inline const std::string kCommitRollsBack =
    "\t\tif (arm_smmu_enable_ats(master)) {\n"
    "\t\t\tatomic_dec(&to_smmu_domain_devices(state->new_domain)->nr_ats_masters);\n"
    "\t\t\tstate->ats_enabled = false;\n\t\t}";
inline const std::string kTail = "\tarm_smmu_remove_master_domain(master, state->old_domain);\n"
                                 "\tmaster->ats_enabled = state->ats_enabled;";
inline const std::string kTailReordered =
    "\tmaster->ats_enabled = state->ats_enabled;\n"
    "\tarm_smmu_remove_master_domain(master, state->old_domain);";
inline const std::string kProbeIgnores =
    "\tif (dev_is_pci(dev))\n"
    "\t\tpci_prepare_ats(to_pci_dev(dev), __ffs(master->smmu->pgsize_bitmap));";
inline const std::string kProbeFatal =
    "\tif (dev_is_pci(dev) && arm_smmu_ats_supported(master)) {\n"
    "\t\tret = pci_prepare_ats(to_pci_dev(dev), __ffs(master->smmu->pgsize_bitmap));\n"
    "\t\tif (ret)\n\t\t\tgoto err_free_master;\n\t}";

struct Variant {
    std::string enable = kOnFailureDevErr, commit = kCommitIgnores, tail = kTail,
                probe = kProbeIgnores;
};

// A tree of the fixture driver, its header and an ats.c like 6.12's
// (PF-aware, a VF's prepare a no-op, disable WARNs).
inline fs::path fixture_tree(const std::string& name, const Variant& v) {
    const fs::path top = fresh_dir("lockstep-" + name);
    fs::create_directories(top / "drivers/pci");
    fs::create_directories(top / kSmmuDir);
    std::string ats = slurp(kData / "ats.c.in");
    ats = substitute(ats, "@SUPPORTED_VF@",
                     "\tif (pdev->is_virtfn)\n\t\treturn pci_ats_supported(pci_physfn(pdev));");
    ats = substitute(ats, "@PREPARE_VF@", "\tif (pdev->is_virtfn)\n\t\treturn 0;");
    ats = substitute(ats, "@DISABLE_CHECK@", "\tif (WARN_ON(!pdev->ats_enabled))\n\t\treturn;");
    write_file(top / "drivers/pci/ats.c", ats);
    write_file(top / kSmmuDir / "arm-smmu-v3.h", slurp(kData / "smmu/arm-smmu-v3.h.in"));
    std::string c = slurp(kData / "smmu/arm-smmu-v3.c.in");
    c = substitute(c, "@ENABLE@", v.enable);
    c = substitute(c, "@COMMIT_ENABLE@", v.commit);
    c = substitute(c, "@COMMIT_TAIL@", v.tail);
    c = substitute(c, "@PROBE_PREPARE@", v.probe);
    write_file(top / kSmmuDir / "arm-smmu-v3.c", c);
    return top;
}

// Debian's linux-source-6.12 (scripts/deps.sh --test installs it): its SMMU
// driver, header, ats.c and iommu.c unpacked once into the build tree; empty,
// with a warning, where it is not installed.
inline fs::path debian_612() {
    const fs::path tarball = "/usr/src/linux-source-6.12.tar.xz";
    const fs::path top = fs::path(ATSCHECK_TEST_BUILD) / "linux-source-6.12";
    if (!fs::exists(tarball)) {
        WARN("linux-source-6.12 is not installed (scripts/deps.sh --test installs it)");
        return {};
    }
    if (fs::exists(top / kSmmuDir / "arm-smmu-v3.c"))
        return top;
    const std::string members = " linux-source-6.12/Makefile linux-source-6.12/drivers/pci/ats.c"
                                " linux-source-6.12/drivers/iommu/iommu.c"
                                " linux-source-6.12/" +
                                std::string(kSmmuDir);
    const std::string cmd = "tar -C " + atscheck::shell_quoted(ATSCHECK_TEST_BUILD) + " -xJf " +
                            tarball.string() + members;
    REQUIRE(std::system(cmd.c_str()) == 0);
    return top;
}

// A copy of the Debian tree with `hunks` (each an exact text and its
// replacement) applied to its arm-smmu-v3.c.
inline fs::path patched_612(const fs::path& top, const std::string& name,
                            const std::vector<std::pair<std::string, std::string>>& hunks) {
    const fs::path copy = fresh_dir("lockstep-612-" + name);
    fs::copy(top, copy, fs::copy_options::recursive);
    const fs::path c = copy / kSmmuDir / "arm-smmu-v3.c";
    std::string text = slurp(c);
    for (const auto& [from, to] : hunks)
        text = substitute(text, from, to);
    write_file(c, text);
    return copy;
}

} // namespace smmu_fixture
