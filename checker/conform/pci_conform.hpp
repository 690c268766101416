// atscheck conform, the PCI layer: a tree's drivers/pci/ats.c compiled against
// atscheck's stub of the kernel surface (checker/conform/stub/), its four ATS
// helpers run on every case, and each case compared with the model's PCI rules
// (model/pci_ats.hpp) under every combination of the revision knobs that shape
// them. docs/conformance.md describes what is and is not compared.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/kernel_site.hpp"
#include "model/system.hpp"

namespace atscheck {

// One side of a case: a device's ATS fields before the call.
struct PciSide {
    bool cap = false, untrusted = false, enabled = false;
    int stu = 0;
};

// What a helper call observably did.
struct PciOutcome {
    int ret = 0;
    bool warned = false;
    bool enabled = false; // the device's ats_enabled afterwards
    int stu = 0;          // its ats_stu afterwards
    bool wrote = false;   // it wrote the device's config space
    bool operator==(const PciOutcome&) const = default;
};

struct PciCase {
    std::string helper; // pci_ats_supported, pci_prepare_ats, pci_enable_ats, pci_disable_ats
    bool vf = false;    // the device is a VF of `pf`
    PciSide dev, pf;
    int ps = 0; // the page shift passed (prepare and enable)
    PciOutcome kernel;
    int warn_line = 0; // where the tree's WARN_ON fired, if it did
};

// The model's PCI knobs: the revision fields the PCI rules read.
struct PciKnobs {
    AtsSupported ats_supported;
    PrepareVf prepare_vf;
};

struct PciDisagreement {
    const PciCase* at;
    PciOutcome model;
};

struct PciCombination {
    PciKnobs knobs;
    std::vector<PciDisagreement> disagreements;
};

struct PciConformance {
    std::string ats_c; // the file compared
    std::vector<PciCase> cases;
    std::vector<PciCombination> combinations;        // fewest disagreements first
    std::map<std::string, std::set<int>> warn_lines; // per helper, as found in the file
    bool conforms() const { return combinations.front().disagreements.empty(); }
    // The helper's WARN_ON line when the file has exactly one, else 0.
    int warn_line(const KernelFunction& helper) const;
};

// The revision this ats.c shows: the PCI knobs of the best combination and
// the WARN lines found (the defaults where a helper has none or several).
// The SMMU lockstep varies the SMMU knobs over it.
Revision pci_revision(const PciConformance& pci);

// Throws InputError (exit 2) for a tree without ats.c, or a file that does not
// compile or run against the stub (with the compiler's first error).
PciConformance conform_pci(const std::string& kernel_dir);

// One line per case: its inputs, the kernel's result and the model's.
std::string describe(const PciDisagreement& d);
std::string describe(const PciKnobs& k);

} // namespace atscheck
