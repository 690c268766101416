// A tree's compiled code, built once per content: the SMMU slice's harness
// and the PCI knobs and WARN lines its ats.c was found to implement, kept
// under $ATSCHECK_CACHE_DIR (else $XDG_CACHE_HOME/atscheck, else
// ~/.cache/atscheck) by a fingerprint of everything the build reads: the
// tree's driver files and ats.c, atscheck's stub of the kernel, its version
// and $CC. `check --kernel` on a tree already built compiles nothing.
#pragma once

#include <filesystem>
#include <string>

#include "checker/conform/pci_conform.hpp"
#include "checker/conform/smmu_slice.hpp"
#include "model/system.hpp"

namespace atscheck {

struct CompiledTree {
    SmmuSlice slice; // its exe in the cache (or in `scratch` without one)
    Revision pci;    // pci_revision() of the tree's ats.c
    bool from_cache = false;
};

// `scratch` holds the build when no cache directory can be written; `pci`
// is the tree's ats.c conformance where the caller has it already.
CompiledTree compiled_tree(const std::string& kernel_dir, const std::filesystem::path& scratch,
                           const PciConformance* pci = nullptr);

} // namespace atscheck
