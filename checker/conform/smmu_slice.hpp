// The SMMU driver's ATS slice of a tree, compiled: the functions the model's
// SMMU actions reach in the tree's arm-smmu-v3.c, taken from the tree as they
// are, with the tree's own arm-smmu-v3.h and ats.c, against atscheck's stub of
// the kernel (checker/conform/stub/atscheck_iommu.h). What they call of the
// driver's own that only touches hardware (STE and CD writes, command queues,
// ATC invalidation) is replaced by a stub that records the call, generated
// from the tree's prototype. ../shared/reference/smmu-ats-slice.md lists what
// each action reaches; docs/conformance.md says what is compared.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "checker/conform/smmu_conform.hpp"
#include "model/kernel_site.hpp"

namespace atscheck {

// One function of the slice: run from the tree, or stubbed, and why.
struct SliceFunction {
    std::string name;
    bool from_tree = false;
    int line = 0;    // its definition in the tree's `file`
    std::string why; // for a stub: what it does in the kernel and what stands in
    std::string file = kSmmuFile;
};

// The eras of the driver the lockstep knows (smmu-ats-slice.md sections 1, 2).
enum class SmmuEra {
    MasterDomainLists,  // 6.12: master_domain lists and an atomic nr_ats_masters
    InvalidationArrays, // the series: per-domain invs arrays besides the lists
};
const char* describe(SmmuEra era);

struct SmmuSlice {
    SmmuEra era = SmmuEra::MasterDomainLists;
    std::vector<SliceFunction> functions; // file order
    std::filesystem::path exe;            // the harness, in the caller's directory
    // Whether the harness drives PASID attaches and detaches (the tree's
    // set_dev_pasid has the prototype it knows), and SVA domains' too.
    bool pasid = false, sva = false;
};

// Throws InputError (exit 2) when the tree lacks the driver's files, or a
// function the lockstep drives, or the slice does not compile.
SmmuSlice build_smmu_slice(SourceTree& tree, const std::filesystem::path& dir);

} // namespace atscheck
