// atscheck conform --emit-revision: a revision JSON drafted from what conform
// read in a tree (the knobs, ats.c's WARN lines, the fingerprints of the
// mirrored functions, the tree's identity). A field it could not read is left
// out and listed in kernel.unrecognised, so the file does not load until a
// person fills it in (checker/input/load.cpp).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/conform/knob_reading.hpp"
#include "checker/conform/pci_conform.hpp"
#include "checker/conform/smmu_conform.hpp"

namespace atscheck {

// `git describe --always --dirty` of a git tree; else the version of its
// top Makefile (VERSION.PATCHLEVEL.SUBLEVEL EXTRAVERSION); else "unknown".
std::string tree_identity(const std::string& kernel_dir);

struct RevisionDraft {
    nlohmann::json revision;
    std::vector<std::string> unrecognised; // the revision fields left out
};

// `tree` is the tree's identity (tree_identity()); `knobs` the SMMU knobs
// as decided from behaviour and patterns (checker/conform/knob_reading.hpp).
// Actions unavailable on the tree (a later era's functions) are listed in
// kernel.unavailable with why.
RevisionDraft draft_revision(const std::string& kernel_dir, const std::string& tree,
                             const PciConformance& pci, const SmmuConformance& smmu,
                             const std::vector<KnobFinding>& knobs);

} // namespace atscheck
